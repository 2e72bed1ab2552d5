"""Outgoing messages over HTTP: the check, replies with and without override, templates, and
no response needed."""

import httpx

from services.core.kit.clock import SettableClock
from tests.conftest import SellerFixture
from tests.factories import event, hours, new_order_id

CLEAN = (
    "Hello Ana, your replacement for order 111-2222222-3333333 ships tomorrow with UPS 1Z999AA10123456784."
)
DIRTY = "Hello, if you close the A-to-z claim we will refund you at once. Or write to help@myshop.com."


async def _message_case(client: httpx.AsyncClient, seller: SellerFixture, order: str | None = None) -> dict:  # type: ignore[type-arg]
    order = order or new_order_id()
    await client.post(
        "/v1/events",
        headers=seller.headers,
        json=event("order.upserted", order, hours(0), buyer_name="Ana Ruiz"),
    )
    response = await client.post(
        "/v1/events", headers=seller.headers, json=event("message.received", order, hours(1), thread_id="T")
    )
    return response.json()["cases"][0]  # type: ignore[no-any-return]


async def test_check_reports_findings_with_offsets(client: httpx.AsyncClient, seller: SellerFixture) -> None:
    clean = await client.post(
        "/v1/messages/check", headers=seller.headers, json={"body": CLEAN, "marketplace": "US"}
    )
    assert clean.json() == {"sendable": True, "findings": []}
    dirty = (
        await client.post(
            "/v1/messages/check", headers=seller.headers, json={"body": DIRTY, "marketplace": "US"}
        )
    ).json()
    assert not dirty["sendable"]
    by_rule = {f["rule"]: f for f in dirty["findings"]}
    assert {"inducement", "email"} <= set(by_rule)
    email = by_rule["email"]
    assert DIRTY[email["start"] : email["end"]] == email["excerpt"] == "help@myshop.com"


async def test_policy_allows_carrier_links(client: httpx.AsyncClient, seller: SellerFixture) -> None:
    body = {
        "body": "Track it at https://www.ups.com/track?tracknum=1Z999AA10123456784 today.",
        "marketplace": "US",
    }
    assert not (await client.post("/v1/messages/check", headers=seller.headers, json=body)).json()["sendable"]
    await client.put(
        "/v1/policy", headers=seller.headers, json={"messages": {"allowed_domains": ["ups.com"]}}
    )
    assert (await client.post("/v1/messages/check", headers=seller.headers, json=body)).json()["sendable"]


async def test_check_bad_input(client: httpx.AsyncClient, seller: SellerFixture) -> None:
    response = await client.post(
        "/v1/messages/check", headers=seller.headers, json={"marketplace": "XX", "language": 5}
    )
    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} == {
        "body.body",
        "body.marketplace",
        "body.language",
    }


async def test_non_compliant_reply_is_refused_and_changes_nothing(
    client: httpx.AsyncClient, seller: SellerFixture
) -> None:
    case = await _message_case(client, seller)
    refused = await client.post(
        f"/v1/cases/{case['id']}/replies", headers=seller.headers, json={"agent": "li", "body": DIRTY}
    )
    assert refused.status_code == 422
    assert refused.json()["type"] == "/problems/message-not-compliant"
    assert {"inducement", "email"} <= {f["rule"] for f in refused.json()["findings"]}
    detail = (await client.get(f"/v1/cases/{case['id']}", headers=seller.headers)).json()
    assert detail["status"] == "awaiting_reply" and detail["clocks"][0]["state"] == "running"


async def test_reply_stops_the_clock_and_asks_for_delivery(
    client: httpx.AsyncClient, seller: SellerFixture, clock: SettableClock
) -> None:
    case = await _message_case(client, seller)
    clock.set(clock.now() + hours(3))
    headers = {**seller.headers, "Idempotency-Key": "r-1"}
    sent = await client.post(
        f"/v1/cases/{case['id']}/replies", headers=headers, json={"agent": "li", "body": CLEAN}
    )
    assert sent.status_code == 201, sent.text
    answer = sent.json()
    assert answer["case"]["status"] == "answered"
    assert answer["case"]["clocks"][0]["state"] == "met"
    assert answer["send_request_id"].startswith("msg_")
    clock.set(clock.now() + hours(1))  # a retry comes later than the first try
    again = await client.post(
        f"/v1/cases/{case['id']}/replies", headers=headers, json={"agent": "li", "body": CLEAN}
    )
    assert again.status_code == 200 and again.headers["idempotent-replayed"] == "true"
    assert again.json() == answer, "a repeat gets the first answer and asks for no second delivery"
    other = await client.post(
        f"/v1/cases/{case['id']}/replies", headers=headers, json={"agent": "li", "body": "Other text"}
    )
    assert other.status_code == 409 and other.json()["type"] == "/problems/idempotency-key-reused"
    timeline = (await client.get(f"/v1/orders/{case['order_id']}/timeline", headers=seller.headers)).json()
    sent_events = [e for e in timeline["entries"] if e.get("type") == "message.sent"]
    assert [(e["data"]["author"], e["data"]["agent"]) for e in sent_events] == [("agent", "li")]


