"""Producers' webhooks, each signed exactly as its sender signs, and what they land as."""

import base64
import hashlib
import hmac
import json
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from standardwebhooks.webhooks import Webhook

from tests.conftest import SellerFixture
from tests.factories import event, new_order_id


async def producer(
    client: httpx.AsyncClient, seller: SellerFixture, kind: str, **extra: Any
) -> dict[str, Any]:
    body = {"kind": kind, "name": f"{kind} producer", "marketplace": "US", **extra}
    response = await client.post("/v1/producers", headers=seller.headers, json=body)
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]


def standard_headers(secret: str, body: str, msg_id: str, when: datetime | None = None) -> dict[str, str]:
    when = when or datetime.now(UTC)
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(int(when.timestamp())),
        "webhook-signature": Webhook(secret).sign(msg_id, when, body),
        "content-type": "application/json",
    }


async def timeline_events(client: httpx.AsyncClient, seller: SellerFixture, order: str) -> list[str] | None:
    response = await client.get(f"/v1/orders/{order}/timeline", headers=seller.headers)
    if response.status_code == 404:
        return None
    return [e["type"] for e in response.json()["entries"] if e["entry"] == "event"]


async def test_standard_webhooks(client: httpx.AsyncClient, seller: SellerFixture) -> None:
    made = await producer(client, seller, "standard")
    assert made["secret"].startswith("whsec_") and made["url"] == f"/v1/webhooks/standard/{made['id']}"
    order = new_order_id()
    body = json.dumps(event("message.received", order, thread_id="t1"))
    url = made["url"]
    first = await client.post(url, content=body, headers=standard_headers(made["secret"], body, "msg_1"))
    assert first.status_code == 201, first.text
    assert first.json()["events"][0]["cases"][0]["kind"] == "message"
    again = await client.post(url, content=body, headers=standard_headers(made["secret"], body, "msg_1"))
    assert again.status_code == 200 and again.headers["idempotent-replayed"] == "true"
    other = json.dumps(event("message.received", order, thread_id="t2"))
    reused = await client.post(url, content=other, headers=standard_headers(made["secret"], other, "msg_1"))
    assert reused.status_code == 409
    assert await timeline_events(client, seller, order) == ["message.received"]


@pytest.mark.parametrize(
    "tamper",
    ["wrong_secret", "stale", "future", "body", "no_headers"],
)
async def test_standard_refusals_store_nothing(
    client: httpx.AsyncClient, seller: SellerFixture, tamper: str
) -> None:
    made = await producer(client, seller, "standard")
    order = new_order_id()
    body = json.dumps(event("feedback.received", order, rating=1))
    secret = "whsec_" + base64.b64encode(b"x" * 32).decode() if tamper == "wrong_secret" else made["secret"]
    when = datetime.now(UTC) + {"stale": timedelta(minutes=-6), "future": timedelta(minutes=6)}.get(
        tamper, timedelta(0)
    )
    headers = standard_headers(secret, body, "msg_x", when)
    sent = body.replace('"rating": 1', '"rating": 2') if tamper == "body" else body
    if tamper == "no_headers":
        headers = {"content-type": "application/json"}
    response = await client.post(made["url"], content=sent, headers=headers)
    assert response.status_code == 401, response.text
    assert response.json()["type"] == "/problems/bad-signature"
    assert await timeline_events(client, seller, order) is None


async def test_standard_rotation_accepts_both_during_overlap(
    client: httpx.AsyncClient, seller: SellerFixture
) -> None:
    made = await producer(client, seller, "standard")
    rotated = (
        await client.post(
            f"/v1/producers/{made['id']}/rotate-secret", headers=seller.headers, json={"overlap_hours": 1}
        )
    ).json()
    for n, secret in enumerate((made["secret"], rotated["secret"])):
        body = json.dumps(event("feedback.received", new_order_id(), rating=2))
        response = await client.post(
            made["url"], content=body, headers=standard_headers(secret, body, f"m{n}")
        )
        assert response.status_code == 201
    body = json.dumps(event("feedback.received", new_order_id(), rating=2))
    both = standard_headers(rotated["secret"], body, "m9")
    both["webhook-signature"] = (
        standard_headers(made["secret"], body, "m9")["webhook-signature"] + " " + both["webhook-signature"]
    )
    assert (await client.post(made["url"], content=body, headers=both)).status_code == 201


def helpscout_payload(order: str, conversation: int, thread: int, by: str, at: str) -> dict[str, Any]:
    kind = "customer" if by == "customer" else "message"
    author = (
        {"type": "customer", "email": "b@example.invalid"}
        if by == "customer"
        else {"type": "user", "email": "li@shop.example", "first": "Li"}
    )
    return {
        "id": conversation,
        "number": 881,
        "subject": f"Question about order {order}",
        "_embedded": {
            "threads": [
                {"id": thread, "type": kind, "body": "Where is it?", "createdAt": at, "createdBy": author}
            ]
        },
    }


