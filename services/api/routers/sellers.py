"""The caller's own seller account, its API keys and its policy."""

import uuid
from typing import Any

from fastapi import APIRouter, Response
from pydantic import BaseModel, Field

from services.api.deps import Admin, AnyCaller, CaseReader, ClockDep, Session
from services.api.errors import PROBLEM_RESPONSES, documented_problem
from services.api.schemas.sellers import ApiKeyCreate, ApiKeyIssued, ApiKeyOut, SellerOut, SellerUpdate
from services.core.domain.policy import Policy
from services.core.sellers import policies
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
async def update_seller(body: SellerUpdate, caller: Admin, session: Session) -> SellerOut:
    seller = await sellers.get_seller(session, caller.seller_id)
    if body.name is not None:
        seller.name = body.name.strip()
    if body.marketplaces is not None:
        seller.marketplaces = sorted(set(body.marketplaces))
    return SellerOut.model_validate(seller)


@router.get("/api-keys", tags=SELLER, response_model=list[ApiKeyOut], summary="The account's API keys")
async def list_keys(caller: Admin, session: Session) -> list[ApiKeyOut]:
    return [ApiKeyOut.model_validate(k) for k in await sellers.list_keys(session, caller.seller_id)]


@router.post(
    "/api-keys", tags=SELLER, response_model=ApiKeyIssued, status_code=201, summary="Create an API key"
)
async def create_key(body: ApiKeyCreate, caller: Admin, session: Session) -> ApiKeyIssued:
    issued = await sellers.create_key(session, caller.seller_id, body.scopes, body.name)
    return ApiKeyIssued(**ApiKeyOut.model_validate(issued.key).model_dump(), key=issued.secret)


@router.delete("/api-keys/{key_id}", tags=SELLER, status_code=204, summary="Revoke an API key")
async def revoke_key(key_id: uuid.UUID, caller: Admin, session: Session, clock: ClockDep) -> Response:
    await sellers.revoke_key(session, caller.seller_id, key_id, clock.now())
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
async def put_policy(body: Policy, caller: Admin, session: Session) -> Any:
    saved, changed = await policies.replace(session, caller.seller_id, body)
    return PolicyOut(version=saved.version, changed=changed, policy=saved.policy)
