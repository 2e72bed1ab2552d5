"""The policy backtest job: runs one backtest by its id (`core/backtests/runner.py`)."""

import uuid
from typing import Any

import structlog

from services.core.backtests import runner
from services.workers.context import WorkerContext

log = structlog.get_logger(__name__)


async def run_backtest(ctx: dict[str, Any], backtest_id: str) -> bool:
    """Safe to ring twice: only a queued backtest is taken, by one run."""
    worker = WorkerContext.of(ctx)
    try:
        return await runner.run(worker.unit_of_work, uuid.UUID(backtest_id))
    except Exception as error:
        # The seller sees a failed backtest rather than one that runs for ever.
        log.exception("backtest failed", backtest=backtest_id)
        await runner.fail(worker.unit_of_work, uuid.UUID(backtest_id), repr(error))
        return False
