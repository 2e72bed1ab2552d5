"""The audit log of admin actions: keys created and revoked, the account and its policy changed,
webhook endpoints and producers added, rotated, disabled or enabled, and replies sent over the
compliance check. Each entry is written in the transaction of its action, so there is an entry
exactly when the action committed; the views below say what of a thing is recorded, and never
its secret."""

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic_core import to_jsonable_python
from sqlalchemy import and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.core.kit import cursors
from services.core.kit.cursors import BadCursor
from services.core.models import ApiKey, AuditEntry, Producer, Seller, WebhookEndpoint


@dataclass(frozen=True)
class Actor:
    """Who asked for an admin action, and when: an API key, or (key_id None) the command line."""

    key_id: uuid.UUID | None
    at: datetime | None = None  # None: the database's time (the command line's seeding)


COMMAND_LINE = Actor(None)
AUDITED_ACTIONS: tuple[str, ...] = (
    "api_key.created",
    "api_key.revoked",
    "seller.updated",
    "policy.changed",
    "webhook_endpoint.created",
    "webhook_endpoint.rotated",
    "webhook_endpoint.disabled",
    "webhook_endpoint.enabled",
    "producer.created",
    "producer.rotated",
    "producer.disabled",
    "reply.override",
)


def record(
    session: AsyncSession,
    seller_id: uuid.UUID,
    actor: Actor,
    action: str,
    target: tuple[str, object],
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> None:
    """One entry, in the caller's transaction; `target` is (type, id)."""
    assert action in AUDITED_ACTIONS, action
    when = {} if actor.at is None else {"at": actor.at}
    session.add(
        AuditEntry(
            **when,
            seller_id=seller_id,
            actor_key_id=actor.key_id,
            action=action,
            target_type=target[0],
            target_id=str(target[1]),
            before=to_jsonable_python(before),
            after=to_jsonable_python(after),
        )
    )


def key_view(key: ApiKey) -> dict[str, Any]:
    return {"name": key.name, "prefix": key.prefix, "scopes": key.scopes, "revoked_at": key.revoked_at}


def seller_view(seller: Seller) -> dict[str, Any]:
    return {"name": seller.name, "marketplaces": list(seller.marketplaces)}


def producer_view(producer: Producer) -> dict[str, Any]:
    return {
        "kind": producer.kind,
        "name": producer.name,
        "role": producer.role,
        "marketplace": producer.marketplace,
        "secret_header": producer.secret_header,
        "mapping": producer.mapping,
        "previous_secret_until": producer.previous_secret_until,
        "disabled_at": producer.disabled_at,
    }


def endpoint_view(endpoint: WebhookEndpoint) -> dict[str, Any]:
    return {
        "url": endpoint.url,
        "event_types": list(endpoint.event_types),
        "previous_secret_until": endpoint.previous_secret_until,
        "disabled_at": endpoint.disabled_at,
        "disabled_reason": endpoint.disabled_reason,
    }


def _decode(cursor: str) -> tuple[datetime, uuid.UUID]:
    at, id_ = cursors.decode(cursor, 2)
    try:
        return datetime.fromisoformat(at), uuid.UUID(id_)
    except (ValueError, TypeError) as error:
        raise BadCursor("the cursor is not one this API gave out; start again without it") from error


async def entries(
    session: AsyncSession, seller_id: uuid.UUID, *, action: str | None, limit: int, cursor: str | None
) -> tuple[list[AuditEntry], str | None]:
    """The seller's entries, newest first; keyset-paginated."""
    query = select(AuditEntry).where(AuditEntry.seller_id == seller_id)
    if action:
        query = query.where(AuditEntry.action == action)
    if cursor:
        at, id_ = _decode(cursor)
        query = query.where(or_(AuditEntry.at < at, and_(AuditEntry.at == at, AuditEntry.id < id_)))
    rows = list(
        await session.scalars(query.order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(limit + 1))
    )
    last = rows[limit - 1] if len(rows) > limit else None
    return rows[:limit], cursors.encode(last.at.isoformat(), last.id) if last else None