async def test_override_sends_and_is_recorded_on_the_case(
    client: httpx.AsyncClient, seller: SellerFixture, clock: SettableClock
) -> None:
    case = await _message_case(client, seller)
    clock.set(clock.now() + hours(2))
    body = {
        "agent": "li",
        "body": DIRTY,
        "override": {"reason": "Buyer asked for our support address in writing"},
    }
    sent = await client.post(f"/v1/cases/{case['id']}/replies", headers=seller.headers, json=body)
    assert sent.status_code == 201
    assert sent.json()["override"]["reason"].startswith("Buyer asked")
    notes = (await client.get(f"/v1/cases/{case['id']}", headers=seller.headers)).json()["notes"]
    assert len(notes) == 1 and "Reason: Buyer asked" in notes[0]["body"] and "inducement" in notes[0]["body"]


async def test_reply_from_a_template_fills_the_case(client: httpx.AsyncClient, seller: SellerFixture) -> None:
    case = await _message_case(client, seller)
    missing = await client.post(
        f"/v1/cases/{case['id']}/replies",
        headers=seller.headers,
        json={"agent": "li", "template": "apology_with_options"},
    )
    assert missing.status_code == 422 and missing.json()["missing"] == ["refund_amount"]
    body = {"agent": "li", "template": "apology_with_options", "values": {"refund_amount": "$8.00"}}
    sent = await client.post(f"/v1/cases/{case['id']}/replies", headers=seller.headers, json=body)
    assert sent.status_code == 201, sent.text
    assert sent.json()["body"].startswith("Hello Ana Ruiz,") and case["order_id"] in sent.json()["subject"]
    both = await client.post(
        f"/v1/cases/{case['id']}/replies", headers=seller.headers, json={**body, "body": "x"}
    )
    assert both.status_code == 422


async def test_templates_are_validated_at_save_time(client: httpx.AsyncClient, seller: SellerFixture) -> None:
    names = {
        t["name"]: t["source"] for t in (await client.get("/v1/templates", headers=seller.headers)).json()
    }
    assert {
        "return_reminder",
        "refund_without_return",
        "apology_with_options",
        "offer_after_shipped_cancellation",
        "ask_for_damage_photo",
    } <= set(names)
    bad = await client.put(
        "/v1/templates/thanks",
        headers=seller.headers,
        json={"texts": {"en": {"subject": "Hi", "body": "Dear {buyer_nmae}"}}},
    )
    assert bad.status_code == 422 and "unknown placeholder {buyer_nmae}" in bad.json()["detail"]
    assert (await client.get("/v1/templates/thanks", headers=seller.headers)).status_code == 404
    text = {
        "texts": {
            "en": {"subject": "Order {order_id}", "body": "Dear {buyer_name}, thank you."},
            "de": {"subject": "Bestellung {order_id}", "body": "Hallo {buyer_name}, danke."},
        }
    }
    first = await client.put("/v1/templates/thanks", headers=seller.headers, json=text)
    second = await client.put("/v1/templates/thanks", headers=seller.headers, json=text)
    assert (first.status_code, second.status_code) == (201, 200)
    case = await _message_case(client, seller)
    rendered = await client.post(
        "/v1/templates/thanks/render", headers=seller.headers, json={"case_id": case["id"], "language": "de"}
    )
    assert rendered.json()["body"] == "Hallo Ana Ruiz, danke." and rendered.json()["language"] == "de"


async def test_another_sellers_case_is_404_for_replies_and_render(
    client: httpx.AsyncClient, make_seller
) -> None:  # type: ignore[no-untyped-def]
    mine, theirs = await make_seller(), await make_seller(name="Other")
    case = await _message_case(client, theirs)
    reply = await client.post(
        f"/v1/cases/{case['id']}/replies", headers=mine.headers, json={"agent": "x", "body": CLEAN}
    )
    render = await client.post(
        "/v1/templates/return_reminder/render", headers=mine.headers, json={"case_id": case["id"]}
    )
    nrn = await client.post(
        f"/v1/cases/{case['id']}/actions/no-response-needed", headers=mine.headers, json={}
    )
    assert (reply.status_code, render.status_code, nrn.status_code) == (404, 404, 404)
    assert (await client.get(f"/v1/cases/{case['id']}", headers=theirs.headers)).json()[
        "status"
    ] == "awaiting_reply"


