"""Producers: created with a secret shown once, rotated with an overlap, disabled."""

import secrets
import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.core.kit import signing_secrets
from services.core.kit.errors import Invalid, NotFound
from services.core.kit.ids import new_id
from services.core.models import InboundWebhook, Producer
from services.core.producers.adapters import ADAPTERS, DEFAULT_SECRET_HEADER


class ProducerNotFound(NotFound):
    def __init__(self, producer_id: uuid.UUID) -> None:
        super().__init__(f"no producer {producer_id} on this account")


def _secret(kind: str) -> str:
    # Standard Webhooks wants whsec_ + base64; the helpdesks take any high-entropy string.
    return signing_secrets.standard_webhooks_secret() if kind == "standard" else secrets.token_urlsafe(32)


async def create(
    session: AsyncSession,
    seller_id: uuid.UUID,
    *,
    kind: str,
    name: str,
    marketplace: str,
    role: str | None,
    secret: str | None,
    secret_header: str | None,
    mapping: dict[str, Any],
    now: datetime,
) -> Producer:
    if kind == "zendesk" and not secret:
        raise Invalid("Zendesk makes its own signing secret: copy it from the webhook's page into `secret`")
    producer = Producer(
        id=new_id(),
        seller_id=seller_id,
        kind=kind,
        name=name,
        role=role or ADAPTERS[kind].role,
        marketplace=marketplace,
        secret=secret or _secret(kind),
        secret_header=(secret_header or DEFAULT_SECRET_HEADER) if kind in ("freshdesk", "amazon") else None,
        mapping=mapping,
        created_at=now,
    )
    session.add(producer)
    await session.flush()
    return producer


async def list_all(session: AsyncSession, seller_id: uuid.UUID) -> list[Producer]:
    return list(
        await session.scalars(
            select(Producer).where(Producer.seller_id == seller_id).order_by(Producer.created_at)
        )
    )


async def get(session: AsyncSession, seller_id: uuid.UUID, producer_id: uuid.UUID) -> Producer:
    producer = await session.scalar(
        select(Producer).where(Producer.id == producer_id, Producer.seller_id == seller_id).with_for_update()
    )
    if producer is None:
        raise ProducerNotFound(producer_id)
    return producer


async def active(session: AsyncSession, kind: str, producer_id: uuid.UUID) -> Producer:
    """The producer an inbound webhook names, unless it is disabled or of another kind."""
    producer = await session.scalar(
        select(Producer).where(
            Producer.id == producer_id, Producer.kind == kind, Producer.disabled_at.is_(None)
        )
    )
    if producer is None:
        raise NotFound(f"no active {kind} producer {producer_id}")
    return producer


def rotate(producer: Producer, overlap: timedelta, now: datetime, secret: str | None) -> Producer:
    signing_secrets.rotate(producer, secret or _secret(producer.kind), overlap, now)
    return producer


async def last_deliveries(session: AsyncSession, seller_id: uuid.UUID) -> dict[uuid.UUID, datetime]:
    """When each producer's newest accepted delivery arrived: a silent helpdesk shows here first."""
    rows = await session.execute(
        select(InboundWebhook.producer_id, func.max(InboundWebhook.received_at))
        .where(InboundWebhook.seller_id == seller_id)
        .group_by(InboundWebhook.producer_id)
    )
    return {producer_id: at for producer_id, at in rows.all()}
