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
