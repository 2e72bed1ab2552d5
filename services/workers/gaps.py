"""Find helpdesk gaps: buyer messages Amazon's side knows that the helpdesk never delivered."""

from typing import Any

from services.core.producers import gaps
from services.workers.context import WorkerContext


async def detect_gaps(ctx: dict[str, Any]) -> int:
    """Every seller with an Amazon producer, a transaction each."""
    worker = WorkerContext.of(ctx)
    found = 0
    async with worker.unit_of_work() as work:
        sellers = await gaps.sellers_with_amazon_producers(work.session)
    for seller_id in sellers:
        async with worker.unit_of_work() as work:
            found += len(await gaps.detect(work.session, seller_id, work.now))
    return found
