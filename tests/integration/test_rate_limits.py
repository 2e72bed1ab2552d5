"""Rate limits as a caller meets them: per API key and per producer, 429 with Retry-After and a
problem document, settable; and no limit at all (never a refusal) while Redis is unreachable."""

import socket
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import httpx

from services.core.kit.clock import SettableClock
from services.core.kit.config import Settings
from services.core.kit.ratelimit import Limiter
from tests.conftest import SellerFixture, own_app
from tests.integration.test_producers import producer


@asynccontextmanager
async def _client(
    settings: Settings, clock: SettableClock, change: Callable[[Any], None] = lambda app: None, **limits: str
) -> AsyncIterator[httpx.AsyncClient]:
    """The app with other limits, on the same servers."""
    async with own_app(settings, clock, **limits) as app:
        change(app)
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://test"
        ) as client:
            yield client


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_an_api_key_over_its_limit_gets_429_with_retry_after(
    settings: Settings, clock: SettableClock, make_seller
) -> None:  # type: ignore[no-untyped-def]
    seller: SellerFixture = await make_seller()
    async with _client(settings, clock, rate_limit_per_key="3/minute") as client:
        answers = [await client.get("/v1/seller", headers=seller.headers) for _ in range(4)]
        assert [a.status_code for a in answers] == [200, 200, 200, 429]
        refused = answers[-1]
        assert refused.headers["content-type"] == "application/problem+json"
        assert (
            refused.json()["type"] == "/problems/rate-limited" and refused.json()["limit"] == "3 per 1 minute"
        )
        assert 1 <= int(refused.headers["retry-after"]) <= 60
        assert refused.json()["retry_after"] == int(refused.headers["retry-after"])
        other = await client.post("/v1/api-keys", headers=seller.headers, json={"scopes": ["cases:read"]})
        assert other.status_code == 429, "the same key, on any route"


async def test_each_key_has_its_own_count(settings: Settings, clock: SettableClock, make_seller) -> None:  # type: ignore[no-untyped-def]
    mine, theirs = await make_seller(), await make_seller(name="Other")
    async with _client(settings, clock, rate_limit_per_key="2/minute") as client:
        for _ in range(2):
            assert (await client.get("/v1/seller", headers=mine.headers)).status_code == 200
        assert (await client.get("/v1/seller", headers=mine.headers)).status_code == 429
        assert (await client.get("/v1/seller", headers=theirs.headers)).status_code == 200
        unknown = await client.get("/v1/seller", headers={"Authorization": "Bearer as_unknown"})
        assert unknown.status_code == 401, "a key that is not one is refused as such, not counted"


async def test_a_producer_over_its_limit_gets_429(
    settings: Settings, clock: SettableClock, client: httpx.AsyncClient, seller: SellerFixture
) -> None:
    flooded = await producer(client, seller, "standard")
    calm = await producer(client, seller, "standard")
    async with _client(settings, clock, rate_limit_per_producer="2/minute") as limited:
        sent = [await limited.post(flooded["url"], content=b"{}") for _ in range(3)]
        assert [s.status_code for s in sent] == [401, 401, 429], "counted before the signature is checked"
        assert sent[-1].json()["type"] == "/problems/rate-limited" and "retry-after" in sent[-1].headers
        assert (await limited.post(calm["url"], content=b"{}")).status_code == 401


async def test_an_empty_limit_is_no_limit(settings: Settings, clock: SettableClock, make_seller) -> None:  # type: ignore[no-untyped-def]
    seller: SellerFixture = await make_seller()
    async with _client(settings, clock, rate_limit_per_key="") as client:
        answers = [await client.get("/v1/seller", headers=seller.headers) for _ in range(5)]
        assert {a.status_code for a in answers} == {200}


async def test_limits_fail_open_while_redis_is_unreachable(
    settings: Settings, clock: SettableClock, make_seller
) -> None:  # type: ignore[no-untyped-def]
    seller: SellerFixture = await make_seller()
    port = _closed_port()

    def doorbell_out(app: Any) -> None:
        app.state.limiter = Limiter(f"redis://127.0.0.1:{port}/0", {"api_key": "1/minute"})

    async with _client(settings, clock, doorbell_out) as client:
        started = time.perf_counter()
        answers = [await client.get("/v1/seller", headers=seller.headers) for _ in range(5)]
        elapsed = time.perf_counter() - started
    assert {a.status_code for a in answers} == {200}, "real work is never refused for the doorbell"
    assert elapsed < 2, f"five requests took {elapsed:.2f} s: the outage must not cost each a timeout"
