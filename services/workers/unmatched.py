"""Purge unmatched deliveries once the seller's policy stops keeping them."""

from typing import Any

import structlog

from services.core.producers import unmatched
from services.workers.context import WorkerContext

log = structlog.get_logger(__name__)


async def purge_unmatched(ctx: dict[str, Any]) -> int:
    worker = WorkerContext.of(ctx)
    purged = 0
    async with worker.unit_of_work() as work:
        sellers = await unmatched.sellers_with_unmatched(work.session)
    for seller_id in sellers:
        # One transaction per seller, and one seller's failure is logged and skipped: the
        # others' purge goes on, and the next run tries that seller again.
        try:
            async with worker.unit_of_work() as work:
                purged += await unmatched.purge(work.session, seller_id, work.now)
        except Exception:
            log.exception("purging unmatched deliveries failed", seller_id=str(seller_id))
    return purged
