"""Request dependencies: the session (one transaction per request), the caller, the clock."""

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer, SecurityScopes
from sqlalchemy.ext.asyncio import AsyncSession

from services.core.kit.clock import Clock
from services.core.kit.outbound import Receivers
from services.core.kit.unit_of_work import unit_of_work
from services.core.sellers.service import KeyRefused, ScopeMissing, authenticate


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


async def _receivers(request: Request) -> Receivers:
    receivers: Receivers = request.app.state.receivers
    return receivers


# Where outbound calls may go (AFTERSALES_ALLOW_PRIVATE_RECEIVERS).
ReceiversDep = Annotated[Receivers, Depends(_receivers)]

_bearer = HTTPBearer(auto_error=False, description="An API key made with `aftersales keys create`.")


@dataclass(frozen=True)
class Caller:
    """The seller account a request acts for, and what its key may do."""

    seller_id: uuid.UUID
    key_id: uuid.UUID
    scopes: frozenset[str]


async def _caller(
    security_scopes: SecurityScopes,
    session: Session,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Caller:
    if credentials is None:
        raise KeyRefused("send an API key as 'Authorization: Bearer <key>'")
    key = await authenticate(session, credentials.credentials)
    if key is None:
        raise KeyRefused("the API key is unknown or revoked")
    granted = frozenset(key.scopes)
    missing = [s for s in security_scopes.scopes if s not in granted and "admin" not in granted]
    if missing:
        raise ScopeMissing(missing)
    return Caller(seller_id=key.seller_id, key_id=key.id, scopes=granted)


AnyCaller = Annotated[Caller, Security(_caller)]
EventWriter = Annotated[Caller, Security(_caller, scopes=["events:write"])]
CaseReader = Annotated[Caller, Security(_caller, scopes=["cases:read"])]
CaseWriter = Annotated[Caller, Security(_caller, scopes=["cases:write"])]
Admin = Annotated[Caller, Security(_caller, scopes=["admin"])]
