"""Unmatched deliveries: listed for the seller, attached to an order by a person, purged after the
policy's days."""

import json
from datetime import timedelta
from typing import Any

import httpx

from services.core.kit.clock import SettableClock
from services.workers.unmatched import purge_unmatched
from tests.conftest import SellerFixture
from tests.factories import event, new_order_id
from tests.integration.test_producers import producer, standard_headers, timeline_events
from tests.integration.test_producers_helpdesks import helpscout_conversation, post_helpscout


async def kept_conversation(
    client: httpx.AsyncClient, made: dict[str, Any], conversation_id: int, event_name: str = "convo.created"
) -> str:
    response = await post_helpscout(client, made, helpscout_conversation(conversation_id), event_name)
    assert response.status_code == 202, response.text
    return str(response.json()["unmatched"]["id"])


async def test_attach_turns_a_kept_conversation_into_events(
    client: httpx.AsyncClient, seller: SellerFixture
) -> None:
    made = await producer(client, seller, "helpscout")
    kept = await kept_conversation(client, made, 8001)
    order = new_order_id()
    url = f"/v1/unmatched/{kept}/attach"
    attached = await client.post(url, headers=seller.headers, json={"order_id": order})
    assert attached.status_code == 200, attached.text
    body = attached.json()
    assert body["attached_order_id"] == order and body["reason"] == "no-order-id"
    [answer] = body["events"]
    assert (answer["event_id"], answer["cases"][0]["status"]) == (
        "helpscout:convo.created:8001:1",
        "awaiting_reply",
    ), "the same event as if the conversation had named the order"
    again = await client.post(url, headers=seller.headers, json={"order_id": order})
    assert again.status_code == 200 and again.headers["idempotent-replayed"] == "true"
    assert again.json()["events"] == body["events"]
    assert await timeline_events(client, seller, order) == ["message.received"], "a repeat changes nothing"
    other = await client.post(url, headers=seller.headers, json={"order_id": new_order_id()})
    assert other.status_code == 409 and other.json()["type"] == "/problems/unmatched-not-attachable"
    assert other.json()["attached_order_id"] == order
    opened = (await client.get("/v1/unmatched", headers=seller.headers)).json()["items"]
    done = (await client.get("/v1/unmatched?state=attached", headers=seller.headers)).json()["items"]
    assert opened == [] and [d["id"] for d in done] == [kept]


async def test_only_a_delivery_without_an_order_can_be_attached(
    client: httpx.AsyncClient, seller: SellerFixture
) -> None:
    made = await producer(client, seller, "helpscout")
    note = await kept_conversation(client, made, 8002, "convo.note.created")
    refused = await client.post(
        f"/v1/unmatched/{note}/attach", headers=seller.headers, json={"order_id": new_order_id()}
    )
    assert refused.status_code == 409 and refused.json()["reason"] == "unused-type"
    bad = await client.post(
        f"/v1/unmatched/{note}/attach", headers=seller.headers, json={"order_id": "not an order!"}
    )
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "body.order_id"


async def test_listing_filters_and_pages(
    client: httpx.AsyncClient, seller: SellerFixture, clock: SettableClock
) -> None:
    helpscout = await producer(client, seller, "helpscout")
    standard = await producer(client, seller, "standard")
    first = await kept_conversation(client, helpscout, 8003)
    clock.advance(timedelta(hours=1))
    second = await kept_conversation(client, helpscout, 8004, "convo.status")
    # An ops script's event that is not valid: signed, so kept with what is wrong, not bounced.
    broken = json.dumps(
        {k: v for k, v in event("message.received", new_order_id()).items() if k != "order_id"}
    )
    invalid = await client.post(
        standard["url"], content=broken, headers=standard_headers(standard["secret"], broken, "msg_bad")
    )
    assert invalid.status_code == 202 and invalid.json()["unmatched"]["reason"] == "invalid"
    assert "order_id" in invalid.json()["unmatched"]["detail"]

    async def ids(query: str) -> list[str]:
        response = await client.get(f"/v1/unmatched{query}", headers=seller.headers)
        assert response.status_code == 200, response.text
        return [item["id"] for item in response.json()["items"]]

    third = invalid.json()["unmatched"]["id"]
    assert await ids("") == [third, second, first], "newest first"
    assert await ids(f"?producer_id={helpscout['id']}") == [second, first]
    assert await ids("?reason=no-order-id") == [first]
    since = (clock.now() - timedelta(minutes=1)).isoformat().replace("+00:00", "Z")
    assert await ids(f"?since={since}") == [third, second]
    page = (await client.get("/v1/unmatched?limit=2", headers=seller.headers)).json()
    rest = (
        await client.get(f"/v1/unmatched?limit=2&cursor={page['next_cursor']}", headers=seller.headers)
    ).json()
    assert [i["id"] for i in page["items"] + rest["items"]] == [third, second, first]
    assert rest["next_cursor"] is None
    assert (await client.get("/v1/unmatched?reason=spam", headers=seller.headers)).status_code == 422
    assert (await client.get("/v1/unmatched?cursor=nonsense", headers=seller.headers)).status_code == 422


