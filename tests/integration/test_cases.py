"""The work queue, one case, notes, assignment and the order timeline, as a support lead uses them."""

import asyncio
import os
import re
import subprocess
import sys
import uuid

import httpx

from services.core.kit.clock import SettableClock
from tests.conftest import SellerFixture, Servers
from tests.factories import event, hours, new_order_id


async def send(client: httpx.AsyncClient, seller: SellerFixture, *bodies: dict) -> list[dict]:  # type: ignore[type-arg]
    answers = []
    for body in bodies:
        response = await client.post("/v1/events", headers=seller.headers, json=body)
        assert response.status_code == 201, response.text
        answers.append(response.json())
    return answers


async def test_queue_orders_by_band_then_closest_to_breach(
    client: httpx.AsyncClient, seller: SellerFixture
) -> None:
    a, b, c, d = (new_order_id() for _ in range(4))
    await send(
        client,
        seller,
        event("message.received", a, hours(0)),  # band 4, due +24h
        event("return.requested", b, hours(5)),  # band 2, due +53h
        event("return.requested", c, hours(1)),  # band 2, due +49h
        event("cancellation.requested", d, hours(10)),  # band 1
    )
    items = (await client.get("/v1/cases", headers=seller.headers)).json()["items"]
    assert [(i["order_id"], i["band"]) for i in items] == [(d, 1), (c, 2), (b, 2), (a, 4)]


async def test_filters(client: httpx.AsyncClient, seller: SellerFixture) -> None:
    a, b = new_order_id(), new_order_id()
    await send(
        client,
        seller,
        event("message.received", a, hours(0)),
        event("return.requested", b, hours(1)),
        event("return.authorized", b, hours(2)),
    )

    async def ids(**params: object) -> list[str]:
        response = await client.get("/v1/cases", headers=seller.headers, params=params)
        assert response.status_code == 200, response.text
        return [i["order_id"] for i in response.json()["items"]]

    assert await ids(kind="return") == [b]
    assert await ids(state="authorized") == [b]
    assert await ids(state="awaiting_reply") == [a]
    assert await ids(band=4) == [a]
    assert await ids(state="closed") == []
    assert await ids(due_before="2026-01-06T10:00:00Z") == [a]
    assert sorted(await ids(assignee="")) == sorted([a, b])
    bad = await client.get("/v1/cases", headers=seller.headers, params={"kind": "ticket", "band": 9})
    assert bad.status_code == 422
    assert {e["field"] for e in bad.json()["errors"]} == {"query.kind", "query.band"}


