"""The arq worker: its functions, cron jobs, and the context every job works with.

arq is the doorbell only. The cron jobs re-discover everything due in Postgres, so a job lost
with Redis (flush, restart, eviction) delays work by one interval and loses nothing.
"""

from typing import Any

import structlog
from arq import cron
from arq.connections import ArqRedis, RedisSettings
from arq.worker import Worker, func

from services.core.kit import heap, outbound, sealed
from services.core.kit.clock import Clock, configured
from services.core.kit.config import Settings
from services.core.kit.db import create_engine, session_factory
from services.core.kit.outbound import Receivers
from services.core.webhooks.outbox import DELIVER
from services.workers.account_health import fold_order_days, snapshot_health
from services.workers.backtests import run_backtest
from services.workers.clocks import follow_clocks
from services.workers.context import WorkerContext
from services.workers.deliveries import deliver, deliver_due
from services.workers.gaps import detect_gaps
from services.workers.heartbeat import start_beating, stop_beating
from services.workers.returns import dispatch_reminders
from services.workers.unmatched import purge_unmatched

log = structlog.get_logger(__name__)

# Seconds a draining worker gives running jobs on SIGTERM before cancelling them.
DRAIN_SECONDS = 20


def _every(seconds: int) -> set[int]:
    return set(range(0, 60, seconds)) if seconds < 60 else {0}


async def check_redis_policy(redis: Any) -> str:
    """The queue must never be evicted; say so loudly when Redis would."""
    policy = str((await redis.config_get("maxmemory-policy")).get("maxmemory-policy", "unknown"))
    if policy != "noeviction":
        log.warning(
            "redis maxmemory-policy is not noeviction: queued jobs may be evicted under memory pressure; "
            "the reconciler will still find the work, but later",
            maxmemory_policy=policy,
        )
    return policy


def build_worker(settings: Settings, clock: Clock | None = None) -> Worker:
    if not settings.database_url or not settings.redis_url:
        raise RuntimeError("the worker needs AFTERSALES_DATABASE_URL and AFTERSALES_REDIS_URL")
    database_url = settings.database_url
    sealed.configure(settings.secrets_key)

    async def startup(ctx: dict[str, Any]) -> None:
        # arq puts its own Redis connection in ctx; the jobs ring the doorbell on it.
        redis: ArqRedis = ctx["redis"]
        engine = create_engine(database_url, pool_size=settings.db_pool_size)
        WorkerContext(
            settings=settings,
            clock=clock or configured(settings.clock_scale, settings.clock_epoch),
            engine=engine,
            sessions=session_factory(engine),
            http=outbound.client(Receivers(allow_private=settings.allow_private_receivers)),
            redis=redis,
            sweep_batch=settings.sweep_batch,
            sweep_concurrency=settings.sweep_concurrency,
        ).store_in(ctx)
        await check_redis_policy(redis)
        heap.settle()
        start_beating(ctx)

    async def shutdown(ctx: dict[str, Any]) -> None:
        await stop_beating(ctx)
        worker = WorkerContext.of(ctx)
        await worker.http.aclose()
        await worker.engine.dispose()

    return Worker(
        functions=[
            func(deliver, name=DELIVER, keep_result=0),
            func(deliver_due, keep_result=0),
            func(follow_clocks, keep_result=0),
            func(dispatch_reminders, keep_result=0),
            func(snapshot_health, keep_result=0),
            func(detect_gaps, keep_result=0),
            func(fold_order_days, keep_result=0),
            func(purge_unmatched, keep_result=0),
            func(run_backtest, keep_result=0, timeout=1800),
        ],
        cron_jobs=[
            cron(
                follow_clocks,
                second=_every(settings.sweep_interval_seconds),
                run_at_startup=True,
                keep_result=0,
            ),
            cron(
                deliver_due,
                second=_every(settings.reconcile_interval_seconds),
                run_at_startup=True,
                keep_result=0,
            ),
            cron(
                dispatch_reminders,
                second=_every(settings.reconcile_interval_seconds),
                run_at_startup=True,
                keep_result=0,
            ),
            cron(detect_gaps, second={15}, run_at_startup=True, keep_result=0),
            cron(fold_order_days, second={45}, run_at_startup=True, keep_result=0),
            cron(purge_unmatched, minute={20}, second={50}, run_at_startup=True, keep_result=0),
            cron(
                snapshot_health, minute=set(range(0, 60, 5)), second={30}, run_at_startup=True, keep_result=0
            ),
        ],
        redis_settings=RedisSettings.from_dsn(settings.redis_url),
        on_startup=startup,
        on_shutdown=shutdown,
        job_completion_wait=DRAIN_SECONDS,
        handle_signals=True,
        keep_result=60,
    )
