"""Event ingest over HTTP: every type lands in cases and clocks, once, whatever the order."""

import asyncio
from datetime import datetime
from typing import Any

import httpx
import pytest
from sqlalchemy import text

from services.core.domain.events import EVENT_MODELS
from services.core.ingest import ingest
from services.core.kit.db import transaction
from tests.conftest import START, SellerFixture
from tests.factories import event, hours, new_order_id

EVERY_TYPE: list[tuple[str, dict, str | None]] = [  # type: ignore[type-arg]
    (
        "order.upserted",
        {
            "buyer_name": "Ana",
            "buyer_phone": "+1 206 555 0100",
            "items": [{"sku": "MUG-1", "qty": 2, "price": "12.50"}],
            "currency": "USD",
            "fulfilment": "MFN",
            "shipped_at": "2026-01-02T10:00:00Z",
            "carrier": "UPS",
            "tracking": "1Z999AA10123456784",
            "estimated_delivery": "2026-01-08",
            "stock_on_hand": {"MUG-1": 4},
        },
        None,
    ),
    (
        "message.received",
        {"thread_id": "t1", "subject": "Where is my order?", "body": "Hi", "language": "en"},
        "message",
    ),
    ("message.sent", {"thread_id": "t1", "author": "automation"}, "message"),
    ("message.delivery_failed", {"thread_id": "t1", "reason": "blocked"}, "message"),
    ("message.rated", {"thread_id": "t1", "rating": "no"}, "message"),
    ("message.no_response_needed", {"thread_id": "t1", "agent": "li"}, "message"),
    ("cancellation.requested", {"reason": "ordered by mistake"}, "cancellation"),
    ("return.requested", {"return_id": "RMA1", "reason": "damaged", "seller_fault": True}, "return"),
    (
        "return.authorized",
        {"return_id": "RMA1", "label_tracking": "1ZRET", "return_address_country": "us"},
        "return",
    ),
    ("return.label_scanned", {"return_id": "RMA1"}, "return"),
    ("return.tracking_provided", {"return_id": "RMA1", "tracking": "9400111"}, "return"),
    ("return.received", {"return_id": "RMA1"}, "return"),
    ("return.refunded", {"return_id": "RMA1", "amount": "25.00"}, "return"),
    ("return.closed", {"return_id": "RMA1", "reason": "no_return_needed"}, "return"),
    ("claim.opened", {"claim_id": "C1", "reason": "item_not_received", "amount": "25.00"}, "claim"),
    ("claim.info_requested", {"claim_id": "C1"}, "claim"),
    ("claim.buyer_contacted", {"claim_id": "C1", "channel": "phone"}, "claim"),
    ("claim.appealed", {"claim_id": "C1", "evidence": "proof of delivery"}, "claim"),
    ("claim.closed", {"claim_id": "C1", "outcome": "closed_for_seller"}, "claim"),
    ("chargeback.opened", {"chargeback_id": "CB1", "amount": "25.00"}, "chargeback"),
    ("chargeback.responded", {"chargeback_id": "CB1", "response": "represented"}, "chargeback"),
    ("chargeback.closed", {"chargeback_id": "CB1", "outcome": "won"}, "chargeback"),
    ("feedback.received", {"rating": 2, "comment": "late"}, "feedback"),
    ("feedback.removed", {}, "feedback"),
]


async def post(client: httpx.AsyncClient, seller: SellerFixture, body: dict) -> httpx.Response:  # type: ignore[type-arg]
    return await client.post("/v1/events", headers=seller.headers, json=body)


async def test_every_event_type_is_accepted_and_reflected(
    client: httpx.AsyncClient, seller: SellerFixture
) -> None:
    order = new_order_id()
    for step, (type_, data, kind) in enumerate(EVERY_TYPE):
        response = await post(client, seller, event(type_, order, hours(step), **data))
        assert response.status_code == 201, (type_, response.text)
        answer = response.json()
        assert answer["type"] == type_ and answer["order_id"] == order
        if kind is not None:
            assert kind in {c["kind"] for c in answer["cases"]}, type_
    timeline = (await client.get(f"/v1/orders/{order}/timeline", headers=seller.headers)).json()
    assert [e["type"] for e in timeline["entries"] if e["entry"] == "event"] == [t for t, _, _ in EVERY_TYPE]
    assert timeline["order"]["buyer_name"] == "Ana" and timeline["order"]["stock_on_hand"] == {"MUG-1": 4}
    cases = (await client.get("/v1/cases", headers=seller.headers, params={"limit": 200})).json()["items"]
    status = {c["kind"]: c["status"] for c in cases}
    assert status == {
        "message": "no_response_needed",
        "cancellation": "requested",
        "return": "closed",
        "claim": "closed",
        "chargeback": "closed",
        "feedback": "removed",
    }


