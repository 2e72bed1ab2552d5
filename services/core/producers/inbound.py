"""Receive one inbound webhook: verify it as its sender signs, dedupe it by the sender's key,
turn it into our events, and apply them, all in one transaction.

Authentic means accepted (DESIGN.md principle 8): a signed delivery that becomes no event is kept
as unmatched with the reason. Only a bad signature, a body that is not JSON, or a delivery id
reused for another body is refused, and a refusal stores nothing."""

import hashlib
import json
import uuid
from collections.abc import Awaitable, Callable, Mapping
from datetime import UTC, datetime
from typing import Any

from pydantic import TypeAdapter, ValidationError
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.core.domain.events import Event
from services.core.ingest import EventConflict, Ingested, ingest
from services.core.kit.db import insert_once
from services.core.kit.errors import Conflict, Invalid
from services.core.kit.signing_secrets import in_force
from services.core.models import InboundWebhook, Producer
from services.core.producers import gaps, registry
from services.core.producers.adapters import ADAPTERS, Adapter, Hints, Translated, Unmatched, Untranslatable

_event = TypeAdapter(Event)


class InboundConflict(Conflict):
    """A delivery id, or an event id inside the delivery, reused for something else."""

    slug = "delivery-id-reused"


class BadEvents(Invalid):
    slug = "untranslatable"

    def __init__(self, errors: list[dict[str, Any]]) -> None:
        super().__init__("the payload translates into events that are not valid", event_errors=errors)
        self.errors = errors


class NotAttachable(Conflict):
    """Only a delivery that named no order can be given one; the others stay as they are."""

    slug = "unmatched-not-attachable"


def validated(translated: Translated) -> list[Any]:
    """The translation's events as envelopes; BadEvents names each field that is wrong."""
    envelopes = []
    for index, raw in enumerate(translated.events):
        try:
            envelopes.append(_event.validate_python(raw))
        except ValidationError as error:
            raise BadEvents(
                [{"event": index, "loc": list(e["loc"]), "message": e["msg"]} for e in error.errors()]
            ) from error
    return envelopes


def translate(
    adapter: Adapter, producer: Producer, headers: Mapping[str, str], payload: Any, hints: Hints
) -> Translated:
    """The adapter's translation; what it cannot read becomes the reason it is kept."""
    try:
        return adapter.translate(producer, headers, payload, hints)
    except Untranslatable as error:
        return Translated("", "unknown", unmatched=Unmatched("unreadable", str(error)))


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


def delivery(
    kind: str, producer_id: uuid.UUID, headers: Mapping[str, str], body: bytes
) -> Callable[[AsyncSession, datetime], Awaitable[Ingested]]:
    """A delivery to receive inside a group commit (`ingest/group.py`): its producer is looked up
    and its signature checked in the group's transaction, like its events."""

    async def receive_delivery(session: AsyncSession, now: datetime) -> Ingested:
        return await receive(session, await registry.active(session, kind, producer_id), headers, body, now)

    return receive_delivery


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
    digest = hashlib.sha256(body).hexdigest()
    translated = translate(adapter, producer, headers, payload, Hints(received_at=now))
    unmatched, envelopes = _usable(translated)
    # A sender that gives no delivery id: the same body is the same delivery.
    key = (translated.delivery_key or f"sha256:{digest}")[:300]
    row_id = await insert_once(
        session,
        InboundWebhook,
        ["producer_id", "delivery_key"],
        seller_id=producer.seller_id,
        producer_id=producer.id,
        delivery_key=key,
        body_hash=digest,
        kind=translated.kind[:60],
        payload=payload if isinstance(payload, dict) else {"body": payload},
        headers={name: headers[name] for name in adapter.keeps if name in headers},
        answer={},
        received_at=now,
        thread_key=translated.thread[:200] if translated.thread else None,
        unmatched_reason=unmatched.reason if unmatched else None,
        unmatched_detail=unmatched.detail if unmatched else None,
    )
    if row_id is None:
        first = await session.scalar(
            select(InboundWebhook).where(
                InboundWebhook.producer_id == producer.id, InboundWebhook.delivery_key == key
            )
        )
        assert first is not None
        if first.body_hash != digest and not translated.restated:
            raise InboundConflict(
                f"delivery {key} was received before with a different body; a delivery id names one delivery"
            )
        return Ingested(first.answer, replayed=True)
    answer: dict[str, Any] = {"delivery_key": key, "kind": translated.kind, "events": []}
    if unmatched is not None:
        answer["unmatched"] = {"id": str(row_id), "reason": unmatched.reason, "detail": unmatched.detail}
    else:
        answer["events"] = await apply(session, producer, envelopes, now)
    if translated.thread and translated.names_order:
        answer["attached"] = await attach_thread(
            session, producer, translated.thread, translated.names_order, now
        )
    first = await session.get(InboundWebhook, row_id)
    assert first is not None
    first.answer = answer
    return Ingested(answer, replayed=False)


