"""The clock sweep: claim due thresholds, fire each exactly once, and act on window ends.

Everything that changes an order's cases takes the order's lock first (an advisory lock on
`order_lock_key`; ingest and assignment take it too), so the sweep claims due clocks' bookmarks
with SKIP LOCKED and their orders with a try-lock: workers split the work, never wait on each
other, and never deadlock with an event being applied.

A batch is decided in Python and written with one statement per table (firings, bookmarks,
cases, outbound events, and clocks for their breaches): a burst of 100,000 thresholds due in
the same second is a few hundred statements, not half a million (bench/clocks).
"""

import asyncio
import json
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import structlog
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from services.core.cases.shapes import CaseHead, ClockRow, EscalationOut, FiringOut, clock_out
from services.core.clocks import bookmarks
from services.core.domain.clocks import BREACH, ClockState, next_fire, passed
from services.core.domain.escalation import EscalationRule, FiringPlan, plan
from services.core.domain.events import EVENT_MODELS
from services.core.domain.kinds import ClockKind
from services.core.ingest import ingest
from services.core.kit.clock import SystemClock
from services.core.kit.db import insert_once, transaction
from services.core.kit.doorbell import ring
from services.core.models import ClockBookmark, Task
from services.core.sellers import policies
from services.core.webhooks import outbox
from services.core.webhooks.outbox import Outbound
from services.workers.context import now_for

log = structlog.get_logger(__name__)

SYSTEM_SOURCE = "aftersales"
RETRY_LOCKED_SECONDS = 0.1


@dataclass(slots=True)
class CaseState(CaseHead):
    """A claimed clock's case; two clocks of one case in a batch climb its ladder in turn."""

    escalation_level: int

    @property
    def ladder(self) -> tuple[str | None, int, int, int]:
        """What a firing can change: where the case stands on its escalation ladder."""
        return self.assignee, self.band, self.band_raise, self.escalation_level

    @ladder.setter
    def ladder(self, value: tuple[str | None, int, int, int]) -> None:
        self.assignee, self.band, self.band_raise, self.escalation_level = value


@dataclass
class Batch:
    """What a batch writes, collected before any of it is written."""

    firings: list[tuple[Any, ...]]
    # (clock, fired through, next threshold due): None drops the bookmark.
    bookmarks: list[tuple[uuid.UUID, int, datetime | None]]
    breached: list[uuid.UUID]
    outbound: list[Outbound]
    window_ends: list[tuple[ClockRow, CaseState, str]]


# The due bookmarks first, in their index's order and locked: a burst of 100,000 due at once
# costs each batch its own rows, not a join and sort of all of them. Locking returns each
# bookmark as its latest version: one another sweep moved meanwhile comes back moved (and
# drops out if no longer due), one ingest dropped drops out. Then their clocks and cases, and
# their orders' locks, which every change to an order's cases takes first; a clock whose order
# is busy waits for a later batch. The lock is an advisory one: locking the order's row wrote
# to it, and to the WAL, for every firing. Plain text: the rows come back as asyncpg made them,
# without a per-value conversion.
_CLOCK_WIDTH = len(ClockRow.__dataclass_fields__)
_CLAIM = text(f"""
    WITH due AS MATERIALIZED (
        SELECT clock_id, next_fire_at, fired_through FROM clock_bookmarks
        WHERE next_fire_at <= :now
        ORDER BY next_fire_at LIMIT :limit
        FOR UPDATE SKIP LOCKED
    )
    SELECT {
    ", ".join(
        "d.fired_through" if name == "fired_through" else f"c.{name}"
        for name in ClockRow.__dataclass_fields__
    )
},
           {", ".join(f"k.{name}" for name in CaseState.__dataclass_fields__)}
    FROM due d
    JOIN clocks c ON c.id = d.clock_id
    JOIN cases k ON k.id = c.case_id
    WHERE pg_try_advisory_xact_lock(order_lock_key(k.seller_id, k.order_id))
    ORDER BY d.next_fire_at, c.id
""")

