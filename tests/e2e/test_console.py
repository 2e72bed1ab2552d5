"""The console in Chromium: signing in, the queue's countdown ticking, the reply composer that
refuses to send past a compliance error without an override, and the tenancy and CSRF guards."""

import re
from datetime import timedelta

import httpx
from playwright.async_api import Browser, expect

from tests.conftest import START, SellerFixture
from tests.e2e.conftest import PHONE, shot, signed_in
from tests.factories import event, new_order_id


async def _post(
    client: httpx.AsyncClient, seller: SellerFixture, body: dict[str, object]
) -> dict[str, object]:
    answer = await client.post("/v1/events", headers=seller.headers, json=body)
    assert answer.status_code == 201, answer.text
    return answer.json()  # type: ignore[no-any-return]


async def _message_case(
    client: httpx.AsyncClient, seller: SellerFixture, hours_ago: float
) -> tuple[str, str]:
    order = new_order_id()
    await _post(client, seller, event("order.upserted", order, -timedelta(hours=50), buyer_name="Ana Ruiz"))
    answer = await _post(
        client,
        seller,
        event(
            "message.received",
            order,
            -timedelta(hours=hours_ago),
            thread_id=f"t-{order}",
            subject="Where is my parcel?",
            body="Hello, my parcel has not arrived.",
        ),
    )
    return order, answer["cases"][0]["id"]  # type: ignore[index]


async def test_sign_in_shows_the_queue_with_ticking_countdowns(
    browser: Browser, console_url: str, client: httpx.AsyncClient, make_seller
) -> None:  # type: ignore[no-untyped-def]
    seller = await make_seller()
    late, _ = await _message_case(client, seller, hours_ago=20)  # past 75 % of 24 h
    early, _ = await _message_case(client, seller, hours_ago=1)
    cancel = new_order_id()
    await _post(
        client, seller, event("cancellation.requested", cancel, -timedelta(hours=2), reason="wrong size")
    )

    page = await signed_in(browser, console_url, seller, name="li")
    await expect(page.locator("[data-person]")).to_have_text("li")
    rows = page.locator("tbody[data-rows] tr[data-case]")
    # The API's order: the cancellation's band first, then the message closest to breaching.
    api = (await client.get("/v1/cases?state=open", headers=seller.headers)).json()["items"]
    assert [r["order_id"] for r in api] == [cancel, late, early]
    await expect(rows).to_have_count(3)
    for i, order in enumerate([cancel, late, early]):
        await expect(rows.nth(i)).to_contain_text(order)
    countdown = rows.nth(1).locator("[data-countdown]")
    await expect(countdown).to_have_class("countdown w2")
    first = await countdown.text_content()
    await page.wait_for_timeout(1100)
    assert await countdown.text_content() != first, "the countdown ticks in the browser"
    assert first is not None and re.fullmatch(r"04:00:00|03:59:\d\d", first), first
    await shot(page, "queue")

    # Filters: kind, and assignment from the row, then "mine".
    await page.get_by_label("Kind").select_option("message")
    await page.get_by_role("button", name="Filter").click()
    await expect(rows).to_have_count(2)
    await page.get_by_label(f"Assignee of order {early}").fill("li")
    await page.get_by_label(f"Assignee of order {early}").press("Enter")
    await expect(page.locator(".flash")).to_contain_text(f"{early} assigned to li")
    await page.goto("/console/queue?mine=1")
    await expect(rows).to_have_count(1)
    await expect(rows.first).to_contain_text(early)

    await page.goto(f"/console/queue?due_before={(START + timedelta(hours=5)).strftime('%Y-%m-%dT%H:%M')}")
    await expect(rows).to_have_count(1)
    await expect(rows.first).to_contain_text(late)
    await page.goto("/console/queue?band=1")
    await expect(rows).to_have_count(1)
    await expect(rows.first).to_contain_text(cancel)

    # A case opened elsewhere shows up without a reload.
    await page.goto("/console/queue")
    newcomer = new_order_id()
    await _post(client, seller, event("cancellation.requested", newcomer, -timedelta(hours=1), reason="late"))
    await expect(page.locator(f"tr[data-case]:has-text('{newcomer}')")).to_be_visible(timeout=8000)

    await page.set_viewport_size(PHONE)
    await shot(page, "queue-phone")
    await page.get_by_role("button", name="Sign out").click()
    await page.wait_for_url("**/console/sign-in**")
    await page.goto("/console/queue")
    await page.wait_for_url("**/console/sign-in**")
    await page.context.close()


