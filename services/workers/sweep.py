"""The clock sweep: claim due thresholds, fire each exactly once, and act on window ends.

Everything that changes an order's cases takes the order's row lock first (ingest does too),
so the sweep claims due clocks by locking their orders with SKIP LOCKED: workers split the
work, never wait on each other, and never deadlock with an event being applied.

A batch is decided in Python and written with one statement per table (firings, clocks,
cases, outbound events): a burst of 100,000 thresholds due in the same second is a few
hundred statements, not half a million (bench/clocks).
"""

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

import structlog
from sqlalchemy import and_, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from services.core import outbox, policies
from services.core.db import insert_once, transaction
from services.core.doorbell import ring
from services.core.domain.clocks import BREACH, ClockState, next_fire, passed
from services.core.domain.escalation import EscalationRule, FiringPlan, plan
from services.core.domain.events import EVENT_MODELS
from services.core.domain.kinds import ClockKind
from services.core.ingest import ingest
from services.core.models import Case, Clock, Order, Task
from services.core.outbox import Outbound
from services.core.views import clock_out
from services.workers.context import now_for

log = structlog.get_logger(__name__)

SYSTEM_SOURCE = "aftersales"


@dataclass(frozen=True)
class DueClock:
    """A claimed clock as the sweep reads it: plain values, so the writes can be set-based."""

    id: uuid.UUID
    seller_id: uuid.UUID
    case_id: uuid.UUID
    kind: str
    state: str
    started_at: datetime
    due_at: datetime
    window_seconds: int
    warning_percents: list[int]
    policy_version: int
    started_by_event: str
    started_by_type: str
    stopped_at: datetime | None
    stopped_by_event: str | None
    stopped_by_type: str | None
    fired_through: int


@dataclass
class CaseState:
    """A claimed clock's case; two clocks of one case in a batch climb its ladder in turn."""

    id: uuid.UUID
    seller_id: uuid.UUID
    order_id: str
    marketplace: str
    kind: str
    key: str
    is_open: bool
    assignee: str | None
    band: int
    band_raise: int
    escalation_level: int


@dataclass
class Batch:
    """What a batch writes, collected before any of it is written."""

    firings: list[dict[str, Any]]
    clocks: list[tuple[uuid.UUID, int, str, datetime | None]]
    outbound: list[Outbound]
    window_ends: list[tuple[DueClock, CaseState, str]]


_CLOCK_COLUMNS = [getattr(Clock, name) for name in DueClock.__dataclass_fields__]
_CASE_COLUMNS = [getattr(Case, name).label(f"case_{name}") for name in CaseState.__dataclass_fields__]

_INSERT_FIRINGS = text("""
    INSERT INTO clock_firings (id, seller_id, clock_id, threshold, due_at, fired_at, skipped, actions)
    SELECT gen_random_uuid(), seller_id, clock_id, threshold, due_at, :now, skipped, actions::jsonb
    FROM unnest(CAST(:sellers AS uuid[]), CAST(:clocks AS uuid[]), CAST(:thresholds AS int[]),
                CAST(:due AS timestamptz[]), CAST(:skipped AS boolean[]), CAST(:actions AS text[]))
         AS f(seller_id, clock_id, threshold, due_at, skipped, actions)
    ON CONFLICT (clock_id, threshold) DO NOTHING
    RETURNING clock_id, threshold
""")
_UPDATE_CLOCKS = text("""
    UPDATE clocks SET fired_through = c.fired_through, state = c.state, next_fire_at = c.next_fire_at, updated_at = :now
    FROM unnest(CAST(:ids AS uuid[]), CAST(:fired AS int[]), CAST(:states AS text[]), CAST(:next AS timestamptz[]))
         AS c(id, fired_through, state, next_fire_at)
    WHERE clocks.id = c.id
""")
_UPDATE_CASES = text("""
    UPDATE cases SET assignee = c.assignee, band = c.band, band_raise = c.band_raise,
                     escalation_level = c.escalation_level, updated_at = :now
    FROM unnest(CAST(:ids AS uuid[]), CAST(:assignees AS text[]), CAST(:bands AS int[]), CAST(:raises AS int[]),
                CAST(:levels AS int[])) AS c(id, assignee, band, band_raise, escalation_level)
    WHERE cases.id = c.id
""")


