"""Where time comes from: the system clock in production, a settable clock in tests.

The pure core never reads the wall clock; the API and the workers pass `clock.now()` in.
"""

from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class SettableClock:
    """A clock that stands still until a test moves it, so 30-day windows take no time."""

    def __init__(self, start: datetime | None = None) -> None:
        self._now = start or datetime(2026, 1, 5, 9, 0, tzinfo=UTC)

    def now(self) -> datetime:
        return self._now

    def set(self, when: datetime) -> None:
        if when.tzinfo is None:
            raise ValueError("a settable clock takes timezone-aware datetimes")
        self._now = when

    def advance(self, delta: timedelta) -> datetime:
        self._now += delta
        return self._now
