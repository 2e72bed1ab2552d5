"""Claim and chargeback advice with its evidence pack, resolution offers, and Prometheus."""

from datetime import timedelta
from typing import Any

import httpx
import pytest

from services.core.kit.clock import SettableClock
from services.workers.account_health import snapshot_health
from tests.conftest import START, SellerFixture
from tests.factories import event, hours, new_order_id


async def _claim(
    client: httpx.AsyncClient, seller: SellerFixture, reason: str = "not received", **order: Any
) -> dict[str, Any]:
    order_id = new_order_id()
    await client.post(
        "/v1/events", headers=seller.headers, json=event("order.upserted", order_id, hours(0), **order)
    )
    response = await client.post(
        "/v1/events", headers=seller.headers, json=event("claim.opened", order_id, hours(1), reason=reason)
    )
    return response.json()["cases"][0]  # type: ignore[no-any-return]


async def _advice(client: httpx.AsyncClient, seller: SellerFixture, case: dict[str, Any]) -> dict[str, Any]:
    response = await client.get(f"/v1/cases/{case['id']}/advice", headers=seller.headers)
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


ITEM = {"items": [{"sku": "LAMP", "qty": 1, "price": "240.00"}], "currency": "USD"}


@pytest.mark.parametrize(
    ("order", "reason", "action", "rule"),
    [
        (
            {
                "delivered_at": "2026-01-04T10:00:00Z",
                "proof_of_delivery": "photo at door",
                "carrier": "UPS",
                "tracking": "1Z9",
            },
            "not received",
            "appeal",
            "delivered_with_proof",
        ),
        (
            {"estimated_delivery": "2026-01-09", "tracking": "1Z9"},
            "not received",
            "appeal",
            "estimated_delivery_not_passed",
        ),
        (ITEM, "defective", "require_return", "high_value_product_issue"),
        ({"items": [{"sku": "MUG", "qty": 1, "price": "12.00"}]}, "defective", "refund", "no_grounds"),
    ],
)
async def test_claim_advice_follows_the_rules(
    client: httpx.AsyncClient,
    seller: SellerFixture,
    order: dict[str, Any],
    reason: str,
    action: str,
    rule: str,
) -> None:
    advice = await _advice(client, seller, await _claim(client, seller, reason, **order))
    assert (advice["action"], advice["rule"]) == (action, rule)
    assert advice["why"]
    if rule == "delivered_with_proof":
        assert (
            advice["evidence"]["proof_of_delivery"] == "photo at door"
            and advice["evidence"]["tracking"] == "1Z9"
        )


async def test_unanswered_contact_attempts_become_the_appeal(
    client: httpx.AsyncClient, seller: SellerFixture, clock: SettableClock
) -> None:
    case = await _claim(client, seller)
    order = case["order_id"]
    await client.post(
        "/v1/events",
        headers=seller.headers,
        json=event("claim.buyer_contacted", order, hours(2), channel="phone"),
    )
    await client.post(
        "/v1/events",
        headers=seller.headers,
        json=event("message.sent", order, hours(3), thread_id="t", author="agent", agent="li"),
    )
    clock.set(START + timedelta(days=2))
    assert (await _advice(client, seller, case))["rule"] == "no_grounds", "the contact window is still open"
    clock.set(START + timedelta(days=4))
    advice = await _advice(client, seller, case)
    assert (advice["action"], advice["rule"]) == ("appeal", "buyer_did_not_answer")
    assert [(a["channel"], a["by"]) for a in advice["evidence"]["contact_attempts"]] == [
        ("phone", None),
        ("message", "li"),
    ]


async def test_chargeback_advice_is_refund_first(client: httpx.AsyncClient, seller: SellerFixture) -> None:
    answer = (
        await client.post(
            "/v1/events", headers=seller.headers, json=event("chargeback.opened", new_order_id())
        )
    ).json()
    case = answer["cases"][0]
    assert [c["kind"] for c in case["clocks"]] == ["chargeback.respond"]
    assert case["clocks"][0]["due_at"] == (START + timedelta(days=7)).isoformat().replace("+00:00", "Z")
    assert (await _advice(client, seller, case))["action"] == "refund"


