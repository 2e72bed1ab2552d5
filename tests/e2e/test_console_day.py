"""The demo seller's day in Chromium beyond the queue: the call list worked to the end, a claim
acted on from its advice, account health against the API, and a key issued to a person."""

import csv
import io
from datetime import timedelta
from typing import Any

import httpx
from playwright.async_api import Browser, expect

from services.core.kit.clock import SettableClock
from services.workers.deliveries import deliver_due
from tests.conftest import START, SellerFixture
from tests.e2e.conftest import PHONE, shot, signed_in
from tests.factories import RETRY_SCHEDULE, event, new_order_id
from tests.receiver import Answer, Receiver

DAY = timedelta(days=1)


async def _send(client: httpx.AsyncClient, seller: SellerFixture, *events: dict[str, object]) -> list[dict]:  # type: ignore[type-arg]
    answers = []
    for body in events:
        answer = await client.post("/v1/events", headers=seller.headers, json=body)
        assert answer.status_code == 201, answer.text
        answers.append(answer.json())
    return answers


async def test_the_call_list_is_worked_from_the_console(
    browser: Browser, console_url: str, client: httpx.AsyncClient, make_seller
) -> None:  # type: ignore[no-untyped-def]
    seller = await make_seller()
    called, emailed = new_order_id(), new_order_id()
    answers = await _send(
        client,
        seller,
        event("order.upserted", called, -3 * DAY, buyer_name="Dana Miller", buyer_phone="650 253 0000"),
        event("return.requested", called, -2 * DAY, reason="wrong size"),
        event("return.authorized", called, -2 * DAY + timedelta(hours=2), label_tracking="1ZRET1"),
        event("message.delivery_failed", called, -DAY, thread_id="", reason="blocked"),
        event("message.received", emailed, -DAY, thread_id="m-1", subject="Size?", body="Which size?"),
        event(
            "message.delivery_failed", emailed, -DAY + timedelta(hours=1), thread_id="m-1", reason="bounced"
        ),
    )
    return_case = answers[2]["cases"][0]["id"]
    message_case = answers[4]["cases"][0]["id"]

    page = await signed_in(browser, console_url, seller, name="mike")
    await page.goto(f"/console/cases/{return_case}")
    await page.get_by_role("button", name="Send the return's one reminder").click()
    await expect(page.locator(".flash")).to_contain_text("call task")

    await page.get_by_role("link", name="Contact list").click()
    row = page.locator(f"li[data-order='{called}']")
    await expect(row).to_contain_text("+1 650-253-0000")
    await expect(row.locator(".tag")).to_have_text(["blocked", "return reminder", "duplicate"])
    await row.get_by_text("Call script").click()
    await expect(row.locator(".script")).to_contain_text("courtesy call")
    other = page.locator(f"li[data-order='{emailed}']")
    await expect(other).to_contain_text("No phone on file")
    await shot(page, "contact-list")

    await row.get_by_role("button", name="Called").click()
    row = page.locator(f"li[data-order='{called}']")
    await expect(row).to_have_class("contact done")
    await expect(row.locator("[data-outcome]")).to_contain_text("called by mike")
    struck = await row.locator(".contact-head").evaluate("e => getComputedStyle(e).textDecorationLine")
    assert struck == "line-through"
    notes = (await client.get(f"/v1/cases/{return_case}", headers=seller.headers)).json()["notes"]
    assert [(n["author"], n["body"]) for n in notes] == [("mike", "Called customer for return reminder")]

    await page.locator(f"li[data-order='{emailed}']").get_by_role("button", name="Emailed").click()
    await expect(page.locator(f"li[data-order='{emailed}']")).to_have_class("contact done")
    notes = (await client.get(f"/v1/cases/{message_case}", headers=seller.headers)).json()["notes"]
    assert [(n["author"], n["body"]) for n in notes] == [("mike", "Contact list: emailed the buyer")]
    await shot(page, "contact-list-done")

    async with page.expect_download() as waiting:
        await page.get_by_role("link", name="Download CSV").click()
    download = await waiting.value
    saved = await download.path()
    lines = list(csv.DictReader(io.StringIO(saved.read_text(encoding="utf-8"))))
    assert {(r["order_id"], r["state"], r["outcome"]) for r in lines} == {
        (called, "done", "called"),
        (emailed, "done", "emailed"),
    }
    await page.context.close()


