"""Return reminders and the contact list: refusals, repeats, other sellers, concurrency."""

import asyncio
from datetime import timedelta

import httpx

from services.core.kit.clock import SettableClock
from services.core.kit.db import transaction
from services.core.returns import reminders
from services.workers.context import WorkerContext
from tests.conftest import START, SellerFixture
from tests.factories import event, new_order_id


async def _authorized(
    client: httpx.AsyncClient, seller: SellerFixture, phone: str | None = "+44 20 7946 0958"
) -> dict:  # type: ignore[type-arg]
    order = new_order_id()
    facts = {"buyer_name": "Kim", **({"buyer_phone": phone} if phone else {})}
    await client.post(
        "/v1/events", headers=seller.headers, json=event("order.upserted", order, marketplace="UK", **facts)
    )
    response = await client.post(
        "/v1/events",
        headers=seller.headers,
        json=event("return.authorized", order, timedelta(hours=1), marketplace="UK"),
    )
    return response.json()["cases"][0]  # type: ignore[no-any-return]


async def test_concurrent_reminders_make_exactly_one(
    client: httpx.AsyncClient, seller: SellerFixture, clock: SettableClock
) -> None:
    case = await _authorized(client, seller)
    clock.set(START + timedelta(days=2))
    responses = await asyncio.gather(
        *(
            client.post(
                f"/v1/cases/{case['id']}/reminders", headers=seller.headers, json={"agent": f"agent-{i}"}
            )
            for i in range(8)
        )
    )
    assert sorted(r.status_code for r in responses) == [201] + [409] * 7
    first = next(r.json() for r in responses if r.status_code == 201)
    assert first["kind"] == "call" and first["phone"] == "+442079460958"
    refused = next(r.json() for r in responses if r.status_code == 409)
    assert refused["first_by"] == first["created_by"] and refused["reminder_id"] == first["id"]


async def test_outcomes_repeat_and_conflict(
    client: httpx.AsyncClient, seller: SellerFixture, clock: SettableClock
) -> None:
    case = await _authorized(client, seller)
    clock.set(START + timedelta(days=2))
    reminder = (
        await client.post(f"/v1/cases/{case['id']}/reminders", headers=seller.headers, json={"agent": "li"})
    ).json()
    url = f"/v1/reminders/{reminder['id']}/outcome"
    first = await client.post(url, headers=seller.headers, json={"outcome": "no_answer", "agent": "li"})
    repeat = await client.post(url, headers=seller.headers, json={"outcome": "no_answer", "agent": "li"})
    other = await client.post(url, headers=seller.headers, json={"outcome": "called", "agent": "joy"})
    assert (first.status_code, repeat.status_code, other.status_code) == (200, 200, 409)
    notes = (await client.get(f"/v1/cases/{case['id']}", headers=seller.headers)).json()["notes"]
    assert [n["body"] for n in notes] == ["Called customer for return reminder: no answer"]
    bad = await client.post(url, headers=seller.headers, json={"outcome": "shouted", "agent": ""})
    assert bad.status_code == 422 and {e["field"] for e in bad.json()["errors"]} == {
        "body.outcome",
        "body.agent",
    }


async def test_only_authorized_returns_are_reminded(client: httpx.AsyncClient, seller: SellerFixture) -> None:
    answer = (
        await client.post(
            "/v1/events", headers=seller.headers, json=event("return.requested", new_order_id())
        )
    ).json()
    response = await client.post(
        f"/v1/cases/{answer['cases'][0]['id']}/reminders", headers=seller.headers, json={"agent": "li"}
    )
    assert response.status_code == 409 and response.json()["state"] == "requested"


async def test_an_invalid_phone_means_the_final_message(
    client: httpx.AsyncClient, seller: SellerFixture, clock: SettableClock
) -> None:
    case = await _authorized(client, seller, phone="12")
    clock.set(START + timedelta(days=2))
    reminder = (
        await client.post(f"/v1/cases/{case['id']}/reminders", headers=seller.headers, json={"agent": "li"})
    ).json()
    assert reminder["kind"] == "message" and reminder["outcome"] == "emailed"
    assert "Kim" in reminder["details"]["body"]


