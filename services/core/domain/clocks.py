"""Clock arithmetic: due times, warning times, settling a clock's state, and explaining it.

Calendar hours: weekends and nights count (DOMAIN.md section 3). A team target's clock runs on
working hours instead: its thresholds are worked out once when it starts (`domain/calendars.py`)
and kept as `fire_offsets`, seconds after its start, one per threshold in firing order; every
function here that takes them reads them instead of the linear percentages.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from functools import lru_cache

from services.core.domain.kinds import ClockKind
from services.core.domain.policy import CLOCK_PURPOSE


class ClockState(StrEnum):
    RUNNING = "running"
    MET = "met"
    BREACHED = "breached"
    CANCELLED = "cancelled"


class StopKind(StrEnum):
    MET = "met"  # the work was done
    MOOT = "moot"  # the case was resolved some other way: nothing left to time


@dataclass(frozen=True)
class EventRef:
    """An event as the core sees it: the producer's id, its type and when it happened."""

    id: str
    type: str
    occurred_at: datetime


@dataclass(frozen=True)
class ClockSpec:
    """What the events say about one clock; the shell adds the window from the policy."""

    kind: ClockKind
    started: EventRef
    stopped: EventRef | None = None
    stop: StopKind | None = None


def due_at(started_at: datetime, window: timedelta) -> datetime:
    return started_at + window


def warning_times(
    started_at: datetime,
    window: timedelta,
    percents: Sequence[int],
    fire_offsets: Sequence[int] | None = None,
) -> list[datetime]:
    return [
        started_at + offset
        for percent, offset in _thresholds(window, percents, fire_offsets)
        if percent != BREACH
    ]


def settle(
    due: datetime, stopped_at: datetime | None, stop: StopKind | None, breached_before: bool
) -> ClockState:
    """The state a clock is in. A breach is permanent: stopping late does not undo it."""
    if breached_before:
        return ClockState.BREACHED
    if stopped_at is None:
        return ClockState.RUNNING
    if stop is StopKind.MOOT:
        return ClockState.CANCELLED
    return ClockState.MET if stopped_at <= due else ClockState.BREACHED


def remaining(due: datetime, now: datetime) -> timedelta:
    return due - now


@lru_cache(maxsize=256)
def _hours(window: timedelta) -> str:
    hours = window.total_seconds() / 3600
    if hours >= 48 and hours % 24 == 0:
        return f"{int(hours // 24)} days"
    return f"{hours:g} h"


def explain(
    kind: ClockKind,
    started: EventRef,
    window: timedelta,
    policy_version: int,
    state: ClockState,
    stopped: EventRef | None,
    working_in: str | None = None,
) -> str:
    """A sentence a support lead can read: why this clock runs and what stopped it. A team
    target's clock names the time zone of the working hours it counts."""
    span = (
        _hours(window)
        if working_in is None
        else f"{window.total_seconds() / 3600:g} working hours ({working_in})"
    )
    text = (
        f"{'team target: ' if working_in else ''}{CLOCK_PURPOSE[kind]}: started by {started.type} "
        f"{started.id} at {started.occurred_at.isoformat()}; policy v{policy_version}: {span}"
    )
    if stopped is not None:
        text += f"; stopped by {stopped.type} {stopped.id} at {stopped.occurred_at.isoformat()} ({state})"
    return text


BREACH = 100


@lru_cache(maxsize=1024)
def _offsets(window: timedelta, percents: tuple[int, ...]) -> tuple[tuple[int, timedelta], ...]:
    """The warning percentages and the breach in firing order, each with its time from the
    clock's start: a few distinct (window, ladder) pairs serve every clock, and the sweep reads
    them for each one it claims."""
    return tuple((percent, window * percent / 100) for percent in sorted({*percents, BREACH}))


def _thresholds(
    window: timedelta, percents: Sequence[int], fire_offsets: Sequence[int] | None
) -> tuple[tuple[int, timedelta], ...]:
    if fire_offsets is None:
        return _offsets(window, tuple(percents))
    return tuple(
        (percent, timedelta(seconds=seconds))
        for percent, seconds in zip(sorted({*percents, BREACH}), fire_offsets, strict=True)
    )


def offsets_of(started_at: datetime, times: Sequence[datetime]) -> list[int]:
    """A team clock's threshold times as the seconds after its start that it keeps."""
    return [int((t - started_at).total_seconds()) for t in times]


def next_fire(
    started_at: datetime,
    window: timedelta,
    percents: Sequence[int],
    fired_through: int,
    fire_offsets: Sequence[int] | None = None,
) -> datetime | None:
    """When the sweep should next look at a running clock: its first unfired threshold."""
    for percent, offset in _thresholds(window, percents, fire_offsets):
        if percent > fired_through:
            return started_at + offset
    return None


def passed(
    started_at: datetime,
    window: timedelta,
    percents: Sequence[int],
    fired_through: int,
    now: datetime,
    fire_offsets: Sequence[int] | None = None,
) -> list[tuple[int, datetime]]:
    """Unfired thresholds whose time has come, lowest first, each with the time it came."""
    elapsed = now - started_at
    return [
        (percent, started_at + offset)
        for percent, offset in _thresholds(window, percents, fire_offsets)
        if percent > fired_through and offset <= elapsed
    ]