def helpscout_headers(secret: str, body: bytes, event_name: str) -> dict[str, str]:
    signature = base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha1).digest()).decode()
    return {
        "x-helpscout-signature": signature,
        "x-helpscout-event": event_name,
        "content-type": "application/json",
    }


async def test_helpscout(client: httpx.AsyncClient, seller: SellerFixture) -> None:
    made = await producer(client, seller, "helpscout")
    order = new_order_id()
    asked = json.dumps(helpscout_payload(order, 5001, 1, "customer", "2026-01-05T09:00:00Z")).encode()
    response = await client.post(
        made["url"],
        content=asked,
        headers=helpscout_headers(made["secret"], asked, "convo.customer.reply.created"),
    )
    assert response.status_code == 201, response.text
    case = response.json()["events"][0]["cases"][0]
    assert (case["kind"], case["key"], case["status"]) == ("message", "5001", "awaiting_reply")
    replied = json.dumps(helpscout_payload(order, 5001, 2, "agent", "2026-01-05T11:00:00Z")).encode()
    response = await client.post(
        made["url"],
        content=replied,
        headers=helpscout_headers(made["secret"], replied, "convo.agent.reply.created"),
    )
    assert response.json()["events"][0]["cases"][0]["status"] == "answered"
    forged = await client.post(
        made["url"], content=asked, headers=helpscout_headers("not-the-secret", asked, "convo.created")
    )
    assert forged.status_code == 401
    note = json.dumps({"id": 5001, "subject": "x"}).encode()
    ignored = await client.post(
        made["url"], content=note, headers=helpscout_headers(made["secret"], note, "convo.note.created")
    )
    assert ignored.status_code == 202 and ignored.json()["events"] == []
    assert ignored.json()["unmatched"]["reason"] == "unused-type", "a note is kept, not refused"


def zendesk_headers(secret: str, body: bytes, when: datetime) -> dict[str, str]:
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    signature = base64.b64encode(
        hmac.new(secret.encode(), stamp.encode() + body, hashlib.sha256).digest()
    ).decode()
    return {
        "x-zendesk-webhook-signature": signature,
        "x-zendesk-webhook-signature-timestamp": stamp,
        "content-type": "application/json",
    }


async def test_zendesk(client: httpx.AsyncClient, seller: SellerFixture) -> None:
    refused = await client.post(
        "/v1/producers", headers=seller.headers, json={"kind": "zendesk", "name": "z", "marketplace": "US"}
    )
    assert refused.status_code == 422, "Zendesk's secret is Zendesk's own"
    made = await producer(client, seller, "zendesk", secret="zendesk-signing-secret-0123456789")
    assert made["secret"] == "zendesk-signing-secret-0123456789"
    order = new_order_id()
    body = json.dumps(
        {
            "ticket_id": 77,
            "event": "end_user_comment",
            "comment_id": 9,
            "subject": f"Re: {order}",
            "body": "Still waiting",
            "created_at": "2026-01-05T09:00:00Z",
        }
    ).encode()
    ok = await client.post(
        made["url"], content=body, headers=zendesk_headers(made["secret"], body, datetime.now(UTC))
    )
    assert ok.status_code == 201, ok.text
    assert ok.json()["events"][0]["order_id"] == order
    stale = await client.post(
        made["url"],
        content=body,
        headers=zendesk_headers(made["secret"], body, datetime.now(UTC) - timedelta(minutes=10)),
    )
    assert stale.status_code == 401


async def test_freshdesk_shared_secret_in_a_chosen_header(
    client: httpx.AsyncClient, seller: SellerFixture
) -> None:
    made = await producer(client, seller, "freshdesk", secret_header="X-Shop-Token")
    order = new_order_id()
    body = json.dumps(
        {
            "ticket_id": 12,
            "event": "customer_reply",
            "message_id": 3,
            "order_id": order,
            "subject": "Refund?",
            "created_at": "2026-01-05T09:00:00Z",
        }
    )
    good = await client.post(
        made["url"],
        content=body,
        headers={"X-Shop-Token": made["secret"], "content-type": "application/json"},
    )
    assert good.status_code == 201, good.text
    bad = await client.post(made["url"], content=body, headers={"X-Shop-Token": made["secret"][:-1] + "x"})
    missing = await client.post(made["url"], content=body, headers={"X-Aftersales-Secret": made["secret"]})
    assert (bad.status_code, missing.status_code) == (401, 401)
    unreadable = await client.post(
        made["url"], content=json.dumps({"event": "customer_reply"}), headers={"X-Shop-Token": made["secret"]}
    )
    assert unreadable.status_code == 202, "signed correctly: kept for a person, never bounced"
    assert unreadable.json()["unmatched"]["reason"] == "unreadable"
    assert "ticket_id" in unreadable.json()["unmatched"]["detail"]