# A burst comes due faster than statistics follow: the planner expects a few due clocks and
# takes them all with a bitmap scan and a sort, every batch (100,000 sorted to fire 250). Walking
# the due index in order stops at the batch's last row. The claim's rows are fetched by key, so
# nothing else in the sweep's transaction wants a bitmap.
_WALK_THE_INDEX = text("SET LOCAL enable_bitmapscan = off")
_INSERT_FIRINGS = text("""
    INSERT INTO clock_firings (seller_id, clock_id, threshold, due_at, fired_at, skipped, actions)
    SELECT seller_id, clock_id, threshold, due_at, :now, skipped, actions::jsonb
    FROM unnest(CAST(:sellers AS uuid[]), CAST(:clocks AS uuid[]), CAST(:thresholds AS int[]),
                CAST(:due AS timestamptz[]), CAST(:skipped AS boolean[]), CAST(:actions AS text[]))
         AS f(seller_id, clock_id, threshold, due_at, skipped, actions)
    ON CONFLICT (clock_id, threshold) DO NOTHING
    RETURNING clock_id, threshold
""")
_DELETE_FIRINGS = text("""
    DELETE FROM clock_firings f USING unnest(CAST(:clocks AS uuid[]), CAST(:thresholds AS int[])) AS d(clock_id, threshold)
    WHERE f.clock_id = d.clock_id AND f.threshold = d.threshold
""")
_BREACH_CLOCKS = text("""
    UPDATE clocks SET state = :breached, updated_at = :now WHERE id = ANY(CAST(:ids AS uuid[]))
""")
_UPDATE_CASES = text("""
    UPDATE cases SET assignee = c.assignee, band = c.band, band_raise = c.band_raise,
                     escalation_level = c.escalation_level, updated_at = :now
    FROM unnest(CAST(:ids AS uuid[]), CAST(:assignees AS text[]), CAST(:bands AS int[]), CAST(:raises AS int[]),
                CAST(:levels AS int[])) AS c(id, assignee, band, band_raise, escalation_level)
    WHERE cases.id = c.id
""")


async def sweep_clocks(ctx: dict[str, Any]) -> int:
    """Fire every due threshold: `sweep_concurrency` drains side by side (SKIP LOCKED splits
    the work between them, and between workers)."""
    drains = await asyncio.gather(*(_drain(ctx) for _ in range(ctx["sweep_concurrency"])))
    return sum(drains)


@dataclass
class Watch:
    """A worker's one follower: cron runs that find it running only push its horizon on."""

    until: float = 0.0
    running: bool = False


async def follow_clocks(ctx: dict[str, Any]) -> int:
    """The cron's sweep: drain, then wait for the next threshold due and drain again, so a
    threshold waits milliseconds for its firing, not up to the cron's interval plus arq's poll.
    Each run pushes the watch two intervals ahead, so no second goes unwatched; a run that
    finds the worker's follower busy (say, draining a burst) leaves the work to it rather than
    start three more drains beside it."""
    watch: Watch = ctx.setdefault("sweep_watch", Watch())
    watch.until = max(watch.until, time.monotonic() + 2 * ctx["settings"].sweep_interval_seconds)
    if watch.running:
        return 0
    watch.running = True
    try:
        fired = progress = await sweep_clocks(ctx)
        if not isinstance(ctx["clock"], SystemClock):
            return fired
        while True:
            async with transaction(ctx["sessions"]) as session:
                now = await now_for(ctx, session)
                upcoming = await session.scalar(select(func.min(ClockBookmark.next_fire_at)))
            wait = (upcoming - now).total_seconds() if upcoming is not None else None
            if wait is None or time.monotonic() + wait >= watch.until:
                return fired
            # A due clock whose order an event holds is retried a little later, not in a spin.
            await asyncio.sleep(max(wait, 0.0 if progress else RETRY_LOCKED_SECONDS))
            progress = await sweep_clocks(ctx)
            fired += progress
    finally:
        watch.running = False


