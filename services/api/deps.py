"""Request dependencies: the session (one transaction per request), the caller, the clock."""

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Annotated, Any

from fastapi import Depends, Header, Request, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer, SecurityScopes
from sqlalchemy.ext.asyncio import AsyncSession

from services.core.ingest.group import GroupCommit
from services.core.kit.clock import Clock
from services.core.kit.idempotency import KeyedRequest, fingerprint
from services.core.kit.outbound import Receivers
from services.core.kit.unit_of_work import unit_of_work
from services.core.sellers.audit import Actor
from services.core.sellers.service import KeyRefused, LiveKey, ScopeMissing, authenticate


async def _session(request: Request) -> AsyncIterator[AsyncSession]:
    # scope="function" below: the commit happens before the response is sent, so a client
    # never sees 2xx for work that did not commit. Jobs are enqueued only after the commit,
    # so a worker never looks for rows that do not exist yet. Routers stamp with the API's
    # own clock (ClockDep), which costs no statement, so the unit does too.
    state = request.app.state
    async with unit_of_work(state.sessions, state.clock, state.redis, agreed_now=False) as work:
        yield work.session


Session = Annotated[AsyncSession, Depends(_session, scope="function")]


async def _batch_slot(request: Request) -> AsyncIterator[None]:
    # Taken before the session, so a batch waiting its turn holds no connection; given back
    # once the batch has committed and its order locks are gone.
    async with request.app.state.batch_slots:
        yield


BatchSlot = Annotated[None, Depends(_batch_slot, scope="function")]


async def _clock(request: Request) -> Clock:
    clock: Clock = request.app.state.clock
    return clock


ClockDep = Annotated[Clock, Depends(_clock)]


async def _group(request: Request) -> GroupCommit:
    group: GroupCommit = request.app.state.group
    return group


# The API process's group commit (services/core/ingest/group.py).
Group = Annotated[GroupCommit, Depends(_group)]


async def _receivers(request: Request) -> Receivers:
    receivers: Receivers = request.app.state.receivers
    return receivers


# Where outbound calls may go (AFTERSALES_ALLOW_PRIVATE_RECEIVERS).
ReceiversDep = Annotated[Receivers, Depends(_receivers)]


@dataclass(frozen=True)
class Idempotency:
    """The request's Idempotency-Key, if it sent one, and how long keys are remembered."""

    key: str | None
    lifetime: timedelta

    def bind(self, operation: str, target: object, body: Any) -> KeyedRequest | None:
        if self.key is None:
            return None
        return KeyedRequest(self.key, operation, str(target), fingerprint(body))


async def _idempotency(
    request: Request,
    idempotency_key: Annotated[
        str | None,
        Header(
            max_length=200,
            pattern=r"^[A-Za-z0-9._:-]+$",
            description="Makes a retry safe: the same key and request replay the first answer "
            "(`Idempotent-Replayed: true`); the key with another request is refused.",
        ),
    ] = None,
) -> Idempotency:
    return Idempotency(idempotency_key, timedelta(hours=request.app.state.settings.idempotency_key_hours))


IdempotencyDep = Annotated[Idempotency, Depends(_idempotency)]


async def _producer_limit(request: Request, producer_id: uuid.UUID) -> None:
    # Counted before the producer is looked up or its signature checked, and before a database
    # connection is taken: a flood at one producer's URL costs one Redis round trip a request.
    await request.app.state.limiter.hit("producer", producer_id)


ProducerLimit = Annotated[None, Depends(_producer_limit)]

_bearer = HTTPBearer(auto_error=False, description="An API key made with `aftersales keys create`.")


@dataclass(frozen=True)
class Caller:
    """The seller account a request acts for, and what its key may do."""

    seller_id: uuid.UUID
    key_id: uuid.UUID
    scopes: frozenset[str]

    def actor(self, at: datetime) -> Actor:
        """The caller as the audit log names it: its key, at the request's time."""
        return Actor(self.key_id, at)


async def _caller(
    request: Request,
    security_scopes: SecurityScopes,
    session: Session,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Caller:
    key = await authenticate(session, _secret(credentials))
    return await _admitted(request, security_scopes, key)


async def _kept_caller(
    request: Request,
    security_scopes: SecurityScopes,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Caller:
    # No session: the key comes from this process's cache, and the group commit that applies
    # the request checks in its transaction that the key is still live.
    key = await request.app.state.keys.authenticate(_secret(credentials))
    return await _admitted(request, security_scopes, key)


def _secret(credentials: HTTPAuthorizationCredentials | None) -> str:
    if credentials is None:
        raise KeyRefused("send an API key as 'Authorization: Bearer <key>'")
    return credentials.credentials


async def _admitted(request: Request, security_scopes: SecurityScopes, key: LiveKey | None) -> Caller:
    if key is None:
        raise KeyRefused("the API key is unknown or revoked")
    granted = frozenset(key.scopes)
    missing = [s for s in security_scopes.scopes if s not in granted and "admin" not in granted]
    if missing:
        raise ScopeMissing(missing)
    await request.app.state.limiter.hit("api_key", key.id)
    return Caller(seller_id=key.seller_id, key_id=key.id, scopes=granted)


AnyCaller = Annotated[Caller, Security(_caller)]
EventWriter = Annotated[Caller, Security(_caller, scopes=["events:write"])]
# A writer of events whose request runs in a group commit, not in a session of its own.
GroupedEventWriter = Annotated[Caller, Security(_kept_caller, scopes=["events:write"])]
CaseReader = Annotated[Caller, Security(_caller, scopes=["cases:read"])]
CaseWriter = Annotated[Caller, Security(_caller, scopes=["cases:write"])]
Admin = Annotated[Caller, Security(_caller, scopes=["admin"])]
