from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from services.core.domain.calendars import (
    Calendar,
    add_working,
    fire_times,
    is_open,
    local_text,
    open_intervals,
    working_between,
    working_left,
)

NY = ZoneInfo("America/New_York")
US_SUPPORT = Calendar.model_validate(
    {
        "time_zone": "America/New_York",
        "week": {day: [{"start": "09:00", "end": "17:00"}] for day in ("mon", "tue", "wed", "thu", "fri")},
        "holidays": {"country": "US"},
        "closed_days": ["2026-12-24"],
    }
)
# Split shifts, a Saturday morning, and a night shift on Sunday across the DST changes.
EU_SUPPORT = Calendar.model_validate(
    {
        "time_zone": "Europe/Berlin",
        "week": {
            "mon": [{"start": "08:00", "end": "12:00"}, {"start": "13:00", "end": "17:00"}],
            "tue": [{"start": "08:00", "end": "12:00"}, {"start": "13:00", "end": "17:00"}],
            "wed": [{"start": "08:00", "end": "12:00"}, {"start": "13:00", "end": "17:00"}],
            "thu": [{"start": "08:00", "end": "12:00"}, {"start": "13:00", "end": "17:00"}],
            "fri": [{"start": "08:00", "end": "14:00"}],
            "sat": [{"start": "09:00", "end": "12:00"}],
            "sun": [{"start": "00:00", "end": "04:00"}],
        },
        "holidays": {"country": "DE", "region": "BY"},
    }
)


def ny(*args: int) -> datetime:
    return datetime(*args, tzinfo=NY)


def test_four_working_hours_from_friday_afternoon_fall_on_monday() -> None:
    due = add_working(US_SUPPORT, ny(2026, 3, 6, 15, 0), timedelta(hours=4))
    assert due == ny(2026, 3, 9, 11, 0)
    assert local_text(due, US_SUPPORT.time_zone) == "Mon 2026-03-09 11:00 in America/New_York"


def test_a_start_in_closed_time_counts_from_the_next_opening() -> None:
    assert add_working(US_SUPPORT, ny(2026, 3, 7, 10, 0), timedelta(hours=1)) == ny(2026, 3, 9, 10, 0)


def test_a_public_holiday_and_an_own_closed_day_are_skipped() -> None:
    # Thanksgiving (Thu 2026-11-26) from the holidays package; Christmas Eve closed by the seller,
    # Christmas Day a holiday again.
    assert add_working(US_SUPPORT, ny(2026, 11, 25, 16, 0), timedelta(hours=2)) == ny(2026, 11, 27, 10, 0)
    assert add_working(US_SUPPORT, ny(2026, 12, 23, 16, 0), timedelta(hours=2)) == ny(2026, 12, 28, 10, 0)
    assert not is_open(US_SUPPORT, ny(2026, 11, 26, 10, 0))


def test_a_regional_holiday_closes_only_its_region() -> None:
    # Epiphany (6 Jan) is a public holiday in Bavaria; 2027-01-06 is a Wednesday.
    berlin = ZoneInfo("Europe/Berlin")
    assert not is_open(EU_SUPPORT, datetime(2027, 1, 6, 9, 0, tzinfo=berlin))
    hesse = EU_SUPPORT.model_copy(update={"holidays": None})
    assert is_open(hesse, datetime(2027, 1, 6, 9, 0, tzinfo=berlin))


def test_split_shifts_leave_the_lunch_break_out() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    start = datetime(2026, 6, 1, 11, 0, tzinfo=berlin)
    assert add_working(EU_SUPPORT, start, timedelta(hours=2)) == datetime(2026, 6, 1, 14, 0, tzinfo=berlin)
    assert working_between(EU_SUPPORT, start, datetime(2026, 6, 1, 14, 0, tzinfo=berlin)) == timedelta(
        hours=2
    )


def test_dst_gap_night_shift_is_three_hours_and_fold_night_five() -> None:
    # Europe switches on the last Sundays of March and October.
    spring = open_intervals(EU_SUPPORT, datetime(2026, 3, 29, 0, 0, tzinfo=UTC) - timedelta(hours=1))
    opens, closes = next(spring)
    assert closes - opens == timedelta(hours=3)
    autumn = open_intervals(EU_SUPPORT, datetime(2026, 10, 25, 0, 0, tzinfo=UTC) - timedelta(hours=2))
    opens, closes = next(autumn)
    assert closes - opens == timedelta(hours=5)