async def test_a_claim_is_acted_on_from_its_advice(
    browser: Browser, console_url: str, client: httpx.AsyncClient, make_seller
) -> None:  # type: ignore[no-untyped-def]
    seller = await make_seller()
    order = new_order_id()
    delivered = {"delivered_at": (START - 5 * DAY).isoformat(), "proof_of_delivery": "photo at door"}
    item = {"items": [{"sku": "LAMP", "qty": 1, "price": "49.90"}], "currency": "USD"}
    answers = await _send(
        client,
        seller,
        event("order.upserted", order, -9 * DAY, carrier="UPS", tracking="1Z999", **delivered, **item),
        event("claim.opened", order, -DAY, reason="not received"),
    )
    case_id = answers[1]["cases"][0]["id"]
    advice = (await client.get(f"/v1/cases/{case_id}/advice", headers=seller.headers)).json()
    offers = (
        await client.post(
            f"/v1/cases/{case_id}/offers", headers=seller.headers, json={"issue": "not_received"}
        )
    ).json()

    page = await signed_in(browser, console_url, seller, name="joy")
    await page.goto(f"/console/cases/{case_id}")
    await expect(page.locator("[data-advice]")).to_have_text(advice["action"].replace("_", " "))
    await expect(page.get_by_role("region", name="Advice")).to_contain_text("photo at door")
    await page.get_by_label("Issue").select_option("not_received")
    await page.get_by_role("button", name="Rank offers").click()
    shown = await page.locator(".offers li strong").all_text_contents()
    assert shown == [o["kind"].replace("_", " ") for o in offers]
    # Acting on it: the appeal's reasoning noted on the case for whoever files it.
    await page.get_by_label("New note").fill("Appeal filed with the proof of delivery")
    await page.get_by_role("button", name="Add note").click()
    await expect(page.locator(".notes")).to_contain_text("joy")
    await shot(page, "case-claim")
    await page.context.close()


async def test_account_health_shows_the_apis_figures_and_their_chart(
    browser: Browser, console_url: str, client: httpx.AsyncClient, make_seller
) -> None:  # type: ignore[no-untyped-def]
    seller = await make_seller()
    orders = [new_order_id() for _ in range(4)]
    for n, order in enumerate(orders):
        when = START - (10 + 5 * n) * DAY
        await _send(client, seller, event("order.upserted", order, when, purchased_at=when.isoformat()))
    await _send(
        client,
        seller,
        event("feedback.received", orders[0], -3 * DAY, rating=1),
        event("message.received", orders[1], -2 * DAY, thread_id="h-1", subject="Hi"),
        event("message.sent", orders[1], -2 * DAY + timedelta(hours=2), thread_id="h-1", author="agent"),
    )
    api = (await client.get("/v1/metrics/account-health?window=60d", headers=seller.headers)).json()
    assert api["order_defect_rate"]["percent"] == 25.0

    page = await signed_in(browser, console_url, seller, name="ann")
    await page.goto("/console/health")
    await expect(page.locator("[data-forecast]")).to_have_text(api["forecast"]["sentence"])
    for name in ("order_defect_rate", "response_under_24h", "negative_feedback", "return_dissatisfaction"):
        card = page.locator(f"[data-figure='{name}']")
        expected = api[name]["percent"]
        assert await card.locator("[data-percent]").get_attribute("data-percent") == (
            "" if expected is None else str(expected)
        )
        await expect(card).to_have_class(f"card figure fig-{api[name]['status']}")
        await expect(card).to_contain_text(f"target {'<' if api[name]['direction'] == 'below' else '>'}")
    odr = page.locator("[data-figure='order_defect_rate'] svg.chart")
    await expect(odr).to_have_attribute("aria-label", "Order defect rate: now 25.00 %, target 1.0 %")
    last = odr.locator("circle").last
    assert await last.get_attribute("data-value") == "25.0"
    assert await last.get_attribute("data-day") == START.date().isoformat()
    # One point a day over 90 days (each past day as it ended, and now); a day whose window held
    # no order yet has no figure to draw: the oldest order is 25 days old, so 25 day ends and now.
    assert await odr.get_attribute("data-points") == "90"
    assert await odr.locator("circle").count() == 26
    await expect(page.get_by_role("table")).to_contain_text(orders[0])
    await shot(page, "account-health")
    await page.set_viewport_size(PHONE)
    await shot(page, "account-health-phone")
    await page.context.close()


