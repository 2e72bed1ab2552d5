"""Outbound events, written in the same transaction as the change that causes them.

Each event gets one delivery row per endpoint that wants it; each new delivery asks the
doorbell for its `deliver` job, which the unit of work rings after the commit.
"""

import json
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import bindparam, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from services.core.domain.retries import DeliveryState
from services.core.kit import doorbell
from services.core.kit.ids import new_id
from services.core.models import WebhookEndpoint

OUTBOUND_TYPES: tuple[str, ...] = (
    "case.opened",
    "case.updated",
    "case.closed",
    "case.escalated",
    "clock.warning",
    "clock.breached",
    "task.created",
    "reminder.due",
    "message.send_requested",
    "gap.detected",
)
# The worker's job that sends one delivery, by id (workers/deliveries.py registers it so).
DELIVER = "deliver"
_ENDPOINTS = "aftersales.endpoints"


async def _endpoints(session: AsyncSession, seller_id: uuid.UUID) -> list[WebhookEndpoint]:
    cache: dict[uuid.UUID, list[WebhookEndpoint]] = session.info.setdefault(_ENDPOINTS, {})
    if seller_id not in cache:
        cache[seller_id] = list(await session.scalars(_LIVE_ENDPOINTS, {"seller_id": seller_id}))
    return cache[seller_id]


# Every outbound event's writer runs it: built once.
_LIVE_ENDPOINTS = select(WebhookEndpoint).where(
    WebhookEndpoint.seller_id == bindparam("seller_id"), WebhookEndpoint.disabled_at.is_(None)
)


@dataclass(frozen=True)
class Outbound:
    seller_id: uuid.UUID
    type: str
    # The event's data as JSON text, serialised once where it is made: a burst holds
    # thousands of these at a time, and text is a fraction of the dicts' memory.
    data_json: str
    case_id: uuid.UUID | None = None


# Many events in two statements: the sweep fires hundreds of clocks per transaction, and the
# unit of work would flush them one row, and one round trip, at a time.
_INSERT_EVENTS = text("""
    INSERT INTO outbound_events (id, seller_id, message_id, type, case_id, payload, created_at)
    SELECT id, seller_id, message_id, type, case_id, payload::jsonb, :now
    FROM unnest(CAST(:ids AS uuid[]), CAST(:sellers AS uuid[]), CAST(:message_ids AS text[]), CAST(:types AS text[]),
                CAST(:cases AS uuid[]), CAST(:payloads AS text[])) AS e(id, seller_id, message_id, type, case_id, payload)
""")
_INSERT_DELIVERIES = text("""
    INSERT INTO deliveries (id, seller_id, endpoint_id, event_id, state, attempt, next_attempt_at, created_at, updated_at)
    SELECT id, seller_id, endpoint_id, event_id, :state, 0, :now, :now, :now
    FROM unnest(CAST(:ids AS uuid[]), CAST(:sellers AS uuid[]), CAST(:endpoints AS uuid[]), CAST(:events AS uuid[]))
         AS d(id, seller_id, endpoint_id, event_id)
""")


async def emit(
    session: AsyncSession,
    seller_id: uuid.UUID,
    type_: str,
    data: dict[str, Any],
    now: datetime,
    case_id: uuid.UUID | None = None,
) -> str:
    """One outbound event and its deliveries; the Standard Webhooks message id."""
    [message_id] = await emit_many(session, [Outbound(seller_id, type_, json.dumps(data), case_id)], now)
    return message_id


async def emit_many(session: AsyncSession, outbound: Sequence[Outbound], now: datetime) -> list[str]:
    """Outbound events and a delivery for each endpoint that wants one, in two statements; the
    deliveries' ids are rung after the commit. The events' message ids, in order."""
    endpoints = {
        seller: await _endpoints(session, seller) for seller in {item.seller_id for item in outbound}
    }
    rows = outbox_rows(session, outbound, endpoints, now)
    if rows.events["ids"]:
        await session.execute(_INSERT_EVENTS, {**rows.events, "now": now})
    if rows.deliveries["ids"]:
        await session.execute(
            _INSERT_DELIVERIES, {**rows.deliveries, "now": now, "state": DeliveryState.PENDING.value}
        )
    return rows.message_ids


class Listener(Protocol):
    """An endpoint as the outbox needs it: a row, or the few columns ingest reads with its state."""

    id: uuid.UUID
    event_types: list[str]


@dataclass(frozen=True)
class OutboxRows:
    """Outbound events and their deliveries as columns, for one `unnest` insert each."""

    events: dict[str, list[Any]]
    deliveries: dict[str, list[Any]]
    message_ids: list[str]


def outbox_rows(
    session: AsyncSession,
    outbound: Sequence[Outbound],
    endpoints: Mapping[uuid.UUID, Sequence[Listener]],
    now: datetime,
) -> OutboxRows:
    """The rows of `outbound` and of a delivery for each endpoint that wants one; the deliveries
    are rung after the commit."""
    events: dict[str, list[Any]] = {
        "ids": [],
        "sellers": [],
        "message_ids": [],
        "types": [],
        "cases": [],
        "payloads": [],
    }
    deliveries: dict[str, list[Any]] = {"ids": [], "sellers": [], "endpoints": [], "events": []}
    stamp = json.dumps(now.isoformat())
    # Every event of a type shares the envelope's start: the sweep writes hundreds per batch.
    heads = {
        type_: f'{{"type": {json.dumps(type_)}, "timestamp": {stamp}, "data": '
        for type_ in {i.type for i in outbound}
    }
    for item in outbound:
        assert item.type in OUTBOUND_TYPES, item.type
        event_id = new_id()
        events["ids"].append(event_id)
        events["sellers"].append(item.seller_id)
        # Unique as the event id is, so one random draw serves both.
        events["message_ids"].append(f"msg_{event_id.hex}")
        events["types"].append(item.type)
        events["cases"].append(item.case_id)
        events["payloads"].append(heads[item.type] + item.data_json + "}")
        for endpoint in endpoints.get(item.seller_id, ()):
            if endpoint.event_types and item.type not in endpoint.event_types:
                continue
            delivery_id = new_id()
            deliveries["ids"].append(delivery_id)
            deliveries["sellers"].append(item.seller_id)
            deliveries["endpoints"].append(endpoint.id)
            deliveries["events"].append(event_id)
    doorbell.after_commit(session, DELIVER, *deliveries["ids"])
    return OutboxRows(events, deliveries, events["message_ids"])