async def _drain(ctx: dict[str, Any]) -> int:
    """Batches, a transaction each, until one finds nothing left to claim."""
    fired = 0
    while True:
        async with transaction(ctx["sessions"]) as session:
            now = await now_for(ctx, session)
            claimed = await sweep_batch(session, now, ctx["sweep_batch"])
            rung = outbox.rung_deliveries(session)
        await ring(ctx.get("redis"), "deliver", *rung)
        fired += claimed
        if not claimed:
            return fired


async def sweep_batch(session: AsyncSession, now: datetime, limit: int) -> int:
    await session.execute(_WALK_THE_INDEX)
    rows = (await session.execute(_CLAIM, {"now": now, "limit": limit})).all()
    rules: dict[uuid.UUID, list[EscalationRule]] = {}
    cases: dict[uuid.UUID, CaseState] = {}
    due: list[tuple[ClockRow, list[tuple[int, datetime]]]] = []
    stale: list[tuple[uuid.UUID, int, datetime | None]] = []
    for row in rows:
        clock = ClockRow(*row[:_CLOCK_WIDTH])
        if clock.state != ClockState.RUNNING.value:
            # Ingest drops a stopped clock's bookmark; one left behind has nothing left to fire.
            stale.append((clock.id, clock.fired_through, None))
            continue
        if clock.case_id not in cases:
            cases[clock.case_id] = CaseState(*row[_CLOCK_WIDTH:])
        if clock.seller_id not in rules:
            rules[clock.seller_id] = (await policies.current(session, clock.seller_id)).policy.escalations
        window = timedelta(seconds=clock.window_seconds)
        thresholds = passed(clock.started_at, window, clock.warning_percents, clock.fired_through, now)
        if thresholds:
            due.append((clock, thresholds))
        else:
            stale.append(
                (
                    clock.id,
                    clock.fired_through,
                    next_fire(clock.started_at, window, clock.warning_percents, clock.fired_through),
                )
            )
    ladders = {case_id: case.ladder for case_id, case in cases.items()}
    fired_before: set[uuid.UUID] = set()
    while True:
        batch = Batch(firings=[], bookmarks=list(stale), breached=[], outbound=[], window_ends=[])
        _plan(due, cases, rules, fired_before, batch, now)
        inserted = await _insert_firings(session, batch.firings, now)
        again = {
            c.id
            for c, thresholds in due
            if c.id not in fired_before and (c.id, thresholds[-1][0]) not in inserted
        }
        if not again:
            break
        # A threshold fired already (its bookmark was behind): take this batch's firings back
        # and plan it again without announcing that one, so no case climbs its ladder twice.
        log.warning("thresholds already fired", clocks=sorted(str(c) for c in again))
        await session.execute(
            _DELETE_FIRINGS, {"clocks": [c for c, _ in inserted], "thresholds": [t for _, t in inserted]}
        )
        fired_before |= again
        for case_id, case in cases.items():
            case.ladder = ladders[case_id]
    await _write(
        session, batch, [case for case_id, case in cases.items() if case.ladder != ladders[case_id]], now
    )
    for clock, case, window_end in batch.window_ends:
        if window_end == "appeal_now_task":
            await _appeal_now(session, clock, case, now)
        elif window_end == "close_return_not_shipped":
            await _close_not_shipped(session, clock, case, now)
    return len(rows)


