"""Apply one event: store it, dedupe it, refold its order, move cases and clocks. One transaction.

Concurrency: the event row's unique key makes a repeated event wait for the first and then
replay its answer; the order's lock (`order_lock_key`, held for the rest of the transaction)
makes two events of one order, or an event and a sweep of its clocks, apply one after the other.
"""

import hashlib
import json
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import String, Uuid, bindparam, func, literal, select, text, update
from sqlalchemy.dialects.postgresql import JSONB, insert
from sqlalchemy.ext.asyncio import AsyncSession

from services.core import bookmarks, outbox, policies
from services.core.db import insert_once
from services.core.domain.cases import CaseFold, Fact, fold, relevant_to, sort_key
from services.core.domain.clocks import ClockState, EventRef, due_at, next_fire, settle
from services.core.domain.events import Envelope
from services.core.domain.health_facts import buyer_messages, order_health
from services.core.domain.kinds import CaseKind
from services.core.ids import new_id
from services.core.models import Case, Clock, ClockBookmark, Event, Order
from services.core.models.case import NO_DUE
from services.core.views import case_out

DEFAULT_SOURCE = "api"


class EventConflict(Exception):
    """The producer reused an event id for a different event."""

    def __init__(self, event_id: str, first_received_at: datetime) -> None:
        super().__init__(
            f"event {event_id} was first received at {first_received_at.isoformat()} with a different body; "
            "an event id names one event"
        )
        self.event_id = event_id


@dataclass(frozen=True)
class Ingested:
    answer: dict[str, Any]
    replayed: bool


