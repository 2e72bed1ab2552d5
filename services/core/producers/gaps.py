"""Helpdesk gaps (DOMAIN.md section 5): a buyer message Amazon's side shows that the helpdesk
has not delivered within the seller's tolerance. Found by the worker, closed when the copy comes."""

import uuid
from datetime import datetime, timedelta

from sqlalchemy import exists, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.core.kit.db import insert_once
from services.core.models import Event, Gap, Producer
from services.core.sellers import policies
from services.core.webhooks import outbox

# Producers' clocks disagree a little: a helpdesk copy stamped this much before Amazon's still counts.
SKEW = timedelta(minutes=10)


def _helpdesk_copy(seller_id: uuid.UUID, order_id: object, message_at: object) -> object:
    copy = Event.__table__.alias("copy")
    return exists().where(
        copy.c.seller_id == seller_id,
        copy.c.order_id == order_id,
        copy.c.type == "message.received",
        copy.c.source.like("helpdesk:%"),
        copy.c.occurred_at >= message_at - SKEW,
    )


async def detect(session: AsyncSession, seller_id: uuid.UUID, now: datetime) -> list[Gap]:
    """New gaps of one seller; each announced once as gap.detected."""
    tolerance = timedelta(
        minutes=(await policies.current(session, seller_id)).policy.messages.gap_tolerance_minutes
    )
    candidates = (
        await session.execute(
            select(Event.event_id, Event.order_id, Event.occurred_at, Event.source)
            .where(
                Event.seller_id == seller_id,
                Event.type == "message.received",
                Event.source.like("amazon:%"),
                Event.occurred_at <= now - tolerance,
                ~exists().where(Gap.seller_id == seller_id, Gap.event_id == Event.event_id),
                ~_helpdesk_copy(seller_id, Event.order_id, Event.occurred_at),
            )
            .limit(1000)
        )
    ).all()
    found = []
    for event_id, order_id, message_at, source in candidates:
        gap_id = await insert_once(
            session,
            Gap,
            ["seller_id", "event_id"],
            seller_id=seller_id,
            order_id=order_id,
            event_id=event_id,
            source=source,
            message_at=message_at,
            detected_at=now,
        )
        if gap_id is None:
            continue
        gap = await session.get(Gap, gap_id)
        assert gap is not None
        data = {
            "gap_id": str(gap_id),
            "order_id": order_id,
            "event_id": event_id,
            "message_at": message_at.isoformat(),
            "tolerance_minutes": tolerance.total_seconds() / 60,
        }
        await outbox.emit(session, seller_id, "gap.detected", data, now)
        found.append(gap)
    return found


async def close_for(
    session: AsyncSession,
    seller_id: uuid.UUID,
    order_id: str,
    copy_at: datetime,
    copy_event: str,
    now: datetime,
) -> int:
    """The helpdesk's copy arrived: close the order's open gaps it covers."""
    closed = await session.execute(
        update(Gap)
        .where(
            Gap.seller_id == seller_id,
            Gap.order_id == order_id,
            Gap.closed_at.is_(None),
            Gap.message_at <= copy_at + SKEW,
        )
        .values(closed_at=now, closed_by_event=copy_event)
    )
    return closed.rowcount  # type: ignore[attr-defined, no-any-return]


async def sellers_with_amazon_producers(session: AsyncSession) -> list[uuid.UUID]:
    return list(await session.scalars(select(Producer.seller_id).where(Producer.role == "amazon").distinct()))


async def list_gaps(session: AsyncSession, seller_id: uuid.UUID, state: str) -> list[Gap]:
    """The seller's gaps, oldest first: `open`, `closed` or `all`."""
    query = select(Gap).where(Gap.seller_id == seller_id)
    if state == "open":
        query = query.where(Gap.closed_at.is_(None))
    elif state == "closed":
        query = query.where(Gap.closed_at.is_not(None))
    return list(await session.scalars(query.order_by(Gap.detected_at).limit(1000)))
