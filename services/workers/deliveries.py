"""Delivery jobs: the doorbell's one delivery, and the reconciler's every delivery due.

A claim and its result are two transactions with the sending between them, so no connection
is held while a receiver takes its time.
"""

import asyncio
import uuid
from datetime import datetime
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from services.core.kit.clock import real_span
from services.core.webhooks.delivery import LEASE, Claimed, Sent, claim, record, send
from services.workers.context import WorkerContext

log = structlog.get_logger(__name__)

CLAIM_BATCH = 100


async def deliver_due(ctx: dict[str, Any], delivery_id: str | None = None) -> int:
    """Claim due deliveries (or the one named), send them, record each result."""
    worker = WorkerContext.of(ctx)
    target = uuid.UUID(delivery_id) if delivery_id else None
    sent_count = 0
    while True:
        async with worker.unit_of_work() as work:
            # The lease covers a send, which takes real time whatever the clock.
            batch = await claim(work.session, work.now, CLAIM_BATCH, target, real_span(worker.clock, LEASE))
        if not batch:
            return sent_count
        results = await asyncio.gather(*(_send(worker, message) for message in batch))
        async with worker.unit_of_work() as work:
            for message, sent in zip(batch, results, strict=True):
                await _record(work.session, message, sent, work.now)
        sent_count += len(batch)
        if target is not None or len(batch) < CLAIM_BATCH:
            return sent_count


async def _send(worker: WorkerContext, message: Claimed) -> Sent:
    """One delivery's attempt; a failure of our own (not the receiver's) is its attempt's error,
    retried on schedule like any other, and never the batch's."""
    try:
        return await send(worker.http, message)
    except Exception as error:
        log.exception("sending a delivery failed", **_ids(message))
        return Sent(None, None, f"{type(error).__name__}: {error}"[:500])


async def _record(session: AsyncSession, message: Claimed, sent: Sent, now: datetime) -> None:
    """Each result in a savepoint: one that cannot be written is logged, and its lease runs out
    so a later claim tries it again; the batch's other results are kept."""
    try:
        async with session.begin_nested():
            await record(session, message, sent, now)
    except Exception:
        log.exception("recording a delivery's attempt failed", **_ids(message))


def _ids(message: Claimed) -> dict[str, Any]:
    return {
        "delivery_id": str(message.delivery_id),
        "endpoint_id": str(message.endpoint_id),
        "attempt": message.attempt,
    }


async def deliver(ctx: dict[str, Any], delivery_id: str) -> int:
    """The doorbell's job: one delivery, by id."""
    return await deliver_due(ctx, delivery_id)
