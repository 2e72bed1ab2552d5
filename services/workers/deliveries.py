"""Delivery jobs: the doorbell's one delivery, and the reconciler's every delivery due.

A claim and its result are two transactions with the sending between them, so no connection
is held while a receiver takes its time.
"""

import asyncio
import uuid
from typing import Any

from services.core.webhooks.delivery import claim, record, send
from services.workers.context import WorkerContext

CLAIM_BATCH = 100


async def deliver_due(ctx: dict[str, Any], delivery_id: str | None = None) -> int:
    """Claim due deliveries (or the one named), send them, record each result."""
    worker = WorkerContext.of(ctx)
    target = uuid.UUID(delivery_id) if delivery_id else None
    sent_count = 0
    while True:
        async with worker.unit_of_work() as work:
            batch = await claim(work.session, work.now, CLAIM_BATCH, target)
        if not batch:
            return sent_count
        results = await asyncio.gather(*(send(worker.http, message) for message in batch))
        async with worker.unit_of_work() as work:
            for message, sent in zip(batch, results, strict=True):
                await record(work.session, message, sent, work.now)
        sent_count += len(batch)
        if target is not None or len(batch) < CLAIM_BATCH:
            return sent_count


async def deliver(ctx: dict[str, Any], delivery_id: str) -> int:
    """The doorbell's job: one delivery, by id."""
    return await deliver_due(ctx, delivery_id)