async def test_no_response_needed_stops_the_clock_and_is_counted(
    client: httpx.AsyncClient, seller: SellerFixture, clock: SettableClock
) -> None:
    cases = [await _message_case(client, seller) for _ in range(4)]
    clock.set(clock.now() + hours(2))
    closed = await client.post(
        f"/v1/cases/{cases[0]['id']}/actions/no-response-needed", headers=seller.headers, json={"agent": "li"}
    )
    assert closed.status_code == 200, closed.text
    body = closed.json()
    assert body["status"] == "no_response_needed" and body["clocks"][0]["state"] == "met"
    rate = body["no_response_needed"]
    assert [(r["window_days"], r["numerator"], r["denominator"], r["percent"]) for r in rate["rates"]] == [
        (7, 1, 4, 25.0),
        (30, 1, 4, 25.0),
    ]
    assert rate["warning"] is True and rate["threshold_percent"] == 10
    again = await client.post(
        f"/v1/cases/{cases[0]['id']}/actions/no-response-needed", headers=seller.headers, json={}
    )
    assert again.status_code == 409 and again.json()["state"] == "no_response_needed"
    metrics = (await client.get("/v1/metrics/no-response-needed", headers=seller.headers)).json()
    assert metrics["rates"][0]["numerator"] == 1


async def test_no_response_needed_only_for_messages(client: httpx.AsyncClient, seller: SellerFixture) -> None:
    answer = (
        await client.post(
            "/v1/events", headers=seller.headers, json=event("return.requested", new_order_id())
        )
    ).json()
    response = await client.post(
        f"/v1/cases/{answer['cases'][0]['id']}/actions/no-response-needed", headers=seller.headers, json={}
    )
    assert response.status_code == 409 and "return case" in response.json()["detail"]


async def test_an_action_never_lands_before_the_message_it_answers(
    client: httpx.AsyncClient, seller: SellerFixture
) -> None:
    # The helpdesk's clock runs an hour ahead of ours: its message is stamped in our future.
    case = await _message_case(client, seller)
    closed = await client.post(
        f"/v1/cases/{case['id']}/actions/no-response-needed", headers=seller.headers, json={}
    )
    assert closed.status_code == 200 and closed.json()["status"] == "no_response_needed"


async def test_message_case_detail_shows_the_rate(
    client: httpx.AsyncClient, seller: SellerFixture, clock: SettableClock
) -> None:
    case = await _message_case(client, seller)
    clock.set(clock.now() + hours(2))
    detail = (await client.get(f"/v1/cases/{case['id']}", headers=seller.headers)).json()
    assert [
        (r["window_days"], r["numerator"], r["denominator"]) for r in detail["no_response_needed"]["rates"]
    ] == [(7, 0, 1), (30, 0, 1)]
    assert detail["no_response_needed"]["warning"] is False
    other = (
        await client.post(
            "/v1/events", headers=seller.headers, json=event("return.requested", new_order_id())
        )
    ).json()
    assert (await client.get(f"/v1/cases/{other['cases'][0]['id']}", headers=seller.headers)).json()[
        "no_response_needed"
    ] is None


# Written for the test: a wish that the buyer's review catch up with the fix, which the rules
# pass and the learned second opinion reads as a review request (docs/COMPLIANCE.md, round five).
HINTED_ASK = (
    "The new filter is on its way. We'd be over the moon if your write-up caught up with how things ended."
)


async def test_the_learned_check_warns_by_default_and_blocks_when_the_policy_says(
    client: httpx.AsyncClient,
    make_seller,  # type: ignore[no-untyped-def]
) -> None:
    seller, other = await make_seller(), await make_seller()
    body = {"body": HINTED_ASK, "marketplace": "US", "language": "en"}

    warned = (await client.post("/v1/messages/check", headers=seller.headers, json=body)).json()
    assert warned["sendable"] is True
    [finding] = warned["findings"]
    assert (finding["rule"], finding["severity"]) == ("review_request", "warning")
    assert HINTED_ASK[finding["start"] : finding["end"]] == finding["excerpt"]

    bad = await client.put(
        "/v1/policy", headers=seller.headers, json={"messages": {"learned_check": "maybe"}}
    )
    assert bad.status_code == 422
    assert bad.json()["type"] == "/problems/validation"
    assert any(e["field"].endswith("learned_check") for e in bad.json()["errors"]), bad.json()["errors"]
    assert (await client.post("/v1/messages/check", headers=seller.headers, json=body)).json() == warned

    saved = [
        (
            await client.put(
                "/v1/policy", headers=seller.headers, json={"messages": {"learned_check": "block"}}
            )
        )
        for _ in range(2)
    ]
    assert [(r.status_code, r.json()["changed"]) for r in saved] == [(200, True), (200, False)]
    policy = (await client.get("/v1/policy", headers=seller.headers)).json()
    assert policy["policy"]["messages"]["learned_check"] == "block"
    blocked = (await client.post("/v1/messages/check", headers=seller.headers, json=body)).json()
    assert blocked["sendable"] is False
    assert [(f["rule"], f["severity"]) for f in blocked["findings"]] == [("review_request", "error")]

    assert (await client.post("/v1/messages/check", headers=other.headers, json=body)).json() == warned

    await client.put("/v1/policy", headers=seller.headers, json={"messages": {"learned_check": "off"}})
    off = (await client.post("/v1/messages/check", headers=seller.headers, json=body)).json()
    assert off == {"sendable": True, "findings": []}