def _usable(translated: Translated) -> tuple[Unmatched | None, list[Any]]:
    """The events, or why there are none."""
    try:
        envelopes = validated(translated)
    except BadEvents as bad:
        return Unmatched("invalid", f"{bad.detail}: {json.dumps(bad.errors)}"), []
    if translated.unmatched is None and not envelopes:
        return Unmatched("unused-type", f"{translated.kind}: nothing in it becomes an event"), []
    return translated.unmatched, envelopes


async def attach_row(
    session: AsyncSession, producer: Producer, delivery: InboundWebhook, order_id: str, now: datetime
) -> list[Any]:
    """Translate a kept delivery again with the order a person names and apply its events, with
    the ids they would have had if it had named the order; the events' answers."""
    if delivery.unmatched_reason != "no-order-id":
        raise NotAttachable(
            f"only a delivery that named no order can be attached; this one was kept because: "
            f"{delivery.unmatched_detail}",
            reason=delivery.unmatched_reason,
        )
    hints = Hints(received_at=delivery.received_at, order_id=order_id)
    translated = translate(ADAPTERS[producer.kind], producer, delivery.headers, delivery.payload, hints)
    if translated.unmatched is not None:
        raise NotAttachable(translated.unmatched.detail, reason=translated.unmatched.reason)
    events = await apply(session, producer, validated(translated), now)
    delivery.attached_order_id, delivery.attached_at = order_id, now
    delivery.answer = {**delivery.answer, "events": events, "attached_order_id": order_id}
    return events


async def attach_thread(
    session: AsyncSession, producer: Producer, thread: str, order_id: str, now: datetime
) -> list[str]:
    """A person's field in the helpdesk names the conversation's order: its messages kept for
    naming none become events, as if a person had attached each. The ids attached."""
    kept = await session.scalars(
        select(InboundWebhook)
        .where(
            InboundWebhook.producer_id == producer.id,
            InboundWebhook.thread_key == thread[:200],
            InboundWebhook.unmatched_reason == "no-order-id",
            InboundWebhook.attached_at.is_(None),
        )
        .order_by(InboundWebhook.received_at, InboundWebhook.id)
        .with_for_update()
    )
    attached = []
    for delivery in kept:
        try:
            await attach_row(session, producer, delivery, order_id, now)
        except (NotAttachable, BadEvents):
            continue  # it stays in the list for a person, with its reason
        attached.append(str(delivery.id))
    return attached


async def apply(session: AsyncSession, producer: Producer, envelopes: list[Any], now: datetime) -> list[Any]:
    """Ingest a delivery's events as its producer's; each event's answer."""
    answers = []
    for envelope in envelopes:
        try:
            result = await ingest(session, producer.seller_id, envelope, now, source=source_of(producer))
        except EventConflict as conflict:
            raise InboundConflict(str(conflict)) from conflict
        answers.append(result.answer)
        if envelope.type == "message.received" and producer.role == "helpdesk":
            await gaps.close_for(
                session, producer.seller_id, envelope.order_id, envelope.occurred_at, envelope.id, now
            )
    return answers
