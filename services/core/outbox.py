"""Outbound events, written in the same transaction as the change that causes them.

Each event gets one delivery row per endpoint that wants it; the ids of new deliveries are
collected on the session so the caller can ring the doorbell (arq) after the commit.
"""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.core.domain.retries import DeliveryState
from services.core.models import Delivery, OutboundEvent, WebhookEndpoint

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
DOORBELL = "aftersales.deliveries"
_ENDPOINTS = "aftersales.endpoints"


async def _endpoints(session: AsyncSession, seller_id: uuid.UUID) -> list[WebhookEndpoint]:
    cache: dict[uuid.UUID, list[WebhookEndpoint]] = session.info.setdefault(_ENDPOINTS, {})
    if seller_id not in cache:
        cache[seller_id] = list(
            await session.scalars(
                select(WebhookEndpoint).where(
                    WebhookEndpoint.seller_id == seller_id, WebhookEndpoint.disabled_at.is_(None)
                )
            )
        )
    return cache[seller_id]


async def emit(
    session: AsyncSession,
    seller_id: uuid.UUID,
    type_: str,
    data: dict[str, Any],
    now: datetime,
    case_id: uuid.UUID | None = None,
) -> OutboundEvent:
    assert type_ in OUTBOUND_TYPES, type_
    event = OutboundEvent(
        id=uuid.uuid4(),
        seller_id=seller_id,
        message_id=f"msg_{uuid.uuid4().hex}",
        type=type_,
        case_id=case_id,
        payload={"type": type_, "timestamp": now.isoformat(), "data": data},
        created_at=now,
    )
    session.add(event)
    for endpoint in await _endpoints(session, seller_id):
        if endpoint.event_types and type_ not in endpoint.event_types:
            continue
        delivery = Delivery(
            id=uuid.uuid4(),
            seller_id=seller_id,
            endpoint_id=endpoint.id,
            event=event,
            state=DeliveryState.PENDING.value,
            attempt=0,
            next_attempt_at=now,
            created_at=now,
            updated_at=now,
        )
        session.add(delivery)
        ring_after_commit(session, delivery.id)
    return event


def ring_after_commit(session: AsyncSession, delivery_id: uuid.UUID) -> None:
    session.info.setdefault(DOORBELL, []).append(delivery_id)


def rung_deliveries(session: AsyncSession) -> list[uuid.UUID]:
    """The deliveries this unit of work created; read after the commit to ring the doorbell."""
    return list(session.info.pop(DOORBELL, []))