async def test_cursor_pagination_walks_every_case_once(
    client: httpx.AsyncClient, seller: SellerFixture
) -> None:
    bodies = [event("message.received", new_order_id(), hours(i % 3)) for i in range(7)]
    await send(client, seller, *bodies)
    seen, cursor = [], None
    while True:
        params = {"limit": 3, **({"cursor": cursor} if cursor else {})}
        page = (await client.get("/v1/cases", headers=seller.headers, params=params)).json()
        seen += [i["id"] for i in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == len(set(seen)) == 7
    bad = await client.get("/v1/cases", headers=seller.headers, params={"cursor": "garbage!"})
    assert bad.status_code == 422 and "cursor" in bad.json()["detail"]


async def test_case_detail_notes_and_assignment(client: httpx.AsyncClient, seller: SellerFixture) -> None:
    order = new_order_id()
    [answer] = await send(client, seller, event("claim.opened", order, hours(0), reason="not received"))
    case_id = answer["cases"][0]["id"]
    detail = (await client.get(f"/v1/cases/{case_id}", headers=seller.headers)).json()
    assert {c["kind"] for c in detail["clocks"]} == {"claim.contact_buyer", "claim.act", "claim.decision"}
    assert detail["notes"] == []

    headers = {**seller.headers, "Idempotency-Key": "note-1"}
    first = await client.post(
        f"/v1/cases/{case_id}/notes", headers=headers, json={"author": "li", "body": "Called, no answer"}
    )
    again = await client.post(
        f"/v1/cases/{case_id}/notes", headers=headers, json={"author": "li", "body": "Called, no answer"}
    )
    assert first.status_code == 201 and again.status_code == 200
    assert again.headers["idempotent-replayed"] == "true" and again.json() == first.json()

    assigned = await client.post(
        f"/v1/cases/{case_id}/assign", headers=seller.headers, json={"assignee": "claims-team"}
    )
    assert assigned.status_code == 200
    assert assigned.json()["assignee"] == "claims-team"
    assert [n["body"] for n in assigned.json()["notes"]] == ["Called, no answer"]
    queue = (await client.get("/v1/cases", headers=seller.headers, params={"assignee": "claims-team"})).json()
    assert [i["id"] for i in queue["items"]] == [case_id]
    cleared = await client.post(
        f"/v1/cases/{case_id}/assign", headers=seller.headers, json={"assignee": None}
    )
    assert cleared.json()["assignee"] is None


async def test_concurrent_notes_with_one_key_make_one_note(
    client: httpx.AsyncClient, seller: SellerFixture
) -> None:
    [answer] = await send(client, seller, event("feedback.received", new_order_id(), rating=1))
    case_id = answer["cases"][0]["id"]
    headers = {**seller.headers, "Idempotency-Key": f"k-{uuid.uuid4()}"}
    responses = await asyncio.gather(
        *(
            client.post(f"/v1/cases/{case_id}/notes", headers=headers, json={"author": "a", "body": "b"})
            for _ in range(5)
        )
    )
    assert sorted(r.status_code for r in responses) == [200] * 4 + [201]
    detail = (await client.get(f"/v1/cases/{case_id}", headers=seller.headers)).json()
    assert len(detail["notes"]) == 1


async def test_another_sellers_case_and_order_are_404(client: httpx.AsyncClient, make_seller) -> None:  # type: ignore[no-untyped-def]
    mine, theirs = await make_seller(), await make_seller(name="Other")
    order = new_order_id()
    [answer] = await send(client, theirs, event("return.requested", order))
    their_case = answer["cases"][0]["id"]
    for method, path, body in (
        ("GET", f"/v1/cases/{their_case}", None),
        ("POST", f"/v1/cases/{their_case}/notes", {"author": "x", "body": "y"}),
        ("POST", f"/v1/cases/{their_case}/assign", {"assignee": "x"}),
        ("GET", f"/v1/orders/{order}/timeline", None),
    ):
        response = await client.request(method, path, headers=mine.headers, json=body)
        assert response.status_code == 404, (method, path)
        assert response.headers["content-type"] == "application/problem+json"
    assert (await client.get("/v1/cases", headers=mine.headers)).json()["items"] == []
    untouched = (await client.get(f"/v1/cases/{their_case}", headers=theirs.headers)).json()
    assert untouched["assignee"] is None and untouched["notes"] == []


async def test_timeline_includes_replacement_orders_in_time_order(
    client: httpx.AsyncClient, seller: SellerFixture, clock: SettableClock
) -> None:
    order = new_order_id()
    replacement = f"R-{order}"
    await send(
        client,
        seller,
        event("order.upserted", order, hours(0), buyer_name="Ana", currency="USD"),
        event("message.received", order, hours(1), thread_id="t"),
        event("order.upserted", replacement, hours(3), replacement_of=order),
        event("message.sent", order, hours(2), thread_id="t", author="agent"),
    )
    [answer] = await send(client, seller, event("return.requested", replacement, hours(4)))
    clock.advance(hours(5))
    await client.post(
        f"/v1/cases/{answer['cases'][0]['id']}/notes",
        headers=seller.headers,
        json={"author": "li", "body": "reship sent"},
    )
    timeline = (await client.get(f"/v1/orders/{order}/timeline", headers=seller.headers)).json()
    assert timeline["replacement_orders"] == [replacement]
    entries = [
        (e["entry"], e.get("type") or e.get("clock_kind") or e.get("case_kind"), e["order_id"])
        for e in timeline["entries"]
    ]
    assert entries[:8] == [
        ("event", "order.upserted", order),
        ("event", "message.received", order),
        ("case.opened", "message", order),
        ("clock.started", "message.reply", order),
        ("event", "message.sent", order),
        ("case.closed", "message", order),
        ("clock.met", "message.reply", order),
        ("event", "order.upserted", replacement),
    ]
    assert entries[-1][0] == "note"
    times = [e["at"] for e in timeline["entries"]]
    assert times == sorted(times)


async def test_demo_seller_has_a_live_queue(client: httpx.AsyncClient, sessions) -> None:  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime

    from services.core.kit.db import transaction
    from services.core.sellers import demo

    async with transaction(sessions) as session:
        issued = await demo.create(session, datetime.now(UTC))
    headers = {"Authorization": f"Bearer {issued.secret}"}
    items = (await client.get("/v1/cases", headers=headers)).json()["items"]
    assert [i["kind"] for i in items] == ["cancellation", "return", "claim", "message", "feedback"]


async def test_the_demo_command_prints_a_curl_that_works(client: httpx.AsyncClient, servers: Servers) -> None:
    env = {
        **os.environ,
        "AFTERSALES_DATABASE_URL": servers.database_url,
        "AFTERSALES_REDIS_URL": servers.redis_url,
        "AFTERSALES_PORT": "8765",
    }
    printed = await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "services.cli", "demo"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "curl -s http://127.0.0.1:8765/v1/cases" in printed.stdout, (
        "the URL the API listens on, not a fixed one"
    )
    assert "http://127.0.0.1:8765/console" in printed.stdout, "and where people sign in"
    key = re.search(r"AFTERSALES_KEY=(\S+)", printed.stdout)
    assert key is not None
    cases = await client.get("/v1/cases", headers={"Authorization": f"Bearer {key.group(1)}"})
    assert len(cases.json()["items"]) == 5
