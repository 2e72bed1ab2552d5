"""Claims and chargebacks: advice with its evidence pack, and ranked resolution offers."""

import uuid
from dataclasses import asdict
from decimal import Decimal
from typing import Literal

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from services.api.deps import CaseReader, ClockDep, Session
from services.api.errors import PROBLEM_RESPONSES, documented_problem
from services.core.cases import service as cases
from services.core.claims import service as claims
from services.core.domain.advice import Advice

router = APIRouter(prefix="/v1", tags=["claims and health"], responses=PROBLEM_RESPONSES)
NOT_FOUND = {404: documented_problem("No such case on this account.")}


class OfferRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    issue: claims.NamedIssue
    severity: Literal["slight", "serious"] | None = Field(
        default=None, description="For damage: does it still work?"
    )
    fault: Literal["seller", "buyer"] | None = Field(default=None, description="For not as described.")


class OfferOut(BaseModel):
    kind: str
    amount: Decimal | None
    currency: str | None
    percent: float | None
    rule: str
    note: str


@router.get(
    "/cases/{case_id}/advice",
    response_model=Advice,
    responses={**NOT_FOUND, 409: documented_problem("Advice is for claims and chargebacks.")},
    summary="What to do about a claim or chargeback and why, with the evidence pack",
)
async def get_advice(case_id: uuid.UUID, caller: CaseReader, session: Session, clock: ClockDep) -> Advice:
    case = await cases.get_case(session, caller.seller_id, case_id)
    return await claims.advice(session, case, clock.now())


@router.post(
    "/cases/{case_id}/offers",
    response_model=list[OfferOut],
    responses=NOT_FOUND,
    summary="Ranked resolution offers",
)
async def post_offers(
    case_id: uuid.UUID, body: OfferRequest, caller: CaseReader, session: Session
) -> list[OfferOut]:
    case = await cases.get_case(session, caller.seller_id, case_id)
    found = await claims.offers_for(session, case, body.issue, body.severity, body.fault)
    return [OfferOut(**asdict(o)) for o in found]
