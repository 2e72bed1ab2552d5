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

log = structlog.get_logger(__name__)


async def heartbeat(ctx: dict[str, Any]) -> str:
    """Say this worker is alive, in the log and in Redis."""
    now = ctx["clock"].now()
    worker = ctx.setdefault("worker_id", liveness.worker_id())
    await liveness.beat(ctx["redis"], worker, now)
    log.info("worker heartbeat", at=now.isoformat(), worker=worker)
    return now.isoformat()


async def keep_beating(ctx: dict[str, Any]) -> None:
    """Beat every interval for as long as the worker runs."""
    while True:
        try:
            await heartbeat(ctx)
        except Exception:  # Redis away: the next beat tries again, and /readyz says why meanwhile
            log.exception("worker heartbeat failed")
        await asyncio.sleep(ctx["settings"].worker_heartbeat_seconds)


def start_beating(ctx: dict[str, Any]) -> None:
    ctx["beating"] = asyncio.create_task(keep_beating(ctx))


async def stop_beating(ctx: dict[str, Any]) -> None:
    """Stop, and leave the report at once rather than go stale."""
    ctx["beating"].cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await ctx["beating"]  # so a beat in flight cannot land after the entry is removed
    await liveness.forget(ctx["redis"], ctx.setdefault("worker_id", liveness.worker_id()))
