"""Account health in the background: fold the order-day changes, and refresh the snapshots
that /metrics exposes to Prometheus."""

from typing import Any

from sqlalchemy import select

from services.core.account_health import figures as health
from services.core.account_health import snapshots
from services.core.kit.db import transaction
from services.core.models import Seller
from services.core.sellers import policies
from services.workers.context import now_for


async def snapshot_health(ctx: dict[str, Any]) -> int:
    """Every seller's live figures, a transaction per seller."""
    async with transaction(ctx["sessions"]) as session:
        sellers = [(s.id, list(s.marketplaces)) for s in await session.scalars(select(Seller))]
    stored = 0
    for seller_id, marketplaces in sellers:
        async with transaction(ctx["sessions"]) as session:
            now = await now_for(ctx, session)
            policy = (await policies.current(session, seller_id)).policy
            stored += await snapshots.snapshot(session, seller_id, marketplaces, policy, now)
    return stored


async def fold_order_days(ctx: dict[str, Any]) -> int:
    """Readers add the unfolded changes themselves, so this only keeps them few."""
    async with transaction(ctx["sessions"]) as session:
        return await health.fold_order_days(session)
