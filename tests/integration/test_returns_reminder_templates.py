"""A reminder template that cannot be filled: the seller who wrote it gets a task and a 422, and
every other seller's reminders go out as if nothing happened."""

from datetime import timedelta

import httpx

from services.core.domain.reminders import EMAILED_NOTE
from services.core.kit.clock import SettableClock
from services.workers.returns import dispatch_reminders
from tests.conftest import START, SellerFixture
from tests.factories import event, new_order_id

FIX_TASK = "fix_reminder_template"


async def _authorized_return(client: httpx.AsyncClient, seller: SellerFixture, **order: object) -> dict:  # type: ignore[type-arg]
    """An authorized return whose buyer has no phone, so its reminder is the final message."""
    order_id = new_order_id()
    facts = {"buyer_name": "Kim", **order}
    await client.post("/v1/events", headers=seller.headers, json=event("order.upserted", order_id, **facts))
    answer = await client.post(
        "/v1/events", headers=seller.headers, json=event("return.authorized", order_id, timedelta(hours=1))
    )
    return answer.json()["cases"][0]  # type: ignore[no-any-return]


async def _use_template(client: httpx.AsyncClient, seller: SellerFixture, body: str) -> None:
    texts = {"en": {"subject": "Your return for order {order_id}", "body": body}}
    response = await client.put(
        "/v1/templates/return_reminder", headers=seller.headers, json={"texts": texts}
    )
    assert response.status_code in (200, 201), response.text


async def _notes(client: httpx.AsyncClient, seller: SellerFixture, case: dict) -> list[str]:  # type: ignore[type-arg]
    detail = (await client.get(f"/v1/cases/{case['id']}", headers=seller.headers)).json()
    return [n["body"] for n in detail["notes"]]


async def _fix_tasks(client: httpx.AsyncClient, seller: SellerFixture) -> list[dict]:  # type: ignore[type-arg]
    tasks = (await client.get("/v1/tasks", headers=seller.headers)).json()
    return [t for t in tasks if t["kind"] == FIX_TASK]


async def test_one_sellers_unfillable_template_holds_back_no_other_reminder(
    client: httpx.AsyncClient,
    make_seller,  # type: ignore[no-untyped-def]
    clock: SettableClock,
    worker_ctx: dict,  # type: ignore[type-arg]
) -> None:
    broken, fine = await make_seller(name="Broken Shop"), await make_seller(name="Fine Shop")
    await _use_template(
        client, broken, "Hello {buyer_name}, please ship {item} with {carrier} by {return_deadline}."
    )
    broken_case = await _authorized_return(client, broken)
    fine_case = await _authorized_return(client, fine)
    clock.set(START + timedelta(days=8))

    await dispatch_reminders(worker_ctx)
    await dispatch_reminders(worker_ctx)

    assert await _notes(client, fine, fine_case) == [EMAILED_NOTE]
    assert await _notes(client, broken, broken_case) == []
    [task] = await _fix_tasks(client, broken)
    assert task["case_id"] == broken_case["id"] and task["details"]["missing"] == ["carrier", "item"]
    assert "{carrier}" in task["title"] and "{item}" in task["title"]

    answer = await client.post(
        f"/v1/cases/{broken_case['id']}/reminders", headers=broken.headers, json={"agent": "li"}
    )
    assert answer.status_code == 422, answer.text
    problem = answer.json()
    assert problem["type"] == "/problems/template-values-missing"
    assert problem["missing"] == ["carrier", "item"]


async def test_a_fixed_template_sends_the_held_reminder_and_closes_the_task(
    client: httpx.AsyncClient,
    seller: SellerFixture,
    clock: SettableClock,
    worker_ctx: dict,  # type: ignore[type-arg]
) -> None:
    await _use_template(client, seller, "Hello {buyer_name}, your parcel went with {carrier}.")
    case = await _authorized_return(client, seller)
    clock.set(START + timedelta(days=8))
    await dispatch_reminders(worker_ctx)
    assert [t["done_at"] for t in await _fix_tasks(client, seller)] == [None]

    await _use_template(client, seller, "Hello {buyer_name}, please ship it by {return_deadline}.")
    await dispatch_reminders(worker_ctx)

    assert await _notes(client, seller, case) == [EMAILED_NOTE]
    [task] = (await client.get("/v1/tasks?open=false", headers=seller.headers)).json()
    assert task["kind"] == FIX_TASK and task["done_at"] is not None


async def test_refund_amount_is_filled_from_the_order(
    client: httpx.AsyncClient, seller: SellerFixture, clock: SettableClock
) -> None:
    await _use_template(client, seller, "Hello {buyer_name}, ship it back and we refund {refund_amount}.")
    items = [{"sku": "MUG-1", "qty": 2, "price": "12.50"}, {"sku": "LID-1", "qty": 1, "price": "3.00"}]
    case = await _authorized_return(client, seller, items=items, currency="USD")
    clock.set(START + timedelta(days=8))
    answer = await client.post(
        f"/v1/cases/{case['id']}/reminders", headers=seller.headers, json={"agent": "li"}
    )
    assert answer.status_code == 201, answer.text
    assert "we refund 28.00 USD." in answer.json()["details"]["body"]
