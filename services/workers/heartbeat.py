"""Jobs the worker runs. Each is safe to run twice: Postgres holds the truth, arq rings the bell."""

from typing import Any

import structlog

from services.workers.context import WorkerContext

log = structlog.get_logger(__name__)

HEARTBEAT_KEY = "aftersales:worker:heartbeat"


async def heartbeat(ctx: dict[str, Any]) -> str:
    """Say the worker is alive, in the log and in Redis, where /readyz reads it."""
    worker = WorkerContext.of(ctx)
    now = worker.clock.now().isoformat()
    await worker.redis.set(HEARTBEAT_KEY, now, ex=worker.settings.worker_heartbeat_seconds * 4)
    log.info("worker heartbeat", at=now)
    return now
