"""Reading and working cases: list, get, notes, assignment, and an order's timeline."""

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, and_, bindparam, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.core.domain.cases import type_rank
from services.core.kit import cursors
from services.core.kit.cursors import BadCursor
from services.core.kit.errors import NotFound
from services.core.kit.ids import new_id
from services.core.models import Case, CaseNote, Clock, Event, Order, OutboundEvent, Reminder


class CaseNotFound(NotFound):
    def __init__(self, case_id: uuid.UUID) -> None:
        super().__init__(f"no case {case_id} on this account")


class OrderNotFound(NotFound):
    def __init__(self, order_id: str) -> None:
        super().__init__(f"no order {order_id} on this account")


@dataclass(frozen=True)
class CaseFilter:
    kind: str | None = None
    state: str | None = None
    band: int | None = None
    assignee: str | None = None
    due_before: datetime | None = None


def encode_cursor(case: Case) -> str:
    return cursors.encode(case.band, case.sort_due_at.isoformat(), case.id)


def _decode_cursor(cursor: str) -> tuple[int, datetime, uuid.UUID]:
    band, due, case_id = cursors.decode(cursor, 3)
    try:
        return int(band), datetime.fromisoformat(due), uuid.UUID(case_id)
    except (ValueError, TypeError) as error:
        raise BadCursor("the cursor is not one this API gave out; start again without it") from error


def _filtered(seller_id: uuid.UUID, where: CaseFilter) -> Select[tuple[Case]]:
    query = select(Case).where(Case.seller_id == seller_id)
    if where.kind:
        query = query.where(Case.kind == where.kind)
    if where.state == "open":
        query = query.where(Case.is_open.is_(True))
    elif where.state == "closed":
        query = query.where(Case.is_open.is_(False))
    elif where.state:
        query = query.where(Case.status == where.state)
    if where.band is not None:
        query = query.where(Case.band == where.band)
    if where.assignee == "":
        query = query.where(Case.assignee.is_(None))
    elif where.assignee:
        query = query.where(Case.assignee == where.assignee)
    if where.due_before is not None:
        query = query.where(Case.sort_due_at < where.due_before)
    return query


async def clocks_of(session: AsyncSession, case_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[Clock]]:
    found: dict[uuid.UUID, list[Clock]] = {case_id: [] for case_id in case_ids}
    if case_ids:
        for clock in await session.scalars(select(Clock).where(Clock.case_id.in_(case_ids))):
            found[clock.case_id].append(clock)
    return found


async def list_cases(
    session: AsyncSession, seller_id: uuid.UUID, where: CaseFilter, limit: int, cursor: str | None
) -> tuple[list[Case], str | None]:
    """Cases by priority band, then the one closest to breaching; keyset-paginated."""
    query = _filtered(seller_id, where)
    if cursor:
        band, due, case_id = _decode_cursor(cursor)
        query = query.where(
            or_(
                Case.band > band,
                and_(Case.band == band, Case.sort_due_at > due),
                and_(Case.band == band, Case.sort_due_at == due, Case.id > case_id),
            )
        )
    rows = list(await session.scalars(query.order_by(Case.band, Case.sort_due_at, Case.id).limit(limit + 1)))
    next_cursor = encode_cursor(rows[limit - 1]) if len(rows) > limit else None
    return rows[:limit], next_cursor


_LOCK_ORDER = select(
    func.pg_advisory_xact_lock(func.order_lock_key(bindparam("seller_id"), bindparam("order_id")))
)


async def get_case(
    session: AsyncSession, seller_id: uuid.UUID, case_id: uuid.UUID, *, lock: bool = False
) -> Case:
    """The case; with `lock`, read again once its order's lock is held, for a change to it."""
    query = select(Case).where(Case.id == case_id, Case.seller_id == seller_id)
    case = await session.scalar(query)
    if case is None:
        raise CaseNotFound(case_id)
    if lock:
        # As ingest and the sweep do: a sweep mid-batch would otherwise write back the ladder
        # (assignee, band) it read before this change.
        await session.execute(_LOCK_ORDER, {"seller_id": seller_id, "order_id": case.order_id})
        case = await session.scalar(query.with_for_update().execution_options(populate_existing=True))
        assert case is not None, "cases are never deleted"
    return case


async def assign(
    session: AsyncSession, seller_id: uuid.UUID, case_id: uuid.UUID, assignee: str | None
) -> Case:
    """Give the case to a person or role; blank or None takes it back to unassigned."""
    case = await get_case(session, seller_id, case_id, lock=True)
    case.assignee = assignee.strip() if assignee and assignee.strip() else None
    return case


async def notes_of(session: AsyncSession, case_id: uuid.UUID) -> list[CaseNote]:
    query = select(CaseNote).where(CaseNote.case_id == case_id).order_by(CaseNote.created_at, CaseNote.id)
    return list(await session.scalars(query))


