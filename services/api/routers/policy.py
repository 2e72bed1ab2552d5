"""The seller's policy: read the version in force, save a new one."""

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field

from services.api.deps import Admin, CaseReader, Session
from services.api.errors import PROBLEM_RESPONSES, documented_problem
from services.core import policies
from services.core.domain.policy import Policy

router = APIRouter(prefix="/v1", tags=["policy"], responses=PROBLEM_RESPONSES)


class PolicyOut(BaseModel):
    version: int = Field(description="Clocks record the version they were computed under.")
    changed: bool = Field(description="False when the document equals the version in force.")
    policy: Policy


@router.get("/policy", response_model=PolicyOut, summary="The policy in force")
async def get_policy(caller: CaseReader, session: Session) -> PolicyOut:
    found = await policies.current(session, caller.seller_id)
    return PolicyOut(version=found.version, changed=False, policy=found.policy)


@router.put(
    "/policy",
    response_model=PolicyOut,
    responses={409: documented_problem("Another change was saved at the same moment; read and retry.")},
    summary="Save a new policy version (applies to new clocks only)",
)
async def put_policy(body: Policy, caller: Admin, session: Session) -> Any:
    saved, changed = await policies.replace(session, caller.seller_id, body)
    return PolicyOut(version=saved.version, changed=changed, policy=saved.policy)


