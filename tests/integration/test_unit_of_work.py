"""The unit of work rings the doorbell after its commit only: a worker is never sent to look
for a delivery that was rolled back or not yet committed. Checked on the real Redis queue."""

from typing import Any

import httpx
import pytest
from sqlalchemy import exc, select, text

from services.core.kit.clock import SettableClock
from services.core.kit.db import transaction
from services.core.kit.unit_of_work import unit_of_work
from services.core.models import Delivery
from services.core.webhooks import outbox
from tests.conftest import SellerFixture

QUEUE = "arq:queue"  # arq's default queue: a sorted set of the waiting jobs' ids


async def _listening(client: httpx.AsyncClient, seller: SellerFixture) -> None:
    body = {"url": "https://hooks.example.com/aftersales", "event_types": ["task.created"]}
    response = await client.post("/v1/webhook-endpoints", headers=seller.headers, json=body)
    assert response.status_code == 201, response.text


async def _queued(app: Any) -> set[str]:
    return {job.decode() for job in await app.state.redis.zrange(QUEUE, 0, -1)}


async def _deliveries(app: Any, seller: SellerFixture) -> list[str]:
    async with transaction(app.state.sessions) as session:
        return [
            str(d) for d in await session.scalars(select(Delivery.id).where(Delivery.seller_id == seller.id))
        ]


async def _emit(session: Any, seller: SellerFixture, now: Any) -> None:
    await outbox.emit(session, seller.id, "task.created", {"task_id": "t1"}, now)


async def test_a_committed_units_jobs_are_rung_after_its_commit(
    app: Any, client: httpx.AsyncClient, seller: SellerFixture, clock: SettableClock
) -> None:
    await _listening(client, seller)
    before = await _queued(app)
    async with unit_of_work(app.state.sessions, clock, app.state.redis) as work:
        assert work.now == clock.now(), "the settable clock's time, wherever the work runs"
        await _emit(work.session, seller, work.now)
        assert await _queued(app) == before, "nothing is rung before the commit"
    [delivery] = await _deliveries(app, seller)
    assert await _queued(app) - before == {f"deliver:{delivery}"}


async def test_a_unit_that_rolls_back_rings_nothing(
    app: Any, client: httpx.AsyncClient, seller: SellerFixture, clock: SettableClock
) -> None:
    await _listening(client, seller)
    before = await _queued(app)
    with pytest.raises(RuntimeError):
        async with unit_of_work(app.state.sessions, clock, app.state.redis) as work:
            await _emit(work.session, seller, work.now)
            raise RuntimeError("the work fails after asking for a delivery")
    assert await _deliveries(app, seller) == []
    assert await _queued(app) == before


async def test_a_unit_whose_commit_fails_rings_nothing(
    app: Any, client: httpx.AsyncClient, seller: SellerFixture, clock: SettableClock
) -> None:
    await _listening(client, seller)
    before = await _queued(app)
    with pytest.raises(exc.IntegrityError):
        async with unit_of_work(app.state.sessions, clock, app.state.redis) as work:
            await _emit(work.session, seller, work.now)
            # A constraint checked only at the commit: the work itself raises nothing.
            await work.session.execute(
                text("CREATE TEMP TABLE once (n int UNIQUE DEFERRABLE INITIALLY DEFERRED) ON COMMIT DROP")
            )
            await work.session.execute(text("INSERT INTO once VALUES (1), (1)"))
    assert await _deliveries(app, seller) == []
    assert await _queued(app) == before