async def test_reply_clock_from_oldest_unanswered_message(
    client: httpx.AsyncClient, seller: SellerFixture
) -> None:
    order = new_order_id()
    first = await post(
        client, seller, event("message.received", order, hours(0), event_id="m-1", thread_id="T")
    )
    clock = first.json()["cases"][0]["clocks"][0]
    assert clock["kind"] == "message.reply" and clock["state"] == "running"
    assert datetime.fromisoformat(clock["due_at"]) == START + hours(24)
    assert clock["remaining_seconds"] == 24 * 3600
    assert clock["explanation"].startswith(
        "first reply to the oldest unanswered buyer message: started by message.received m-1"
    )
    assert "policy v1: 24 h" in clock["explanation"]

    await post(client, seller, event("message.received", order, hours(3), thread_id="T"))
    auto = await post(
        client, seller, event("message.sent", order, hours(4), thread_id="T", author="automation")
    )
    clocks = auto.json()["cases"][0]["clocks"]
    assert [(c["started_by_event"], c["state"]) for c in clocks] == [("m-1", "running")], (
        "an auto-reply stops nothing"
    )

    reply = await post(
        client,
        seller,
        event("message.sent", order, hours(20), event_id="r-1", thread_id="T", author="agent", agent="li"),
    )
    case = reply.json()["cases"][0]
    assert case["status"] == "answered" and not case["open"]
    assert [(c["state"], c["stopped_by_event"]) for c in case["clocks"]] == [("met", "r-1")]

    late = await post(client, seller, event("message.received", order, hours(30), thread_id="T"))
    slow = await post(client, seller, event("message.sent", order, hours(60), thread_id="T", author="agent"))
    states = [c["state"] for c in slow.json()["cases"][0]["clocks"]]
    assert states == ["met", "breached"], "answered 30 h after the second message"
    assert late.status_code == 201


async def test_an_earlier_message_arriving_late_moves_the_clock_start(
    client: httpx.AsyncClient, seller: SellerFixture
) -> None:
    order = new_order_id()
    await post(client, seller, event("message.received", order, hours(5), event_id="later"))
    answer = (
        await post(client, seller, event("message.received", order, hours(1), event_id="earlier"))
    ).json()
    clocks = {c["started_by_event"]: c["state"] for c in answer["cases"][0]["clocks"]}
    assert clocks == {"earlier": "running"}, "as if the messages had arrived in time order"
    assert answer["cases"][0]["next_due_at"] == (START + hours(25)).isoformat().replace("+00:00", "Z")


async def test_a_repeat_returns_the_first_answer_and_changes_nothing(
    client: httpx.AsyncClient, seller: SellerFixture
) -> None:
    order = new_order_id()
    body = event("return.requested", order, hours(1), return_id="R9")
    first = await post(client, seller, body)
    again = await post(client, seller, body)
    assert first.status_code == 201 and again.status_code == 200
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json()
    timeline = (await client.get(f"/v1/orders/{order}/timeline", headers=seller.headers)).json()
    assert sum(e["entry"] == "event" for e in timeline["entries"]) == 1


async def test_same_id_with_another_body_is_409_and_changes_nothing(
    client: httpx.AsyncClient, seller: SellerFixture
) -> None:
    order = new_order_id()
    body = event("return.requested", order, hours(1), event_id="dup-1", return_id="R9")
    await post(client, seller, body)
    changed = {**body, "data": {"return_id": "R9", "reason": "changed my mind"}}
    response = await post(client, seller, changed)
    assert response.status_code == 409
    assert response.json()["type"] == "/problems/event-id-reused"
    assert "dup-1" in response.json()["detail"]
    case = (await client.get(f"/v1/orders/{order}/timeline", headers=seller.headers)).json()
    assert [e["data"] for e in case["entries"] if e["entry"] == "event"] == [
        {"return_id": "R9", "seller_fault": False}
    ]


async def test_ten_concurrent_copies_make_one_effect(
    client: httpx.AsyncClient, seller: SellerFixture
) -> None:
    order = new_order_id()
    body = event("cancellation.requested", order, hours(1), reason="mistake")
    responses = await asyncio.gather(*(post(client, seller, body) for _ in range(10)))
    assert sorted(r.status_code for r in responses) == [200] * 9 + [201]
    assert len({r.json()["cases"][0]["id"] for r in responses}) == 1
    timeline = (await client.get(f"/v1/orders/{order}/timeline", headers=seller.headers)).json()
    assert sum(e["entry"] == "event" for e in timeline["entries"]) == 1
    assert sum(e["entry"] == "clock.started" for e in timeline["entries"]) == 1


async def test_concurrent_events_of_one_order_all_apply(
    client: httpx.AsyncClient, seller: SellerFixture
) -> None:
    order = new_order_id()
    bodies = [event("message.received", order, hours(i), thread_id=f"t{i}") for i in range(8)]
    responses = await asyncio.gather(*(post(client, seller, b) for b in bodies))
    assert all(r.status_code == 201 for r in responses)
    cases = (await client.get("/v1/cases", headers=seller.headers, params={"kind": "message"})).json()[
        "items"
    ]
    assert len([c for c in cases if c["order_id"] == order]) == 8


