"""Find helpdesk gaps: buyer messages Amazon's side knows that the helpdesk never delivered."""

from typing import Any

import structlog

from services.core.producers import gaps
from services.workers.context import WorkerContext

log = structlog.get_logger(__name__)


async def detect_gaps(ctx: dict[str, Any]) -> int:
    """Every seller with an Amazon producer, a transaction each; one seller's failure is logged
    and skipped, the others' gaps are still found, and the next run tries that seller again."""
    worker = WorkerContext.of(ctx)
    found = 0
    async with worker.unit_of_work() as work:
        sellers = await gaps.sellers_with_amazon_producers(work.session)
    for seller_id in sellers:
        try:
            async with worker.unit_of_work() as work:
                found += len(await gaps.detect(work.session, seller_id, work.now))
        except Exception:
            log.exception("detecting gaps failed; the other sellers go on", seller_id=str(seller_id))
    return found
