"""Each account-health figure day by day, for the console's charts: the figures as they stood at
the end of each of the last days, and now. Each point is the same computation as the live call.

A past day's figures change only when an event arrives late, so they are kept a few minutes per
process: a manager who reloads the page pays for today's point alone.
"""

import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from services.core.account_health.figures import AccountHealth, account_health
from services.core.domain.policy import Policy

DAYS_SHOWN = 90
KEEP_SECONDS = 300
MAX_KEPT = 50_000
_kept: dict[tuple[object, ...], tuple[float, AccountHealth]] = {}


@dataclass(frozen=True)
class Day:
    at: datetime
    health: AccountHealth


def _day_ends(now: datetime, points: int) -> list[datetime]:
    """The ends (next midnight, UTC) of the `points - 1` days before today's, then now."""
    today = datetime.combine(now.astimezone(UTC).date(), datetime.min.time(), UTC)
    return [today - timedelta(days=back) for back in range(points - 2, -1, -1)] + [now]


async def history(
    session: AsyncSession,
    seller_id: uuid.UUID,
    marketplace: str | None,
    days: int,
    lag_days: int,
    now: datetime,
    policy: Policy,
    points: int = DAYS_SHOWN,
) -> list[Day]:
    """One point a day, oldest first; the last is now, with its forecast and leaving orders."""
    found = []
    policy_key = policy.model_dump_json()
    if len(_kept) > MAX_KEPT:
        _kept.clear()
    for at in _day_ends(now, points)[:-1]:
        key = (seller_id, marketplace, days, lag_days, at, policy_key)
        kept = _kept.get(key)
        if kept is None or kept[0] < time.monotonic():
            health = await account_health(
                session, seller_id, marketplace, days, lag_days, at, policy, details=False
            )
            kept = (time.monotonic() + KEEP_SECONDS, health)
            _kept[key] = kept
        found.append(Day(at - timedelta(seconds=1), kept[1]))
    found.append(Day(now, await account_health(session, seller_id, marketplace, days, lag_days, now, policy)))
    return found
