"""Faults on real worker processes: kill -9 mid-sweep, and Redis flushed with work pending; and
a follower on the system clock handing over before arq's job timeout would cancel it."""

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from redis import Redis
from sqlalchemy import func, select

from services.api.main import create_app
from services.core.kit import migrate
from services.core.kit.clock import SystemClock
from services.core.kit.config import Settings
from services.core.kit.db import transaction
from services.core.models import Clock, ClockFiring, OutboundEvent
from services.core.sellers import service as sellers
from services.workers.clocks import follow_clocks
from services.workers.context import WorkerContext
from tests.conftest import Servers
from tests.factories import new_order_id
from tests.receiver import Receiver

CLOCKS = 1500


def _worker(database_url: str, redis_url: str, **env: str) -> subprocess.Popen[bytes]:
    environment = {
        **os.environ,
        "AFTERSALES_DATABASE_URL": database_url,
        "AFTERSALES_REDIS_URL": redis_url,
        "AFTERSALES_LOG_LEVEL": "WARNING",
        # The test's receiver listens on 127.0.0.1 over http.
        "AFTERSALES_ALLOW_PRIVATE_RECEIVERS": "true",
        **env,
    }
    return subprocess.Popen(
        [sys.executable, "-m", "services.cli", "worker"],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


@pytest.fixture
async def isolated(
    fresh_database: str, servers: Servers, settings: Settings
) -> AsyncIterator[dict[str, Any]]:
    """A database and a Redis database of their own, so a real worker sees only this test's work."""
    migrate.upgrade(fresh_database)
    redis_url = servers.redis_url.rsplit("/", 1)[0] + "/7"
    Redis.from_url(redis_url).flushdb()
    app = create_app(
        settings.model_copy(update={"database_url": fresh_database, "redis_url": redis_url}), SystemClock()
    )
    async with transaction(app.state.sessions) as session:
        seller = await sellers.create_seller(session, "Fault Shop", ["US"])
        key = (await sellers.create_key(session, seller.id, ["admin"])).secret
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
        yield {
            "app": app,
            "client": client,
            "headers": {"Authorization": f"Bearer {key}"},
            "database_url": fresh_database,
            "redis_url": redis_url,
        }
    await app.state.redis.aclose()
    await app.state.engine.dispose()


async def _count(app: Any, query: Any) -> int:
    async with transaction(app.state.sessions) as session:
        return int(await session.scalar(query) or 0)


async def _wait_for(predicate: Any, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if await predicate():
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


async def test_kill_9_mid_sweep_fires_every_threshold_exactly_once(isolated: dict[str, Any]) -> None:
    app, client = isolated["app"], isolated["client"]
    two_days_ago = datetime.now(UTC) - timedelta(days=2)
    for start in range(0, CLOCKS, 1000):
        events = [
            {
                "id": f"m{i}",
                "type": "message.received",
                "occurred_at": (two_days_ago + timedelta(seconds=i)).isoformat(),
                "order_id": new_order_id(),
                "marketplace": "US",
                "data": {},
            }
            for i in range(start, min(start + 1000, CLOCKS))
        ]
        response = await client.post("/v1/events:batch", headers=isolated["headers"], json={"events": events})
        assert response.json()["applied"] == len(events)

    firings = select(func.count()).select_from(ClockFiring)
    first = _worker(
        isolated["database_url"],
        isolated["redis_url"],
        AFTERSALES_SWEEP_BATCH="25",
        AFTERSALES_SWEEP_CONCURRENCY="3",
    )
    try:
        await _wait_for(lambda: _fired_between(app, firings), 60, "the first worker to be mid-sweep")
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
    finally:
        if first.poll() is None:
            first.kill()
    partial = await _count(app, firings)
    assert 0 < partial < CLOCKS * 4, "the kill landed mid-sweep"

    second = _worker(isolated["database_url"], isolated["redis_url"], AFTERSALES_SWEEP_BATCH="200")
    try:
        running = select(func.count()).select_from(Clock).where(Clock.state == "running")
        await _wait_for(lambda: _none(app, running), 120, "the second worker to finish the sweep")
    finally:
        second.send_signal(signal.SIGTERM)
        assert second.wait(timeout=30) == 0, "SIGTERM drains and exits cleanly"
    assert await _count(app, firings) == CLOCKS * 4, "50, 75 and 90 % recorded, the breach fired"
    per_clock = select(func.count()).select_from(
        select(ClockFiring.clock_id).group_by(ClockFiring.clock_id).having(func.count() != 4).subquery()
    )
    assert await _count(app, per_clock) == 0
    breached = select(func.count()).select_from(OutboundEvent).where(OutboundEvent.type == "clock.breached")
    assert await _count(app, breached) == CLOCKS, "each breach announced exactly once"


async def _fired_between(app: Any, query: Any) -> bool:
    return 200 < await _count(app, query)


async def _none(app: Any, query: Any) -> bool:
    return await _count(app, query) == 0


async def test_redis_flushed_with_work_pending_loses_nothing(isolated: dict[str, Any]) -> None:
    client = isolated["client"]
    async with Receiver() as receiver:
        created = await client.post(
            "/v1/webhook-endpoints", headers=isolated["headers"], json={"url": receiver.url}
        )
        assert created.status_code == 201
        events = [
            {
                "id": f"c{i}",
                "type": "cancellation.requested",
                "occurred_at": datetime.now(UTC).isoformat(),
                "order_id": new_order_id(),
                "marketplace": "US",
                "data": {},
            }
            for i in range(40)
        ]
        assert (
            await client.post("/v1/events:batch", headers=isolated["headers"], json={"events": events})
        ).status_code == 200
        redis = Redis.from_url(isolated["redis_url"])
        assert redis.zcard("arq:queue") == 40, "the API rang the doorbell once per delivery"
        redis.flushdb()
        worker = _worker(isolated["database_url"], isolated["redis_url"])
        try:
            await _wait_for(lambda: _received(receiver, 40), 60, "every delivery after the flush")
            await asyncio.sleep(1)
        finally:
            worker.send_signal(signal.SIGTERM)
            worker.wait(timeout=30)
    ids = [r.headers["webhook-id"] for r in receiver.received]
    assert len(ids) == len(set(ids)) == 40, "each delivered once"


async def _received(receiver: Receiver, n: int) -> bool:
    return len(receiver.received) >= n


async def test_a_follower_hands_over_and_the_next_run_follows_on(
    isolated: dict[str, Any], settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """arq cancels a job past its timeout, so a follower hands over before: here at once."""
    monkeypatch.setattr("services.workers.clocks.HAND_OVER_AFTER_SECONDS", 0.0)
    app = isolated["app"]
    # The reply clock's 50 % warning (12 h of 24) comes due in a second.
    event = {
        "id": "m-follow",
        "type": "message.received",
        "occurred_at": (datetime.now(UTC) - timedelta(hours=12, seconds=-1)).isoformat(),
        "order_id": new_order_id(),
        "marketplace": "US",
        "data": {},
    }
    response = await isolated["client"].post("/v1/events", headers=isolated["headers"], json=event)
    assert response.status_code == 201, response.text
    async with httpx.AsyncClient() as http:
        ctx: dict[str, Any] = {}
        worker = WorkerContext(
            settings=settings,
            clock=SystemClock(),
            engine=app.state.engine,
            sessions=app.state.sessions,
            http=http,
            redis=app.state.redis,
            sweep_batch=settings.sweep_batch,
            sweep_concurrency=settings.sweep_concurrency,
        )
        worker.store_in(ctx)
        first = asyncio.create_task(follow_clocks({**ctx}))
        await asyncio.sleep(0.3)
        assert not worker.sweep_watch.running, "the first run handed over while it waits"
        # The next cron run follows on beside it; the warning fires once, on time.
        second = await follow_clocks({**ctx})
        assert second + await first == 1
    lag = select(func.extract("epoch", ClockFiring.fired_at - ClockFiring.due_at))
    async with transaction(app.state.sessions) as session:
        assert 0 <= float(await session.scalar(lag) or -1) < 1
