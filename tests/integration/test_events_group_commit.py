"""Group commit: single events sent at once are applied in one transaction, and each request still
gets its own answer, as if it had been alone."""

import asyncio
import json
import signal
from collections.abc import AsyncIterator, Awaitable
from pathlib import Path
from typing import Any, TypeVar

import httpx
import psutil
import pytest
from fastapi import FastAPI
from prometheus_client.parser import text_string_to_metric_families
from pydantic import TypeAdapter

from services.api.main import create_app
from services.core.domain.events import Event
from services.core.kit import embedded, migrate
from services.core.kit.clock import SettableClock
from services.core.kit.config import Settings
from services.core.kit.db import is_unavailable, transaction
from services.core.sellers import service as sellers
from tests.conftest import START, SellerFixture, own_app
from tests.factories import event, hours, new_order_id
from tests.integration.test_producers import producer, standard_headers, timeline_events

T = TypeVar("T")


@pytest.fixture
async def grouped(settings: Settings, clock: SettableClock) -> AsyncIterator[FastAPI]:
    # One group at a time, so what arrives while a group is applied makes the next one.
    async with own_app(settings, clock, group_commit_concurrency=1) as app:
        yield app


@pytest.fixture
async def client(grouped: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=grouped), base_url="http://test") as c:
        yield c


async def groups(client: httpx.AsyncClient) -> tuple[float, float]:
    """How many groups this API process applied, and how many requests they held (/metrics)."""
    page = (await client.get("/metrics")).text
    for family in text_string_to_metric_families(page):
        if family.name == "aftersales_group_commit_items":
            found = {s.name: s.value for s in family.samples}
            return found["aftersales_group_commit_items_count"], found["aftersales_group_commit_items_sum"]
    return 0.0, 0.0


async def together(app: FastAPI, *calls: Awaitable[T]) -> list[T]:
    """Concurrent requests that reach the collector in the order given and are applied as one
    group: its one slot is held by a group of one that waits until every call is waiting (a call
    refused before it reaches the collector is not waited for)."""
    group = app.state.group
    release = asyncio.Event()

    async def hold(session: Any, now: Any) -> None:
        await release.wait()

    holder = asyncio.create_task(group.unit(hold))
    await asyncio.sleep(0)
    tasks: list[asyncio.Task[T]] = []
    for call in calls:
        tasks.append(asyncio.ensure_future(call))
        await arrived(group, group.waiting + 1, tasks[-1])
    release.set()
    await holder
    return list(await asyncio.gather(*tasks))


async def arrived(group: Any, count: int, task: "asyncio.Future[Any] | None" = None) -> None:
    """Until `count` requests wait for the next group (or `task` ended before it got there)."""
    async with asyncio.timeout(10):
        # The collector's queue has no event to wait on; a test may look at its length.
        while group.waiting < count and not (task and task.done()):  # noqa: ASYNC110
            await asyncio.sleep(0.001)


def post(client: httpx.AsyncClient, seller: SellerFixture, body: Any) -> Awaitable[httpx.Response]:
    return client.post("/v1/events", headers=seller.headers, json=body)


async def test_concurrent_events_on_different_orders_commit_together(
    grouped: FastAPI, client: httpx.AsyncClient, seller: SellerFixture
) -> None:
    orders = [new_order_id() for _ in range(12)]
    before = await groups(client)
    answers = await together(grouped, *(post(client, seller, event("message.received", o)) for o in orders))
    assert [a.status_code for a in answers] == [201] * 12
    for order, answer in zip(orders, answers, strict=True):
        [case] = answer.json()["cases"]
        assert case["order_id"] == order and case["kind"] == "message"
    after = await groups(client)
    assert (after[0] - before[0], after[1] - before[1]) == (2, 13), "the twelve were one group"


