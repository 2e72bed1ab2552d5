"""Claims advice and resolution offers; account health, the per-agent report, Prometheus."""

import csv
import io
import re
import uuid
from dataclasses import asdict
from datetime import timedelta
from decimal import Decimal
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Header, Query, Request, Response
from fastapi.responses import JSONResponse
from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select

from services.api.deps import CaseReader, ClockDep, Session
from services.api.errors import PROBLEM_RESPONSES, ProblemError, documented_problem
from services.core import casework, claims, health, policies
from services.core.domain.advice import Advice
from services.core.domain.marketplaces import normalize
from services.core.models import HealthSnapshot

router = APIRouter(prefix="/v1", tags=["claims and health"], responses=PROBLEM_RESPONSES)
prometheus = APIRouter(tags=["health"])
NOT_FOUND = {404: documented_problem("No such case on this account.")}
DAYS = re.compile(r"^(\d{1,3})d$")


class OfferRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    issue: Literal["damaged", "defective", "not_as_described", "missing_generic_accessory", "missing_specific_part",
                   "wrong_item", "cancel_after_shipping", "not_received", "changed_mind", "chargeback"]
    severity: Literal["slight", "serious"] | None = Field(default=None, description="For damage: does it still work?")
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
    case = await casework.get_case(session, caller.seller_id, case_id)
    try:
        return await claims.advice(session, case, clock.now())
    except claims.NoAdvice as refused:
        raise ProblemError(409, str(refused), slug="action-not-allowed", extra={"state": refused.state}) from refused


@router.post("/cases/{case_id}/offers", response_model=list[OfferOut], responses=NOT_FOUND, summary="Ranked resolution offers")
async def post_offers(case_id: uuid.UUID, body: OfferRequest, caller: CaseReader, session: Session) -> list[OfferOut]:
    case = await casework.get_case(session, caller.seller_id, case_id)
    issue = body.issue
    if issue in ("damaged", "defective"):
        if issue == "damaged" and body.severity is None:
            raise ProblemError(422, "for damage, say whether it still works: severity slight or serious", slug="validation")
        issue = "slight_damage" if issue == "damaged" and body.severity == "slight" else "serious_damage"
    found = await claims.resolution_offers(session, case, issue, body.fault)  # type: ignore[arg-type]
    return [OfferOut(**asdict(o)) for o in found]


def _days(raw: str, name: str) -> int:
    match = DAYS.match(raw)
    if not match:
        raise ProblemError(422, f"{name} is a number of days such as 60d", slug="validation")
    return int(match.group(1))


@router.get("/metrics/account-health", response_model=health.AccountHealth, summary="ODR, response time, dissatisfaction, with a forecast")
async def account_health(
    caller: CaseReader,
    session: Session,
    clock: ClockDep,
    window: Annotated[Literal["7d", "30d", "60d", "90d"], Query()] = "60d",
    lag: Annotated[str, Query(pattern=r"^\d{1,2}d$", description="Days before today the window ends (Amazon's view lags).")] = "0d",
    marketplace: Annotated[str | None, Query(max_length=2)] = None,
) -> health.AccountHealth:
    try:
        code = normalize(marketplace) if marketplace else None
    except ValueError as error:
        raise ProblemError(422, str(error), slug="validation") from error
    policy = (await policies.current(session, caller.seller_id)).policy
    return await health.account_health(session, caller.seller_id, code, _days(window, "window"), _days(lag, "lag"), clock.now(), policy)


@router.get(
    "/metrics/agents",
    response_model=list[health.AgentLine],
    responses={200: {"content": {"text/csv": {}}, "description": "JSON, or CSV with `Accept: text/csv`."}},
    summary="Clocks met and breached per agent",
)
async def agents(
    caller: CaseReader,
    session: Session,
    clock: ClockDep,
    window: Annotated[Literal["7d", "30d", "60d", "90d"], Query()] = "30d",
    accept: Annotated[str | None, Header()] = None,
) -> Any:
    now = clock.now()
    lines = await health.agent_report(session, caller.seller_id, now - timedelta(days=_days(window, "window")), now)
    if accept and "text/csv" in accept:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["agent", "met", "breached"])
        writer.writerows([[line.agent, line.met, line.breached] for line in lines])
        return Response(out.getvalue(), media_type="text/csv; charset=utf-8")
    return JSONResponse([asdict(line) for line in lines])


@prometheus.get("/metrics", summary="Prometheus: the latest account-health figures per seller", include_in_schema=True)
async def metrics(request: Request) -> Response:
    async with request.app.state.sessions() as session:
        rows = list(await session.scalars(select(HealthSnapshot)))
    registry = CollectorRegistry()

    class Snapshots:
        def collect(self) -> Any:
            percent = GaugeMetricFamily("aftersales_health_percent", "Account-health figure, percent",
                                        labels=["seller_id", "marketplace", "window_days", "metric"])
            count = GaugeMetricFamily("aftersales_health_denominator", "What the figure is a share of",
                                      labels=["seller_id", "marketplace", "window_days", "metric"])
            for row in rows:
                labels = [str(row.seller_id), row.marketplace, str(row.window_days), row.metric]
                if row.percent is not None:
                    percent.add_metric(labels, row.percent)
                count.add_metric(labels, row.denominator)
            yield percent
            yield count

    registry.register(Snapshots())
    return Response(generate_latest(registry), media_type="text/plain; version=0.0.4; charset=utf-8")
