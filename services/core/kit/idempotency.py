"""Idempotency keys as payment APIs keep them (Stripe; draft-ietf-httpapi-idempotency-key-header).

A key belongs to one seller. The first request that uses it binds it to its operation, its target
(the case it acts on) and the fingerprint of its body, and the answer it got is stored with it in
the same transaction as the work. Until the key expires, a repeat of the same request replays
that answer and does nothing; the key with another operation, target or body is refused. A
request that fails rolls back and leaves the key unused, so the corrected request may use it.
"""

import hashlib
import json
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from services.core.kit.errors import Conflict
from services.core.models import IdempotencyKey


class IdempotencyKeyReused(Conflict):
    slug = "idempotency-key-reused"

    def __init__(self, key: str, first_at: datetime) -> None:
        super().__init__(
            f"the Idempotency-Key {key!r} was used at {first_at.isoformat()} for another request (another "
            "operation, case or body); a key names one request: send a new key for a new request",
            first_used_at=first_at.isoformat(),
        )


@dataclass(frozen=True)
class KeyedRequest:
    """What a key is bound to by its first use."""

    key: str
    operation: str
    target: str
    fingerprint: str


def fingerprint(body: Any) -> str:
    """The body as parsed, so a repeat with other whitespace or key order is the same request."""
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


async def begin(
    session: AsyncSession, seller_id: uuid.UUID, request: KeyedRequest, now: datetime, lifetime: timedelta
) -> dict[str, Any] | None:
    """None: go ahead, the key is held by this transaction until it commits or rolls back.
    Otherwise the first answer, to replay. Raises IdempotencyKeyReused for another request."""
    bound = {
        "operation": request.operation,
        "target": request.target,
        "fingerprint": request.fingerprint,
        "answer": None,
        "created_at": now,
        "expires_at": now + lifetime,
    }
    # A concurrent first use of the same key waits here on the unique key until the other
    # transaction ends, then finds its committed answer (or, had it rolled back, takes the key).
    taken = await session.scalar(
        insert(IdempotencyKey)
        .values(seller_id=seller_id, key=request.key, **bound)
        .on_conflict_do_nothing()
        .returning(IdempotencyKey.key)
    )
    if taken is not None:
        await _purge(session, seller_id, now)
        return None
    first = await session.scalar(
        select(IdempotencyKey)
        .where(IdempotencyKey.seller_id == seller_id, IdempotencyKey.key == request.key)
        .with_for_update()
    )
    if first is None:
        # Expired, and purged by another request between the two statements: the key is free.
        return await begin(session, seller_id, request, now, lifetime)
    if first.expires_at <= now:
        await session.execute(
            update(IdempotencyKey)
            .where(IdempotencyKey.seller_id == seller_id, IdempotencyKey.key == request.key)
            .values(**bound)
        )
        return None
    if (first.operation, first.target, first.fingerprint) != (
        request.operation,
        request.target,
        request.fingerprint,
    ):
        raise IdempotencyKeyReused(request.key, first.created_at)
    assert first.answer is not None, "a committed key carries its answer"
    return first.answer


async def finish(session: AsyncSession, seller_id: uuid.UUID, key: str, answer: dict[str, Any]) -> None:
    """Store the answer a repeat of the request will get."""
    await session.execute(
        update(IdempotencyKey)
        .where(IdempotencyKey.seller_id == seller_id, IdempotencyKey.key == key)
        .values(answer=answer)
    )


async def _purge(session: AsyncSession, seller_id: uuid.UUID, now: datetime) -> None:
    # Each new key clears its seller's expired ones, so the table holds about a day of keys.
    await session.execute(
        delete(IdempotencyKey).where(IdempotencyKey.seller_id == seller_id, IdempotencyKey.expires_at <= now)
    )
