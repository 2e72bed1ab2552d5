"""The demo seller's day worked from the console alone, in Chromium: answer the buyer's message,
work the call list, act on the claim, and read account health."""

import httpx
from playwright.async_api import Browser, expect

from services.core.kit.clock import SettableClock
from services.core.kit.db import transaction
from services.core.sellers import demo
from tests.conftest import SellerFixture
from tests.e2e.conftest import shot, signed_in


async def test_the_demo_sellers_day(
    browser: Browser, console_url: str, client: httpx.AsyncClient, sessions, clock: SettableClock
) -> None:  # type: ignore[no-untyped-def]
    async with transaction(sessions) as session:
        issued = await demo.create(session, clock.now())
    seller = SellerFixture(issued.key.seller_id, issued.secret)
    page = await signed_in(browser, console_url, seller, name="li")
    rows = page.locator("tbody[data-rows] tr[data-case]")
    await expect(rows).to_have_count(5)
    await expect(rows.locator("td:nth-child(2)")).to_have_text(
        ["cancellation", "return", "claim", "message", "feedback"]
    )
    await shot(page, "demo-queue")

    # Answer the buyer's message.
    await rows.nth(3).get_by_role("link").click()
    await page.get_by_label("Message to the buyer").fill(
        "Hello Sam, yes: you can send it back within 30 days. We will email the label today, "
        "or you can choose a refund of 10 % and keep it. Which do you prefer?"
    )
    await expect(page.locator("[data-findings]")).not_to_contain_text("error")
    await page.get_by_role("button", name="Send reply").click()
    await expect(page.locator(".flash")).to_have_text("Reply sent.")
    await expect(page.locator(".timeline")).to_contain_text("message.sent")

    # Work the call list: the cancelled order's buyer, whose mail filter blocked our answer.
    await page.get_by_role("link", name="Contact list").click()
    row = page.locator("li[data-order='111-4000001-0000001']")
    await expect(row).to_contain_text("+1 650-253-0000")
    await row.get_by_role("button", name="No answer").click()
    await expect(page.locator("li[data-order='111-4000001-0000001']")).to_have_class("contact done")

    # Act on the claim: read the advice, then note the appeal on the case.
    await page.get_by_role("link", name="Queue").click()
    await page.locator("tr:has-text('111-4000003-0000003') a").click()
    await expect(page.locator("[data-advice]")).not_to_be_empty()
    await page.get_by_label("New note").fill("Appealing with the UPS tracking")
    await page.get_by_role("button", name="Add note").click()
    await expect(page.locator(".notes")).to_contain_text("Appealing with the UPS tracking")
    await shot(page, "demo-claim")

    # Account health, as the API gives it.
    api = (await client.get("/v1/metrics/account-health", headers=seller.headers)).json()
    await page.get_by_role("link", name="Account health").click()
    odr = page.locator("[data-figure='order_defect_rate'] [data-percent]")
    assert await odr.get_attribute("data-percent") == str(api["order_defect_rate"]["percent"])
    await page.context.close()
