"""The account-health page: each figure beside its target with its status, a chart of each over
the last 90 days, the forecast sentence, and the orders whose defects leave the window."""

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from services.api.console.charts import Point, line_chart
from services.api.console.web import PersonDep, page
from services.api.deps import ClockDep, Session
from services.core.account_health.history import history
from services.core.account_health.snapshots import FIGURES
from services.core.domain.metrics import Figure
from services.core.sellers import policies
from services.core.sellers import service as sellers

router = APIRouter()
LABELS = {
    "order_defect_rate": "Order defect rate",
    "negative_feedback": "Negative feedback",
    "a_to_z_claims": "A-to-Z claims",
    "chargebacks": "Chargebacks",
    "response_under_24h": "Response under 24 h",
    "customer_service_dissatisfaction": "Customer-service dissatisfaction",
    "return_dissatisfaction": "Return dissatisfaction",
    "no_response_needed": "No response needed",
}


@router.get("/console/health", response_class=HTMLResponse)
async def health(
    request: Request,
    person: PersonDep,
    session: Session,
    clock: ClockDep,
    window: Annotated[Literal[7, 30, 60, 90], Query()] = 60,
    lag: Annotated[int, Query(ge=0, le=30)] = 0,
    marketplace: Annotated[str, Query(max_length=2)] = "",
) -> HTMLResponse:
    seller = await sellers.get_seller(session, person.seller_id)
    chosen = marketplace if marketplace in seller.marketplaces else None
    policy = (await policies.current(session, person.seller_id)).policy
    days = await history(session, person.seller_id, chosen, window, lag, clock.now(), policy)
    today = days[-1].health
    figures = []
    for name in FIGURES:
        figure: Figure = getattr(today, name)
        points = [Point(d.at, getattr(d.health, name).percent) for d in days]
        figures.append(
            {
                "name": name,
                "label": LABELS[name],
                "figure": figure,
                "chart": line_chart(LABELS[name], points, figure.target, figure.direction),
            }
        )
    return page(
        request,
        "health.html",
        person,
        active="health",
        health=today,
        figures=figures,
        marketplaces=seller.marketplaces,
        chosen={"window": window, "lag": lag, "marketplace": chosen or ""},
    )