def _plan(
    due: Sequence[tuple[ClockRow, list[tuple[int, datetime]]]],
    cases: dict[uuid.UUID, CaseState],
    rules: dict[uuid.UUID, list[EscalationRule]],
    fired_before: set[uuid.UUID],
    batch: Batch,
    now: datetime,
) -> None:
    """Each due clock's firings, in due order: every passed threshold is recorded, the highest
    acts. Two clocks of one case climb its ladder in turn. A clock whose highest threshold has
    fired already only moves its bookmark."""
    plans: dict[tuple[Any, ...], tuple[FiringPlan, str]] = {}
    for clock, thresholds in due:
        highest = thresholds[-1][0]
        window = timedelta(seconds=clock.window_seconds)
        clock.fired_through = highest
        following = None
        if highest >= BREACH:
            clock.state = ClockState.BREACHED.value
            batch.breached.append(clock.id)
        else:
            following = next_fire(clock.started_at, window, clock.warning_percents, highest)
        batch.bookmarks.append((clock.id, highest, following))
        if clock.id in fired_before:
            continue
        case = cases[clock.case_id]
        key = (clock.seller_id, case.kind, clock.kind, highest, case.assignee, case.escalation_level)
        if key not in plans:
            planned = plan(
                rules[clock.seller_id],
                case.kind,
                ClockKind(clock.kind),
                highest,
                case.assignee,
                case.escalation_level,
            )
            plans[key] = (planned, json.dumps(planned.actions))
        firing, actions = plans[key]
        for threshold, due_at in thresholds:
            batch.firings.append(
                (
                    clock.seller_id,
                    clock.id,
                    threshold,
                    due_at,
                    threshold != highest,
                    actions if threshold == highest else "[]",
                )
            )
        _apply(clock, highest, firing, case, batch, now)


def _apply(
    clock: ClockRow, highest: int, firing: FiringPlan, case: CaseState, batch: Batch, now: datetime
) -> None:
    if firing.assignee is not None:
        case.assignee = firing.assignee
    if firing.band_raise:
        case.band_raise += firing.band_raise
        case.band = max(1, case.band - firing.band_raise)
    case.escalation_level = max(case.escalation_level, firing.level)
    data = FiringOut(
        case_id=case.id,
        order_id=case.order_id,
        case_kind=case.kind,
        threshold=highest,
        clock=clock_out(clock, now),
    )
    batch.outbound.append(Outbound(case.seller_id, firing.announce, data.model_dump_json(), case.id))
    for event in firing.emits:
        escalated = EscalationOut(**dict(data), level=firing.level, assignee=case.assignee, band=case.band)
        batch.outbound.append(Outbound(case.seller_id, event, escalated.model_dump_json(), case.id))
    if firing.window_end is not None:
        batch.window_ends.append((clock, case, firing.window_end))


async def _insert_firings(
    session: AsyncSession, firings: list[tuple[Any, ...]], now: datetime
) -> set[tuple[uuid.UUID, int]]:
    """Insert the firings; the (clock, threshold) pairs returned are new. The key makes each
    exactly once."""
    if not firings:
        return set()
    sellers, clocks, thresholds, due, skipped, actions = (
        list(column) for column in zip(*firings, strict=True)
    )
    inserted = await session.execute(
        _INSERT_FIRINGS,
        {
            "sellers": sellers,
            "clocks": clocks,
            "thresholds": thresholds,
            "due": due,
            "skipped": skipped,
            "actions": actions,
            "now": now,
        },
    )
    return {(clock_id, threshold) for clock_id, threshold in inserted}


async def _write(session: AsyncSession, batch: Batch, changed: list[CaseState], now: datetime) -> None:
    await bookmarks.move(
        session, [(c, following, fired) for c, fired, following in batch.bookmarks if following is not None]
    )
    await bookmarks.drop(session, [c for c, _, following in batch.bookmarks if following is None])
    if batch.breached:
        await session.execute(
            _BREACH_CLOCKS, {"ids": batch.breached, "breached": ClockState.BREACHED.value, "now": now}
        )
    if changed:
        await session.execute(
            _UPDATE_CASES,
            {
                "ids": [c.id for c in changed],
                "assignees": [c.assignee for c in changed],
                "bands": [c.band for c in changed],
                "raises": [c.band_raise for c in changed],
                "levels": [c.escalation_level for c in changed],
                "now": now,
            },
        )
    await outbox.emit_many(session, batch.outbound, now)


async def _appeal_now(session: AsyncSession, clock: ClockRow, case: CaseState, now: datetime) -> None:
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
        data = {
            "task_id": str(task_id),
            "kind": "appeal_now",
            "case_id": str(case.id),
            "order_id": case.order_id,
        }
        await outbox.emit(session, case.seller_id, "task.created", data, now, case_id=case.id)


async def _close_not_shipped(session: AsyncSession, clock: ClockRow, case: CaseState, now: datetime) -> None:
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