async def test_another_sellers_reminders_and_contacts(
    client: httpx.AsyncClient, make_seller, clock: SettableClock
) -> None:  # type: ignore[no-untyped-def]
    mine, theirs = await make_seller(), await make_seller(name="Other")
    case = await _authorized(client, theirs)
    clock.set(START + timedelta(days=2))
    reminder = (
        await client.post(f"/v1/cases/{case['id']}/reminders", headers=theirs.headers, json={"agent": "li"})
    ).json()
    assert (
        await client.post(f"/v1/cases/{case['id']}/reminders", headers=mine.headers, json={"agent": "x"})
    ).status_code == 404
    assert (await client.get(f"/v1/reminders/{reminder['id']}", headers=mine.headers)).status_code == 404
    outcome = await client.post(
        f"/v1/reminders/{reminder['id']}/outcome",
        headers=mine.headers,
        json={"outcome": "called", "agent": "x"},
    )
    assert outcome.status_code == 404
    assert (await client.get("/v1/contact-list", headers=mine.headers)).json() == []
    struck = await client.post(
        f"/v1/contact-list/{case['order_id']}/outcome",
        headers=mine.headers,
        json={"outcome": "called", "agent": "x"},
    )
    assert struck.status_code == 404
    assert (await client.get(f"/v1/reminders/{reminder['id']}", headers=theirs.headers)).json()[
        "outcome"
    ] is None


async def test_contact_list_outcome_strikes_a_blocked_order(
    client: httpx.AsyncClient, seller: SellerFixture, clock: SettableClock
) -> None:
    order = new_order_id()
    await client.post(
        "/v1/events", headers=seller.headers, json=event("message.received", order, thread_id="t")
    )
    for minutes in (1, 2):
        failed = event(
            "message.delivery_failed", order, timedelta(minutes=minutes), thread_id="t", reason="bounced"
        )
        await client.post("/v1/events", headers=seller.headers, json=failed)
    clock.set(START + timedelta(hours=1))
    [row] = (await client.get("/v1/contact-list", headers=seller.headers, params={"state": "open"})).json()
    assert (row["reasons"], row["failed_messages"], row["duplicate"], row["phone"]) == (
        ["blocked"],
        2,
        True,
        None,
    )
    done = await client.post(
        f"/v1/contact-list/{order}/outcome",
        headers=seller.headers,
        json={"outcome": "emailed", "agent": "joy"},
    )
    assert done.status_code == 200 and done.json()["state"] == "done"
    assert (
        await client.get("/v1/contact-list", headers=seller.headers, params={"state": "open"})
    ).json() == []
    assert (
        len((await client.get("/v1/contact-list", headers=seller.headers, params={"state": "done"})).json())
        == 1
    )
    # A new failure after the contact puts the order back on the list.
    later = event("message.delivery_failed", order, timedelta(hours=2), thread_id="t", reason="blocked")
    await client.post("/v1/events", headers=seller.headers, json=later)
    [row] = (await client.get("/v1/contact-list", headers=seller.headers)).json()
    assert row["state"] == "open" and row["failed_messages"] == 3


async def test_due_returns_follow_the_sellers_policy_and_failed_messages(
    client: httpx.AsyncClient,
    seller: SellerFixture,
    clock: SettableClock,
    worker_ctx: dict,  # type: ignore[type-arg]
) -> None:
    policy = (await client.get("/v1/policy", headers=seller.headers)).json()["policy"]
    policy["returns"]["reminder_after_days"] = 2
    assert (await client.put("/v1/policy", headers=seller.headers, json=policy)).status_code == 200
    aged = await _authorized(client, seller)  # authorized at +1 h
    young = new_order_id()
    await client.post(
        "/v1/events", headers=seller.headers, json=event("return.authorized", young, timedelta(days=1))
    )
    failed = new_order_id()
    await client.post(
        "/v1/events", headers=seller.headers, json=event("return.authorized", failed, timedelta(days=1))
    )
    bounced = event(
        "message.delivery_failed", failed, timedelta(days=1, hours=1), thread_id="t", reason="bounced"
    )
    await client.post("/v1/events", headers=seller.headers, json=bounced)

    async def due_now() -> dict[str, str]:
        async with transaction(WorkerContext.of(worker_ctx).sessions) as session:
            found = await reminders.due_returns(session, clock.now())
        return {case.order_id: reason for case, reason in found if case.seller_id == seller.id}

    clock.set(START + timedelta(days=2))
    assert await due_now() == {failed: "delivery_failed"}, (
        "two days less the hour since authorization: not yet"
    )
    clock.set(START + timedelta(days=2, hours=2))
    assert await due_now() == {aged["order_id"]: "scheduled", failed: "delivery_failed"}
