"""Working calendars and working-time arithmetic: the team's own targets run on these.

A calendar is a time zone, the weekly working hours (one or more shifts a day), the public
holidays of a country (and region) and the seller's own closed days. Calendars live inside the
policy document (`Policy.calendars`), so they are versioned with it: a team target clock records
the policy version it was computed under, exactly like Amazon's clocks, and a changed calendar
applies to new clocks only. A separate versioned table would have needed a second version number
on every clock for the same guarantee.

Arithmetic: working time is real elapsed time inside open intervals. A shift runs from the first
instant its start time is reached on the wall clock to the first instant its end time is reached,
so on a DST change a shift is as long as the hours that really pass (a 00:00-04:00 shift on a
spring-forward night is 3 hours, on a fall-back night 5), and a wall time that does not exist (in
the gap) means the instant the clocks jump. Holidays come from the `holidays` package, a pure data
library with no IO.
"""

from collections.abc import Iterator, Mapping
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from functools import lru_cache
from typing import Annotated, Any
from zoneinfo import ZoneInfo, available_timezones

import holidays as holiday_data
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

# A calendar with no working time in this long cannot time anything. A valid calendar always
# has some: a shift recurs weekly, and its own closed days (at most 366) and a country's public
# holidays cannot close every occurrence for this long, so ingest never meets the error.
SEARCH_DAYS = 7 * 500


class Weekday(StrEnum):
    MON = "mon"
    TUE = "tue"
    WED = "wed"
    THU = "thu"
    FRI = "fri"
    SAT = "sat"
    SUN = "sun"


_WEEKDAYS = list(Weekday)


class Shift(BaseModel):
    """Working hours of one day, local wall time; an end of 00:00 means midnight at the day's end."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    start: time
    end: time

    @model_validator(mode="after")
    def _ordered(self) -> "Shift":
        if self.start.tzinfo is not None or self.end.tzinfo is not None:
            raise ValueError("shift times are local wall times, without an offset")
        if self.end != time(0) and self.end <= self.start:
            raise ValueError("a shift ends after it starts (split a night shift at midnight)")
        return self


class HolidaySource(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    country: str = Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2, e.g. US, DE.")
    region: str | None = Field(default=None, max_length=10, description="Subdivision, e.g. CA, BY.")

    @model_validator(mode="after")
    def _known(self) -> "HolidaySource":
        try:
            holiday_data.country_holidays(self.country, subdiv=self.region)
        except NotImplementedError as error:
            raise ValueError(f"no public holidays known for {self.country} {self.region or ''}") from error
        return self


class Calendar(BaseModel):
    """When the team works: the time zone, the week, public holidays and closed days."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    time_zone: str = Field(description="IANA name, e.g. America/New_York.")
    week: dict[Weekday, Annotated[list[Shift], Field(max_length=6)]] = Field(
        description="Shifts per weekday; a missing day is closed."
    )
    holidays: HolidaySource | None = None
    closed_days: list[date] = Field(default_factory=list, max_length=366)
    # A day's open intervals, worked out once: a backtest asks for the same days of a calendar
    # for every clock it replays. Bounded, so a long-lived policy object never grows without end.
    _days: dict[date, list[tuple[datetime, datetime]]] = PrivateAttr(default_factory=dict)

    @field_validator("time_zone")
    @classmethod
    def _zone(cls, name: str) -> str:
        if name not in _zones():
            raise ValueError(f"unknown time zone {name!r}")
        return name

    @field_validator("week")
    @classmethod
    def _no_overlap(cls, week: dict[Weekday, list[Shift]]) -> dict[Weekday, list[Shift]]:
        for day, shifts in week.items():
            ordered = sorted(shifts, key=lambda s: s.start)
            for before, after in zip(ordered, ordered[1:], strict=False):
                if before.end == time(0) or after.start < before.end:
                    raise ValueError(f"shifts on {day} overlap")
            week[day] = ordered
        if not any(week.values()):
            raise ValueError("a calendar needs at least one shift")
        return week

    def __eq__(self, other: object) -> bool:
        # The same calendar whatever days it has worked out: a policy saved again unchanged must
        # compare equal to the version in force (`sellers/policies.replace`).
        if not isinstance(other, Calendar):
            return NotImplemented
        return self.__dict__ == other.__dict__

    __hash__ = None  # type: ignore[assignment]

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> "Calendar":
        # A copy may be another calendar: it works its days out afresh.
        copied = super().model_copy(update=update, deep=deep)
        copied._days = {}
        return copied

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    def is_closed_day(self, day: date) -> bool:
        if day in self.closed_days:
            return True
        return self.holidays is not None and day in _holidays(self.holidays.country, self.holidays.region)


@lru_cache(maxsize=1)
def _zones() -> frozenset[str]:
    return frozenset(available_timezones())


@lru_cache(maxsize=64)
def _holidays(country: str, region: str | None) -> holiday_data.HolidayBase:
    # Years fill in as they are asked for (the package's `expand`).
    return holiday_data.country_holidays(country, subdiv=region)


