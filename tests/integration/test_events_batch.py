"""POST /v1/events:batch: up to 1,000 events, each answered on its own."""

import asyncio
import uuid
from typing import Any

import httpx
from sqlalchemy import func, select

from services.api.main import create_app
from services.core.kit import migrate
from services.core.kit.clock import SettableClock
from services.core.kit.config import Settings
from services.core.kit.db import transaction
from services.core.models import Event, OutboundEvent
from services.core.sellers import service as sellers
from tests.conftest import START, SellerFixture
from tests.factories import event, hours, new_order_id


async def test_batch_answers_each_item(client: httpx.AsyncClient, seller: SellerFixture) -> None:
    order = new_order_id()
    dup = event("return.requested", order, hours(1), event_id="b-dup")
    await client.post("/v1/events", headers=seller.headers, json=dup)
    items = [
        event("message.received", order, hours(0), thread_id="t"),
        dup,
        {**dup, "data": {"reason": "other"}},
        {"type": "return.requested", "order_id": order},
        event("message.sent", order, hours(2), thread_id="t", author="agent"),
    ]
    response = await client.post("/v1/events:batch", headers=seller.headers, json={"events": items})
    assert response.status_code == 200
    body = response.json()
    assert [r["status"] for r in body["results"]] == [201, 200, 409, 422, 201]
    assert (body["applied"], body["replayed"], body["failed"]) == (2, 1, 2)
    fields = {e["field"] for e in body["results"][3]["problem"]["errors"]}
    assert fields == {"events[3].id", "events[3].occurred_at", "events[3].marketplace"}
    last = body["results"][4]["answer"]["cases"][0]
    assert last["status"] == "answered" and last["clocks"][0]["state"] == "met"

    again = (await client.post("/v1/events:batch", headers=seller.headers, json={"events": items})).json()
    assert [r["status"] for r in again["results"]] == [200, 200, 409, 422, 200]
    timeline = (await client.get(f"/v1/orders/{order}/timeline", headers=seller.headers)).json()
    assert sum(e["entry"] == "event" for e in timeline["entries"]) == 3


async def test_batch_limits(client: httpx.AsyncClient, seller: SellerFixture) -> None:
    too_many = {"events": [event("feedback.received", new_order_id(), rating=1)] * 1001}
    response = await client.post("/v1/events:batch", headers=seller.headers, json=too_many)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "body.events"
    empty = await client.post("/v1/events:batch", headers=seller.headers, json={"events": []})
    assert empty.status_code == 422
    not_objects = await client.post("/v1/events:batch", headers=seller.headers, json={"events": [1, "x"]})
    assert not_objects.status_code == 422


async def test_a_full_batch_of_1000(client: httpx.AsyncClient, seller: SellerFixture) -> None:
    items = [event("message.received", new_order_id(), hours(i % 24)) for i in range(1000)]
    body = (await client.post("/v1/events:batch", headers=seller.headers, json={"events": items})).json()
    assert body["applied"] == 1000
    page = (await client.get("/v1/cases", headers=seller.headers, params={"limit": 200})).json()
    assert len(page["items"]) == 200 and page["next_cursor"]


async def _outbound_types(sessions: Any, case_id: str) -> list[tuple[str, str]]:
    async with transaction(sessions) as session:
        rows = await session.execute(
            select(OutboundEvent.type, OutboundEvent.payload).where(
                OutboundEvent.case_id == uuid.UUID(case_id)
            )
        )
        return [(r.type, r.payload["data"]["case"]["status"]) for r in rows]


async def test_a_batch_applies_an_orders_events_together(
    client: httpx.AsyncClient, seller: SellerFixture, sessions: Any
) -> None:
    order = new_order_id()
    items = [
        event("message.sent", order, hours(2), thread_id="t", author="agent"),
        event("message.received", order, hours(0), thread_id="t"),
        event("order.upserted", order, hours(-1), buyer_name="Ann Lee", currency="USD"),
    ]
    body = (await client.post("/v1/events:batch", headers=seller.headers, json={"events": items})).json()
    assert [r["status"] for r in body["results"]] == [201, 201, 201]
    # Each item shows its case as the whole batch left it, whatever order the items came in.
    reply, received = body["results"][0]["answer"]["cases"], body["results"][1]["answer"]["cases"]
    assert reply == received
    assert reply[0]["status"] == "answered" and reply[0]["clocks"][0]["state"] == "met"
    assert body["results"][2]["answer"]["cases"] == []
    # One case, announced once in the state the batch left it in.
    assert await _outbound_types(sessions, reply[0]["id"]) == [("case.opened", "answered")]
    cases = (await client.get("/v1/cases", headers=seller.headers, params={"kind": "message"})).json()[
        "items"
    ]
    assert [c["id"] for c in cases if c["order_id"] == order] == [reply[0]["id"]]
    timeline = (await client.get(f"/v1/orders/{order}/timeline", headers=seller.headers)).json()
    assert sum(e["entry"] == "event" for e in timeline["entries"]) == 3


