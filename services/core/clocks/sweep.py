"""The clock sweep's batch: claim due thresholds, fire each exactly once, and write it all.

Everything that changes an order's cases takes the order's lock first (an advisory lock on
`order_lock_key`; ingest and assignment take it too), so the sweep claims due clocks' bookmarks
with SKIP LOCKED and their orders with a try-lock: workers split the work, never wait on each
other, and never deadlock with an event being applied.

A batch is decided in Python and written with one statement per table (firings, bookmarks,
cases, outbound events, and clocks for their breaches): a burst of 100,000 thresholds due in
the same second is a few hundred statements, not half a million (bench/clocks). The ladder
steps are decided in `ladder.py`; window ends act in `window_ends.py`.
"""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import structlog
from sqlalchemy import TextClause, func, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.core.cases.shapes import ClockRow
from services.core.clocks import bookmarks, ladder, window_ends
from services.core.clocks.ladder import Batch, CaseState
from services.core.domain.clocks import ClockState, next_fire, passed
from services.core.domain.escalation import EscalationRule
from services.core.domain.kinds import stored_kind
from services.core.domain.policy import Policy
from services.core.models import ClockBookmark
from services.core.sellers import policies
from services.core.webhooks import outbox

log = structlog.get_logger(__name__)

# The due bookmarks first, in their index's order and locked: a burst of 100,000 due at once
# costs each batch its own rows, not a join and sort of all of them. Locking returns each
# bookmark as its latest version: one another sweep moved meanwhile comes back moved (and
# drops out if no longer due), one ingest dropped drops out. Then their clocks and cases, and
# their orders' locks, which every change to an order's cases takes first; a clock whose order
# is busy waits for a later batch. The lock is an advisory one: locking the order's row wrote
# to it, and to the WAL, for every firing. Plain text: the rows come back as asyncpg made them,
# without a per-value conversion.
_CLOCK_WIDTH = len(ClockRow.__dataclass_fields__)
_COLUMNS = ", ".join(
    "d.fired_through" if name == "fired_through" else f"c.{name}" for name in ClockRow.__dataclass_fields__
)
_CASE_COLUMNS = ", ".join(f"k.{name}" for name in CaseState.__dataclass_fields__)


def _claim(due: str) -> TextClause:
    return text(f"""
    WITH due AS MATERIALIZED (
        SELECT clock_id, next_fire_at, fired_through FROM clock_bookmarks
        WHERE {due}
        ORDER BY next_fire_at LIMIT :limit
        FOR UPDATE SKIP LOCKED
    )
    SELECT {_COLUMNS}, {_CASE_COLUMNS}
    FROM due d
    JOIN clocks c ON c.id = d.clock_id
    JOIN cases k ON k.id = c.case_id
    WHERE pg_try_advisory_xact_lock(order_lock_key(k.seller_id, k.order_id))
    ORDER BY d.next_fire_at, c.id
""")


_CLAIM = _claim("next_fire_at <= :now")
# One clock, when a batch failed and its clocks are fired one at a time.
_CLAIM_ONE = _claim("next_fire_at <= :now AND clock_id = :clock_id")
# A clock whose firing failed waits this long before it is tried again, so it never holds up
# the clocks due after it.
RETRY_FAILED = timedelta(minutes=5)

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


@dataclass
class Claimed:
    """A batch's claimed clocks, sorted: those with thresholds due, and those only to move."""

    cases: dict[uuid.UUID, CaseState] = field(default_factory=dict)
    # The ladder per (seller, stored clock kind): a team target's clock climbs its own.
    rules: dict[tuple[uuid.UUID, str], list[EscalationRule]] = field(default_factory=dict)
    due: list[tuple[ClockRow, list[tuple[int, datetime]]]] = field(default_factory=list)
    # Bookmarks to move (or drop, with None) without a firing.
    stale: list[tuple[uuid.UUID, int, datetime | None]] = field(default_factory=list)


async def sweep_batch(
    session: AsyncSession, now: datetime, limit: int, clock_id: uuid.UUID | None = None
) -> int:
    """Claim up to `limit` due clocks (or the one named), fire their thresholds and act on window
    ends; the number claimed (0: nothing was left to claim)."""
    await session.execute(_WALK_THE_INDEX)
    if clock_id is None:
        rows = (await session.execute(_CLAIM, {"now": now, "limit": limit})).all()
    else:
        rows = (await session.execute(_CLAIM_ONE, {"now": now, "limit": 1, "clock_id": clock_id})).all()
    claimed = await _sort(session, rows, now)
    batch, changed = await _fire(session, claimed, now)
    await _write(session, batch, changed, now)
    await window_ends.act(session, batch.window_ends, now)
    return len(rows)


