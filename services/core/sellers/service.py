"""Seller accounts and API keys: create, list, revoke, and resolve a presented key."""

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.core.domain.marketplaces import normalize
from services.core.kit.errors import Forbidden, Invalid, NotFound, Unauthenticated
from services.core.models import ApiKey, Seller
from services.core.sellers import audit, policies
from services.core.sellers.audit import COMMAND_LINE, Actor

SCOPES: tuple[str, ...] = ("events:write", "cases:read", "cases:write", "admin")
KEY_PREFIX = "as_"


class UnknownScope(Invalid):
    pass


class SellerNotFound(NotFound):
    pass


class KeyNotFound(NotFound):
    def __init__(self, key_id: uuid.UUID) -> None:
        super().__init__(f"no API key {key_id} on this account")


class KeyRefused(Unauthenticated):
    challenge = "Bearer"


class ScopeMissing(Forbidden):
    slug = "missing-scope"

    def __init__(self, missing: list[str]) -> None:
        super().__init__(f"this API key lacks the scope(s) {', '.join(missing)}", missing_scopes=missing)


@dataclass(frozen=True)
class IssuedKey:
    """A key as shown once at creation; only its hash is stored."""

    key: ApiKey
    secret: str


def hash_key(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def check_scopes(scopes: list[str]) -> list[str]:
    unknown = [s for s in scopes if s not in SCOPES]
    if unknown:
        raise UnknownScope(f"unknown scope(s) {', '.join(unknown)}; known: {', '.join(SCOPES)}")
    if not scopes:
        raise UnknownScope(f"give at least one scope of: {', '.join(SCOPES)}")
    return sorted(set(scopes))


async def create_seller(session: AsyncSession, name: str, marketplaces: list[str]) -> Seller:
    if not name.strip():
        raise ValueError("a seller needs a name")
    codes = sorted({normalize(m) for m in marketplaces})
    if not codes:
        raise ValueError("a seller sells on at least one marketplace")
    seller = Seller(name=name.strip(), marketplaces=codes)
    session.add(seller)
    await session.flush()
    await policies.create_first(session, seller.id)
    return seller


async def get_seller(session: AsyncSession, seller_id: uuid.UUID) -> Seller:
    seller = await session.get(Seller, seller_id)
    if seller is None:
        raise SellerNotFound(f"no seller {seller_id}")
    return seller


async def list_sellers(session: AsyncSession) -> list[Seller]:
    return list((await session.scalars(select(Seller).order_by(Seller.created_at))).all())


async def update_seller(
    session: AsyncSession,
    seller_id: uuid.UUID,
    name: str | None,
    marketplaces: list[str] | None,
    actor: Actor,
) -> Seller:
    seller = await get_seller(session, seller_id)
    before = audit.seller_view(seller)
    if name is not None:
        seller.name = name.strip()
    if marketplaces is not None:
        seller.marketplaces = sorted(set(marketplaces))
    after = audit.seller_view(seller)
    if after != before:
        audit.record(session, seller_id, actor, "seller.updated", ("seller", seller_id), before, after)
    return seller


async def create_key(
    session: AsyncSession,
    seller_id: uuid.UUID,
    scopes: list[str],
    name: str = "default",
    actor: Actor = COMMAND_LINE,
) -> IssuedKey:
    await get_seller(session, seller_id)
    secret = KEY_PREFIX + secrets.token_urlsafe(32)
    key = ApiKey(
        seller_id=seller_id,
        name=name,
        prefix=secret[:10],
        key_hash=hash_key(secret),
        scopes=check_scopes(scopes),
    )
    session.add(key)
    await session.flush()
    audit.record(session, seller_id, actor, "api_key.created", ("api_key", key.id), None, audit.key_view(key))
    return IssuedKey(key=key, secret=secret)


async def list_keys(session: AsyncSession, seller_id: uuid.UUID) -> list[ApiKey]:
    query = select(ApiKey).where(ApiKey.seller_id == seller_id).order_by(ApiKey.created_at)
    return list((await session.scalars(query)).all())


async def revoke_key(
    session: AsyncSession, seller_id: uuid.UUID, key_id: uuid.UUID, now: datetime, actor: Actor
) -> ApiKey:
    """Revoke the key now; revoking it again keeps the first time (and is not an action)."""
    key = await session.scalar(
        select(ApiKey).where(ApiKey.id == key_id, ApiKey.seller_id == seller_id).with_for_update()
    )
    if key is None:
        raise KeyNotFound(key_id)
    if key.revoked_at is None:
        before = audit.key_view(key)
        key.revoked_at = now
        audit.record(
            session, seller_id, actor, "api_key.revoked", ("api_key", key_id), before, audit.key_view(key)
        )
    return key


@dataclass(frozen=True)
class LiveKey:
    """What a request needs of its key."""

    id: uuid.UUID
    seller_id: uuid.UUID
    scopes: list[str]


async def authenticate(session: AsyncSession, secret: str) -> LiveKey | None:
    """The live key for a presented secret, or None for a wrong or revoked one."""
    if not secret.startswith(KEY_PREFIX):
        return None
    row = (await session.execute(_LIVE_KEY, {"key_hash": hash_key(secret)})).first()
    return None if row is None else LiveKey(row.id, row.seller_id, row.scopes)


# Every request runs it: built once, and its columns only, without an ORM object to track.
_LIVE_KEY = select(ApiKey.id, ApiKey.seller_id, ApiKey.scopes).where(
    ApiKey.key_hash == bindparam("key_hash"), ApiKey.revoked_at.is_(None)
)