async def test_an_event_twice_in_one_batch(client: httpx.AsyncClient, seller: SellerFixture) -> None:
    order = new_order_id()
    once = event("return.requested", order, hours(0), event_id="twice", return_id="R1", reason="damaged")
    changed = {**once, "data": {**once["data"], "reason": "other"}}
    body = (
        await client.post("/v1/events:batch", headers=seller.headers, json={"events": [once, once, changed]})
    ).json()
    assert [r["status"] for r in body["results"]] == [201, 200, 409]
    assert body["results"][1]["answer"] == body["results"][0]["answer"]
    assert "twice" in body["results"][2]["problem"]["detail"]
    timeline = (await client.get(f"/v1/orders/{order}/timeline", headers=seller.headers)).json()
    assert sum(e["entry"] == "event" for e in timeline["entries"]) == 1


async def test_concurrent_batches_sharing_events_and_orders(
    client: httpx.AsyncClient, seller: SellerFixture
) -> None:
    # The same events in opposite orders, on shared orders: neither batch waits for the other
    # in a circle, and each event applies once.
    orders = [new_order_id() for _ in range(20)]
    items = [event("message.received", o, hours(i), thread_id=f"t{i}") for i, o in enumerate(orders)]
    items += [event("feedback.received", o, hours(30), rating=1) for o in orders]
    batches = [items, list(reversed(items)), items[::2] + items[1::2]]
    responses = await asyncio.gather(
        *(client.post("/v1/events:batch", headers=seller.headers, json={"events": b}) for b in batches)
    )
    assert all(r.status_code == 200 for r in responses), [r.text for r in responses]
    bodies = [r.json() for r in responses]
    assert sum(b["applied"] for b in bodies) == len(items)
    assert sum(b["replayed"] for b in bodies) == 2 * len(items)
    for order in orders:
        cases = (await client.get(f"/v1/orders/{order}/timeline", headers=seller.headers)).json()["entries"]
        assert sum(e["entry"] == "event" for e in cases) == 2


async def test_another_sellers_batch_leaves_this_sellers_order_alone(
    client: httpx.AsyncClient, seller: SellerFixture, make_seller: Any
) -> None:
    order = new_order_id()
    mine = event("message.received", order, hours(0), thread_id="t", event_id="shared-id")
    assert (await client.post("/v1/events:batch", headers=seller.headers, json={"events": [mine]})).json()[
        "applied"
    ] == 1
    other = await make_seller(name="Other")
    theirs = {**mine, "data": {"thread_id": "t", "subject": "another seller's"}}
    body = (await client.post("/v1/events:batch", headers=other.headers, json={"events": [theirs]})).json()
    assert body["results"][0]["status"] == 201, "another seller's event with the same id is a different event"
    mine_now = (await client.get(f"/v1/orders/{order}/timeline", headers=seller.headers)).json()
    assert sum(e["entry"] == "event" for e in mine_now["entries"]) == 1
    assert (
        await client.get(
            f"/v1/cases/{body['results'][0]['answer']['cases'][0]['id']}", headers=seller.headers
        )
    ).status_code == 404


async def _burst(settings: Settings, database_url: str, **overrides: Any) -> tuple[list[httpx.Response], int]:
    """Twenty batches of 1,000 new orders at once, against an API process with the production
    pool (20 connections); the answers and how many events were stored."""
    app = create_app(
        settings.model_copy(update={"database_url": database_url, "db_pool_size": 10, **overrides}),
        SettableClock(START),
    )
    try:
        async with transaction(app.state.sessions) as session:
            seller = await sellers.create_seller(session, "Burst Shop", ["US"])
            headers = {
                "Authorization": f"Bearer {(await sellers.create_key(session, seller.id, ['events:write'])).secret}"
            }
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://t", timeout=120
        ) as c:
            batches = [
                {"events": [event("chargeback.opened", new_order_id(), hours(0)) for _ in range(1000)]}
                for _ in range(20)
            ]
            responses = await asyncio.gather(
                *(c.post("/v1/events:batch", headers=headers, json=b) for b in batches)
            )
        async with transaction(app.state.sessions) as session:
            stored = await session.scalar(
                select(func.count()).select_from(Event).where(Event.seller_id == seller.id)
            )
        return list(responses), int(stored or 0)
    finally:
        await app.state.redis.aclose()
        await app.state.engine.dispose()


async def test_a_burst_of_full_batches(settings: Settings, fresh_database: str) -> None:
    # Each batch holds 1,000 order locks until it commits, and Postgres's lock table has room for
    # 64 x 100 in all. In a database of its own: twenty thousand due clocks would fall to the
    # other tests' sweeps.
    migrate.upgrade(fresh_database)
    # All twenty at once ran it out ("out of shared memory"): what fails says so, with
    # Retry-After, and leaves nothing half applied.
    responses, stored = await _burst(settings, fresh_database, batch_concurrency=64)
    refused = [r for r in responses if r.status_code != 200]
    for response in refused:
        assert response.status_code == 503, response.text
        assert response.json()["type"] == "/problems/database-busy"
        assert response.headers["retry-after"] == str(settings.retry_after_seconds)
    assert stored == 1000 * (20 - len(refused))
    # Four at a time (the default), the rest waiting their turn: all applied.
    responses, stored = await _burst(settings, fresh_database)
    assert [r.status_code for r in responses] == [200] * 20
    assert stored == 20_000
