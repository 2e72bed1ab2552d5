"""Clock sweep jobs: drain everything due, and follow the next threshold between cron runs.

What a batch claims, fires and writes is `core/clocks/sweep.py`; here is only how a worker
runs batches: side by side, a transaction each, until nothing is left to claim.
"""

import asyncio
import time
from typing import Any

import structlog

from services.core.clocks.sweep import defer, due_clocks, next_due, sweep_batch
from services.workers.context import WorkerContext

log = structlog.get_logger(__name__)

RETRY_LOCKED_SECONDS = 0.1
# arq cancels a job that outlives its timeout (300 s), mid-batch if need be, and logs it as a
# failure. A follower hands over to the next cron run well before: it sees out the horizon it
# has meanwhile, so the two overlap by an interval and no second goes unwatched.
HAND_OVER_AFTER_SECONDS = 60.0


async def sweep_clocks(ctx: dict[str, Any]) -> int:
    """Fire every due threshold: `sweep_concurrency` drains side by side (SKIP LOCKED splits
    the work between them, and between workers)."""
    worker = WorkerContext.of(ctx)
    drains = await asyncio.gather(*(_drain(worker) for _ in range(worker.sweep_concurrency)))
    return sum(drains)


async def follow_clocks(ctx: dict[str, Any]) -> int:
    """The cron's sweep: drain, then wait for the next threshold due and drain again, so a
    threshold waits milliseconds for its firing, not up to the cron's interval plus arq's poll.
    Each run pushes the watch two intervals ahead, so no second goes unwatched; a run that
    finds the worker's follower busy (say, draining a burst) leaves the work to it rather than
    start three more drains beside it."""
    worker = WorkerContext.of(ctx)
    watch = worker.sweep_watch
    watch.until = max(watch.until, time.monotonic() + 2 * worker.settings.sweep_interval_seconds)
    if watch.running:
        return 0
    watch.follower = me = object()
    try:
        progress = await sweep_clocks(ctx)
        # A clock that does not tick (the tests' settable one) brings nothing due by waiting:
        # its test moves it and sweeps again, so one sweep is all a run does.
        if not worker.clock.ticks:
            return progress
        return progress + await _follow(ctx, worker, me, progress)
    finally:
        if watch.follower is me:
            watch.follower = None


async def _follow(ctx: dict[str, Any], worker: WorkerContext, me: object, progress: int) -> int:
    """Sleep until the next threshold due and drain, while one is due within the watch."""
    watch = worker.sweep_watch
    hand_over_at = time.monotonic() + HAND_OVER_AFTER_SECONDS
    until = watch.until
    fired = 0
    while True:
        if watch.follower is me:
            until = watch.until
            if time.monotonic() >= hand_over_at:
                watch.follower = None
        async with worker.unit_of_work() as work:
            upcoming = await next_due(work.session)
        wait = (upcoming - work.now).total_seconds() if upcoming is not None else None
        if wait is None or time.monotonic() + wait >= until:
            return fired
        # A due clock whose order an event holds is retried a little later, not in a spin.
        await asyncio.sleep(max(wait, 0.0 if progress else RETRY_LOCKED_SECONDS))
        progress = await sweep_clocks(ctx)
        fired += progress


async def _drain(worker: WorkerContext) -> int:
    """Batches, a transaction each, until one finds nothing left to claim. A batch that fails is
    fired again one clock at a time, so the clock that failed is found and put off, and the
    others fire now."""
    fired = 0
    while True:
        try:
            async with worker.unit_of_work() as work:
                claimed = await sweep_batch(work.session, work.now, worker.sweep_batch)
        except Exception:
            log.exception("a clock sweep batch failed; firing its clocks one at a time")
            claimed = await _one_at_a_time(worker)
        fired += claimed
        if not claimed:
            return fired


async def _one_at_a_time(worker: WorkerContext) -> int:
    """Each due clock in a savepoint; one whose firing fails is logged and put off."""
    claimed = 0
    async with worker.unit_of_work() as work:
        for clock_id in await due_clocks(work.session, work.now, worker.sweep_batch):
            try:
                async with work.session.begin_nested():
                    claimed += await sweep_batch(work.session, work.now, 1, clock_id)
            except Exception:
                log.exception("firing a clock failed; put off, the others go on", clock_id=str(clock_id))
                await defer(work.session, clock_id, work.now)
    return claimed
