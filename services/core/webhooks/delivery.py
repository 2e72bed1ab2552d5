"""Outbox delivery: claim, sign (Standard Webhooks), send, and record the attempt: retry on
schedule or dead-letter.

A claim increments the delivery's attempt number and leases it; the result is written only
where the attempt number still matches, so a worker that died and came back late cannot
overwrite what its successor did.
"""

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
from services.core.kit.sealed import SecretUnreadable
from services.core.kit.signing_secrets import in_force
from services.core.models import Delivery, OutboundEvent, WebhookEndpoint

log = structlog.get_logger(__name__)

LEASE = timedelta(seconds=60)
SEND_TIMEOUT_SECONDS = 10.0


@dataclass(frozen=True)
class Claimed:
    delivery_id: uuid.UUID
    attempt: int
    endpoint_id: uuid.UUID
    url: str
    secrets: tuple[str, ...]
    message_id: str
    body: str
    # Why it cannot be signed (its endpoint's secret cannot be opened): the attempt fails with
    # this reason, alone, and the batch's other deliveries go out.
    unsignable: str | None = None


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
    urls = dict(
        (
            await session.execute(
                select(WebhookEndpoint.id, WebhookEndpoint.url).where(
                    WebhookEndpoint.id.in_({r.endpoint_id for r in rows})
                )
            )
        ).all()
    )
    signing = {endpoint_id: await _secrets(session, endpoint_id, now) for endpoint_id in urls}
    events = {
        e.id: e
        for e in await session.scalars(
            select(OutboundEvent).where(OutboundEvent.id.in_({r.event_id for r in rows}))
        )
    }
    claimed = []
    for row in rows:
        event = events[row.event_id]
        secrets, unsignable = signing[row.endpoint_id]
        claimed.append(
            Claimed(
                delivery_id=row.id,
                attempt=row.attempt,
                endpoint_id=row.endpoint_id,
                url=urls[row.endpoint_id],
                secrets=secrets,
                message_id=event.message_id,
                body=json.dumps(event.payload, separators=(",", ":")),
                unsignable=unsignable,
            )
        )
    return claimed


async def _secrets(
    session: AsyncSession, endpoint_id: uuid.UUID, now: datetime
) -> tuple[tuple[str, ...], str | None]:
    """The endpoint's secrets in force, opened one endpoint at a time: a secret no configured
    key opens (a lost AFTERSALES_SECRETS_KEY) fails that endpoint's attempts, not the batch."""
    try:
        held = (
            await session.execute(
                select(
                    WebhookEndpoint.secret,
                    WebhookEndpoint.previous_secret,
                    WebhookEndpoint.previous_secret_until,
                ).where(WebhookEndpoint.id == endpoint_id)
            )
        ).one()
    except SecretUnreadable as error:
        return (), f"not sent: {error}"[:500]
    return tuple(in_force(held, now)), None


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
    if message.unsignable is not None:
        return Sent(None, None, message.unsignable)
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