def body_hash(envelope: Envelope) -> str:
    canonical = json.dumps(envelope.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


# The statements every event runs, built once: building one anew (its clauses and its cache
# key) cost about as much as running it.
_ORDER_EVENTS = select(Event.event_id, Event.type, Event.occurred_at, Event.data).where(
    Event.seller_id == bindparam("seller_id"), Event.order_id == bindparam("order_id")
)
_ORDER_CASES = select(Case).where(Case.seller_id == bindparam("seller_id"), Case.order_id == bindparam("order_id"))
# Each clock with its bookmark, if it has one.
_CASE_CLOCKS = (
    select(Clock, ClockBookmark.next_fire_at, ClockBookmark.fired_through)
    .outerjoin(ClockBookmark, ClockBookmark.clock_id == Clock.id)
    .where(Clock.case_id.in_(bindparam("case_ids", expanding=True)))
)
_STORE_ANSWER = (
    update(Event).where(Event.id == bindparam("event_pk")).values(answer=bindparam("answer_"), case_ids=bindparam("case_ids_"))
)
# Bind names differ from the columns': SQLAlchemy keeps a column's own name for itself.
_SELLER = bindparam("seller_id_", type_=Uuid)
_ORDER_ID = bindparam("order_id_", type_=String)
# The order's lock first (waiting for a sweep or another event of the order to finish), then
# its row, created or updated: one statement.
_ORDER_LOCKED = select(func.pg_advisory_xact_lock(func.order_lock_key(_SELLER, _ORDER_ID))).cte("locked")
_NEW_ORDER = insert(Order).from_select(
    ["id", "seller_id", "order_id", "marketplace", "facts"],
    select(bindparam("id_", type_=Uuid), _SELLER, _ORDER_ID, bindparam("marketplace_", type_=String),
           literal({}, JSONB)).select_from(_ORDER_LOCKED),
)
_LOCK_ORDER = (
    select(Order)
    .from_statement(
        _NEW_ORDER.on_conflict_do_update(
            index_elements=["seller_id", "order_id"], set_={"order_id": _NEW_ORDER.excluded.order_id}
        ).returning(Order)
    )
    .execution_options(populate_existing=True)
)


async def ingest(
    session: AsyncSession, seller_id: uuid.UUID, envelope: Envelope, now: datetime, source: str = DEFAULT_SOURCE
) -> Ingested:
    digest = body_hash(envelope)
    data = envelope.data.model_dump(mode="json", exclude_none=True)  # type: ignore[attr-defined]
    inserted = await insert_once(
        session,
        Event,
        ["seller_id", "source", "event_id"],
        seller_id=seller_id,
        source=source,
        event_id=envelope.id,
        type=envelope.type,
        occurred_at=envelope.occurred_at,
        received_at=now,
        order_id=envelope.order_id,
        marketplace=envelope.marketplace,
        data=data,
        body_hash=digest,
        case_ids=[],
    )
    if inserted is None:
        return await _replay(session, seller_id, source, envelope.id, digest)

    order = await _lock_order(session, seller_id, envelope)
    rows = (await session.execute(_ORDER_EVENTS, {"seller_id": seller_id, "order_id": envelope.order_id})).all()
    facts = [Fact(EventRef(r.event_id, r.type, r.occurred_at), r.data) for r in rows]
    folded = fold(facts)
    order.facts = folded.order
    order.replacement_of = folded.order.get("replacement_of")
    order.updated_at = now
    ordered = sorted(facts, key=sort_key)
    health = order_health(ordered, folded.order.get("purchased_at"))
    order.ordered_at = health.ordered_at
    order.negative_feedback_at = health.negative_feedback_at
    order.claim_opened_at = health.claim_opened_at
    order.claim_outcome = health.claim_outcome
    order.claim_closed_at = health.claim_closed_at
    order.chargeback_at = health.chargeback_at

    this = next(f for f in facts if f.ref.id == envelope.id)
    # One flush at the end instead of one before every query of the refold.
    # A case's view, made once: announced to webhooks and returned in the answer alike.
    shown: dict[uuid.UUID, dict[str, Any]] = {}
    with session.no_autoflush:
        cases, marks = await _save_cases(session, seller_id, envelope, folded.cases, now, shown)
    await session.flush()
    await marks.save(session)
    if envelope.type.startswith("message."):
        # Only a message event can change when a buyer message was first answered.
        await _save_buyer_messages(session, seller_id, envelope, cases, ordered)
    affected = [
        (case, clocks)
        for (fold_case, (case, clocks)) in cases
        if this.ref.id in fold_case.event_ids or relevant_to(fold_case, this)
    ]
    answer = {
        "event_id": envelope.id,
        "type": envelope.type,
        "order_id": envelope.order_id,
        "cases": [_shown(shown, case, clocks, now) for case, clocks in affected],
    }
    await session.execute(_STORE_ANSWER, {"event_pk": inserted, "answer_": answer, "case_ids_": [case.id for case, _ in affected]})
    return Ingested(answer, replayed=False)


async def _replay(session: AsyncSession, seller_id: uuid.UUID, source: str, event_id: str, digest: str) -> Ingested:
    first = await session.scalar(
        select(Event).where(Event.seller_id == seller_id, Event.source == source, Event.event_id == event_id)
    )
    assert first is not None, "a conflicting insert implies a committed first copy"
    if first.body_hash != digest:
        raise EventConflict(event_id, first.received_at)
    return Ingested(first.answer or {}, replayed=True)


async def _lock_order(session: AsyncSession, seller_id: uuid.UUID, envelope: Envelope) -> Order:
    """Lock the order and create or update its row (one statement): every event of an order waits
    here for the last, and for a sweep firing its clocks."""
    order = await session.scalar(_LOCK_ORDER, {
        "id_": new_id(), "seller_id_": seller_id, "order_id_": envelope.order_id, "marketplace_": envelope.marketplace,
    })
    assert order is not None
    return order


@dataclass
class Marks:
    """The bookmark changes of a refold, written once its clocks are."""

    next_fire: dict[uuid.UUID, datetime] = field(default_factory=dict)
    dropped: list[uuid.UUID] = field(default_factory=list)

    async def save(self, session: AsyncSession) -> None:
        await bookmarks.set_next(session, self.next_fire)
        await bookmarks.drop(session, self.dropped)


async def _save_cases(
    session: AsyncSession,
    seller_id: uuid.UUID,
    envelope: Envelope,
    folded: dict[Any, CaseFold],
    now: datetime,
    shown: dict[uuid.UUID, dict[str, Any]],
) -> tuple[list[tuple[CaseFold, tuple[Case, list[Clock]]]], Marks]:
    existing = {
        (c.kind, c.key): c
        for c in await session.scalars(_ORDER_CASES, {"seller_id": seller_id, "order_id": envelope.order_id})
    }
    clocks_by_case: dict[uuid.UUID, list[Clock]] = {}
    marked: dict[uuid.UUID, tuple[datetime, int]] = {}
    if existing:
        for clock, next_fire_at, fired_through in await session.execute(
            _CASE_CLOCKS, {"case_ids": [c.id for c in existing.values()]}
        ):
            clocks_by_case.setdefault(clock.case_id, []).append(clock)
            if next_fire_at is not None:
                marked[clock.id] = (next_fire_at, fired_through)
    marks = Marks()
    versioned = None
    saved = []
    for (kind, key), fold_case in folded.items():
        case = existing.get((kind.value, key))
        before = None if case is None else (case.status, case.is_open)
        if case is None:
            case = Case(
                id=new_id(),
                seller_id=seller_id,
                order_id=envelope.order_id,
                marketplace=envelope.marketplace,
                kind=kind.value,
                key=key,
                created_at=now,
            )
            session.add(case)
        case.status = fold_case.status
        case.is_open = fold_case.is_open
        case.band = max(1, fold_case.band - (case.band_raise or 0))
        assert fold_case.opened_at is not None
        case.opened_at = fold_case.opened_at
        case.closed_at = fold_case.closed_at
        case.facts = fold_case.facts
        case.updated_at = now
        stored = {(c.kind, c.started_by_event): c for c in clocks_by_case.get(case.id, [])}
        seen: set[tuple[str, str]] = set()
        for spec in fold_case.clocks:
            clock = stored.get((spec.kind.value, spec.started.id))
            if clock is None:
                # A new clock takes the policy in force now; running ones keep theirs.
                versioned = versioned or await policies.current(session, seller_id)
                window = versioned.policy.window(spec.kind)
                clock = Clock(
                    id=new_id(),
                    seller_id=seller_id,
                    case_id=case.id,
                    marketplace=case.marketplace,
                    kind=spec.kind.value,
                    started_at=spec.started.occurred_at,
                    due_at=due_at(spec.started.occurred_at, window),
                    window_seconds=int(window.total_seconds()),
                    warning_percents=versioned.policy.warnings(spec.kind),
                    policy_version=versioned.version,
                    started_by_event=spec.started.id,
                    started_by_type=spec.started.type,
                    state=ClockState.RUNNING.value,
                    created_at=now,
                )
                session.add(clock)
                stored[(clock.kind, clock.started_by_event)] = clock
            seen.add((clock.kind, clock.started_by_event))
            clock.stopped_at = spec.stopped.occurred_at if spec.stopped else None
            clock.stopped_by_event = spec.stopped.id if spec.stopped else None
            clock.stopped_by_type = spec.stopped.type if spec.stopped else None
            clock.state = settle(
                clock.due_at, clock.stopped_at, spec.stop, clock.state == ClockState.BREACHED.value
            ).value
            mark = marked.get(clock.id)
            following = (
                next_fire(clock.started_at, window_of(clock), clock.warning_percents, mark[1] if mark else 0)
                if clock.state == ClockState.RUNNING.value
                else None
            )
            if following is None and mark is not None:
                marks.dropped.append(clock.id)
            elif following is not None and (mark is None or mark[0] != following):
                marks.next_fire[clock.id] = following
            clock.updated_at = now
        for identity in set(stored) - seen:
            # A clock the events no longer call for: an earlier message arrived late and the
            # running clock now measures from it. Removing it leaves the case exactly as if
            # the events had arrived in time order.
            await session.delete(stored.pop(identity))
        clocks = list(stored.values())
        running = [c.due_at for c in clocks if c.state == ClockState.RUNNING.value]
        case.sort_due_at = min(running, default=NO_DUE)
        saved.append((fold_case, (case, clocks)))
        await _announce(session, case, clocks, before, now, shown)
    return saved, marks


_BUYER_MESSAGE_COLUMNS = ("id", "seller_id", "case_id", "marketplace", "order_id", "event_id", "received_at",
                          "answered_at", "answered_by", "no_response_needed")
# One statement for any number of messages, built once: every message event writes its
# thread's messages, and building an ORM upsert per event cost more than running it.
_UPSERT_BUYER_MESSAGES = text("""
    INSERT INTO buyer_messages (id, seller_id, case_id, marketplace, order_id, event_id, received_at, answered_at,
                                answered_by, no_response_needed)
    SELECT * FROM unnest(CAST(:id AS uuid[]), CAST(:seller_id AS uuid[]), CAST(:case_id AS uuid[]),
                         CAST(:marketplace AS text[]), CAST(:order_id AS text[]), CAST(:event_id AS text[]),
                         CAST(:received_at AS timestamptz[]), CAST(:answered_at AS timestamptz[]),
                         CAST(:answered_by AS text[]), CAST(:no_response_needed AS boolean[]))
    ON CONFLICT (case_id, event_id) DO UPDATE
    SET received_at = excluded.received_at, answered_at = excluded.answered_at, answered_by = excluded.answered_by,
        no_response_needed = excluded.no_response_needed
""")


async def _save_buyer_messages(
    session: AsyncSession,
    seller_id: uuid.UUID,
    envelope: Envelope,
    cases: list[tuple[CaseFold, tuple[Case, list[Clock]]]],
    ordered: list[Fact],
) -> None:
    rows = [
        {
            "id": new_id(),
            "seller_id": seller_id,
            "case_id": case.id,
            "marketplace": envelope.marketplace,
            "order_id": envelope.order_id,
            "event_id": m.event_id,
            "received_at": m.received_at,
            "answered_at": m.answered_at,
            "answered_by": m.answered_by,
            "no_response_needed": m.no_response_needed,
        }
        for fold_case, (case, _) in cases
        if fold_case.kind is CaseKind.MESSAGE
        for m in buyer_messages([f for f in ordered if relevant_to(fold_case, f)])
    ]
    if rows:
        await session.execute(_UPSERT_BUYER_MESSAGES, {column: [row[column] for row in rows] for column in _BUYER_MESSAGE_COLUMNS})


def window_of(clock: Clock) -> timedelta:
    return timedelta(seconds=clock.window_seconds)


def _shown(shown: dict[uuid.UUID, dict[str, Any]], case: Case, clocks: list[Clock], now: datetime) -> dict[str, Any]:
    if case.id not in shown:
        shown[case.id] = case_out(case, clocks, now).model_dump(mode="json")
    return shown[case.id]


async def _announce(
    session: AsyncSession,
    case: Case,
    clocks: list[Clock],
    before: tuple[str, bool] | None,
    now: datetime,
    shown: dict[uuid.UUID, dict[str, Any]],
) -> None:
    """case.opened / case.updated / case.closed for whoever listens, in this same transaction."""
    if before == (case.status, case.is_open):
        return
    if before is None:
        type_ = "case.opened"
    elif before[1] and not case.is_open:
        type_ = "case.closed"
    else:
        type_ = "case.updated"
    data = {"case": _shown(shown, case, clocks, now)}
    await outbox.emit(session, case.seller_id, type_, data, now, case_id=case.id)

