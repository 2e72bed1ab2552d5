"""Receive one inbound webhook: verify it as its sender signs, dedupe it by the sender's key,
turn it into our events, and apply them, all in one transaction. A refusal stores nothing."""

import hashlib
import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from pydantic import TypeAdapter, ValidationError
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.core.domain.events import Event
from services.core.ingest import Ingested, ingest
from services.core.kit.db import insert_once
from services.core.kit.signing_secrets import in_force
from services.core.models import InboundWebhook, Producer
from services.core.producers import gaps
from services.core.producers.adapters import ADAPTERS, Untranslatable

_event = TypeAdapter(Event)


class InboundConflict(Exception):
    def __init__(self, key: str) -> None:
        super().__init__(
            f"delivery {key} was received before with a different body; a delivery id names one delivery"
        )


class BadEvents(Exception):
    def __init__(self, errors: list[dict[str, Any]]) -> None:
        super().__init__("the payload translates into events that are not valid")
        self.errors = errors


def source_of(producer: Producer) -> str:
    """Events carry their producer's role, so the gap check can tell the two sides apart."""
    return f"{producer.role}:{producer.id}"


async def receive(
    session: AsyncSession,
    producer: Producer,
    headers: Mapping[str, str],
    body: bytes,
    now: datetime,
    wall: datetime | None = None,
) -> Ingested:
    adapter = ADAPTERS[producer.kind]
    # A rotation's overlap is the seller's setting, judged by our clock; a signature's
    # freshness is about transport, judged by the wall clock as the sender's library does.
    adapter.verify(producer, in_force(producer, now), headers, body, wall or datetime.now(UTC))
    return await accept(session, producer, headers, body, now)


async def accept(
    session: AsyncSession, producer: Producer, headers: Mapping[str, str], body: bytes, now: datetime
) -> Ingested:
    """Apply a delivery known to be the producer's: verified by its signature, or read from the
    producer's own SQS queue, whose access policy is the authentication."""
    adapter = ADAPTERS[producer.kind]
    try:
        payload = json.loads(body)
    except ValueError as error:
        raise Untranslatable(f"the body is not JSON: {error}") from error
    translated = adapter.translate(producer, headers, payload)
    if not translated.delivery_key:
        raise Untranslatable("the request carries no delivery id to make it idempotent")
    envelopes = []
    for index, raw in enumerate(translated.events):
        try:
            envelopes.append(_event.validate_python(raw))
        except ValidationError as error:
            raise BadEvents(
                [{"event": index, "loc": list(e["loc"]), "message": e["msg"]} for e in error.errors()]
            ) from error
    digest = hashlib.sha256(body).hexdigest()
    row_id = await insert_once(
        session,
        InboundWebhook,
        ["producer_id", "delivery_key"],
        seller_id=producer.seller_id,
        producer_id=producer.id,
        delivery_key=translated.delivery_key[:300],
        body_hash=digest,
        kind=translated.kind[:60],
        payload=payload if isinstance(payload, dict) else {"body": payload},
        answer={},
        received_at=now,
    )
    if row_id is None:
        first = await session.scalar(
            select(InboundWebhook).where(
                InboundWebhook.producer_id == producer.id,
                InboundWebhook.delivery_key == translated.delivery_key[:300],
            )
        )
        assert first is not None
        if first.body_hash != digest:
            raise InboundConflict(translated.delivery_key)
        return Ingested(first.answer, replayed=True)
    answers = []
    for envelope in envelopes:
        result = await ingest(session, producer.seller_id, envelope, now, source=source_of(producer))
        answers.append(result.answer)
        if envelope.type == "message.received" and producer.role == "helpdesk":
            await gaps.close_for(
                session, producer.seller_id, envelope.order_id, envelope.occurred_at, envelope.id, now
            )
    answer = {"delivery_key": translated.delivery_key, "kind": translated.kind, "events": answers}
    first = await session.get(InboundWebhook, row_id)
    assert first is not None
    first.answer = answer
    return Ingested(answer, replayed=False)
