"""The worker's heartbeat: every interval, its own beat in Redis, where /readyz/workers reads it.

The worker beats from a task of its own rather than from an arq cron job: arq hands a cron
job to whichever worker takes it first, so a queued beat would only say that some worker is
alive, never which.
"""

import asyncio
import contextlib
from typing import Any

import structlog

from services.core.operations import liveness
from services.workers.context import WorkerContext

log = structlog.get_logger(__name__)


async def heartbeat(ctx: dict[str, Any]) -> str:
    """Say this worker is alive, in the log and in Redis."""
    worker = WorkerContext.of(ctx)
    now = worker.clock.now()
    await liveness.beat(worker.redis, worker.worker_id, now)
    log.info("worker heartbeat", at=now.isoformat(), worker=worker.worker_id)
    return now.isoformat()


async def keep_beating(ctx: dict[str, Any]) -> None:
    """Beat every interval for as long as the worker runs."""
    interval = WorkerContext.of(ctx).settings.worker_heartbeat_seconds
    while True:
        try:
            await heartbeat(ctx)
        except Exception:  # Redis away: the next beat tries again, and /readyz says why meanwhile
            log.exception("worker heartbeat failed")
        await asyncio.sleep(interval)


def start_beating(ctx: dict[str, Any]) -> None:
    WorkerContext.of(ctx).beating = asyncio.create_task(keep_beating(ctx))


async def stop_beating(ctx: dict[str, Any]) -> None:
    """Stop, and leave the report at once rather than go stale."""
    worker = WorkerContext.of(ctx)
    if worker.beating is not None:
        worker.beating.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await worker.beating  # so a beat in flight cannot land after the entry is removed
    await liveness.forget(worker.redis, worker.worker_id)
