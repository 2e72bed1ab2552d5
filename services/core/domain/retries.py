"""When to try a webhook delivery again (Standard Webhooks' usual schedule)."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from enum import StrEnum

# The wait before attempt n+1 after attempt n failed; the first attempt is immediate.
RETRY_DELAYS: tuple[timedelta, ...] = (
    timedelta(seconds=5),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=5),
    timedelta(hours=10),
    timedelta(hours=10),
)
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
MAX_RETRY_AFTER = timedelta(hours=10)


class DeliveryState(StrEnum):
    PENDING = "pending"
    DELIVERING = "delivering"
    DELIVERED = "delivered"
    DEAD = "dead"


@dataclass(frozen=True)
class Outcome:
    state: DeliveryState
    next_attempt_at: datetime | None = None
    disable_endpoint: bool = False


def retry_after(header: str | None, now: datetime) -> timedelta | None:
    """Seconds or an HTTP date, as RFC 9110 allows; None when absent or unreadable."""
    if not header:
        return None
    value = header.strip()
    if value.isdigit():
        return timedelta(seconds=int(value))
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(when - now, timedelta(0))


def after_attempt(attempt: int, status: int | None, retry_after_header: str | None, now: datetime) -> Outcome:
    """What follows attempt number `attempt` that got `status` (None: no answer at all)."""
    if status is not None and 200 <= status < 300:
        return Outcome(DeliveryState.DELIVERED)
    if status == 410:
        return Outcome(DeliveryState.DEAD, disable_endpoint=True)
    if attempt >= MAX_ATTEMPTS:
        return Outcome(DeliveryState.DEAD)
    delay = RETRY_DELAYS[attempt - 1]
    if status in (429, 503):
        asked = retry_after(retry_after_header, now)
        if asked is not None:
            delay = min(asked, MAX_RETRY_AFTER)
    return Outcome(DeliveryState.PENDING, now + delay)
