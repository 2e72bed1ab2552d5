"""Asking for a policy backtest and reading it back: a row that a job fills in
(`backtests/runner.py`), kept for `KEEP` and then gone; another seller's id is not found."""

import uuid
from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from services.core.domain.backtest import window_start
from services.core.domain.policy import Policy
from services.core.kit import doorbell
from services.core.kit.errors import NotFound
from services.core.kit.ids import new_id
from services.core.models import Backtest
from services.core.sellers import policies

MAX_DAYS = 90
KEEP = timedelta(days=7)
JOB = "run_backtest"


class BacktestNotFound(NotFound):
    """No backtest of this seller with this id, or its result has expired."""


async def create(
    session: AsyncSession, seller_id: uuid.UUID, proposal: Policy, days: int, now: datetime
) -> Backtest:
    """Keep the request and ring the job that runs it; the seller's expired results go."""
    await session.execute(delete(Backtest).where(Backtest.seller_id == seller_id, Backtest.expires_at <= now))
    current = await policies.current(session, seller_id)
    row = Backtest(
        id=new_id(),
        seller_id=seller_id,
        status="queued",
        days=days,
        since=window_start(now, days),
        asof=now,
        proposal=proposal.model_dump(mode="json"),
        policy_version=current.version,
        orders_total=0,
        orders_done=0,
        expires_at=now + KEEP,
    )
    session.add(row)
    await session.flush()
    doorbell.after_commit(session, JOB, row.id)
    return row


async def get(session: AsyncSession, seller_id: uuid.UUID, backtest_id: uuid.UUID, now: datetime) -> Backtest:
    row = await session.get(Backtest, backtest_id)
    if row is None or row.seller_id != seller_id or row.expires_at <= now:
        raise BacktestNotFound(f"no backtest {backtest_id}")
    return row
