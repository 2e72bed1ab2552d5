"""Account health in the background: fold the order-day changes, and refresh the snapshots
that /metrics exposes to Prometheus."""

from typing import Any

import structlog
from sqlalchemy import select

from services.core.account_health import figures as health
from services.core.account_health import snapshots
from services.core.models import Seller
from services.core.sellers import policies
from services.workers.context import WorkerContext

log = structlog.get_logger(__name__)


async def snapshot_health(ctx: dict[str, Any]) -> int:
    """Every seller's live figures, a transaction per seller; one seller's failure is logged and
    skipped, and its last snapshot stays until the next run."""
    worker = WorkerContext.of(ctx)
    async with worker.unit_of_work() as work:
        sellers = [(s.id, list(s.marketplaces)) for s in await work.session.scalars(select(Seller))]
    stored = 0
    for seller_id, marketplaces in sellers:
        try:
            async with worker.unit_of_work() as work:
                policy = (await policies.current(work.session, seller_id)).policy
                stored += await snapshots.snapshot(work.session, seller_id, marketplaces, policy, work.now)
        except Exception:
            log.exception("health snapshot failed; the other sellers go on", seller_id=str(seller_id))
    return stored


async def fold_order_days(ctx: dict[str, Any]) -> int:
    """Readers add the unfolded changes themselves, so this only keeps them few. One set-based
    statement: no seller's rows can fail alone (the upsert takes any day, any count)."""
    async with WorkerContext.of(ctx).unit_of_work() as work:
        return await health.fold_order_days(work.session)
