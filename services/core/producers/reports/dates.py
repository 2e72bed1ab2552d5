"""The dates of Seller Central reports, in the forms the marketplaces write them.

ISO times and dates (the FBA reports), `14-Jul-2025` (the flat-file returns report), and the
marketplaces' numeric forms: `14.07.2025`, `2025/07/14`, and `14/07/2025` or `07/14/2025`. Which
of the last two a file means is read from the whole file: a first number above 12 says day
first, a second number above 12 says month first, and a file that says neither is read the way
its marketplace writes dates.
"""

import re
from collections.abc import Iterable
from datetime import UTC, datetime

MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1
    )
}
# Seller Central in these marketplaces writes 07/14/2025; the others write 14/07/2025.
MONTH_FIRST = frozenset({"US", "CA"})

NAMED = re.compile(r"^(\d{1,2})-([A-Za-z]{3,9})\.?-(\d{4})$")
YEAR_FIRST = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$")
DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
SLASHED = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})$")


class MixedDates(ValueError):
    def __init__(self, day_first: str, month_first: str) -> None:
        super().__init__(
            f"the file writes dates both day first ({day_first}) and month first ({month_first}); "
            "export it again from one marketplace"
        )


def slash_order(values: Iterable[str], marketplace: str) -> str:
    """'dmy' or 'mdy': how this file's d/m/y dates are meant."""
    day_first = month_first = None
    for value in values:
        match = SLASHED.match(value.strip())
        if match is None:
            continue
        first, second = int(match.group(1)), int(match.group(2))
        if first > 12:
            day_first = day_first or value
        elif second > 12:
            month_first = month_first or value
    if day_first and month_first:
        raise MixedDates(day_first, month_first)
    if day_first or month_first:
        return "dmy" if day_first else "mdy"
    return "mdy" if marketplace in MONTH_FIRST else "dmy"


def read(value: str, order: str = "mdy") -> str:
    """The date or time as an ISO time in UTC (a date alone is its midnight in UTC)."""
    text = value.strip()
    try:
        return _aware(datetime.fromisoformat(text.replace("Z", "+00:00"))).isoformat()
    except ValueError:
        pass
    try:
        year, month, day = _numbers(text, order)
        return datetime(year, month, day, tzinfo=UTC).isoformat()
    except (ValueError, KeyError):
        raise ValueError(f"cannot read the date {value!r}") from None


def _numbers(text: str, order: str) -> tuple[int, int, int]:
    if match := NAMED.match(text):
        return int(match.group(3)), MONTHS[match.group(2)[:3].lower()], int(match.group(1))
    if match := YEAR_FIRST.match(text):
        return int(match.group(1)), int(match.group(2)), int(match.group(3))
    if match := DOTTED.match(text):
        return int(match.group(3)), int(match.group(2)), int(match.group(1))
    if match := SLASHED.match(text):
        first, second, year = int(match.group(1)), int(match.group(2)), int(match.group(3))
        year += 2000 if year < 100 else 0
        return (year, first, second) if order == "mdy" else (year, second, first)
    raise ValueError(text)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