async def test_events_of_one_order_in_one_group(
    grouped: FastAPI, client: httpx.AsyncClient, seller: SellerFixture
) -> None:
    order = new_order_id()
    received = event("message.received", order, thread_id="t")
    reply = event("message.sent", order, at=hours(2), thread_id="t", author="agent", agent="li")
    answers = await together(grouped, post(client, seller, received), post(client, seller, reply))
    assert [a.status_code for a in answers] == [201, 201], [a.text for a in answers]
    case = answers[0].json()["cases"][0]
    listed = await client.get(f"/v1/cases/{case['id']}", headers=seller.headers)
    assert listed.json()["status"] == "answered" and not listed.json()["open"]
    assert await timeline_events(client, seller, order) == ["message.received", "message.sent"]


async def test_a_repeat_and_a_conflict_inside_one_group(
    grouped: FastAPI, client: httpx.AsyncClient, seller: SellerFixture
) -> None:
    order = new_order_id()
    first = event("message.received", order, event_id="evt_same", thread_id="t")
    other = {**first, "data": {"thread_id": "another"}}
    before = await groups(client)
    answers = await together(grouped, *(post(client, seller, e) for e in (first, first, other)))
    assert [a.status_code for a in answers] == [201, 200, 409]
    assert answers[1].headers["idempotent-replayed"] == "true"
    assert answers[1].json() == answers[0].json()
    assert answers[2].json()["type"] == "/problems/event-id-reused"
    assert (await groups(client))[1] - before[1] == 4, "the three were one group"
    assert await timeline_events(client, seller, order) == ["message.received"]


async def test_a_bad_event_beside_good_ones_fails_alone(
    grouped: FastAPI, client: httpx.AsyncClient, seller: SellerFixture
) -> None:
    # Valid JSON and a valid event, but Postgres refuses a NUL in text: the group's transaction
    # fails, and its items are applied again one by one.
    good = [event("message.received", new_order_id(), thread_id="t") for _ in range(3)]
    bad = event("message.received", new_order_id(), thread_id="t\u0000nul")
    answers = await together(grouped, *(post(client, seller, e) for e in (good[0], bad, good[1], good[2])))
    assert [a.status_code for a in answers] == [201, 422, 201, 201], [a.text for a in answers]
    assert answers[1].headers["content-type"] == "application/problem+json"
    assert await timeline_events(client, seller, bad["order_id"]) is None
    for e in good:
        assert await timeline_events(client, seller, e["order_id"]) == ["message.received"]


async def test_another_sellers_events_in_the_same_group(
    grouped: FastAPI, client: httpx.AsyncClient, seller: SellerFixture, make_seller: Any
) -> None:
    other = await make_seller(name="Other Shop")
    order = new_order_id()
    mine = event("message.received", order, thread_id="t")
    theirs = event("message.received", order, thread_id="t")
    answers = await together(grouped, post(client, seller, mine), post(client, other, theirs))
    assert [a.status_code for a in answers] == [201, 201]
    assert answers[0].json()["cases"][0]["id"] != answers[1].json()["cases"][0]["id"]
    for owner in (seller, other):
        assert await timeline_events(client, owner, order) == ["message.received"]


async def test_a_revoked_key_is_refused_at_once(
    client: httpx.AsyncClient, seller: SellerFixture, sessions: Any
) -> None:
    async with transaction(sessions) as session:
        issued = await sellers.create_key(session, seller.id, ["events:write"])
    headers = {"Authorization": f"Bearer {issued.secret}"}
    sent = await client.post("/v1/events", headers=headers, json=event("message.received", new_order_id()))
    assert sent.status_code == 201, "the key is now known to this process"
    revoked = await client.delete(f"/v1/api-keys/{issued.key.id}", headers=seller.headers)
    assert revoked.status_code == 204
    order = new_order_id()
    refused = await client.post("/v1/events", headers=headers, json=event("message.received", order))
    assert refused.status_code == 401 and refused.json()["type"] == "/problems/unauthenticated"
    assert await timeline_events(client, seller, order) is None


