"""Purge unmatched deliveries once the seller's policy stops keeping them."""

from typing import Any

import structlog

from services.core.kit.db import transaction
from services.core.producers import unmatched
from services.workers.context import now_for

log = structlog.get_logger(__name__)


async def purge_unmatched(ctx: dict[str, Any]) -> int:
    purged = 0
    async with transaction(ctx["sessions"]) as session:
        sellers = await unmatched.sellers_with_unmatched(session)
    for seller_id in sellers:
        # One transaction per seller, and one seller's failure is logged and skipped: the
        # others' purge goes on, and the next run tries that seller again.
        try:
            async with transaction(ctx["sessions"]) as session:
                purged += await unmatched.purge(session, seller_id, await now_for(ctx, session))
        except Exception:
            log.exception("purging unmatched deliveries failed", seller_id=str(seller_id))
    return purged
