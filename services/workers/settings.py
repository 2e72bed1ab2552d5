"""The arq worker: its functions, cron jobs, and the resources each job finds in ctx."""

from typing import Any

from arq import cron
from arq.connections import RedisSettings
from arq.worker import Worker

from services.core.clock import Clock, SystemClock
from services.core.config import Settings
from services.core.db import create_engine, session_factory
from services.workers.jobs import heartbeat

# Seconds a draining worker gives running jobs on SIGTERM before cancelling them.
DRAIN_SECONDS = 20


def build_worker(settings: Settings, clock: Clock | None = None) -> Worker:
    if not settings.database_url or not settings.redis_url:
        raise RuntimeError("the worker needs AFTERSALES_DATABASE_URL and AFTERSALES_REDIS_URL")
    database_url = settings.database_url

    async def startup(ctx: dict[str, Any]) -> None:
        ctx["settings"] = settings
        ctx["clock"] = clock or SystemClock()
        ctx["engine"] = create_engine(database_url, pool_size=settings.db_pool_size)
        ctx["sessions"] = session_factory(ctx["engine"])

    async def shutdown(ctx: dict[str, Any]) -> None:
        await ctx["engine"].dispose()

    every = settings.worker_heartbeat_seconds
    return Worker(
        functions=[heartbeat],
        cron_jobs=[cron(heartbeat, second=set(range(0, 60, every)) if every < 60 else {0}, run_at_startup=True)],
        redis_settings=RedisSettings.from_dsn(settings.redis_url),
        on_startup=startup,
        on_shutdown=shutdown,
        job_completion_wait=DRAIN_SECONDS,
        handle_signals=True,
    )
