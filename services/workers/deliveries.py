"""Outbox delivery: claim, sign (Standard Webhooks), send, and retry on schedule or dead-letter.

A claim increments the delivery's attempt number and leases it; the result is written only
where the attempt number still matches, so a worker that died and came back late cannot
overwrite what its successor did.
"""

import asyncio
import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import structlog
from sqlalchemy import and_, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from standardwebhooks.webhooks import Webhook

from services.core.domain.retries import DeliveryState, after_attempt
from services.core.kit.clock import real_span
from services.core.kit.db import transaction
from services.core.kit.signing_secrets import in_force
from services.core.models import Delivery, OutboundEvent, WebhookEndpoint
from services.workers.context import now_for

log = structlog.get_logger(__name__)

LEASE = timedelta(seconds=60)
SEND_TIMEOUT_SECONDS = 10.0
CLAIM_BATCH = 100


@dataclass(frozen=True)
class Claimed:
    delivery_id: uuid.UUID
    attempt: int
    endpoint_id: uuid.UUID
    url: str
    secrets: tuple[str, ...]
    message_id: str
    body: str


def _due(now: datetime) -> Any:
    return or_(
        and_(Delivery.state == DeliveryState.PENDING.value, Delivery.next_attempt_at <= now),
        and_(Delivery.state == DeliveryState.DELIVERING.value, Delivery.lease_until < now),
    )


async def claim(
    session: AsyncSession,
    now: datetime,
    limit: int,
    delivery_id: uuid.UUID | None = None,
    lease: timedelta = LEASE,
) -> list[Claimed]:
    due = (
        select(Delivery.id)
        .join(WebhookEndpoint, WebhookEndpoint.id == Delivery.endpoint_id)
        .where(_due(now), WebhookEndpoint.disabled_at.is_(None))
        .order_by(Delivery.next_attempt_at)
        .limit(limit)
        .with_for_update(of=Delivery, skip_locked=True)
    )
    if delivery_id is not None:
        due = due.where(Delivery.id == delivery_id)
    rows = (
        await session.execute(
            update(Delivery)
            .where(Delivery.id.in_(due.scalar_subquery()))
            .values(
                state=DeliveryState.DELIVERING.value,
                attempt=Delivery.attempt + 1,
                lease_until=now + lease,
                updated_at=now,
            )
            .returning(Delivery.id, Delivery.attempt, Delivery.endpoint_id, Delivery.event_id)
        )
    ).all()
    if not rows:
        return []
    endpoints = {
        e.id: e
        for e in await session.scalars(
            select(WebhookEndpoint).where(WebhookEndpoint.id.in_({r.endpoint_id for r in rows}))
        )
    }
    events = {
        e.id: e
        for e in await session.scalars(
            select(OutboundEvent).where(OutboundEvent.id.in_({r.event_id for r in rows}))
        )
    }
    claimed = []
    for row in rows:
        endpoint, event = endpoints[row.endpoint_id], events[row.event_id]
        claimed.append(
            Claimed(
                delivery_id=row.id,
                attempt=row.attempt,
                endpoint_id=endpoint.id,
                url=endpoint.url,
                secrets=tuple(in_force(endpoint, now)),
                message_id=event.message_id,
                body=json.dumps(event.payload, separators=(",", ":")),
            )
        )
    return claimed


def signed_headers(message: Claimed, sent_at: datetime) -> dict[str, str]:
    signatures = " ".join(
        Webhook(secret).sign(message.message_id, sent_at, message.body) for secret in message.secrets
    )
    return {
        "content-type": "application/json",
        "webhook-id": message.message_id,
        "webhook-timestamp": str(int(sent_at.timestamp())),
        "webhook-signature": signatures,
    }


@dataclass(frozen=True)
class Sent:
    status: int | None
    retry_after: str | None
    error: str | None


async def send(client: httpx.AsyncClient, message: Claimed) -> Sent:
    # The signature timestamp is transport freshness, judged by receivers against their wall
    # clock, so it is always the real time.
    headers = signed_headers(message, datetime.now(UTC))
    try:
        response = await client.post(
            message.url, content=message.body, headers=headers, timeout=SEND_TIMEOUT_SECONDS
        )
    except httpx.HTTPError as error:
        return Sent(None, None, f"{type(error).__name__}: {error}"[:500])
    error = None if response.is_success else f"HTTP {response.status_code}: {response.text[:300]}"
    return Sent(response.status_code, response.headers.get("retry-after"), error)


async def record(session: AsyncSession, message: Claimed, sent: Sent, now: datetime) -> bool:
    """Write the result under the attempt fence; False when a later claim owns the delivery."""
    outcome = after_attempt(message.attempt, sent.status, sent.retry_after, now)
    values: dict[str, Any] = {
        "state": outcome.state.value,
        "last_status": sent.status,
        "last_error": sent.error,
        "lease_until": None,
        "updated_at": now,
    }
    if outcome.state is DeliveryState.DELIVERED:
        values["delivered_at"] = now
    if outcome.next_attempt_at is not None:
        values["next_attempt_at"] = outcome.next_attempt_at
    written = await session.execute(
        update(Delivery)
        .where(
            Delivery.id == message.delivery_id,
            Delivery.attempt == message.attempt,
            Delivery.state == DeliveryState.DELIVERING.value,
        )
        .values(**values)
    )
    if written.rowcount == 0:  # type: ignore[attr-defined]
        log.warning(
            "late result refused by the attempt fence",
            delivery=str(message.delivery_id),
            attempt=message.attempt,
        )
        return False
    if outcome.disable_endpoint:
        await session.execute(
            update(WebhookEndpoint)
            .where(WebhookEndpoint.id == message.endpoint_id, WebhookEndpoint.disabled_at.is_(None))
            .values(disabled_at=now, disabled_reason="the receiver answered 410 Gone")
        )
    return True


async def deliver_due(ctx: dict[str, Any], delivery_id: str | None = None) -> int:
    """Claim due deliveries (or the one named), send them, record each result."""
    target = uuid.UUID(delivery_id) if delivery_id else None
    sent_count = 0
    while True:
        async with transaction(ctx["sessions"]) as session:
            now = await now_for(ctx, session)
            # The lease covers a send, which takes real time whatever the clock.
            batch = await claim(session, now, CLAIM_BATCH, target, real_span(ctx["clock"], LEASE))
        if not batch:
            return sent_count
        results = await asyncio.gather(*(send(ctx["http"], message) for message in batch))
        async with transaction(ctx["sessions"]) as session:
            now = await now_for(ctx, session)
            for message, sent in zip(batch, results, strict=True):
                await record(session, message, sent, now)
        sent_count += len(batch)
        if target is not None or len(batch) < CLAIM_BATCH:
            return sent_count


async def deliver(ctx: dict[str, Any], delivery_id: str) -> int:
    """The doorbell's job: one delivery, by id."""
    return await deliver_due(ctx, delivery_id)
