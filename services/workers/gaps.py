"""Find helpdesk gaps: buyer messages Amazon's side knows that the helpdesk never delivered."""

from typing import Any

from services.core.kit.db import transaction
from services.core.kit.doorbell import ring
from services.core.producers import gaps
from services.core.webhooks import outbox
from services.workers.context import now_for


async def detect_gaps(ctx: dict[str, Any]) -> int:
    found = 0
    async with transaction(ctx["sessions"]) as session:
        sellers = await gaps.sellers_with_amazon_producers(session)
    for seller_id in sellers:
        async with transaction(ctx["sessions"]) as session:
            found += len(await gaps.detect(session, seller_id, await now_for(ctx, session)))
            rung = outbox.rung_deliveries(session)
        await ring(ctx.get("redis"), "deliver", *rung)
    return found
