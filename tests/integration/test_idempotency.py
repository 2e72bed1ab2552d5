"""Idempotency keys on replies and notes, as payment APIs keep them: a key belongs to the seller and
is bound to the first request's operation, target and body; a repeat replays the first answer, a
different use of the key is refused, and after the key's lifetime it may be used again."""

import asyncio
import uuid

import httpx

from services.core.kit.clock import SettableClock
from tests.conftest import SellerFixture
from tests.factories import event, hours, new_order_id

TEXT = "Hello Ana, your replacement ships tomorrow with UPS 1Z999AA10123456784."


async def _message_case(client: httpx.AsyncClient, seller: SellerFixture) -> dict:  # type: ignore[type-arg]
    order = new_order_id()
    response = await client.post(
        "/v1/events", headers=seller.headers, json=event("message.received", order, hours(0), thread_id="T")
    )
    assert response.status_code == 201, response.text
    return response.json()["cases"][0]  # type: ignore[no-any-return]


async def _sent_on(client: httpx.AsyncClient, seller: SellerFixture, case: dict) -> list[dict]:  # type: ignore[type-arg]
    timeline = (await client.get(f"/v1/orders/{case['order_id']}/timeline", headers=seller.headers)).json()
    return [e for e in timeline["entries"] if e.get("type") == "message.sent"]


def _keyed(seller: SellerFixture, key: str) -> dict[str, str]:
    return {**seller.headers, "Idempotency-Key": key}


async def test_a_reply_key_used_on_another_case_is_refused_and_sends_nothing(
    client: httpx.AsyncClient, seller: SellerFixture
) -> None:
    a, b = await _message_case(client, seller), await _message_case(client, seller)
    key = _keyed(seller, f"k-{uuid.uuid4().hex}")
    reply = {"agent": "li", "body": TEXT}
    first = await client.post(f"/v1/cases/{a['id']}/replies", headers=key, json=reply)
    assert first.status_code == 201, first.text
    reused = await client.post(f"/v1/cases/{b['id']}/replies", headers=key, json=reply)
    assert reused.status_code == 409, reused.text
    assert reused.headers["content-type"] == "application/problem+json"
    assert reused.json()["type"] == "/problems/idempotency-key-reused"
    assert "idempotent-replayed" not in reused.headers
    assert await _sent_on(client, seller, b) == []
    detail = (await client.get(f"/v1/cases/{b['id']}", headers=seller.headers)).json()
    assert detail["status"] == "awaiting_reply"


async def test_a_note_key_used_on_another_case_is_refused(
    client: httpx.AsyncClient, seller: SellerFixture
) -> None:
    a, b = await _message_case(client, seller), await _message_case(client, seller)
    key = _keyed(seller, f"k-{uuid.uuid4().hex}")
    note = {"author": "li", "body": "Called the buyer"}
    assert (await client.post(f"/v1/cases/{a['id']}/notes", headers=key, json=note)).status_code == 201
    reused = await client.post(f"/v1/cases/{b['id']}/notes", headers=key, json=note)
    assert reused.status_code == 409 and reused.json()["type"] == "/problems/idempotency-key-reused"
    assert (await client.get(f"/v1/cases/{b['id']}", headers=seller.headers)).json()["notes"] == []


async def test_a_key_is_bound_to_its_operation_and_body(
    client: httpx.AsyncClient, seller: SellerFixture
) -> None:
    case = await _message_case(client, seller)
    key = _keyed(seller, f"k-{uuid.uuid4().hex}")
    note = {"author": "li", "body": "Called the buyer"}
    assert (await client.post(f"/v1/cases/{case['id']}/notes", headers=key, json=note)).status_code == 201
    as_reply = await client.post(
        f"/v1/cases/{case['id']}/replies", headers=key, json={"agent": "li", "body": TEXT}
    )
    assert as_reply.status_code == 409 and as_reply.json()["type"] == "/problems/idempotency-key-reused"
    other_body = await client.post(
        f"/v1/cases/{case['id']}/notes", headers=key, json={"author": "li", "body": "Something else"}
    )
    assert other_body.status_code == 409
    detail = (await client.get(f"/v1/cases/{case['id']}", headers=seller.headers)).json()
    assert [n["body"] for n in detail["notes"]] == ["Called the buyer"]
    assert detail["status"] == "awaiting_reply"


