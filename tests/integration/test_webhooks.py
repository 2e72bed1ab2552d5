"""Outbound webhooks to a real receiver on 127.0.0.1: signed, retried on schedule, fenced."""

from datetime import timedelta
from typing import Any

import httpx
import pytest
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from services.core.kit.clock import SettableClock
from services.core.kit.db import transaction
from services.core.webhooks.delivery import claim, record, send
from services.workers.context import WorkerContext
from services.workers.deliveries import deliver_due
from tests.conftest import SellerFixture
from tests.factories import RETRY_SCHEDULE, event, new_order_id
from tests.receiver import Answer, Receiver


async def _endpoint(
    client: httpx.AsyncClient, seller: SellerFixture, url: str, **extra: Any
) -> dict[str, Any]:
    response = await client.post("/v1/webhook-endpoints", headers=seller.headers, json={"url": url, **extra})
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]


async def _deliveries(
    client: httpx.AsyncClient, seller: SellerFixture, **params: Any
) -> list[dict[str, Any]]:
    response = await client.get("/v1/deliveries", headers=seller.headers, params=params)
    assert response.status_code == 200, response.text
    return response.json()["items"]  # type: ignore[no-any-return]


async def _open_case(client: httpx.AsyncClient, seller: SellerFixture) -> None:
    body = event("cancellation.requested", new_order_id())
    assert (await client.post("/v1/events", headers=seller.headers, json=body)).status_code == 201


async def test_delivered_signed_and_verifiable(
    client: httpx.AsyncClient, seller: SellerFixture, worker_ctx: dict[str, Any]
) -> None:
    async with Receiver() as receiver:
        endpoint = await _endpoint(client, seller, receiver.url, event_types=["case.opened"])
        assert endpoint["secret"].startswith("whsec_")
        await _open_case(client, seller)
        await deliver_due(worker_ctx)
    [got] = receiver.received
    payload = Webhook(endpoint["secret"]).verify(got.body, got.headers)
    assert payload["type"] == "case.opened"
    assert payload["data"]["case"]["kind"] == "cancellation"
    [delivery] = await _deliveries(client, seller)
    assert (delivery["state"], delivery["attempt"], delivery["last_status"]) == ("delivered", 1, 200)
    assert delivery["event_id"] == got.headers["webhook-id"]
    with pytest.raises(WebhookVerificationError):
        Webhook("whsec_" + "A" * 44).verify(got.body, got.headers)


async def test_retry_schedule_then_dead_letter_then_redrive(
    client: httpx.AsyncClient, seller: SellerFixture, clock: SettableClock, worker_ctx: dict[str, Any]
) -> None:
    schedule = RETRY_SCHEDULE
    async with Receiver() as receiver:
        endpoint = await _endpoint(client, seller, receiver.url)
        receiver.answer_with(*[Answer(500)] * 8)
        await _open_case(client, seller)
        for n, wait in enumerate(schedule, start=1):
            clock.advance(wait - timedelta(seconds=1))
            await deliver_due(worker_ctx)
            assert len(receiver.received) == n - 1, f"attempt {n} came early"
            clock.advance(timedelta(seconds=1))
            await deliver_due(worker_ctx)
            assert len(receiver.received) == n, f"attempt {n} did not come on time"
        [delivery] = await _deliveries(client, seller, state="dead")
        assert (delivery["attempt"], delivery["last_status"]) == (8, 500)
        assert len({r.headers["webhook-id"] for r in receiver.received}) == 1, (
            "one webhook-id on every attempt"
        )

        redriven = await client.post(f"/v1/deliveries/{delivery['id']}/retry", headers=seller.headers)
        assert redriven.status_code == 200 and redriven.json()["state"] == "pending"
        again = await client.post(f"/v1/deliveries/{delivery['id']}/retry", headers=seller.headers)
        assert again.status_code == 409
        await deliver_due(worker_ctx)
    assert len(receiver.received) == 9
    [done] = await _deliveries(client, seller)
    assert done["state"] == "delivered" and endpoint["id"] == done["endpoint_id"]


async def test_retry_after_on_429_is_honoured(
    client: httpx.AsyncClient, seller: SellerFixture, clock: SettableClock, worker_ctx: dict[str, Any]
) -> None:
    async with Receiver() as receiver:
        await _endpoint(client, seller, receiver.url)
        receiver.answer_with(Answer(429, {"Retry-After": "120"}), Answer(503, {"Retry-After": "7"}))
        await _open_case(client, seller)
        await deliver_due(worker_ctx)
        clock.advance(timedelta(seconds=119))
        await deliver_due(worker_ctx)
        assert len(receiver.received) == 1, "waited as the receiver asked, not the 5 s of the schedule"
        clock.advance(timedelta(seconds=1))
        await deliver_due(worker_ctx)
        clock.advance(timedelta(seconds=7))
        await deliver_due(worker_ctx)
    assert len(receiver.received) == 3
    assert (await _deliveries(client, seller))[0]["state"] == "delivered"


