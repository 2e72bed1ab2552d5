"""What operators see: each worker's heartbeat on /readyz/workers, and /metrics with the service's
own figures for anyone and each seller's only for the metrics token.

Each test has a database and a Redis database of its own, so the figures it reads are its own.
"""

import asyncio
import re
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import timedelta
from typing import Any

import httpx
import pytest
from prometheus_client import CONTENT_TYPE_LATEST
from prometheus_client.parser import text_string_to_metric_families
from redis import Redis

from services.api.main import create_app
from services.core.kit import migrate, outbound
from services.core.kit.clock import SettableClock
from services.core.kit.config import Settings
from services.core.kit.db import transaction
from services.core.kit.outbound import Receivers
from services.core.sellers import service as sellers
from services.workers.account_health import snapshot_health
from services.workers.context import KEY, WorkerContext
from services.workers.deliveries import deliver_due
from services.workers.heartbeat import heartbeat, start_beating, stop_beating
from tests.conftest import START, Servers
from tests.factories import event, hours, new_order_id
from tests.receiver import Answer, Receiver

TOKEN = {"Authorization": "Bearer test-metrics-token"}


def _worker_ctx(
    app: Any, clock: SettableClock, http: httpx.AsyncClient, worker_id: str = ""
) -> dict[str, Any]:
    ctx: dict[str, Any] = {"redis": app.state.redis}
    worker = WorkerContext(
        settings=app.state.settings,
        clock=clock,
        engine=app.state.engine,
        sessions=app.state.sessions,
        http=http,
        redis=app.state.redis,
        sweep_batch=app.state.settings.sweep_batch,
        sweep_concurrency=app.state.settings.sweep_concurrency,
    )
    if worker_id:
        worker.worker_id = worker_id
    worker.store_in(ctx)
    return ctx


def _as(ctx: dict[str, Any], worker_id: str) -> dict[str, Any]:
    """The same worker's context under another worker's name: two workers beating."""
    return {**ctx, KEY: replace(WorkerContext.of(ctx), worker_id=worker_id)}


@pytest.fixture
async def alone(
    fresh_database: str, servers: Servers, settings: Settings, clock: SettableClock
) -> AsyncIterator[dict[str, Any]]:
    migrate.upgrade(fresh_database)
    redis_url = servers.redis_url.rsplit("/", 1)[0] + "/9"
    Redis.from_url(redis_url).flushdb()
    app = create_app(
        settings.model_copy(update={"database_url": fresh_database, "redis_url": redis_url}), clock
    )
    async with transaction(app.state.sessions) as session:
        seller = await sellers.create_seller(session, "Ops Shop", ["US"])
        key = (await sellers.create_key(session, seller.id, ["admin"])).secret
    async with (
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client,
        outbound.client(Receivers(allow_private=True)) as http,
    ):
        yield {
            "app": app,
            "client": client,
            "seller_id": seller.id,
            "headers": {"Authorization": f"Bearer {key}"},
            "ctx": _worker_ctx(app, clock, http),
        }
    await app.state.redis.aclose()
    await app.state.engine.dispose()


async def _beat(ctx: dict[str, Any], worker_id: str) -> str:
    return await heartbeat(_as(ctx, worker_id))


async def test_readyz_workers_reports_each_beat_and_fails_when_none_is_recent(
    alone: dict[str, Any], clock: SettableClock
) -> None:
    client, ctx = alone["client"], alone["ctx"]
    nobody = await client.get("/readyz/workers")
    assert nobody.status_code == 503
    assert nobody.json()["type"] == "/problems/not-ready" and nobody.json()["workers"] == []
    assert (await client.get("/readyz")).status_code == 200, "the API itself is ready without workers"

    await _beat(ctx, "host-a:101")
    clock.advance(timedelta(seconds=60))
    await _beat(ctx, "host-b:202")
    ready = await client.get("/readyz/workers")
    assert ready.status_code == 200
    assert [(w["worker"], w["seconds_ago"], w["alive"]) for w in ready.json()["workers"]] == [
        ("host-b:202", 0.0, True),
        ("host-a:101", 60.0, True),
    ]

    clock.advance(timedelta(seconds=91))  # past AFTERSALES_WORKER_STALE_SECONDS (90) for both
    stale = await client.get("/readyz/workers")
    assert stale.status_code == 503 and stale.headers["retry-after"]
    assert "no worker has beaten in the last 90 s" in stale.json()["detail"]
    assert [w["alive"] for w in stale.json()["workers"]] == [False, False]