async def test_another_sellers_unmatched_is_404(client: httpx.AsyncClient, make_seller) -> None:  # type: ignore[no-untyped-def]
    mine, theirs = await make_seller(), await make_seller(name="Other")
    made = await producer(client, theirs, "helpscout")
    kept = await kept_conversation(client, made, 8005)
    assert (await client.get("/v1/unmatched", headers=mine.headers)).json()["items"] == []
    assert (await client.get(f"/v1/unmatched/{kept}", headers=mine.headers)).status_code == 404
    attach = await client.post(
        f"/v1/unmatched/{kept}/attach", headers=mine.headers, json={"order_id": new_order_id()}
    )
    assert attach.status_code == 404
    assert (await client.get(f"/v1/unmatched/{kept}", headers=theirs.headers)).status_code == 200


async def test_purged_after_the_policys_days(
    client: httpx.AsyncClient,
    make_seller,  # type: ignore[no-untyped-def]
    clock: SettableClock,
    worker_ctx: dict[str, Any],
) -> None:
    default, patient = await make_seller(), await make_seller(name="Patient")
    policy = (await client.get("/v1/policy", headers=patient.headers)).json()["policy"]
    assert policy["producers"]["unmatched_days"] == 30
    policy["producers"]["unmatched_days"] = 60
    assert (await client.put("/v1/policy", headers=patient.headers, json=policy)).status_code == 200
    kept = {}
    for n, who in enumerate((default, patient)):
        kept[n] = await kept_conversation(client, await producer(client, who, "helpscout"), 8010 + n)
    clock.advance(timedelta(days=29))
    await purge_unmatched(worker_ctx)
    assert (await client.get(f"/v1/unmatched/{kept[0]}", headers=default.headers)).status_code == 200
    clock.advance(timedelta(days=2))
    assert await purge_unmatched(worker_ctx) >= 1
    assert (await client.get(f"/v1/unmatched/{kept[0]}", headers=default.headers)).status_code == 404
    assert (await client.get(f"/v1/unmatched/{kept[1]}", headers=patient.headers)).status_code == 200


async def test_filling_the_helpdesk_field_attaches_the_kept_conversation(
    client: httpx.AsyncClient, seller: SellerFixture
) -> None:
    made = await producer(client, seller, "helpscout", mapping={"order_id_field": "Amazon order"})
    kept = await kept_conversation(client, made, 8020)
    order = new_order_id()
    # The agent fills the custom field in Help Scout: convo.custom-fields carries the conversation.
    conversation = helpscout_conversation(8020)
    conversation["customFields"].append({"id": 6689, "name": "Amazon order", "value": order})
    filled = await post_helpscout(client, made, conversation, "convo.custom-fields")
    assert filled.status_code == 202 and filled.json()["attached"] == [kept]
    assert await timeline_events(client, seller, order) == ["message.received"]
    shown = (await client.get(f"/v1/unmatched/{kept}", headers=seller.headers)).json()
    assert shown["attached_order_id"] == order
    again = await post_helpscout(client, made, conversation, "convo.custom-fields")
    assert again.status_code == 200 and again.json() == filled.json()
    assert await timeline_events(client, seller, order) == ["message.received"]