async def test_a_wrong_key_is_refused_and_pages_need_a_session(browser: Browser, console_url: str) -> None:
    context = await browser.new_context(base_url=console_url)
    page = await context.new_page()
    await page.goto("/console/health")
    await page.wait_for_url("**/console/sign-in?next=/console/health")
    await page.get_by_label("API key").fill("as_not-a-key")
    await page.get_by_label("Your name").fill("li")
    await page.get_by_role("button", name="Sign in").click()
    await expect(page.get_by_role("alert")).to_contain_text("unknown or revoked")
    await context.close()


async def test_the_composer_highlights_findings_and_refuses_without_an_override(
    browser: Browser, console_url: str, client: httpx.AsyncClient, make_seller
) -> None:  # type: ignore[no-untyped-def]
    seller = await make_seller()
    order, case_id = await _message_case(client, seller, hours_ago=3)
    page = await signed_in(browser, console_url, seller, name="li")
    await page.goto(f"/console/cases/{case_id}")
    await expect(page.locator(".timeline")).to_contain_text("Hello, my parcel has not arrived.")
    await expect(page.locator(".clocks")).to_contain_text("message.reply")

    body = page.get_by_label("Message to the buyer")
    text = "Hello Ana, call us on +1 650 253 0000 and we sort it out."
    await body.press_sequentially(text, delay=5)
    mark = page.locator("[data-mirror] mark.error")
    await expect(mark).to_have_text("+1 650 253 0000")
    start = text.index("+1 650")
    assert await page.locator("[data-mirror]").text_content() == text
    assert text[start : start + 15] == "+1 650 253 0000"
    send = page.get_by_role("button", name="Send reply")
    await expect(send).to_be_disabled()
    await expect(page.locator("[data-send-state]")).to_contain_text("refused")
    await shot(page, "case-composer")

    # The server refuses too, whatever the browser does.
    await send.evaluate("b => { b.disabled = false; b.form.requestSubmit(); }")
    await expect(page.get_by_role("alert")).to_contain_text("phone")
    assert (await client.get(f"/v1/cases/{case_id}", headers=seller.headers)).json()[
        "status"
    ] == "awaiting_reply"

    await page.get_by_label("Override reason").fill("The buyer asked for our number on the phone")
    await expect(page.get_by_role("button", name="Send reply")).to_be_enabled()
    await page.get_by_role("button", name="Send reply").click()
    await expect(page.locator(".flash")).to_have_text("Reply sent.")
    case = (await client.get(f"/v1/cases/{case_id}", headers=seller.headers)).json()
    assert case["status"] != "awaiting_reply"
    assert case["clocks"][0]["state"] == "met"
    assert any("Reason: The buyer asked" in n["body"] and n["author"] == "li" for n in case["notes"])
    await page.context.close()


async def test_templates_fill_in_and_no_response_needed_closes_the_message(
    browser: Browser, console_url: str, client: httpx.AsyncClient, make_seller
) -> None:  # type: ignore[no-untyped-def]
    seller = await make_seller()
    _, case_id = await _message_case(client, seller, hours_ago=2)
    page = await signed_in(browser, console_url, seller, name="joy")
    await page.goto(f"/console/cases/{case_id}")
    await page.get_by_label("Template").select_option("apology_with_options")
    await page.get_by_role("button", name="Insert template").click()
    # The case knows the buyer's name but not the refund: the composer asks for it.
    await page.get_by_label("refund amount").fill("$8.00")
    await page.get_by_role("button", name="Insert template").click()
    body = page.get_by_label("Message to the buyer")
    await expect(body).to_have_value(re.compile(r"Hello Ana Ruiz,(.|\n)*\$8\.00"))
    await expect(page.get_by_label("Subject")).to_have_value(re.compile("About your order"))
    await expect(page.locator("[data-findings]")).to_contain_text("No findings")
    await page.get_by_role("button", name="No response needed").click()
    await expect(page.locator(".flash")).to_contain_text("no response needed")
    case = (await client.get(f"/v1/cases/{case_id}", headers=seller.headers)).json()
    assert case["clocks"][0]["state"] == "met"
    await page.context.close()


async def test_another_sellers_case_is_not_found_and_forms_need_the_csrf_token(
    browser: Browser, console_url: str, client: httpx.AsyncClient, make_seller
) -> None:  # type: ignore[no-untyped-def]
    mine, theirs = await make_seller(), await make_seller()
    _, their_case = await _message_case(client, theirs, hours_ago=1)
    page = await signed_in(browser, console_url, mine)
    answer = await page.goto(f"/console/cases/{their_case}")
    assert answer is not None and answer.status == 404
    forged = await page.request.post(f"/console/cases/{their_case}/assign", form={"assignee": "x"})
    assert forged.status == 403
    await page.context.close()