async def sweep_clocks(ctx: dict[str, Any]) -> int:
    """Fire every due threshold, a batch per transaction, until none is due."""
    fired = 0
    batch = ctx["sweep_batch"]
    while True:
        async with transaction(ctx["sessions"]) as session:
            now = await now_for(ctx, session)
            claimed = await sweep_batch(session, now, batch)
            rung = outbox.rung_deliveries(session)
        await ring(ctx.get("redis"), "deliver", *rung)
        fired += claimed
        if claimed < batch:
            return fired


async def sweep_batch(session: AsyncSession, now: datetime, limit: int) -> int:
    rows = (
        await session.execute(
            select(*_CLOCK_COLUMNS, *_CASE_COLUMNS)
            .join(Case, Case.id == Clock.case_id)
            .join(Order, and_(Order.seller_id == Case.seller_id, Order.order_id == Case.order_id))
            .where(Clock.next_fire_at <= now, Clock.state == ClockState.RUNNING.value)
            .order_by(Clock.next_fire_at)
            .limit(limit)
            .with_for_update(of=Order, skip_locked=True)
        )
    ).all()
    rules: dict[uuid.UUID, list[EscalationRule]] = {}
    cases: dict[uuid.UUID, CaseState] = {}
    due: list[tuple[DueClock, list[int]]] = []
    stale: list[tuple[uuid.UUID, int, str, datetime | None]] = []
    for row in rows:
        clock = DueClock(**{name: getattr(row, name) for name in DueClock.__dataclass_fields__})
        cases.setdefault(clock.case_id, CaseState(**{name: getattr(row, f"case_{name}") for name in CaseState.__dataclass_fields__}))
        if clock.seller_id not in rules:
            rules[clock.seller_id] = (await policies.current(session, clock.seller_id)).policy.escalations
        window = timedelta(seconds=clock.window_seconds)
        thresholds = passed(clock.started_at, window, clock.warning_percents, clock.fired_through, now)
        if thresholds:
            due.append((clock, thresholds))
        else:
            stale.append((clock.id, clock.fired_through, clock.state,
                          next_fire(clock.started_at, window, clock.warning_percents, clock.fired_through)))
    batch = Batch(firings=[], clocks=stale, outbound=[], window_ends=[])
    plans = _plan_firings(due, cases, rules, batch)
    fired = await _insert_firings(session, batch.firings, now)
    for clock, highest, firing_plan, case in plans:
        if (clock.id, highest) not in fired:
            log.warning("threshold already fired", clock=str(clock.id), threshold=highest)
            continue
        _fire(clock, highest, firing_plan, case, batch, now)
    await _write(session, batch, cases, now)
    for clock, case, window_end in batch.window_ends:
        if window_end == "appeal_now_task":
            await _appeal_now(session, clock, case, now)
        elif window_end == "close_return_not_shipped":
            await _close_not_shipped(session, clock, case, now)
    return len(rows)


def _plan_firings(
    due: Sequence[tuple[DueClock, list[int]]],
    cases: dict[uuid.UUID, CaseState],
    rules: dict[uuid.UUID, list[EscalationRule]],
    batch: Batch,
) -> list[tuple[DueClock, int, FiringPlan, CaseState]]:
    """Each due clock's firings: every passed threshold is recorded, only the highest acts."""
    plans = []
    for clock, thresholds in due:
        case = cases[clock.case_id]
        highest = thresholds[-1]
        firing_plan = plan(rules[clock.seller_id], case.kind, ClockKind(clock.kind), highest, case.assignee,
                           case.escalation_level)
        window = timedelta(seconds=clock.window_seconds)
        for threshold in thresholds:
            batch.firings.append({
                "seller": clock.seller_id, "clock": clock.id, "threshold": threshold,
                "due": clock.started_at + window * threshold / 100, "skipped": threshold != highest,
                "actions": firing_plan.actions if threshold == highest else [],
            })
        plans.append((clock, highest, firing_plan, case))
    return plans


