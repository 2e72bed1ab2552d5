"""Each account-health figure day by day: the figures as they stood at the same hour on each of
the last days, for the console's charts. Each day is the same computation as the live call."""

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from services.core.account_health.figures import AccountHealth, account_health
from services.core.domain.policy import Policy

DAYS_SHOWN = 90


@dataclass(frozen=True)
class Day:
    at: datetime
    health: AccountHealth


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
    """One point a day, oldest first, the last one being now: what the figures said on that day."""
    found = []
    for back in range(points - 1, -1, -1):
        at = now - timedelta(days=back)
        found.append(
            Day(at, await account_health(session, seller_id, marketplace, days, lag_days, at, policy))
        )
    return found