async def test_a_dead_delivery_is_retried_from_the_connections_page(
    browser: Browser,
    console_url: str,
    client: httpx.AsyncClient,
    make_seller,
    clock: SettableClock,
    worker_ctx: dict[str, Any],
) -> None:  # type: ignore[no-untyped-def]
    seller = await make_seller()
    async with Receiver() as receiver:
        made = await client.post(
            "/v1/webhook-endpoints",
            headers=seller.headers,
            json={"url": receiver.url, "event_types": ["case.opened"]},
        )
        assert made.status_code == 201
        receiver.answer_with(*[Answer(500)] * 8)
        await _send(client, seller, event("cancellation.requested", new_order_id(), reason="late"))
        # Eight failed attempts on the retry schedule (29 h 35 min 5 s in all), then dead.
        for wait in RETRY_SCHEDULE:
            clock.advance(wait)
            await deliver_due(worker_ctx)
        admin = await signed_in(browser, console_url, seller, name="ann")
        await admin.goto("/console/connections")
        dead = admin.locator("tr[data-dead]")
        await expect(dead).to_have_count(1)
        await expect(dead).to_contain_text("case.opened")
        await dead.get_by_role("button", name="Retry").click()
        await expect(admin.locator(".flash")).to_contain_text("One more attempt")
        await expect(admin.locator("tr[data-dead]")).to_have_count(0)
        await deliver_due(worker_ctx)
    assert len(receiver.received) == 9
    await admin.reload()
    await expect(admin.get_by_role("region", name="Outbound endpoints")).to_contain_text("delivered")
    await admin.context.close()


async def test_an_admin_issues_a_key_for_a_person_who_then_signs_in_by_it(
    browser: Browser, console_url: str, client: httpx.AsyncClient, make_seller
) -> None:  # type: ignore[no-untyped-def]
    seller = await make_seller()
    made = await client.post(
        "/v1/producers",
        headers=seller.headers,
        json={"kind": "helpscout", "name": "Help Scout US", "marketplace": "US"},
    )
    assert made.status_code == 201
    admin = await signed_in(browser, console_url, seller, name="ann")
    await admin.goto("/console/connections")
    await expect(admin.get_by_role("region", name="Producers")).to_contain_text("Help Scout US")
    await expect(admin.get_by_role("region", name="Producers")).to_contain_text("never")
    await admin.get_by_label("Person's name").fill("Rosa")
    await admin.get_by_role("button", name="Issue key").click()
    key = await admin.locator("[data-issued-key]").text_content()
    assert key and key.startswith("as_")
    await shot(admin, "connections")

    rosa = await signed_in(browser, console_url, SellerFixture(seller.id, key), name="")
    await expect(rosa.locator("[data-person]")).to_have_text("Rosa")
    await rosa.goto("/console/connections")
    await expect(rosa.locator("main")).to_contain_text("shown to an admin's key")

    await admin.goto("/console/connections")
    await admin.get_by_role("button", name="Revoke Rosa").click()
    await expect(admin.locator(".flash")).to_contain_text("revoked")
    await rosa.goto("/console/queue")
    await rosa.wait_for_url("**/console/sign-in**")
    await admin.context.close()
    await rosa.context.close()