def _fire(clock: DueClock, highest: int, firing: FiringPlan, case: CaseState, batch: Batch, now: datetime) -> None:
    window = timedelta(seconds=clock.window_seconds)
    if highest >= BREACH:
        clock = replace(clock, state=ClockState.BREACHED.value, fired_through=highest)
        following = None
    else:
        clock = replace(clock, fired_through=highest)
        following = next_fire(clock.started_at, window, clock.warning_percents, highest)
    batch.clocks.append((clock.id, clock.fired_through, clock.state, following))
    if firing.assignee is not None:
        case.assignee = firing.assignee
    if firing.band_raise:
        case.band_raise += firing.band_raise
        case.band = max(1, case.band - firing.band_raise)
    case.escalation_level = max(case.escalation_level, firing.level)
    data = {
        "case_id": str(case.id),
        "order_id": case.order_id,
        "case_kind": case.kind,
        "threshold": highest,
        "clock": clock_out(clock, now).model_dump(mode="json"),
    }
    batch.outbound.append(Outbound(case.seller_id, firing.announce, data, case.id))
    for event in firing.emits:
        escalated = {**data, "level": firing.level, "assignee": case.assignee, "band": case.band}
        batch.outbound.append(Outbound(case.seller_id, event, escalated, case.id))
    if firing.window_end is not None:
        batch.window_ends.append((clock, case, firing.window_end))


async def _insert_firings(session: AsyncSession, firings: list[dict[str, Any]], now: datetime) -> set[tuple[uuid.UUID, int]]:
    """Insert the firings; the ones returned are new. The unique key makes each exactly once."""
    if not firings:
        return set()
    columns = {name: [f[name] for f in firings] for name in ("seller", "clock", "threshold", "due", "skipped")}
    inserted = await session.execute(_INSERT_FIRINGS, {
        "sellers": columns["seller"], "clocks": columns["clock"], "thresholds": columns["threshold"],
        "due": columns["due"], "skipped": columns["skipped"],
        "actions": [json.dumps(f["actions"]) for f in firings], "now": now,
    })
    return {(row.clock_id, row.threshold) for row in inserted}


async def _write(session: AsyncSession, batch: Batch, cases: dict[uuid.UUID, CaseState], now: datetime) -> None:
    if batch.clocks:
        ids, fired, states, following = zip(*batch.clocks, strict=True)
        await session.execute(_UPDATE_CLOCKS, {"ids": list(ids), "fired": list(fired), "states": list(states),
                                               "next": list(following), "now": now})
    touched = {item.case_id for item in batch.outbound if item.case_id is not None}
    changed = [cases[case_id] for case_id in touched]
    if changed:
        await session.execute(_UPDATE_CASES, {
            "ids": [c.id for c in changed], "assignees": [c.assignee for c in changed], "bands": [c.band for c in changed],
            "raises": [c.band_raise for c in changed], "levels": [c.escalation_level for c in changed], "now": now,
        })
    await outbox.emit_many(session, batch.outbound, now)


async def _appeal_now(session: AsyncSession, clock: DueClock, case: CaseState, now: datetime) -> None:
    """DOMAIN.md 8: no answer from the buyer after the contact window: appeal with the record."""
    task_id = await insert_once(
        session,
        Task,
        ["case_id", "kind"],
        seller_id=case.seller_id,
        case_id=case.id,
        kind="appeal_now",
        title=f"Appeal the A-to-Z claim on order {case.order_id}: the buyer did not answer within the contact window",
        details={"clock_id": str(clock.id), "contact_window_ended_at": clock.due_at.isoformat()},
        created_at=now,
    )
    if task_id is not None:
        data = {"task_id": str(task_id), "kind": "appeal_now", "case_id": str(case.id), "order_id": case.order_id}
        await outbox.emit(session, case.seller_id, "task.created", data, now, case_id=case.id)


async def _close_not_shipped(session: AsyncSession, clock: DueClock, case: CaseState, now: datetime) -> None:
    """DOMAIN.md 4: the window ended with no scan: the return closes, the buyer keeps the item.

    Recorded as an event of our own, so the case stays the fold of its order's events.
    """
    if not case.is_open:
        return
    envelope = EVENT_MODELS["return.closed"].model_validate(
        {
            "id": f"window-end:{clock.id}",
            "type": "return.closed",
            "occurred_at": clock.due_at,
            "order_id": case.order_id,
            "marketplace": case.marketplace,
            "data": {"return_id": case.key, "reason": "not_shipped_buyer_keeps_item"},
        }
    )
    await ingest(session, case.seller_id, envelope, now, source=SYSTEM_SOURCE)