async def add_note(session: AsyncSession, case: Case, author: str, body: str, now: datetime) -> CaseNote:
    note = CaseNote(
        id=new_id(), seller_id=case.seller_id, case_id=case.id, author=author, body=body, created_at=now
    )
    session.add(note)
    await session.flush()
    return note


# What the timeline shows of the outbox: what we asked a helpdesk or a person to do, not the
# case.* and clock.* notices that repeat what the timeline already says.
TIMELINE_OUTBOUND = ("message.send_requested", "reminder.due", "task.created", "gap.detected")


async def _reminders_and_requests(
    session: AsyncSession, seller_id: uuid.UUID, orders: list[str], case_ids: list[uuid.UUID]
) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = []
    for reminder in await session.scalars(
        select(Reminder).where(Reminder.seller_id == seller_id, Reminder.order_id.in_(orders))
    ):
        entries.append(
            {
                "at": reminder.created_at,
                "entry": "reminder",
                "order_id": reminder.order_id,
                "case_id": reminder.case_id,
                "kind": reminder.kind,
                "created_by": reminder.created_by,
                "outcome": reminder.outcome,
                "outcome_by": reminder.outcome_by,
            }
        )
    outbound = await session.scalars(
        select(OutboundEvent).where(
            OutboundEvent.case_id.in_(case_ids), OutboundEvent.type.in_(TIMELINE_OUTBOUND)
        )
    )
    for sent in outbound if case_ids else []:
        entries.append(
            {
                "at": sent.created_at,
                "entry": "outbound",
                "order_id": sent.payload.get("data", {}).get("order_id") or orders[0],
                "case_id": sent.case_id,
                "type": sent.type,
                "message_id": sent.message_id,
            }
        )
    return entries


@dataclass(frozen=True)
class OrderTimeline:
    order_id: str
    order: dict[str, Any]
    replacement_orders: list[str]
    entries: list[dict[str, Any]]


async def timeline(session: AsyncSession, seller_id: uuid.UUID, order_id: str) -> OrderTimeline:
    """Every event, case, clock change and note of the order and its R- replacements."""
    found = {
        o.order_id: o
        for o in await session.scalars(
            select(Order).where(
                Order.seller_id == seller_id,
                or_(Order.order_id == order_id, Order.replacement_of == order_id),
            )
        )
    }
    if order_id not in found:
        raise OrderNotFound(order_id)
    orders = list(found)
    entries: list[dict[str, Any]] = []
    events = await session.scalars(
        select(Event).where(Event.seller_id == seller_id, Event.order_id.in_(orders))
    )
    for event in events:
        entries.append(
            {
                "at": event.occurred_at,
                "entry": "event",
                "order_id": event.order_id,
                "event_id": event.event_id,
                "type": event.type,
                "received_at": event.received_at,
                "data": event.data,
            }
        )
    cases = list(
        await session.scalars(select(Case).where(Case.seller_id == seller_id, Case.order_id.in_(orders)))
    )
    by_id = {case.id: case for case in cases}
    for case in cases:
        base = {"order_id": case.order_id, "case_id": case.id, "case_kind": case.kind}
        entries.append({"at": case.opened_at, "entry": "case.opened", **base})
        if case.closed_at is not None:
            entries.append({"at": case.closed_at, "entry": "case.closed", "status": case.status, **base})
    for case_id, clocks in (await clocks_of(session, list(by_id))).items():
        case = by_id[case_id]
        for clock in clocks:
            base = {
                "order_id": case.order_id,
                "case_id": case.id,
                "clock_id": clock.id,
                "clock_kind": clock.kind,
            }
            entries.append({"at": clock.started_at, "entry": "clock.started", "due_at": clock.due_at, **base})
            if clock.stopped_at is not None:
                entries.append({"at": clock.stopped_at, "entry": f"clock.{clock.state}", **base})
            elif clock.state == "breached":
                entries.append({"at": clock.due_at, "entry": "clock.breached", **base})
        for note in await notes_of(session, case_id):
            entries.append(
                {
                    "at": note.created_at,
                    "entry": "note",
                    "order_id": case.order_id,
                    "case_id": case.id,
                    "author": note.author,
                    "body": note.body,
                }
            )
    entries.extend(await _reminders_and_requests(session, seller_id, orders, list(by_id)))
    order_rank = {"event": 0, "case.opened": 1, "clock.started": 2, "note": 5}
    entries.sort(key=lambda e: (e["at"], order_rank.get(e["entry"], 3), type_rank(e.get("type", ""))))
    return OrderTimeline(
        order_id=order_id,
        order=found[order_id].facts,
        replacement_orders=sorted(o for o in orders if o != order_id),
        entries=entries,
    )
