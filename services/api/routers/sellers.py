"""The caller's own seller account, its API keys, its policy and the audit log of admin actions."""

import uuid
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel, Field

from services.api.deps import Admin, AnyCaller, CaseReader, ClockDep, Session
from services.api.errors import PROBLEM_RESPONSES, documented_problem
from services.api.schemas.sellers import (
    ApiKeyCreate,
    ApiKeyIssued,
    ApiKeyOut,
    AuditEntryOut,
    AuditPage,
    SellerOut,
    SellerUpdate,
)
from services.core.domain.policy import Policy
from services.core.sellers import audit, policies
from services.core.sellers import service as sellers

router = APIRouter(prefix="/v1", responses=PROBLEM_RESPONSES)
SELLER = ["seller"]
POLICY = ["policy"]


@router.get("/seller", tags=SELLER, response_model=SellerOut, summary="The caller's seller account")
async def get_seller(caller: AnyCaller, session: Session) -> SellerOut:
    return SellerOut.model_validate(await sellers.get_seller(session, caller.seller_id))


@router.patch(
    "/seller", tags=SELLER, response_model=SellerOut, summary="Rename the account or change marketplaces"
)
async def update_seller(body: SellerUpdate, caller: Admin, session: Session, clock: ClockDep) -> SellerOut:
    actor = caller.actor(clock.now())
    seller = await sellers.update_seller(session, caller.seller_id, body.name, body.marketplaces, actor)
    return SellerOut.model_validate(seller)


@router.get("/api-keys", tags=SELLER, response_model=list[ApiKeyOut], summary="The account's API keys")
async def list_keys(caller: Admin, session: Session) -> list[ApiKeyOut]:
    return [ApiKeyOut.model_validate(k) for k in await sellers.list_keys(session, caller.seller_id)]


@router.post(
    "/api-keys", tags=SELLER, response_model=ApiKeyIssued, status_code=201, summary="Create an API key"
)
async def create_key(body: ApiKeyCreate, caller: Admin, session: Session, clock: ClockDep) -> ApiKeyIssued:
    actor = caller.actor(clock.now())
    issued = await sellers.create_key(session, caller.seller_id, body.scopes, body.name, actor)
    return ApiKeyIssued(**ApiKeyOut.model_validate(issued.key).model_dump(), key=issued.secret)


@router.delete("/api-keys/{key_id}", tags=SELLER, status_code=204, summary="Revoke an API key")
async def revoke_key(key_id: uuid.UUID, caller: Admin, session: Session, clock: ClockDep) -> Response:
    await sellers.revoke_key(session, caller.seller_id, key_id, clock.now(), caller.actor(clock.now()))
    return Response(status_code=204)


class PolicyOut(BaseModel):
    version: int = Field(description="Clocks record the version they were computed under.")
    changed: bool = Field(description="False when the document equals the version in force.")
    policy: Policy


@router.get("/policy", tags=POLICY, response_model=PolicyOut, summary="The policy in force")
async def get_policy(caller: CaseReader, session: Session) -> PolicyOut:
    found = await policies.current(session, caller.seller_id)
    return PolicyOut(version=found.version, changed=False, policy=found.policy)


@router.put(
    "/policy",
    tags=POLICY,
    response_model=PolicyOut,
    responses={409: documented_problem("Another change was saved at the same moment; read and retry.")},
    summary="Save a new policy version (applies to new clocks only)",
)
async def put_policy(body: Policy, caller: Admin, session: Session, clock: ClockDep) -> Any:
    saved, changed = await policies.replace(session, caller.seller_id, body, caller.actor(clock.now()))
    return PolicyOut(version=saved.version, changed=changed, policy=saved.policy)


@router.get(
    "/audit-log",
    tags=SELLER,
    response_model=AuditPage,
    summary="Admin actions on the account, newest first: who, when, what, before and after",
)
async def audit_log(
    caller: Admin,
    session: Session,
    action: Annotated[
        Literal[audit.AUDITED_ACTIONS] | None,  # type: ignore[valid-type]
        Query(description="Only entries of this action."),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
) -> AuditPage:
    found, next_cursor = await audit.entries(
        session, caller.seller_id, action=action, limit=limit, cursor=cursor
    )
    return AuditPage(items=[AuditEntryOut.model_validate(e) for e in found], next_cursor=next_cursor)
