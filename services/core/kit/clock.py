"""Where time comes from: the system clock in production, a settable clock in tests.

The pure core never reads the wall clock; the API and the workers pass the time in. A clock
answers two questions: `now()`, this process's time, which the API stamps its requests with;
and `now_in(session)`, the time every worker agrees on when it judges what is due.
"""

from datetime import UTC, datetime, timedelta
from typing import ClassVar, Protocol

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession


class Clock(Protocol):
    # Whether time passes by itself: only then is waiting for a moment worth a real sleep.
    ticks: ClassVar[bool]

    def now(self) -> datetime: ...

    async def now_in(self, session: AsyncSession) -> datetime: ...


class SystemClock:
    ticks: ClassVar[bool] = True

    def now(self) -> datetime:
        return datetime.now(UTC)

    async def now_in(self, session: AsyncSession) -> datetime:
        """The database's time (its transaction's start), so workers on machines whose clocks
        drift apart still judge 'due' by one clock."""
        now: datetime = await session.scalar(select(func.now()))
        return now


class ScaledClock:
    """Real time run faster from an epoch: now = epoch + (wall - epoch) * scale.

    It exists for bench/soak, which runs a day of clocks in an hour across several API and
    worker processes: a settable clock lives in one process only, while this one is the same
    in every process given the same two settings. Never active unless AFTERSALES_CLOCK_SCALE
    is set.
    """

    def __init__(self, scale: float, epoch: datetime) -> None:
        if scale <= 0 or epoch.tzinfo is None:
            raise ValueError("a scaled clock takes a positive scale and a timezone-aware epoch")
        self.scale = scale
        self.epoch = epoch

    ticks: ClassVar[bool] = True

    def now(self) -> datetime:
        return self.epoch + (datetime.now(UTC) - self.epoch) * self.scale

    async def now_in(self, session: AsyncSession) -> datetime:
        # Every process computes the same scaled time from the same epoch: no database round trip.
        return self.now()


def configured(scale: float | None, epoch: datetime | None) -> Clock:
    """The system clock, or a scaled one when a scale is set (from the epoch, or from now)."""
    if scale is None:
        return SystemClock()
    return ScaledClock(scale, epoch or datetime.now(UTC))


def real_span(clock: Clock, span: timedelta) -> timedelta:
    """A span of real time (a lease on a send, say) as `clock` counts it."""
    return span * clock.scale if isinstance(clock, ScaledClock) else span


class SettableClock:
    """A clock that stands still until a test moves it, so 30-day windows take no time."""

    ticks: ClassVar[bool] = False

    def __init__(self, start: datetime | None = None) -> None:
        self._now = start or datetime(2026, 1, 5, 9, 0, tzinfo=UTC)

    def now(self) -> datetime:
        return self._now

    async def now_in(self, session: AsyncSession) -> datetime:
        """Its own time: the test that moves it decides what is due, wherever the work runs."""
        return self._now

    def set(self, when: datetime) -> None:
        if when.tzinfo is None:
            raise ValueError("a settable clock takes timezone-aware datetimes")
        self._now = when

    def advance(self, delta: timedelta) -> datetime:
        self._now += delta
        return self._now