async def test_advice_is_only_for_claims_and_chargebacks(
    client: httpx.AsyncClient, seller: SellerFixture
) -> None:
    answer = (
        await client.post(
            "/v1/events", headers=seller.headers, json=event("feedback.received", new_order_id(), rating=1)
        )
    ).json()
    response = await client.get(f"/v1/cases/{answer['cases'][0]['id']}/advice", headers=seller.headers)
    assert response.status_code == 409


async def test_offers_follow_the_compensation_table(client: httpx.AsyncClient, seller: SellerFixture) -> None:
    cheap = await _claim(
        client,
        seller,
        items=[{"sku": "MUG", "qty": 2, "price": "12.50"}],
        currency="EUR",
        stock_on_hand={"MUG": 5},
    )
    slight = (
        await client.post(
            f"/v1/cases/{cheap['id']}/offers",
            headers=seller.headers,
            json={"issue": "damaged", "severity": "slight"},
        )
    ).json()
    assert [(o["kind"], o["amount"], o["currency"], o["percent"]) for o in slight] == [
        ("partial_refund", "8.75", "EUR", 35.0)
    ]
    serious = (
        await client.post(
            f"/v1/cases/{cheap['id']}/offers",
            headers=seller.headers,
            json={"issue": "damaged", "severity": "serious"},
        )
    ).json()
    assert [o["kind"] for o in serious] == ["reship", "full_refund"]
    dear = await _claim(client, seller, **ITEM)
    cancel = (
        await client.post(
            f"/v1/cases/{dear['id']}/offers", headers=seller.headers, json={"issue": "cancel_after_shipping"}
        )
    ).json()
    assert (cancel[0]["kind"], cancel[0]["amount"], cancel[0]["rule"]) == (
        "partial_refund",
        "24.00",
        "cancel_after_shipping_expensive",
    )
    no_stock = (
        await client.post(
            f"/v1/cases/{dear['id']}/offers", headers=seller.headers, json={"issue": "wrong_item"}
        )
    ).json()
    assert "reship" not in [o["kind"] for o in no_stock], "no reship without stock on hand"


async def test_the_table_is_the_sellers_policy(client: httpx.AsyncClient, seller: SellerFixture) -> None:
    await client.put(
        "/v1/policy", headers=seller.headers, json={"compensation": {"partial_refund_cap_percent": 20}}
    )
    case = await _claim(client, seller, items=[{"sku": "MUG", "qty": 1, "price": "10.00"}], currency="USD")
    offers = (
        await client.post(
            f"/v1/cases/{case['id']}/offers",
            headers=seller.headers,
            json={"issue": "damaged", "severity": "slight"},
        )
    ).json()
    assert offers[0]["amount"] == "2.00"


async def test_offer_bad_input_and_other_sellers(client: httpx.AsyncClient, make_seller) -> None:  # type: ignore[no-untyped-def]
    mine, theirs = await make_seller(), await make_seller(name="Other")
    case = await _claim(client, theirs)
    bad = await client.post(
        f"/v1/cases/{case['id']}/offers", headers=theirs.headers, json={"issue": "alien_abduction"}
    )
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "body.issue"
    vague = await client.post(
        f"/v1/cases/{case['id']}/offers", headers=theirs.headers, json={"issue": "damaged"}
    )
    assert vague.status_code == 422
    assert (
        await client.post(
            f"/v1/cases/{case['id']}/offers", headers=mine.headers, json={"issue": "changed_mind"}
        )
    ).status_code == 404
    assert (await client.get(f"/v1/cases/{case['id']}/advice", headers=mine.headers)).status_code == 404


async def test_prometheus_exposes_the_snapshots(
    client: httpx.AsyncClient, seller: SellerFixture, clock: SettableClock, worker_ctx: dict[str, Any]
) -> None:
    order = new_order_id()
    await client.post(
        "/v1/events",
        headers=seller.headers,
        json=event("order.upserted", order, hours(0), purchased_at=START.isoformat()),
    )
    await client.post(
        "/v1/events", headers=seller.headers, json=event("feedback.received", order, hours(1), rating=1)
    )
    clock.set(START + timedelta(days=1))
    assert await snapshot_health(worker_ctx) > 0
    text = (await client.get("/metrics", headers={"Authorization": "Bearer test-metrics-token"})).text
    line = f'aftersales_health_percent{{marketplace="US",metric="order_defect_rate",seller_id="{seller.id}",window_days="60"}} 100.0'
    assert line in text