def _instant(day: date, wall: time, zone: ZoneInfo, end: bool = False) -> datetime:
    """The first instant the wall clock shows `wall` on `day` (the next midnight for an end of
    00:00), or the instant the clocks jump over it when it falls in a DST gap."""
    if end and wall == time(0):
        local = datetime.combine(day + timedelta(days=1), time(0))
    else:
        local = datetime.combine(day, wall)
    early = local.replace(tzinfo=zone, fold=0).astimezone(UTC)
    if early.astimezone(zone).replace(tzinfo=None) == local:
        return early
    # In a gap: fold=1 reads it with the later offset, an instant before the jump; fold=0 one
    # after it. The jump is the first instant whose wall time is at or past `local`.
    low = local.replace(tzinfo=zone, fold=1).astimezone(UTC)
    high = early
    while high - low > timedelta(seconds=1):
        middle = low + (high - low) / 2
        if middle.astimezone(zone).replace(tzinfo=None) >= local:
            high = middle
        else:
            low = middle
    return high.replace(microsecond=0) if high.microsecond else high


_DAYS_KEPT = 4000


def _day_intervals(calendar: Calendar, day: date) -> list[tuple[datetime, datetime]]:
    kept = calendar._days.get(day)
    if kept is None:
        if len(calendar._days) >= _DAYS_KEPT:
            calendar._days.clear()
        kept = calendar._days[day] = _work_out_day(calendar, day)
    return kept


def _work_out_day(calendar: Calendar, day: date) -> list[tuple[datetime, datetime]]:
    if calendar.is_closed_day(day):
        return []
    zone = calendar.zone
    spans = []
    for shift in calendar.week.get(_WEEKDAYS[day.weekday()], []):
        start, end = _instant(day, shift.start, zone), _instant(day, shift.end, zone, end=True)
        if end > start:
            spans.append((start, end))
    return spans


def open_intervals(calendar: Calendar, since: datetime) -> Iterator[tuple[datetime, datetime]]:
    """The calendar's open intervals in UTC, in time order, from `since` on (the first clipped)."""
    day = since.astimezone(calendar.zone).date() - timedelta(days=1)
    idle = 0
    while idle <= SEARCH_DAYS:
        spans = _day_intervals(calendar, day)
        idle = 0 if spans else idle + 1
        for start, end in spans:
            if end > since:
                yield max(start, since), end
        day += timedelta(days=1)
    raise ValueError(f"the calendar has no working time in {SEARCH_DAYS} days after {since.isoformat()}")


def add_working(calendar: Calendar, start: datetime, duration: timedelta) -> datetime:
    """When `duration` of working time counted from `start` has passed: a due time. A due time is
    always inside an open interval or at its end, never in closed time."""
    if duration <= timedelta(0):
        raise ValueError("a working duration is positive")
    left = duration
    for opens, closes in open_intervals(calendar, start):
        if closes - opens >= left:
            return opens + left
        left -= closes - opens
    raise AssertionError("open_intervals never ends quietly")


def working_between(calendar: Calendar, start: datetime, end: datetime) -> timedelta:
    """Working time elapsed from `start` to `end`; negative when `end` comes first."""
    if end < start:
        return -working_between(calendar, end, start)
    total = timedelta(0)
    for opens, closes in open_intervals(calendar, start):
        if opens >= end:
            break
        total += min(closes, end) - opens
    return total


def working_left(calendar: Calendar, now: datetime, due: datetime) -> timedelta:
    """Working time left until a due time; negative once it has passed."""
    return working_between(calendar, now, due)


def is_open(calendar: Calendar, instant: datetime) -> bool:
    opens, _ = next(open_intervals(calendar, instant))
    return opens == instant


def fire_times(
    calendar: Calendar, start: datetime, duration: timedelta, percents: list[int]
) -> list[datetime]:
    """When each warning percent of a working window is reached, and the breach (100) last: the
    same as `add_working` for each, in one walk over the calendar."""
    if duration <= timedelta(0):
        raise ValueError("a working duration is positive")
    wanted = [duration * percent / 100 for percent in sorted({*percents, 100})]
    found: list[datetime] = []
    counted = timedelta(0)
    for opens, closes in open_intervals(calendar, start):
        while len(found) < len(wanted) and counted + (closes - opens) >= wanted[len(found)]:
            found.append(opens + (wanted[len(found)] - counted))
        if len(found) == len(wanted):
            return found
        counted += closes - opens
    raise AssertionError("open_intervals never ends quietly")


def local_text(instant: datetime, zone: str | None) -> str:
    """A due time as the team reads it: 'Mon 2026-03-09 15:00 in America/New_York', or in UTC
    for Amazon's clocks, which count no calendar."""
    if zone is None:
        return f"{instant.astimezone(UTC):%a %Y-%m-%d %H:%M} UTC"
    return f"{instant.astimezone(ZoneInfo(zone)):%a %Y-%m-%d %H:%M} in {zone}"