def test_a_shift_starting_in_the_gap_starts_when_the_clocks_jump() -> None:
    night = Calendar.model_validate(
        {"time_zone": "America/New_York", "week": {"sun": [{"start": "02:30", "end": "05:00"}]}}
    )
    opens, closes = next(open_intervals(night, datetime(2026, 3, 8, 0, 0, tzinfo=UTC)))
    assert opens == datetime(2026, 3, 8, 7, 0, tzinfo=UTC)  # 03:00 EDT, the instant of the jump
    assert closes == datetime(2026, 3, 8, 9, 0, tzinfo=UTC)


def test_time_left_goes_negative_after_the_due_time() -> None:
    due = ny(2026, 3, 9, 11, 0)
    assert working_left(US_SUPPORT, ny(2026, 3, 6, 16, 0), due) == timedelta(hours=3)
    assert working_left(US_SUPPORT, ny(2026, 3, 9, 12, 30), due) == -timedelta(hours=1, minutes=30)


def test_fire_times_are_working_percentages() -> None:
    times = fire_times(US_SUPPORT, ny(2026, 3, 6, 15, 0), timedelta(hours=4), [50])
    assert times == [ny(2026, 3, 6, 17, 0), ny(2026, 3, 9, 11, 0)]


@pytest.mark.parametrize(
    "calendar",
    [
        {"time_zone": "Mars/Olympus", "week": {"mon": [{"start": "09:00", "end": "17:00"}]}},
        {"time_zone": "UTC", "week": {"mon": [{"start": "17:00", "end": "09:00"}]}},
        {
            "time_zone": "UTC",
            "week": {"mon": [{"start": "09:00", "end": "13:00"}, {"start": "12:00", "end": "14:00"}]},
        },
        {"time_zone": "UTC", "week": {}},
        {
            "time_zone": "UTC",
            "week": {"mon": [{"start": "09:00", "end": "17:00"}]},
            "holidays": {"country": "ZZ"},
        },
    ],
)
def test_bad_calendars_are_refused(calendar: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        Calendar.model_validate(calendar)


def test_a_long_closure_is_skipped() -> None:
    closed = Calendar.model_validate(
        {
            "time_zone": "UTC",
            "week": {"mon": [{"start": "09:00", "end": "17:00"}]},
            "closed_days": [date(2026, 1, 5) + timedelta(weeks=n) for n in range(366)],
        }
    )
    due = add_working(closed, datetime(2026, 1, 1, tzinfo=UTC), timedelta(hours=1))
    assert due == datetime.combine(date(2026, 1, 5) + timedelta(weeks=366), datetime.min.time(), UTC).replace(
        hour=10
    )


# Instants from 2024 to 2028, to the minute, around every DST change of both zones.
instants = st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2028, 1, 1)).map(
    lambda d: d.replace(second=0, microsecond=0, tzinfo=UTC)
)
durations = st.integers(min_value=1, max_value=60 * 80).map(lambda m: timedelta(minutes=m))
calendars = st.sampled_from([US_SUPPORT, EU_SUPPORT])


@settings(max_examples=300, deadline=None)
@given(calendars, instants, durations)
def test_adding_then_measuring_gives_the_duration_back(
    calendar: Calendar, start: datetime, duration: timedelta
) -> None:
    due = add_working(calendar, start, duration)
    assert working_between(calendar, start, due) == duration


@settings(max_examples=300, deadline=None)
@given(calendars, instants, durations)
def test_a_due_time_never_falls_in_closed_time(
    calendar: Calendar, start: datetime, duration: timedelta
) -> None:
    due = add_working(calendar, start, duration)
    # Open just before it: the due time is inside an open interval or at its very end.
    assert is_open(calendar, due - timedelta(seconds=1))


@settings(max_examples=200, deadline=None)
@given(calendars, instants, durations, durations)
def test_working_time_adds_up(
    calendar: Calendar, start: datetime, first: timedelta, second: timedelta
) -> None:
    middle = add_working(calendar, start, first)
    assert add_working(calendar, middle, second) == add_working(calendar, start, first + second)


@settings(max_examples=200, deadline=None)
@given(calendars, instants, durations, st.lists(st.integers(min_value=1, max_value=99), max_size=4))
def test_fire_times_are_each_percent_added(
    calendar: Calendar, start: datetime, duration: timedelta, percents: list[int]
) -> None:
    expected = [add_working(calendar, start, duration * p / 100) for p in sorted({*percents, 100})]
    assert fire_times(calendar, start, duration, percents) == expected


def test_a_calendar_that_has_worked_out_days_still_equals_its_twin() -> None:
    twin = Calendar.model_validate(US_SUPPORT.model_dump())
    add_working(US_SUPPORT, ny(2026, 3, 6, 15, 0), timedelta(hours=4))
    assert US_SUPPORT == twin