def sp_api(kind: str, notification_id: str, change: dict[str, Any], lower: bool = False) -> dict[str, Any]:
    payload = {
        "NotificationVersion": "1.0",
        "NotificationType": kind,
        "PayloadVersion": "1.0",
        "EventTime": "2026-01-05T09:00:00Z",
        "Payload": {"OrderChangeNotification": change},
        "NotificationMetadata": {
            "ApplicationId": "amzn1.sp.solution.x",
            "SubscriptionId": "s",
            "PublishTime": "2026-01-05T09:00:01Z",
            "NotificationId": notification_id,
        },
    }
    if lower:
        payload = json.loads(
            json.dumps(payload)
            .replace('"Payload"', '"payload"')
            .replace('"OrderChangeNotification"', '"orderChangeNotification"')
        )
    return payload


async def test_amazon_order_change(client: httpx.AsyncClient, seller: SellerFixture) -> None:
    made = await producer(client, seller, "amazon")
    assert made["role"] == "amazon" and made["secret_header"] == "X-Aftersales-Secret"
    headers = {"X-Aftersales-Secret": made["secret"], "content-type": "application/json"}
    order = new_order_id()
    cancel = {
        "AmazonOrderId": order,
        "OrderChangeType": "BuyerRequestedChange",
        "OrderChangeTrigger": {
            "TimeOfOrderChange": "2026-01-05T08:59:00Z",
            "ChangeReason": "BuyerRequestedCancel",
        },
        "Summary": {
            "MarketplaceId": "A1PA6795UKMFR9",
            "OrderStatus": "Unshipped",
            "BuyerCancelReason": "Found cheaper",
        },
    }
    response = await client.post(made["url"], json=sp_api("ORDER_CHANGE", "n-1", cancel), headers=headers)
    assert response.status_code == 201, response.text
    [answer] = response.json()["events"]
    assert answer["type"] == "cancellation.requested" and answer["cases"][0]["marketplace"] == "DE"
    status = {
        "AmazonOrderId": order,
        "OrderChangeType": "OrderStatusChange",
        "Summary": {"MarketplaceId": "A1PA6795UKMFR9", "OrderStatus": "Canceled", "FulfillmentType": "MFN"},
    }
    lowered = await client.post(
        made["url"], json=sp_api("ORDER_CHANGE", "n-2", status, lower=True), headers=headers
    )
    assert lowered.status_code == 201
    assert lowered.json()["events"][0]["cases"][0]["status"] == "resolved", (
        "the cancelled order resolves the request"
    )
    unknown = await client.post(made["url"], json=sp_api("FEE_PROMOTION", "n-3", {}), headers=headers)
    assert unknown.status_code == 202
    assert unknown.json()["events"] == [] and unknown.json()["unmatched"]["reason"] == "unused-type"
    assert await timeline_events(client, seller, order) == ["cancellation.requested", "order.upserted"]


async def test_producers_api_and_other_sellers(client: httpx.AsyncClient, make_seller) -> None:  # type: ignore[no-untyped-def]
    mine, theirs = await make_seller(), await make_seller(name="Other")
    made = await producer(client, theirs, "freshdesk")
    listed = (await client.get("/v1/producers", headers=theirs.headers)).json()
    assert [p["id"] for p in listed] == [made["id"]] and "secret" not in listed[0]
    assert (await client.get("/v1/producers", headers=mine.headers)).json() == []
    for method, path in (
        ("POST", f"/v1/producers/{made['id']}/rotate-secret"),
        ("DELETE", f"/v1/producers/{made['id']}"),
    ):
        assert (await client.request(method, path, headers=mine.headers, json={})).status_code == 404
    bad = await client.post(
        "/v1/producers",
        headers=mine.headers,
        json={"kind": "carrier-pigeon", "name": "", "marketplace": "XX"},
    )
    assert {e["field"] for e in bad.json()["errors"]} == {"body.kind", "body.name", "body.marketplace"}
    assert (await client.post(f"/v1/webhooks/helpscout/{made['id']}", content=b"{}")).status_code == 404, (
        "wrong kind for the id"
    )
    assert (await client.post(f"/v1/webhooks/freshdesk/{uuid.uuid4()}", content=b"{}")).status_code == 404
    for _ in range(2):
        assert (await client.delete(f"/v1/producers/{made['id']}", headers=theirs.headers)).status_code == 204
    body = {
        "ticket_id": 1,
        "event": "customer_reply",
        "order_id": new_order_id(),
        "created_at": "2026-01-05T09:00:00Z",
    }
    disabled = await client.post(made["url"], json=body, headers={"X-Aftersales-Secret": made["secret"]})
    assert disabled.status_code == 404
