"""The caller's own seller account and its API keys."""

import uuid

from fastapi import APIRouter, Response

from services.api.deps import Admin, AnyCaller, ClockDep, Session
from services.api.errors import PROBLEM_RESPONSES, ProblemError
from services.api.schemas.seller import ApiKeyCreate, ApiKeyIssued, ApiKeyOut, SellerOut, SellerUpdate
from services.core import sellers

router = APIRouter(prefix="/v1", tags=["seller"], responses=PROBLEM_RESPONSES)


@router.get("/seller", response_model=SellerOut, summary="The caller's seller account")
async def get_seller(caller: AnyCaller, session: Session) -> SellerOut:
    return SellerOut.model_validate(await sellers.get_seller(session, caller.seller_id))


@router.patch("/seller", response_model=SellerOut, summary="Rename the account or change marketplaces")
async def update_seller(body: SellerUpdate, caller: Admin, session: Session) -> SellerOut:
    seller = await sellers.get_seller(session, caller.seller_id)
    if body.name is not None:
        seller.name = body.name.strip()
    if body.marketplaces is not None:
        seller.marketplaces = sorted(set(body.marketplaces))
    return SellerOut.model_validate(seller)


@router.get("/api-keys", response_model=list[ApiKeyOut], summary="The account's API keys")
async def list_keys(caller: Admin, session: Session) -> list[ApiKeyOut]:
    return [ApiKeyOut.model_validate(k) for k in await sellers.list_keys(session, caller.seller_id)]


@router.post("/api-keys", response_model=ApiKeyIssued, status_code=201, summary="Create an API key")
async def create_key(body: ApiKeyCreate, caller: Admin, session: Session) -> ApiKeyIssued:
    issued = await sellers.create_key(session, caller.seller_id, body.scopes, body.name)
    return ApiKeyIssued(**ApiKeyOut.model_validate(issued.key).model_dump(), key=issued.secret)


@router.delete("/api-keys/{key_id}", status_code=204, summary="Revoke an API key")
async def revoke_key(key_id: uuid.UUID, caller: Admin, session: Session, clock: ClockDep) -> Response:
    key = await sellers.revoke_key(session, caller.seller_id, key_id, clock.now())
    if key is None:
        raise ProblemError(404, f"no API key {key_id} on this account")
    return Response(status_code=204)
