"""POST /v1/events:batch: up to 1,000 events, each answered on its own."""

import httpx

from tests.conftest import SellerFixture
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