@pytest.mark.parametrize(
    ("body", "field", "fragment"),
    [
        (
            {"type": "return.teleported"},
            "body.type",
            "unknown event type 'return.teleported'; known types: order.upserted",
        ),
        ({"type": None}, "body.type", "known types"),
        ({"occurred_at": "2026-01-05T09:00:00"}, "body.occurred_at", "timezone"),
        ({"occurred_at": "yesterday"}, "body.occurred_at", "datetime"),
        ({"order_id": ""}, "body.order_id", "at least 1"),
        ({"marketplace": "XX"}, "body.marketplace", "unknown marketplace"),
        ({"data": {"author": "robot"}}, "body.data.author", "'agent' or 'automation'"),
        ({"data": {"author": "agent", "surprise": 1}}, "body.data.surprise", "Extra inputs"),
        ({"data": None}, "body.data", "valid dictionary"),
        ({"id": None}, "body.id", "valid string"),
    ],
)
async def test_bad_events_name_the_field_and_store_nothing(
    client: httpx.AsyncClient,
    seller: SellerFixture,
    body: dict,
    field: str,
    fragment: str,  # type: ignore[type-arg]
) -> None:
    order = new_order_id()
    good = event("message.sent", order, hours(1), thread_id="t", author="agent")
    response = await post(client, seller, {**good, **body})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    errors = {e["field"]: e["message"] for e in response.json()["errors"]}
    assert field in errors, errors
    assert fragment in errors[field]
    assert (await client.get(f"/v1/orders/{order}/timeline", headers=seller.headers)).status_code == 404


async def test_missing_fields_are_all_named(client: httpx.AsyncClient, seller: SellerFixture) -> None:
    response = await post(client, seller, {"type": "claim.opened", "data": {}})
    fields = {e["field"] for e in response.json()["errors"]}
    assert fields == {"body.id", "body.occurred_at", "body.order_id", "body.marketplace", "body.data.reason"}


async def test_events_need_the_events_write_scope(client: httpx.AsyncClient, make_seller) -> None:  # type: ignore[no-untyped-def]
    reader = await make_seller(scopes=["cases:read"])
    response = await post(client, reader, event("feedback.received", new_order_id(), rating=1))
    assert response.status_code == 403 and response.json()["missing_scopes"] == ["events:write"]


async def test_event_ids_are_per_seller(client: httpx.AsyncClient, make_seller) -> None:  # type: ignore[no-untyped-def]
    one, two = await make_seller(), await make_seller(name="Other")
    body = event("feedback.received", new_order_id(), event_id="shared-id", rating=1)
    assert (await post(client, one, body)).status_code == 201
    second = await post(client, two, body)
    assert second.status_code == 201, "another seller's event with the same id is a different event"
    assert second.json()["cases"][0]["id"] != (await post(client, one, body)).json()["cases"][0]["id"]


async def test_the_callers_transaction_plans_as_before_after_ingest(
    sessions: Any, seller: SellerFixture
) -> None:
    # Ingest runs its own statements on generic plans; whatever the caller runs next in the same
    # transaction (a reply's note, an import's next row) plans as the caller had it.
    body = EVENT_MODELS["message.received"].model_validate(
        event("message.received", new_order_id(), hours(0), thread_id="t")
    )
    setting = text("SELECT current_setting('plan_cache_mode')")
    async with transaction(sessions) as session:
        await session.execute(text("SET LOCAL plan_cache_mode = force_custom_plan"))
        await ingest(session, seller.id, body, START)
        assert await session.scalar(setting) == "force_custom_plan"
        replayed = await ingest(session, seller.id, body, START)
        assert replayed.replayed
        assert await session.scalar(setting) == "force_custom_plan"
    async with transaction(sessions) as session:
        assert await session.scalar(setting) == "auto", (
            "the caller's LOCAL setting ended with its transaction"
        )


async def test_ingest_as_the_first_statement_of_a_transaction_rolls_back_with_it(
    sessions: Any, seller: SellerFixture, client: httpx.AsyncClient
) -> None:
    # Its statements run on the session's driver connection: they must be inside the
    # transaction even when nothing has run through the session before them, or the event
    # would stay stored without its case, and every later copy be answered as a repeat.
    sent = event("message.received", new_order_id(), hours(0), thread_id="t")
    with pytest.raises(RuntimeError):
        async with transaction(sessions) as session:
            await ingest(session, seller.id, EVENT_MODELS["message.received"].model_validate(sent), START)
            raise RuntimeError("the caller fails after ingest")
    again = await client.post("/v1/events", headers=seller.headers, json=sent)
    assert again.status_code == 201, again.text
    assert again.json()["cases"][0]["status"] == "awaiting_reply"
