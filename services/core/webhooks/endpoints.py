"""Webhook endpoints and deliveries as the seller manages them; changes to endpoints are audited."""

import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.core.domain.retries import DeliveryState
from services.core.kit import cursors, doorbell, signing_secrets
from services.core.kit.cursors import BadCursor
from services.core.kit.errors import Conflict, NotFound
from services.core.kit.ids import new_id
from services.core.kit.outbound import Receivers, check_receiver
from services.core.models import Delivery, OutboundEvent, WebhookEndpoint
from services.core.sellers import audit
from services.core.sellers.audit import Actor
from services.core.webhooks import outbox


class EndpointNotFound(NotFound):
    def __init__(self, endpoint_id: uuid.UUID) -> None:
        super().__init__(f"no webhook endpoint {endpoint_id} on this account")


class DeliveryNotFound(NotFound):
    def __init__(self, delivery_id: uuid.UUID) -> None:
        super().__init__(f"no delivery {delivery_id} on this account")


class DeliveryInFlight(Conflict):
    def __init__(self, state: str) -> None:
        super().__init__(f"the delivery is {state}: it will be tried again by itself")
        self.state = state


async def create_endpoint(
    session: AsyncSession,
    seller_id: uuid.UUID,
    url: str,
    event_types: list[str],
    receivers: Receivers,
    actor: Actor,
) -> WebhookEndpoint:
    """A new endpoint, if its URL is one we may call (public, https): checked here and again
    at every delivery, against the address connected to."""
    await check_receiver(url, receivers)
    endpoint = WebhookEndpoint(
        id=new_id(),
        seller_id=seller_id,
        url=url,
        event_types=sorted(set(event_types)),
        secret=signing_secrets.standard_webhooks_secret(),
    )
    session.add(endpoint)
    await session.flush()
    target = ("webhook_endpoint", endpoint.id)
    audit.record(
        session, seller_id, actor, "webhook_endpoint.created", target, None, audit.endpoint_view(endpoint)
    )
    return endpoint


async def list_endpoints(session: AsyncSession, seller_id: uuid.UUID) -> list[WebhookEndpoint]:
    query = (
        select(WebhookEndpoint)
        .where(WebhookEndpoint.seller_id == seller_id)
        .order_by(WebhookEndpoint.created_at)
    )
    return list(await session.scalars(query))


async def get_endpoint(
    session: AsyncSession, seller_id: uuid.UUID, endpoint_id: uuid.UUID
) -> WebhookEndpoint:
    endpoint = await session.scalar(
        select(WebhookEndpoint)
        .where(WebhookEndpoint.id == endpoint_id, WebhookEndpoint.seller_id == seller_id)
        .with_for_update()
    )
    if endpoint is None:
        raise EndpointNotFound(endpoint_id)
    return endpoint


def _changed(
    session: AsyncSession, endpoint: WebhookEndpoint, actor: Actor, action: str, before: dict[str, Any]
) -> None:
    target = ("webhook_endpoint", endpoint.id)
    audit.record(session, endpoint.seller_id, actor, action, target, before, audit.endpoint_view(endpoint))


def rotate_secret(
    session: AsyncSession, endpoint: WebhookEndpoint, overlap: timedelta, now: datetime, actor: Actor
) -> WebhookEndpoint:
    """A new secret signs from now on; the old one signs too until the overlap ends."""
    before = audit.endpoint_view(endpoint)
    signing_secrets.rotate(endpoint, signing_secrets.standard_webhooks_secret(), overlap, now)
    _changed(session, endpoint, actor, "webhook_endpoint.rotated", before)
    return endpoint


def disable(session: AsyncSession, endpoint: WebhookEndpoint, now: datetime, actor: Actor) -> WebhookEndpoint:
    """Stop sending to it; disabling it again keeps the first time and reason."""
    if endpoint.disabled_at is None:
        before = audit.endpoint_view(endpoint)
        endpoint.disabled_at, endpoint.disabled_reason = now, "disabled through the API"
        _changed(session, endpoint, actor, "webhook_endpoint.disabled", before)
    return endpoint


def enable(session: AsyncSession, endpoint: WebhookEndpoint, actor: Actor) -> WebhookEndpoint:
    if endpoint.disabled_at is not None:
        before = audit.endpoint_view(endpoint)
        endpoint.disabled_at, endpoint.disabled_reason = None, None
        _changed(session, endpoint, actor, "webhook_endpoint.enabled", before)
    return endpoint


def _decode(cursor: str) -> tuple[datetime, uuid.UUID]:
    at, id_ = cursors.decode(cursor, 2)
    try:
        return datetime.fromisoformat(at), uuid.UUID(id_)
    except (ValueError, TypeError) as error:
        raise BadCursor("the cursor is not one this API gave out; start again without it") from error


async def list_deliveries(
    session: AsyncSession,
    seller_id: uuid.UUID,
    *,
    state: str | None,
    endpoint_id: uuid.UUID | None,
    event_type: str | None,
    event_id: str | None,
    limit: int,
    cursor: str | None,
) -> tuple[list[tuple[Delivery, OutboundEvent]], str | None]:
    """Newest first."""
    query = (
        select(Delivery, OutboundEvent)
        .join(OutboundEvent, OutboundEvent.id == Delivery.event_id)
        .where(Delivery.seller_id == seller_id)
    )
    if state:
        query = query.where(Delivery.state == state)
    if endpoint_id:
        query = query.where(Delivery.endpoint_id == endpoint_id)
    if event_type:
        query = query.where(OutboundEvent.type == event_type)
    if event_id:
        query = query.where(OutboundEvent.message_id == event_id)
    if cursor:
        at, id_ = _decode(cursor)
        query = query.where(or_(Delivery.created_at < at, and_(Delivery.created_at == at, Delivery.id < id_)))
    rows = [
        (d, e)
        for d, e in (
            await session.execute(
                query.order_by(Delivery.created_at.desc(), Delivery.id.desc()).limit(limit + 1)
            )
        ).all()
    ]
    next_cursor = (
        cursors.encode(rows[limit - 1][0].created_at.isoformat(), rows[limit - 1][0].id)
        if len(rows) > limit
        else None
    )
    return rows[:limit], next_cursor


async def redrive(
    session: AsyncSession, seller_id: uuid.UUID, delivery_id: uuid.UUID, now: datetime
) -> tuple[Delivery, OutboundEvent]:
    """One more attempt for a dead (or delivered) delivery, now."""
    row = (
        await session.execute(
            select(Delivery, OutboundEvent)
            .join(OutboundEvent, OutboundEvent.id == Delivery.event_id)
            .where(Delivery.id == delivery_id, Delivery.seller_id == seller_id)
            .with_for_update(of=Delivery)
        )
    ).first()
    if row is None:
        raise DeliveryNotFound(delivery_id)
    delivery, event = row
    if delivery.state in (DeliveryState.PENDING.value, DeliveryState.DELIVERING.value):
        raise DeliveryInFlight(delivery.state)
    delivery.state = DeliveryState.PENDING.value
    delivery.next_attempt_at = now
    delivery.updated_at = now
    doorbell.after_commit(session, outbox.DELIVER, delivery.id)
    return delivery, event