async def _sort(session: AsyncSession, rows: Sequence[Any], now: datetime) -> Claimed:
    claimed = Claimed()
    for row in rows:
        clock = ClockRow(*row[:_CLOCK_WIDTH])
        if clock.state != ClockState.RUNNING.value:
            # Ingest drops a stopped clock's bookmark; one left behind has nothing left to fire.
            claimed.stale.append((clock.id, clock.fired_through, None))
            continue
        if clock.case_id not in claimed.cases:
            claimed.cases[clock.case_id] = CaseState(*row[_CLOCK_WIDTH:])
        if (clock.seller_id, clock.kind) not in claimed.rules:
            policy = (await policies.current(session, clock.seller_id)).policy
            claimed.rules[(clock.seller_id, clock.kind)] = _ladder(policy, clock.kind)
        window = timedelta(seconds=clock.window_seconds)
        offsets = clock.fire_offsets
        thresholds = passed(
            clock.started_at, window, clock.warning_percents, clock.fired_through, now, offsets
        )
        if thresholds:
            claimed.due.append((clock, thresholds))
        else:
            following = next_fire(
                clock.started_at, window, clock.warning_percents, clock.fired_through, offsets
            )
            claimed.stale.append((clock.id, clock.fired_through, following))
    return claimed


def _ladder(policy: Policy, stored: str) -> list[EscalationRule]:
    """Amazon's clocks climb the policy's ladder; a team target's clock its target's own (none
    once the target is taken out of the policy: it still announces its thresholds)."""
    kind, team = stored_kind(stored)
    if not team:
        return policy.escalations
    target = policy.team_targets.get(kind)
    return list(target.escalations) if target is not None else []


async def _fire(session: AsyncSession, claimed: Claimed, now: datetime) -> tuple[Batch, list[CaseState]]:
    """The batch's firings inserted, and what else it writes; the cases whose ladder moved."""
    cases = claimed.cases
    ladders = {case_id: case.ladder for case_id, case in cases.items()}
    fired_before: set[uuid.UUID] = set()
    while True:
        batch = Batch(firings=[], bookmarks=list(claimed.stale), breached=[], outbound=[], window_ends=[])
        ladder.climb(claimed.due, cases, claimed.rules, fired_before, batch, now)
        inserted = await _insert_firings(session, batch.firings, now)
        again = {
            c.id
            for c, thresholds in claimed.due
            if c.id not in fired_before and (c.id, thresholds[-1][0]) not in inserted
        }
        if not again:
            return batch, [case for case_id, case in cases.items() if case.ladder != ladders[case_id]]
        # A threshold fired already (its bookmark was behind): take this batch's firings back
        # and plan it again without announcing that one, so no case climbs its ladder twice.
        log.warning("thresholds already fired", clocks=sorted(str(c) for c in again))
        await session.execute(
            _DELETE_FIRINGS, {"clocks": [c for c, _ in inserted], "thresholds": [t for _, t in inserted]}
        )
        fired_before |= again
        for case_id, case in cases.items():
            case.ladder = ladders[case_id]


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


async def due_clocks(session: AsyncSession, now: datetime, limit: int) -> list[uuid.UUID]:
    """The clocks a batch would claim, unlocked: what a failed batch fires one at a time."""
    due = (
        select(ClockBookmark.clock_id)
        .where(ClockBookmark.next_fire_at <= now)
        .order_by(ClockBookmark.next_fire_at)
        .limit(limit)
    )
    return list(await session.scalars(due))


async def defer(session: AsyncSession, clock_id: uuid.UUID, now: datetime) -> None:
    """Put off a clock whose firing failed; its thresholds fire late, never twice or not at all."""
    await session.execute(
        update(ClockBookmark)
        .where(ClockBookmark.clock_id == clock_id)
        .values(next_fire_at=now + RETRY_FAILED)
    )


async def next_due(session: AsyncSession) -> datetime | None:
    """When the next threshold of any running clock is due: what the worker's follower waits for."""
    upcoming: datetime | None = await session.scalar(select(func.min(ClockBookmark.next_fire_at)))
    return upcoming