async def test_410_disables_the_endpoint(
    client: httpx.AsyncClient, seller: SellerFixture, clock: SettableClock, worker_ctx: dict[str, Any]
) -> None:
    async with Receiver() as receiver:
        endpoint = await _endpoint(client, seller, receiver.url)
        receiver.answer_with(Answer(410))
        await _open_case(client, seller)
        await deliver_due(worker_ctx)
        await _open_case(client, seller)
        clock.advance(timedelta(hours=1))
        await deliver_due(worker_ctx)
    assert len(receiver.received) == 1
    [listed] = (await client.get("/v1/webhook-endpoints", headers=seller.headers)).json()
    assert listed["disabled_at"] and "410" in listed["disabled_reason"]
    assert [d["state"] for d in await _deliveries(client, seller)] == ["dead"], (
        "a disabled endpoint gets nothing new"
    )
    enabled = await client.post(f"/v1/webhook-endpoints/{endpoint['id']}/enable", headers=seller.headers)
    assert enabled.json()["disabled_at"] is None


async def test_a_timeout_is_retried(
    client: httpx.AsyncClient,
    seller: SellerFixture,
    clock: SettableClock,
    worker_ctx: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("services.core.webhooks.delivery.SEND_TIMEOUT_SECONDS", 0.2)
    async with Receiver() as receiver:
        await _endpoint(client, seller, receiver.url)
        receiver.answer_with(Answer(200, delay=1.0))
        await _open_case(client, seller)
        await deliver_due(worker_ctx)
        [delivery] = await _deliveries(client, seller)
        assert delivery["state"] == "pending" and "Timeout" in delivery["last_error"]
        clock.advance(timedelta(seconds=5))
        await deliver_due(worker_ctx)
    assert (await _deliveries(client, seller))[0]["state"] == "delivered"


async def test_a_dead_workers_late_result_is_refused(
    client: httpx.AsyncClient, seller: SellerFixture, clock: SettableClock, worker_ctx: dict[str, Any]
) -> None:
    async with Receiver() as receiver:
        await _endpoint(client, seller, receiver.url)
        await _open_case(client, seller)
        async with transaction(WorkerContext.of(worker_ctx).sessions) as session:
            [stale] = [m for m in await claim(session, clock.now(), 100) if m.url == receiver.url]
        # The first worker "dies" holding the lease; after it, another claims the delivery.
        clock.advance(timedelta(minutes=2))
        await deliver_due(worker_ctx)
        sent = await send(WorkerContext.of(worker_ctx).http, stale)
        async with transaction(WorkerContext.of(worker_ctx).sessions) as session:
            assert await record(session, stale, sent, clock.now()) is False
    [delivery] = await _deliveries(client, seller)
    assert (delivery["state"], delivery["attempt"]) == ("delivered", 2)
    assert len({r.headers["webhook-id"] for r in receiver.received}) == 1


async def test_secret_rotation_signs_with_both_during_the_overlap(
    client: httpx.AsyncClient, seller: SellerFixture, clock: SettableClock, worker_ctx: dict[str, Any]
) -> None:
    async with Receiver() as receiver:
        endpoint = await _endpoint(client, seller, receiver.url)
        rotated = (
            await client.post(
                f"/v1/webhook-endpoints/{endpoint['id']}/rotate-secret",
                headers=seller.headers,
                json={"overlap_hours": 1},
            )
        ).json()
        assert rotated["secret"] != endpoint["secret"]
        await _open_case(client, seller)
        await deliver_due(worker_ctx)
        clock.advance(timedelta(hours=2))
        await _open_case(client, seller)
        await deliver_due(worker_ctx)
    during, after = receiver.received
    for secret in (endpoint["secret"], rotated["secret"]):
        Webhook(secret).verify(during.body, during.headers)
    Webhook(rotated["secret"]).verify(after.body, after.headers)
    with pytest.raises(WebhookVerificationError):
        Webhook(endpoint["secret"]).verify(after.body, after.headers)


async def test_endpoint_api_bad_input_and_other_sellers(client: httpx.AsyncClient, make_seller) -> None:  # type: ignore[no-untyped-def]
    mine, theirs = await make_seller(), await make_seller(name="Other")
    bad = await client.post(
        "/v1/webhook-endpoints",
        headers=mine.headers,
        json={"url": "not a url", "event_types": ["case.exploded"]},
    )
    assert bad.status_code == 422
    assert {e["field"] for e in bad.json()["errors"]} == {"body.url", "body.event_types[0]"}
    their = await _endpoint(client, theirs, "http://127.0.0.1:9/hook")
    for method, path in (
        ("DELETE", f"/v1/webhook-endpoints/{their['id']}"),
        ("POST", f"/v1/webhook-endpoints/{their['id']}/rotate-secret"),
        ("POST", f"/v1/webhook-endpoints/{their['id']}/enable"),
    ):
        response = await client.request(method, path, headers=mine.headers, json={})
        assert response.status_code == 404, path
    assert (await client.get("/v1/webhook-endpoints", headers=mine.headers)).json() == []
    assert (await client.get("/v1/webhook-endpoints", headers=theirs.headers)).json()[0][
        "disabled_at"
    ] is None
    for _ in range(2):
        assert (
            await client.delete(f"/v1/webhook-endpoints/{their['id']}", headers=theirs.headers)
        ).status_code == 204
    unknown = await client.post(f"/v1/deliveries/{their['id']}/retry", headers=mine.headers)
    assert unknown.status_code == 404
    assert (
        await client.get("/v1/deliveries", headers=mine.headers, params={"state": "lost"})
    ).status_code == 422
