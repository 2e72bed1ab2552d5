"""Policy backtests: what a proposed policy would have done over the last days. Read-only."""

import uuid

from fastapi import APIRouter, Response

from services.api.deps import CaseReader, ClockDep, Session
from services.api.errors import PROBLEM_RESPONSES
from services.api.schemas.backtests import BacktestCreate, BacktestOut, Progress
from services.core.backtests import service as backtests
from services.core.models import Backtest

router = APIRouter(prefix="/v1", tags=["backtests"], responses=PROBLEM_RESPONSES)


def _out(row: Backtest) -> BacktestOut:
    return BacktestOut(
        id=row.id,
        status=row.status,  # type: ignore[arg-type]
        status_url=f"/v1/backtests/{row.id}",
        days=row.days,
        since=row.since,
        asof=row.asof,
        policy_version=row.policy_version,
        progress=Progress(orders_total=row.orders_total, orders_done=row.orders_done),
        result=row.result,
        error=row.error,
        created_at=row.created_at,
        finished_at=row.finished_at,
        expires_at=row.expires_at,
    )


@router.post(
    "/backtests",
    response_model=BacktestOut,
    status_code=202,
    summary="Backtest a proposed policy over the last days (runs as a job; poll the status URL)",
)
async def create_backtest(
    body: BacktestCreate, caller: CaseReader, session: Session, clock: ClockDep, response: Response
) -> BacktestOut:
    row = await backtests.create(session, caller.seller_id, body.policy, body.days, clock.now())
    await session.refresh(row)
    response.headers["Location"] = f"/v1/backtests/{row.id}"
    return _out(row)


@router.get(
    "/backtests/{backtest_id}", response_model=BacktestOut, summary="A backtest's progress and result"
)
async def get_backtest(
    backtest_id: uuid.UUID, caller: CaseReader, session: Session, clock: ClockDep
) -> BacktestOut:
    return _out(await backtests.get(session, caller.seller_id, backtest_id, clock.now()))
