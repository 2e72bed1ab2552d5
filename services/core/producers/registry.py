"""Producers: created with a secret shown once, rotated with an overlap, disabled, each an
audited admin action; an amazon producer's SQS queue."""

import re
import secrets
import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.core.kit import signing_secrets
from services.core.kit.errors import Conflict, Invalid, NotFound
from services.core.kit.ids import new_id
from services.core.models import InboundWebhook, Producer
from services.core.producers.adapters import ADAPTERS, DEFAULT_SECRET_HEADER
from services.core.sellers import audit
from services.core.sellers.audit import Actor

QUEUE_URL = re.compile(
    r"^https?://(?P<host>[^/\s]+)/(?P<account>\d{12})/(?P<name>[A-Za-z0-9_-]{1,80}(\.fifo)?)$"
)
AWS_HOST = re.compile(r"^sqs\.(?P<region>[a-z]{2}(-[a-z]+)+-\d)\.amazonaws\.com(\.cn)?$")
REGION = re.compile(r"^[a-z]{2}(-[a-z]+)+-\d$")


class ProducerNotFound(NotFound):
    def __init__(self, producer_id: uuid.UUID) -> None:
        super().__init__(f"no producer {producer_id} on this account")


class QueueTaken(Conflict):
    """Another active producer reads the queue: two readers would each see some of its messages."""

    slug = "queue-taken"

    def __init__(self, queue_url: str) -> None:
        super().__init__(f"another active producer reads {queue_url}; disable it first, or use another queue")


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
    actor: Actor,
    sqs: tuple[str, str] | None = None,
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
    await read_queue(session, producer, sqs)
    target = ("producer", producer.id)
    audit.record(session, seller_id, actor, "producer.created", target, None, audit.producer_view(producer))
    return producer


async def read_queue(session: AsyncSession, producer: Producer, sqs: tuple[str, str] | None) -> None:
    """Set (queue URL, region) for `aftersales amazon-sqs` to read, or None to stop reading."""
    if sqs is not None:
        taken = await session.scalar(
            select(Producer.id).where(
                Producer.sqs_queue_url == sqs[0], Producer.disabled_at.is_(None), Producer.id != producer.id
            )
        )
        if taken is not None:
            raise QueueTaken(sqs[0])
    producer.sqs_queue_url, producer.sqs_region = sqs or (None, None)
    await session.flush()


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


def rotate(
    session: AsyncSession,
    producer: Producer,
    overlap: timedelta,
    now: datetime,
    secret: str | None,
    actor: Actor,
) -> Producer:
    before = audit.producer_view(producer)
    signing_secrets.rotate(producer, secret or _secret(producer.kind), overlap, now)
    after = {**audit.producer_view(producer), "overlap_hours": overlap.total_seconds() / 3600}
    audit.record(
        session, producer.seller_id, actor, "producer.rotated", ("producer", producer.id), before, after
    )
    return producer


def disable(session: AsyncSession, producer: Producer, now: datetime, actor: Actor) -> Producer:
    """Refuse its requests from now on; disabling it again keeps the first time."""
    if producer.disabled_at is None:
        before = audit.producer_view(producer)
        producer.disabled_at = now
        after = audit.producer_view(producer)
        audit.record(
            session, producer.seller_id, actor, "producer.disabled", ("producer", producer.id), before, after
        )
    return producer


def queue_region(url: str, region: str | None) -> str:
    """The region to read the queue in: the one given, or the one its AWS URL names."""
    match = QUEUE_URL.match(url)
    if match is None:
        raise ValueError("an SQS queue URL looks like https://sqs.us-east-1.amazonaws.com/123456789012/name")
    aws = AWS_HOST.match(match["host"])
    if aws is not None and region is not None and region != aws["region"]:
        raise ValueError(f"the queue is in {aws['region']}, not in {region}")
    chosen = region or (aws["region"] if aws is not None else None)
    if chosen is None or not REGION.match(chosen):
        raise ValueError("name the queue's AWS region, e.g. us-east-1")
    return chosen


async def last_deliveries(session: AsyncSession, seller_id: uuid.UUID) -> dict[uuid.UUID, datetime]:
    """When each producer's newest accepted delivery arrived: a silent helpdesk shows here first."""
    rows = await session.execute(
        select(InboundWebhook.producer_id, func.max(InboundWebhook.received_at))
        .where(InboundWebhook.seller_id == seller_id)
        .group_by(InboundWebhook.producer_id)
    )
    return {producer_id: at for producer_id, at in rows.all()}
