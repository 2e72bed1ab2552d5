"""The console's pure view helpers: the countdown's text and the server-drawn chart."""

import re
from datetime import UTC, datetime, timedelta

from services.api.console import duration
from services.api.console.charts import Point, line_chart

DAY0 = datetime(2026, 1, 1, tzinfo=UTC)


def test_time_left_reads_as_the_browser_writes_it() -> None:
    assert duration(59) == "00:00:59"
    assert duration(4 * 3600) == "04:00:00"
    assert duration(2 * 86_400 + 3 * 3600 + 4 * 60 + 5) == "2d 03:04:05"
    assert duration(-720) == "overdue 00:12:00"
    assert duration(None) == ""


def test_a_chart_draws_each_known_day_and_breaks_the_line_at_a_gap() -> None:
    values = [None, 1.0, 2.0, None, 0.5, 0.25]
    svg = str(
        line_chart("ODR", [Point(DAY0 + timedelta(days=i), v) for i, v in enumerate(values)], 1.0, "below")
    )
    assert svg.count("<circle") == 4
    assert svg.count("<polyline") == 2, "a day without data leaves a gap"
    assert 'data-points="6"' in svg
    assert 'aria-label="ODR: now 0.25 %, target 1.0 %"' in svg
    assert re.findall(r'data-day="([\d-]+)" data-value="([\d.]+)"', svg)[-1] == ("2026-01-06", "0.25")


def test_a_chart_escapes_its_title() -> None:
    svg = str(line_chart("<b>", [Point(DAY0, None)], 90.0, "above"))
    assert "<b>" not in svg and "&lt;b&gt;" in svg
    assert "no data" in svg
