"""Console sessions: signing a person in with an API key, finding the session a cookie names,
and signing out. The cookie carries a random token; only its hash is stored."""

import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.core.kit.errors import Invalid, Unauthenticated
from services.core.models import ApiKey, ConsoleSession
from services.core.sellers.service import authenticate, hash_key

# A working day and then some: a person signs in once a shift.
LIFETIME = timedelta(hours=12)
# Keys made for producers are not for people: a session needs at least one of these.
PERSON_SCOPES = frozenset({"cases:read", "cases:write", "admin"})


class SignInRefused(Unauthenticated):
    """A sign-in with a key that is unknown, revoked, or not a person's."""


@dataclass(frozen=True)
class Person:
    """Who is signed in: their seller, their name, what their key may do, and the session's CSRF token."""

    session_id: uuid.UUID
    seller_id: uuid.UUID
    key_id: uuid.UUID
    name: str
    scopes: frozenset[str]
    csrf: str

    def may(self, scope: str) -> bool:
        return scope in self.scopes or "admin" in self.scopes


@dataclass(frozen=True)
class SignedIn:
    person: Person
    token: str
    expires_at: datetime


async def sign_in(session: AsyncSession, secret: str, name: str | None, now: datetime) -> SignedIn:
    """A new session for the key's holder. The name is the person's own, or else the key's:
    the admin issues a key per person under that person's name."""
    key = await authenticate(session, secret.strip())
    if key is None:
        raise SignInRefused("the API key is unknown or revoked")
    if not PERSON_SCOPES & set(key.scopes):
        raise SignInRefused("this key is a producer's (events:write only); sign in with a person's key")
    key_name = await session.scalar(select(ApiKey.name).where(ApiKey.id == key.id))
    person = (name or "").strip() or (key_name or "").strip()
    if not person or len(person) > 200:
        raise Invalid("give your name (up to 200 characters): notes and assignments carry it")
    token = secrets.token_urlsafe(32)
    row = ConsoleSession(
        seller_id=key.seller_id,
        key_id=key.id,
        token_hash=hash_key(token),
        person=person,
        csrf=secrets.token_urlsafe(32),
        created_at=now,
        expires_at=now + LIFETIME,
    )
    session.add(row)
    await session.flush()
    found = Person(row.id, key.seller_id, key.id, person, frozenset(key.scopes), row.csrf)
    return SignedIn(found, token, row.expires_at)


_SESSION = (
    select(ConsoleSession, ApiKey.scopes)
    .join(ApiKey, ApiKey.id == ConsoleSession.key_id)
    .where(ApiKey.revoked_at.is_(None))
)


async def find(session: AsyncSession, token: str | None, now: datetime) -> Person | None:
    """The person a cookie's token names, while the session lasts and its key is live."""
    if not token:
        return None
    row = (
        await session.execute(
            _SESSION.where(ConsoleSession.token_hash == hash_key(token), ConsoleSession.expires_at > now)
        )
    ).first()
    if row is None:
        return None
    found, scopes = row
    return Person(found.id, found.seller_id, found.key_id, found.person, frozenset(scopes), found.csrf)


async def sign_out(session: AsyncSession, person: Person, now: datetime) -> None:
    """End this session, and any of the account's that have expired."""
    await session.execute(
        delete(ConsoleSession).where(
            (ConsoleSession.id == person.session_id)
            | ((ConsoleSession.seller_id == person.seller_id) & (ConsoleSession.expires_at <= now))
        )
    )
