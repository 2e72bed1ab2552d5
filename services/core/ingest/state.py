"""What a refold reads, for all its orders at once: one round trip (ingest's second statement)."""

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import asyncpg
from sqlalchemy.ext.asyncio import AsyncSession

from services.core.cases.shapes import CaseRow, ClockRow
from services.core.domain.cases import Fact
from services.core.domain.clocks import EventRef
from services.core.sellers import policies
from services.core.sellers.policies import VersionedPolicy


@dataclass(frozen=True)
class First:
    """The stored first copy of an event that came again."""

    body_hash: str
    answer: dict[str, Any] | None
    received_at: datetime


@dataclass(frozen=True)
class Endpoint:
    """A live webhook endpoint, as the outbox needs it."""

    id: uuid.UUID
    event_types: list[str]


@dataclass
class OrderState:
    """What the refolds read, for all their orders at once."""

    events: dict[str, list[Fact]]
    orders: dict[str, tuple[Any, ...]]
    cases: dict[str, list[CaseRow]]
    clocks: dict[uuid.UUID, list[ClockRow]]
    bookmarks: dict[uuid.UUID, datetime]
    policy: tuple[int, str] | None
    endpoints: list[Endpoint]
    firsts: dict[str, First]


_ORDER_COLUMNS = (
    "facts",
    "replacement_of",
    "ordered_at",
    "negative_feedback_at",
    "claim_opened_at",
    "claim_outcome",
    "claim_closed_at",
    "chargeback_at",
)
_CASE_COLUMNS = tuple(CaseRow.__dataclass_fields__)
# A clock's columns, then its bookmark's fired_through (ClockRow's last field) and next_fire_at.
_CLOCK_COLUMNS = tuple(ClockRow.__dataclass_fields__)[:-1]
# One round trip: each part an array of rows. Arrays inside a row come as JSON, which asyncpg
# decodes in a row where it cannot decode an array.
_READ = f"""
    SELECT
      ARRAY(SELECT ROW(order_id, event_id, type, occurred_at, data) FROM events
            WHERE seller_id = $1 AND order_id = ANY($2::text[])),
      ARRAY(SELECT ROW(order_id, marketplace, {", ".join(_ORDER_COLUMNS)}) FROM orders
            WHERE seller_id = $1 AND order_id = ANY($2::text[])),
      ARRAY(SELECT ROW({
    ", ".join(_CASE_COLUMNS)
}) FROM cases WHERE seller_id = $1 AND order_id = ANY($2::text[])),
      ARRAY(SELECT ROW({
    ", ".join(
        f"to_jsonb(k.{c})" if c in ("warning_percents", "fire_offsets") else f"k.{c}" for c in _CLOCK_COLUMNS
    )
}, coalesce(b.fired_through, 0), b.next_fire_at)
            FROM cases c JOIN clocks k ON k.case_id = c.id LEFT JOIN clock_bookmarks b ON b.clock_id = k.id
            WHERE c.seller_id = $1 AND c.order_id = ANY($2::text[])),
      (SELECT ROW(version, md5(document::text)) FROM policy_versions WHERE seller_id = $1
       ORDER BY version DESC LIMIT 1),
      ARRAY(SELECT ROW(id, to_jsonb(event_types)) FROM webhook_endpoints WHERE seller_id = $1 AND disabled_at IS NULL),
      ARRAY(SELECT ROW(event_id, body_hash, answer, received_at) FROM events
            WHERE cardinality($4::text[]) > 0 AND seller_id = $1 AND source = $3 AND event_id = ANY($4::text[]))
"""


async def read_state(
    connection: asyncpg.Connection,
    seller_id: uuid.UUID,
    source: str,
    order_ids: list[str],
    repeats: list[str],
) -> OrderState:
    events, orders, cases, clocks, policy, endpoints, firsts = await connection.fetchrow(
        _READ, seller_id, order_ids, source, repeats
    )
    state = OrderState(
        {o: [] for o in order_ids},
        {},
        {o: [] for o in order_ids},
        {},
        {},
        policy,
        [Endpoint(e[0], e[1] or []) for e in endpoints],
        {f[0]: First(f[1], f[2], f[3]) for f in firsts},
    )
    for order_id, event_id, type_, occurred_at, data in events:
        state.events[order_id].append(Fact(EventRef(event_id, type_, occurred_at), data))
    for row in orders:
        state.orders[row[0]] = row[1:]
    for row in cases:
        case = CaseRow(*row)
        state.cases[case.order_id].append(case)
        state.clocks[case.id] = []
    for row in clocks:
        clock = ClockRow(*row[:-1])
        state.clocks[clock.case_id].append(clock)
        if row[-1] is not None:
            state.bookmarks[clock.id] = row[-1]
    return state


async def policy_in_force(
    session: AsyncSession, seller_id: uuid.UUID, latest: tuple[int, str] | None
) -> VersionedPolicy:
    """The version in force: parsed once per process, and loaded only when this process has not."""
    if latest is None:
        raise LookupError(f"seller {seller_id} has no policy")
    return policies.known(seller_id, *latest) or await policies.current(session, seller_id)
