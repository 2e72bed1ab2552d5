"""The seed-000 story over HTTP on the settable clock: blocked messages, the contact list, one
reminder per return (a call when there is a phone, else the final message), closing at day 30."""

import csv
import io
from datetime import timedelta
from typing import Any

import httpx
from sqlalchemy import select

from services.core.kit.clock import SettableClock
from services.core.kit.db import transaction
from services.core.models import OutboundEvent
from services.workers.clocks import sweep_clocks
from services.workers.context import WorkerContext
from services.workers.returns import dispatch_reminders
from tests.conftest import START, SellerFixture
from tests.factories import event, new_order_id

DAY = timedelta(days=1)


async def post(client: httpx.AsyncClient, seller: SellerFixture, body: dict[str, Any]) -> dict[str, Any]:
    response = await client.post("/v1/events", headers=seller.headers, json=body)
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]


async def outbound(ctx: dict[str, Any], case_id: str, type_: str) -> list[dict[str, Any]]:
    async with transaction(WorkerContext.of(ctx).sessions) as session:
        rows = await session.scalars(
            select(OutboundEvent.payload).where(OutboundEvent.case_id == case_id, OutboundEvent.type == type_)
        )
        return list(rows)


async def test_seed_000_story(
    client: httpx.AsyncClient, seller: SellerFixture, clock: SettableClock, worker_ctx: dict[str, Any]
) -> None:
    headers = seller.headers
    # A return authorized for a buyer with a phone on file; our messages to the buyer bounce.
    called = new_order_id()
    await post(
        client,
        seller,
        event(
            "order.upserted",
            called,
            timedelta(0),
            buyer_name="Dana Miller",
            buyer_phone="650 253 0000",
            currency="USD",
        ),
    )
    await post(client, seller, event("return.requested", called, timedelta(hours=1), reason="wrong size"))
    authorized = await post(
        client, seller, event("return.authorized", called, timedelta(hours=5), label_tracking="1ZRET1")
    )
    case_id = authorized["cases"][0]["id"]
    await post(client, seller, event("message.sent", called, DAY, thread_id="", author="automation"))
    await post(
        client,
        seller,
        event("message.delivery_failed", called, DAY + timedelta(minutes=2), thread_id="", reason="blocked"),
    )
    clock.set(START + DAY + timedelta(hours=1))

    listed = (await client.get("/v1/contact-list", headers=headers)).json()
    [row] = [r for r in listed if r["order_id"] == called]
    assert (row["reasons"], row["dial"], row["state"], row["duplicate"]) == (
        ["blocked"],
        "+1 650-253-0000",
        "open",
        False,
    )

    # The failure makes the one reminder due at once; with a phone it is a call task.
    assert await dispatch_reminders(worker_ctx) >= 1
    tasks = [t for t in (await client.get("/v1/tasks", headers=headers)).json() if t["case_id"] == case_id]
    [call] = tasks
    assert call["kind"] == "return_reminder_call" and call["details"]["dial"] == "+1 650-253-0000"
    assert any(called in line for line in call["details"]["script"])
    [row] = [
        r for r in (await client.get("/v1/contact-list", headers=headers)).json() if r["order_id"] == called
    ]
    assert row["reasons"] == ["blocked", "return_reminder"] and row["duplicate"] is True

    # The agent calls and records it; the row is struck off, the note is on the case.
    reminder_id = row["reminder_id"]
    done = await client.post(
        f"/v1/reminders/{reminder_id}/outcome", headers=headers, json={"outcome": "called", "agent": "mike"}
    )
    assert done.status_code == 200 and done.json()["outcome"] == "called"
    notes = (await client.get(f"/v1/cases/{case_id}", headers=headers)).json()["notes"]
    assert [n["body"] for n in notes] == ["Called customer for return reminder"]
    [row] = [
        r for r in (await client.get("/v1/contact-list", headers=headers)).json() if r["order_id"] == called
    ]
    assert (row["state"], row["outcome"], row["outcome_by"]) == ("done", "called", "mike")
    assert (await client.get("/v1/tasks", headers=headers)).json() == []

    # A second reminder, from an agent or from the worker, is refused.
    again = await client.post(f"/v1/cases/{case_id}/reminders", headers=headers, json={"agent": "joy"})
    assert again.status_code == 409
    assert again.json()["first_by"] == "aftersales" and "already reminded once" in again.json()["detail"]
    clock.set(START + 8 * DAY)
    await dispatch_reminders(worker_ctx)
    assert len(await outbound(worker_ctx, case_id, "reminder.due")) == 1

    # A second return, no phone on file: nothing before day 7, then the final message.
    emailed = new_order_id()
    clock.set(START)
    await post(
        client, seller, event("order.upserted", emailed, timedelta(0), buyer_name="Sam Lee", currency="USD")
    )
    second = (await post(client, seller, event("return.authorized", emailed, timedelta(hours=2))))["cases"][
        0
    ]["id"]
    clock.set(START + 7 * DAY)
    await dispatch_reminders(worker_ctx)
    assert await outbound(worker_ctx, second, "message.send_requested") == []
    clock.set(START + 7 * DAY + timedelta(hours=2))
    await dispatch_reminders(worker_ctx)
    [message] = await outbound(worker_ctx, second, "message.send_requested")
    body = message["data"]["body"]
    assert "Sam Lee" in body and emailed in body and "2026-02-04" in body, body
    assert "http" not in body
    notes = (await client.get(f"/v1/cases/{second}", headers=headers)).json()["notes"]
    assert [n["body"] for n in notes] == ["No phone on file, emailed final reminder"]

    # Day 30 with no scan: closed as not shipped, and the outbound case.closed says so.
    clock.set(START + 30 * DAY + timedelta(hours=2))
    await sweep_clocks(worker_ctx)
    detail = (await client.get(f"/v1/cases/{second}", headers=headers)).json()
    assert (detail["status"], detail["facts"]["reason"]) == ("closed", "not_shipped_buyer_keeps_item")
    [closed] = await outbound(worker_ctx, second, "case.closed")
    assert closed["data"]["case"]["facts"]["reason"] == "not_shipped_buyer_keeps_item"

    # The team's sheet: one row per order.
    sheet = await client.get("/v1/contact-list", headers={**headers, "Accept": "text/csv"})
    assert sheet.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(sheet.text)))
    assert len(rows) == len({r["order_id"] for r in rows})
    [sheet_row] = [r for r in rows if r["order_id"] == called]
    assert (sheet_row["reasons"], sheet_row["duplicate"], sheet_row["state"], sheet_row["dial"]) == (
        "blocked return_reminder",
        "yes",
        "done",
        "+1 650-253-0000",
    )
