"""Report dates in every form the marketplaces write them, and which way a file means d/m/y."""

import pytest

from services.core.producers.reports import dates


@pytest.mark.parametrize(
    ("written", "order", "meant"),
    [
        ("14-Jul-2025", "mdy", "2025-07-14T00:00:00+00:00"),
        ("4-jul.-2025", "mdy", "2025-07-04T00:00:00+00:00"),
        ("14.07.2025", "mdy", "2025-07-14T00:00:00+00:00"),
        ("2025/07/14", "dmy", "2025-07-14T00:00:00+00:00"),
        ("14/07/2025", "dmy", "2025-07-14T00:00:00+00:00"),
        ("07/14/2025", "mdy", "2025-07-14T00:00:00+00:00"),
        ("07/14/25", "mdy", "2025-07-14T00:00:00+00:00"),
        ("2025-06-05T15:31:40+00:00", "dmy", "2025-06-05T15:31:40+00:00"),
        ("2025-06-05T15:31:40Z", "dmy", "2025-06-05T15:31:40+00:00"),
        ("2025-06-05T08:31:40-07:00", "dmy", "2025-06-05T08:31:40-07:00"),
        ("2025-06-05", "dmy", "2025-06-05T00:00:00+00:00"),
    ],
)
def test_each_form(written: str, order: str, meant: str) -> None:
    assert dates.read(written, order) == meant


@pytest.mark.parametrize("written", ["yesterday", "31/02/2025", "14-Jux-2025", "2025/13/01", ""])
def test_unreadable(written: str) -> None:
    with pytest.raises(ValueError, match="cannot read the date"):
        dates.read(written, "dmy")


def test_the_file_says_which_way_it_means_slashed_dates() -> None:
    assert dates.slash_order(["03/04/2025", "14/04/2025"], "US") == "dmy", "a day above 12 settles it"
    assert dates.slash_order(["03/04/2025", "04/14/2025"], "UK") == "mdy"
    assert dates.slash_order(["03/04/2025", "14-Jul-2025"], "US") == "mdy", "else the marketplace's way"
    assert dates.slash_order(["03/04/2025"], "DE") == "dmy"
    with pytest.raises(dates.MixedDates):
        dates.slash_order(["14/04/2025", "04/14/2025"], "US")