async def test_a_repeat_replays_the_first_answer(
    client: httpx.AsyncClient, seller: SellerFixture, clock: SettableClock
) -> None:
    case = await _message_case(client, seller)
    key = _keyed(seller, f"k-{uuid.uuid4().hex}")
    first = await client.post(
        f"/v1/cases/{case['id']}/replies", headers=key, json={"agent": "li", "body": TEXT}
    )
    clock.set(clock.now() + hours(2))
    await client.post(
        f"/v1/cases/{case['id']}/assign", headers=seller.headers, json={"assignee": "returns-team"}
    )
    again = await client.post(
        f"/v1/cases/{case['id']}/replies", headers=key, json={"agent": "li", "body": TEXT}
    )
    assert again.status_code == 200 and again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json(), "the first answer, not the case as it is now"
    assert len(await _sent_on(client, seller, case)) == 1


async def test_keys_of_two_sellers_do_not_meet(client: httpx.AsyncClient, make_seller) -> None:  # type: ignore[no-untyped-def]
    mine, theirs = await make_seller(), await make_seller(name="Other")
    key = f"k-{uuid.uuid4().hex}"
    for seller in (mine, theirs):
        case = await _message_case(client, seller)
        sent = await client.post(
            f"/v1/cases/{case['id']}/replies", headers=_keyed(seller, key), json={"agent": "li", "body": TEXT}
        )
        assert sent.status_code == 201 and "idempotent-replayed" not in sent.headers


async def test_an_expired_key_may_be_used_again(
    client: httpx.AsyncClient, seller: SellerFixture, clock: SettableClock
) -> None:
    a, b = await _message_case(client, seller), await _message_case(client, seller)
    key = _keyed(seller, f"k-{uuid.uuid4().hex}")
    reply = {"agent": "li", "body": TEXT}
    assert (await client.post(f"/v1/cases/{a['id']}/replies", headers=key, json=reply)).status_code == 201
    clock.set(clock.now() + hours(23))
    assert (await client.post(f"/v1/cases/{b['id']}/replies", headers=key, json=reply)).status_code == 409
    clock.set(clock.now() + hours(1.01))
    again = await client.post(f"/v1/cases/{b['id']}/replies", headers=key, json=reply)
    assert again.status_code == 201, again.text
    assert "idempotent-replayed" not in again.headers
    assert len(await _sent_on(client, seller, b)) == 1


async def test_a_malformed_key_is_refused(client: httpx.AsyncClient, seller: SellerFixture) -> None:
    case = await _message_case(client, seller)
    bad = await client.post(
        f"/v1/cases/{case['id']}/notes",
        headers=_keyed(seller, "has spaces; and a semicolon"),
        json={"author": "li", "body": "x"},
    )
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "header.idempotency-key"


async def test_concurrent_replies_with_one_key_send_once(
    client: httpx.AsyncClient, seller: SellerFixture
) -> None:
    case = await _message_case(client, seller)
    key = _keyed(seller, f"k-{uuid.uuid4().hex}")
    answers = await asyncio.gather(
        *(
            client.post(f"/v1/cases/{case['id']}/replies", headers=key, json={"agent": "li", "body": TEXT})
            for _ in range(5)
        )
    )
    assert sorted(a.status_code for a in answers) == [200] * 4 + [201]
    assert len({a.json()["send_request_id"] for a in answers}) == 1
    assert len(await _sent_on(client, seller, case)) == 1
