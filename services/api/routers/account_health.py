"""Account health: ODR, response time and dissatisfaction with a forecast; the per-agent report."""

import csv
import io
import re
from dataclasses import asdict
from datetime import timedelta
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Header, Query, Response
from fastapi.responses import JSONResponse

from services.api.deps import CaseReader, ClockDep, Session
from services.api.errors import PROBLEM_RESPONSES
from services.core.account_health import figures
from services.core.account_health.agents import AgentLine, agent_report
from services.core.domain.marketplaces import normalize
from services.core.kit.errors import Invalid
from services.core.sellers import policies

router = APIRouter(prefix="/v1", tags=["claims and health"], responses=PROBLEM_RESPONSES)
DAYS = re.compile(r"^(\d{1,3})d$")


def _days(raw: str, name: str) -> int:
    match = DAYS.match(raw)
    if not match:
        raise Invalid(f"{name} is a number of days such as 60d")
    return int(match.group(1))


@router.get(
    "/metrics/account-health",
    response_model=figures.AccountHealth,
    summary="ODR, response time, dissatisfaction, with a forecast",
)
async def account_health(
    caller: CaseReader,
    session: Session,
    clock: ClockDep,
    window: Annotated[Literal["7d", "30d", "60d", "90d"], Query()] = "60d",
    lag: Annotated[
        str,
        Query(pattern=r"^\d{1,2}d$", description="Days before today the window ends (Amazon's view lags)."),
    ] = "0d",
    marketplace: Annotated[str | None, Query(max_length=2)] = None,
) -> figures.AccountHealth:
    try:
        code = normalize(marketplace) if marketplace else None
    except ValueError as error:
        raise Invalid(str(error)) from error
    policy = (await policies.current(session, caller.seller_id)).policy
    return await figures.account_health(
        session, caller.seller_id, code, _days(window, "window"), _days(lag, "lag"), clock.now(), policy
    )


@router.get(
    "/metrics/agents",
    response_model=list[AgentLine],
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
    lines = await agent_report(session, caller.seller_id, now - timedelta(days=_days(window, "window")), now)
    if accept and "text/csv" in accept:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["agent", "met", "breached", "team_met", "team_breached"])
        writer.writerows(
            [[line.agent, line.met, line.breached, line.team_met, line.team_breached] for line in lines]
        )
        return Response(out.getvalue(), media_type="text/csv; charset=utf-8")
    return JSONResponse([asdict(line) for line in lines])
