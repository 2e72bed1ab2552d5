"""Account-health formulas and targets (DOMAIN.md section 10), as plain functions."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal

Status = Literal["ok", "at_risk", "breach"]
WINDOWS = (7, 30, 60, 90)
# How close to its target a figure may come before it is "at risk": a quarter of the target
# for figures that must stay below it, half the remaining headroom for those that must stay above.
AT_RISK_BELOW = 0.75
AT_RISK_ABOVE = 0.5


@dataclass(frozen=True)
class Target:
    percent: float
    direction: Literal["below", "above"]


TARGETS: dict[str, Target] = {
    "order_defect_rate": Target(1.0, "below"),
    "response_under_24h": Target(90.0, "above"),
    "customer_service_dissatisfaction": Target(25.0, "below"),
    "return_dissatisfaction": Target(10.0, "below"),
}


@dataclass(frozen=True)
class Figure:
    numerator: int
    denominator: int
    percent: float | None
    target: float
    direction: Literal["below", "above"]
    status: Status


def percent(numerator: int, denominator: int) -> float | None:
    return round(100 * numerator / denominator, 4) if denominator else None


def status(value: float | None, target: Target) -> Status:
    """No data is no risk."""
    if value is None:
        return "ok"
    if target.direction == "below":
        if value >= target.percent:
            return "breach"
        return "at_risk" if value >= target.percent * AT_RISK_BELOW else "ok"
    if value < target.percent:
        return "breach"
    return "at_risk" if value < target.percent + (100 - target.percent) * AT_RISK_ABOVE else "ok"


def figure(numerator: int, denominator: int, target: Target) -> Figure:
    value = percent(numerator, denominator)
    return Figure(numerator, denominator, value, target.percent, target.direction, status(value, target))


@dataclass(frozen=True)
class Window:
    start: datetime
    end: datetime  # exclusive


def window(now: datetime, days: int, lag_days: int) -> Window:
    """Amazon's view lags: the window ends `lag_days` before now and spans `days` before that."""
    end = now - timedelta(days=lag_days)
    return Window(end - timedelta(days=days), end)


def whole_days(span: Window) -> tuple[date, date] | None:
    """The UTC days wholly inside the window, as [first, last): None when there is none. The
    window's start and end fall mid-day; only those edges need counting row by row."""
    start, end = span.start.astimezone(UTC), span.end.astimezone(UTC)
    first = start.date() if start.time() == time() else start.date() + timedelta(days=1)
    last = end.date()
    return (first, last) if first < last else None


def leaves_window(ordered_at: datetime, days: int, lag_days: int) -> date:
    """The first day on which an order dated `ordered_at` is outside the window."""
    return (ordered_at + timedelta(days=days + lag_days)).date() + timedelta(days=1)
