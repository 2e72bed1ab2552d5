"""One unit of work: a transaction, the time it judges by, and the jobs it asked for, rung
after its commit.

Every API request and every worker transaction opens one here, so "commit, then ring the
doorbell" is written once (Polar's `worker/_enqueue.py` is the model: jobs collected during the
work, sent after it commits).
"""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime

from arq.connections import ArqRedis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.core.kit import doorbell
from services.core.kit.clock import Clock
from services.core.kit.db import transaction


@dataclass(frozen=True, slots=True)
class Work:
    session: AsyncSession
    now: datetime


@asynccontextmanager
async def unit_of_work(
    sessions: async_sessionmaker[AsyncSession],
    clock: Clock,
    redis: ArqRedis | None,
    *,
    agreed_now: bool = True,
) -> AsyncIterator[Work]:
    """Commit on success, roll back on any error; after the commit only, ring every job asked
    for with `doorbell.after_commit` during the work.

    `work.now` is the time all workers agree on (`clock.now_in`, one statement in production);
    with `agreed_now=False` it is this process's `clock.now()`, which costs nothing.
    """
    async with transaction(sessions) as session:
        yield Work(session, await clock.now_in(session) if agreed_now else clock.now())
    await doorbell.ring(redis, doorbell.collected(session))
