"""The seller's policy: versioned, and a new version applies to new clocks only."""

import asyncio
import json

import httpx
from sqlalchemy import text

from services.workers.context import WorkerContext
from tests.conftest import SellerFixture
from tests.factories import event, hours, new_order_id


async def test_defaults_are_version_one(client: httpx.AsyncClient, seller: SellerFixture) -> None:
    body = (await client.get("/v1/policy", headers=seller.headers)).json()
    assert body["version"] == 1
    assert body["policy"]["clocks"]["message.reply"]["hours"] == 24
    assert body["policy"]["clocks"]["return.ship"]["hours"] == 720
    assert body["policy"]["warning_percents"] == [50, 75, 90]


async def test_new_version_applies_to_new_clocks_only(
    client: httpx.AsyncClient, seller: SellerFixture
) -> None:
    old_order, new_order = new_order_id(), new_order_id()
    before = (
        await client.post("/v1/events", headers=seller.headers, json=event("message.received", old_order))
    ).json()

    policy = (await client.get("/v1/policy", headers=seller.headers)).json()["policy"]
    policy["clocks"]["message.reply"] = {"hours": 12, "warning_percents": [80]}
    saved = await client.put("/v1/policy", headers=seller.headers, json=policy)
    assert saved.status_code == 200 and saved.json()["version"] == 2 and saved.json()["changed"]

    after = (
        await client.post("/v1/events", headers=seller.headers, json=event("message.received", new_order))
    ).json()
    new_clock = after["cases"][0]["clocks"][0]
    assert new_clock["policy_version"] == 2
    assert "policy v2: 12 h" in new_clock["explanation"]
    assert len(new_clock["warnings_at"]) == 1

    # The running clock keeps the version it started under, even when its case moves.
    again = (
        await client.post(
            "/v1/events", headers=seller.headers, json=event("message.received", old_order, hours(1))
        )
    ).json()
    old_clock = again["cases"][0]["clocks"][0]
    assert (
        old_clock["policy_version"] == 1 and old_clock["due_at"] == before["cases"][0]["clocks"][0]["due_at"]
    )


async def test_saving_the_same_policy_twice_makes_one_version(
    client: httpx.AsyncClient, seller: SellerFixture
) -> None:
    policy = {"warning_percents": [60, 90]}
    first = (await client.put("/v1/policy", headers=seller.headers, json=policy)).json()
    second = (await client.put("/v1/policy", headers=seller.headers, json=policy)).json()
    assert (first["version"], first["changed"]) == (2, True)
    assert (second["version"], second["changed"]) == (2, False)


async def test_concurrent_saves_never_share_a_version(
    client: httpx.AsyncClient, seller: SellerFixture
) -> None:
    bodies = [{"warning_percents": [p]} for p in (10, 20, 30, 40)]
    responses = await asyncio.gather(
        *(client.put("/v1/policy", headers=seller.headers, json=b) for b in bodies)
    )
    codes = sorted(r.status_code for r in responses)
    assert set(codes) <= {200, 409} and 200 in codes
    versions = [r.json()["version"] for r in responses if r.status_code == 200]
    assert len(versions) == len(set(versions))


async def test_bad_policies_are_refused(client: httpx.AsyncClient, seller: SellerFixture) -> None:
    cases = [
        ({"clocks": {"message.forever": {"hours": 1}}}, "body.clocks.message.forever.[key]"),
        ({"clocks": {"message.reply": {"hours": 0}}}, "body.clocks.message.reply.hours"),
        ({"warning_percents": [150]}, "body.warning_percents[0]"),
        ({"surprise": True}, "body.surprise"),
    ]
    for body, field in cases:
        response = await client.put("/v1/policy", headers=seller.headers, json=body)
        assert response.status_code == 422, body
        assert field in {e["field"] for e in response.json()["errors"]}, response.json()["errors"]
    assert (await client.get("/v1/policy", headers=seller.headers)).json()["version"] == 1


async def test_changing_policy_needs_admin(client: httpx.AsyncClient, make_seller) -> None:  # type: ignore[no-untyped-def]
    writer = await make_seller(scopes=["cases:read", "cases:write"])
    assert (await client.get("/v1/policy", headers=writer.headers)).status_code == 200
    response = await client.put("/v1/policy", headers=writer.headers, json={})
    assert response.status_code == 403


async def test_a_restored_database_is_read_for_what_its_version_says(
    client: httpx.AsyncClient, seller: SellerFixture, worker_ctx: dict[str, object]
) -> None:
    policy = (await client.get("/v1/policy", headers=seller.headers)).json()["policy"]
    policy["clocks"]["message.reply"] = {"hours": 12, "warning_percents": [80]}
    assert (await client.put("/v1/policy", headers=seller.headers, json=policy)).json()["version"] == 2
    first = (
        await client.post(
            "/v1/events", headers=seller.headers, json=event("message.received", new_order_id())
        )
    ).json()
    assert "policy v2: 12 h" in first["cases"][0]["clocks"][0]["explanation"]

    # A restore from before that save, then another save: version 2 now says 6 hours.
    policy["clocks"]["message.reply"] = {"hours": 6, "warning_percents": [80]}
    async with WorkerContext.of(worker_ctx).sessions() as session, session.begin():
        await session.execute(
            text(
                "UPDATE policy_versions SET document = CAST(:document AS jsonb) WHERE seller_id = :seller AND version = 2"
            ),
            {"document": json.dumps(policy), "seller": seller.id},
        )
    second = (
        await client.post(
            "/v1/events", headers=seller.headers, json=event("message.received", new_order_id())
        )
    ).json()
    assert "policy v2: 6 h" in second["cases"][0]["clocks"][0]["explanation"]