async def test_a_worker_beats_from_start_and_leaves_the_report_when_it_stops(alone: dict[str, Any]) -> None:
    client, ctx = alone["client"], dict(alone["ctx"])
    start_beating(ctx)
    for _ in range(100):  # the first beat comes at once; give the task its turn
        if (await client.get("/readyz/workers")).status_code == 200:
            break
        await asyncio.sleep(0.01)
    [worker] = (await client.get("/readyz/workers")).json()["workers"]
    assert worker["worker"] == WorkerContext.of(ctx).worker_id and worker["alive"]
    await stop_beating(ctx)
    assert (await client.get("/readyz/workers")).json()["workers"] == []


def _samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


async def _scrape(client: httpx.AsyncClient, **headers: str) -> dict[Any, float]:
    response = await client.get("/metrics", headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == CONTENT_TYPE_LATEST
    return _samples(response.text)


async def test_metrics_carry_the_service_figures_and_seller_data_only_for_the_token(
    alone: dict[str, Any], clock: SettableClock
) -> None:
    client, ctx, headers = alone["client"], alone["ctx"], alone["headers"]
    figures = await _scrape(client)
    for name in ("outbox_backlog", "outbox_oldest_age_seconds", "deliveries_dead", "clocks_due"):
        assert figures[(f"aftersales_{name}", ())] == 0
    assert figures[("aftersales_workers_alive", ())] == 0

    async with Receiver() as receiver:
        receiver.answer_with(*[Answer(500)] * 8)
        endpoint = {"url": receiver.url, "event_types": ["case.opened"]}
        assert (await client.post("/v1/webhook-endpoints", headers=headers, json=endpoint)).status_code == 201
        order = new_order_id()
        await client.post(
            "/v1/events", headers=headers, json=event("cancellation.requested", order, hours(0))
        )
        await client.get("/v1/cases/00000000-0000-0000-0000-000000000000", headers=headers)  # a 404
        clock.set(START + hours(13))  # the 24 h clock's 50 % warning is 1 h overdue
        await _beat(ctx, "host-a:101")
        figures = await _scrape(client)
        assert figures[("aftersales_outbox_backlog", ())] == 1
        assert figures[("aftersales_outbox_oldest_age_seconds", ())] == 13 * 3600
        assert figures[("aftersales_clocks_due", ())] == 1
        assert figures[("aftersales_clock_fire_lag_seconds", ())] == 3600
        assert figures[("aftersales_workers_alive", ())] == 1
        assert figures[("aftersales_worker_heartbeat_age_seconds", (("worker", "host-a:101"),))] == 0
        route = (("method", "POST"), ("route", "/v1/events"), ("status", "201"))
        assert figures[("aftersales_http_requests_total", route)] == 1
        assert figures[("aftersales_http_request_duration_seconds_count", route)] == 1
        missing = (("method", "GET"), ("route", "/v1/cases/{case_id}"), ("status", "404"))
        assert figures[("aftersales_http_requests_total", missing)] == 1, "by route template, not path"

        for _ in range(8):  # every try fails: the delivery is dead-lettered after the last
            await deliver_due(ctx)
            clock.advance(hours(11))
    figures = await _scrape(client)
    assert figures[("aftersales_deliveries_dead", ())] == 1
    assert figures[("aftersales_outbox_backlog", ())] == 0

    assert await snapshot_health({**ctx, "sweep_batch": 1000}) > 0
    anyone = (await client.get("/metrics")).text
    assert str(alone["seller_id"]) not in anyone and "aftersales_health_percent" not in anyone
    with_token = (await client.get("/metrics", headers=TOKEN)).text
    assert re.search(rf'aftersales_health_denominator{{[^}}]*seller_id="{alone["seller_id"]}"', with_token)

    wrong = await client.get("/metrics", headers={"Authorization": "Bearer guess"})
    assert wrong.status_code == 401 and wrong.headers["www-authenticate"] == "Bearer"
    assert wrong.json()["type"] == "/problems/unauthenticated"