async def test_a_delivery_with_a_bad_signature_beside_events(
    grouped: FastAPI, client: httpx.AsyncClient, seller: SellerFixture
) -> None:
    made = await producer(client, seller, "standard")
    order = new_order_id()
    body = json.dumps(event("message.received", order, thread_id="hook"))
    signed = standard_headers(made["secret"], body, "msg_group_1")
    forged = standard_headers("whsec_" + "A" * 32, body, "msg_group_2")
    loose = event("message.received", new_order_id(), thread_id="t")
    answers = await together(
        grouped,
        client.post(made["url"], content=body, headers=forged),
        post(client, seller, loose),
        client.post(made["url"], content=body, headers=signed),
    )
    assert [a.status_code for a in answers] == [401, 201, 201], [a.text for a in answers]
    assert answers[0].json()["type"] == "/problems/bad-signature"
    assert await timeline_events(client, seller, order) == ["message.received"]


async def test_a_client_gone_before_its_group_changes_nothing_for_the_others(
    grouped: FastAPI, seller: SellerFixture, client: httpx.AsyncClient
) -> None:
    group = grouped.state.group
    kept, gone = (
        TypeAdapter(Event).validate_python(event("message.received", new_order_id())) for _ in range(2)
    )
    release = asyncio.Event()

    async def hold(session: Any, now: Any) -> None:
        await release.wait()

    holder = asyncio.create_task(group.unit(hold))
    kept_task = asyncio.create_task(group.event(seller.id, kept, key_id=None))
    gone_task = asyncio.create_task(group.event(seller.id, gone, key_id=None))
    await arrived(group, 2)
    gone_task.cancel()
    release.set()
    await holder
    answer = await kept_task
    assert answer.answer["cases"][0]["order_id"] == kept.order_id
    with pytest.raises(asyncio.CancelledError):
        await gone_task
    assert await timeline_events(client, seller, gone.order_id) is None


async def test_off_when_the_window_is_zero(
    settings: Settings, clock: SettableClock, seller: SellerFixture
) -> None:
    async with (
        own_app(settings, clock, group_commit_window_ms=0, group_commit_concurrency=1) as app,
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as c,
    ):
        answers = await together(
            app, *(post(c, seller, event("message.received", new_order_id())) for _ in range(4))
        )
        assert [a.status_code for a in answers] == [201] * 4
        assert await groups(c) == (5.0, 5.0), "each request was a group of its own"


async def test_postgres_stopped_mid_group_is_503_for_every_request_and_nothing_applied(
    tmp_path: Path, settings: Settings
) -> None:
    server, url = embedded.start_postgres(tmp_path / "postgres")
    try:
        migrate.upgrade(url)
        update = {"database_url": url, "group_commit_concurrency": 1}
        app = create_app(settings.model_copy(update=update), SettableClock(START))
        async with transaction(app.state.sessions) as session:
            shop = await sellers.create_seller(session, "Outage Shop", ["US"])
            key = (await sellers.create_key(session, shop.id, list(sellers.SCOPES))).secret
        me = SellerFixture(shop.id, key)
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
            assert (await post(c, me, event("message.received", new_order_id()))).status_code == 201

            postmaster = psutil.Process(server.get_pid())

            async def stop_postgres(session: Any, now: Any) -> None:
                # Runs inside the group after its events were written: the commit never happens.
                postmaster.send_signal(signal.SIGINT)
                postmaster.wait(timeout=30)

            orders = [new_order_id() for _ in range(5)]

            async def stop_in_the_group() -> Any:
                try:
                    return await app.state.group.unit(stop_postgres)
                except Exception as error:
                    return error

            sent = [post(c, me, event("message.received", o, thread_id="t")) for o in orders]
            *answers, stopped = await together(app, *sent, stop_in_the_group())
            assert is_unavailable(stopped)
            assert [a.status_code for a in answers] == [503] * 5
            assert {a.json()["type"] for a in answers} == {"/problems/database-unavailable"}

            server.ensure_postgres_running()
            for order in orders:
                assert await timeline_events(c, me, order) is None, "nothing of the group was committed"
            assert (await post(c, me, event("message.received", orders[0]))).status_code == 201
        await app.state.engine.dispose()
        await app.state.redis.aclose()
    finally:
        server.cleanup()
