"""Unmatched deliveries (DOMAIN.md, outside systems): signed inbound deliveries that became no
event, kept with the reason for the seller to see. A person attaches an order to one that named
none, and it becomes events exactly as if it had named the order; the purge drops them after the
policy's `producers.unmatched_days`."""

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, delete, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.core.kit import cursors
from services.core.kit.errors import NotFound
from services.core.models import InboundWebhook, Producer
from services.core.producers import inbound
from services.core.sellers import policies

UNMATCHED = InboundWebhook.unmatched_reason.is_not(None)


class UnmatchedNotFound(NotFound):
    def __init__(self, unmatched_id: uuid.UUID) -> None:
        super().__init__(f"no unmatched delivery {unmatched_id} on this account")


@dataclass(frozen=True)
class Attached:
    delivery: InboundWebhook
    replayed: bool


async def list_unmatched(
    session: AsyncSession,
    seller_id: uuid.UUID,
    *,
    producer_id: uuid.UUID | None,
    reason: str | None,
    since: datetime | None,
    state: str,
    limit: int,
    cursor: str | None,
) -> tuple[list[InboundWebhook], str | None]:
    """Newest first; state is open (no order attached yet), attached or all."""
    query = select(InboundWebhook).where(InboundWebhook.seller_id == seller_id, UNMATCHED)
    if producer_id:
        query = query.where(InboundWebhook.producer_id == producer_id)
    if reason:
        query = query.where(InboundWebhook.unmatched_reason == reason)
    if since:
        query = query.where(InboundWebhook.received_at >= since)
    if state != "all":
        attached = InboundWebhook.attached_at.is_not(None)
        query = query.where(attached if state == "attached" else ~attached)
    if cursor:
        at, id_ = cursors.decode(cursor, 2)
        at = datetime.fromisoformat(at)
        query = query.where(
            or_(
                InboundWebhook.received_at < at,
                and_(InboundWebhook.received_at == at, InboundWebhook.id < uuid.UUID(id_)),
            )
        )
    rows = list(
        await session.scalars(
            query.order_by(InboundWebhook.received_at.desc(), InboundWebhook.id.desc()).limit(limit + 1)
        )
    )
    last = rows[limit - 1] if len(rows) > limit else None
    return rows[:limit], cursors.encode(last.received_at.isoformat(), last.id) if last else None


async def get(
    session: AsyncSession, seller_id: uuid.UUID, unmatched_id: uuid.UUID, lock: bool = False
) -> InboundWebhook:
    query = select(InboundWebhook).where(
        InboundWebhook.id == unmatched_id, InboundWebhook.seller_id == seller_id, UNMATCHED
    )
    found = await session.scalar(query.with_for_update() if lock else query)
    if found is None:
        raise UnmatchedNotFound(unmatched_id)
    return found


async def attach(
    session: AsyncSession, seller_id: uuid.UUID, unmatched_id: uuid.UUID, order_id: str, now: datetime
) -> Attached:
    """Translate the kept delivery again with the order a person names, and apply its events.
    A repeat with the same order changes nothing; another order is refused."""
    # Locked, so two people attaching at once apply the events once.
    delivery = await get(session, seller_id, unmatched_id, lock=True)
    if delivery.attached_order_id is not None:
        if delivery.attached_order_id != order_id:
            raise inbound.NotAttachable(
                f"this delivery was attached to order {delivery.attached_order_id} already",
                attached_order_id=delivery.attached_order_id,
            )
        return Attached(delivery, replayed=True)
    producer = await session.get(Producer, delivery.producer_id)
    assert producer is not None
    await inbound.attach_row(session, producer, delivery, order_id, now)
    return Attached(delivery, replayed=False)


async def sellers_with_unmatched(session: AsyncSession) -> list[uuid.UUID]:
    return list(await session.scalars(select(InboundWebhook.seller_id).where(UNMATCHED).distinct()))


async def purge(session: AsyncSession, seller_id: uuid.UUID, now: datetime) -> int:
    """Drop one seller's unmatched deliveries older than its policy keeps them."""
    days = (await policies.current(session, seller_id)).policy.producers.unmatched_days
    result: Any = await session.execute(
        delete(InboundWebhook).where(
            InboundWebhook.seller_id == seller_id,
            UNMATCHED,
            InboundWebhook.received_at < now - timedelta(days=days),
        )
    )
    return int(result.rowcount)
