"""What every job finds in its context, and the time jobs judge 'due' by."""

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.core.kit.clock import SystemClock


async def now_for(ctx: dict[str, Any], session: AsyncSession) -> datetime:
    """The database's time in production, so every worker judges 'due' by one clock;
    the settable clock in tests, and the scaled clock (the same in every process) in bench/soak."""
    clock = ctx["clock"]
    if isinstance(clock, SystemClock):
        now: datetime = await session.scalar(select(func.now()))
        return now
    return clock.now()  # type: ignore[no-any-return]
