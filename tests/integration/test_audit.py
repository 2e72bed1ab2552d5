"""The audit log as an account's admin reads it: each admin action once, who asked, when, and
what it changed; never a secret; paged with a cursor; each seller sees only its own."""

import httpx

from services.core.kit.clock import SettableClock
from tests.conftest import SellerFixture
from tests.factories import event, hours, new_order_id

DIRTY = "Hello, if you close the A-to-z claim we will refund you at once."


async def _log(client: httpx.AsyncClient, seller: SellerFixture, **params: object) -> list[dict]:  # type: ignore[type-arg]
    response = await client.get("/v1/audit-log", headers=seller.headers, params=params)
    assert response.status_code == 200, response.text
    return response.json()["items"]  # type: ignore[no-any-return]


async def _own_key_id(client: httpx.AsyncClient, seller: SellerFixture) -> str:
    keys = (await client.get("/v1/api-keys", headers=seller.headers)).json()
    return keys[0]["id"]  # type: ignore[no-any-return]


async def test_admin_actions_are_logged_with_who_when_before_and_after(
    client: httpx.AsyncClient, seller: SellerFixture, clock: SettableClock
) -> None:
    me = await _own_key_id(client, seller)
    made = await client.post(
        "/v1/api-keys", headers=seller.headers, json={"name": "hd", "scopes": ["events:write"]}
    )
    clock.set(clock.now() + hours(1))
    await client.delete(f"/v1/api-keys/{made.json()['id']}", headers=seller.headers)
    await client.put("/v1/policy", headers=seller.headers, json={"clocks": {"message.reply": {"hours": 12}}})
    await client.patch("/v1/seller", headers=seller.headers, json={"name": "Renamed Shop"})
    endpoint = (
        await client.post(
            "/v1/webhook-endpoints", headers=seller.headers, json={"url": "https://ops.example.com/hook"}
        )
    ).json()
    rotated = await client.post(
        f"/v1/webhook-endpoints/{endpoint['id']}/rotate-secret",
        headers=seller.headers,
        json={"overlap_hours": 2},
    )
    await client.delete(f"/v1/webhook-endpoints/{endpoint['id']}", headers=seller.headers)
    await client.post(f"/v1/webhook-endpoints/{endpoint['id']}/enable", headers=seller.headers)
    producer = (
        await client.post(
            "/v1/producers",
            headers=seller.headers,
            json={"kind": "helpscout", "name": "HS", "marketplace": "US"},
        )
    ).json()
    await client.post(f"/v1/producers/{producer['id']}/rotate-secret", headers=seller.headers, json={})
    await client.delete(f"/v1/producers/{producer['id']}", headers=seller.headers)

    logged = await _log(client, seller, limit=200)
    # The fixture's own key was made as on the command line: no key, and the database's time
    # rather than the test's clock.
    [cli] = [e for e in logged if e["actor_key_id"] is None]
    assert cli["action"] == "api_key.created"
    entries = [e for e in logged if e is not cli]
    assert [e["action"] for e in entries] == [
        "producer.disabled",
        "producer.rotated",
        "producer.created",
        "webhook_endpoint.enabled",
        "webhook_endpoint.disabled",
        "webhook_endpoint.rotated",
        "webhook_endpoint.created",
        "seller.updated",
        "policy.changed",
        "api_key.revoked",
        "api_key.created",
    ]
    assert {e["actor_key_id"] for e in entries} == {me}
    by_action = {e["action"]: e for e in entries}
    revoked = by_action["api_key.revoked"]
    assert revoked["target_id"] == made.json()["id"] and revoked["at"] == clock.now().isoformat().replace(
        "+00:00", "Z"
    )
    assert revoked["before"]["revoked_at"] is None and revoked["after"]["revoked_at"] is not None
    policy = by_action["policy.changed"]
    assert (policy["before"]["version"], policy["after"]["version"]) == (1, 2)
    assert policy["after"]["policy"]["clocks"]["message.reply"]["hours"] == 12
    assert by_action["seller.updated"]["before"]["name"] == "Test Shop"
    assert by_action["seller.updated"]["after"]["name"] == "Renamed Shop"
    assert by_action["webhook_endpoint.rotated"]["after"]["previous_secret_until"] is not None
    text = str(logged)
    for secret in (made.json()["key"], endpoint["secret"], rotated.json()["secret"], producer["secret"]):
        assert secret not in text, "the log never holds a secret"


async def test_a_repeat_that_changes_nothing_is_not_logged(
    client: httpx.AsyncClient, seller: SellerFixture
) -> None:
    made = (await client.post("/v1/api-keys", headers=seller.headers, json={"scopes": ["cases:read"]})).json()
    for _ in range(2):
        await client.delete(f"/v1/api-keys/{made['id']}", headers=seller.headers)
        await client.put("/v1/policy", headers=seller.headers, json={"warning_percents": [50, 80]})
        await client.patch("/v1/seller", headers=seller.headers, json={"marketplaces": ["US"]})
    refused = await client.post("/v1/api-keys", headers=seller.headers, json={"scopes": ["root"]})
    assert refused.status_code == 422
    actions = [e["action"] for e in await _log(client, seller) if e["actor_key_id"] is not None]
    assert actions == ["seller.updated", "policy.changed", "api_key.revoked", "api_key.created"]


async def test_a_reply_over_the_compliance_check_is_logged(
    client: httpx.AsyncClient, seller: SellerFixture
) -> None:
    order = new_order_id()
    opened = await client.post(
        "/v1/events", headers=seller.headers, json=event("message.received", order, hours(0), thread_id="T")
    )
    case = opened.json()["cases"][0]
    sent = await client.post(
        f"/v1/cases/{case['id']}/replies",
        headers=seller.headers,
        json={"agent": "li", "body": DIRTY, "override": {"reason": "Buyer asked in writing"}},
    )
    assert sent.status_code == 201, sent.text
    [entry] = await _log(client, seller, action="reply.override")
    assert entry["target_type"] == "case" and entry["target_id"] == case["id"]
    assert entry["after"]["reason"] == "Buyer asked in writing" and "inducement" in entry["after"]["rules"]
    assert entry["after"]["reply_id"] == sent.json()["reply_id"] and entry["after"]["agent"] == "li"


async def test_the_log_pages_with_a_cursor(client: httpx.AsyncClient, seller: SellerFixture) -> None:
    for n in range(5):
        await client.post(
            "/v1/api-keys", headers=seller.headers, json={"name": f"k{n}", "scopes": ["cases:read"]}
        )
    seen: list[str] = []
    cursor = None
    while True:
        params: dict[str, object] = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = (await client.get("/v1/audit-log", headers=seller.headers, params=params)).json()
        seen += [e["id"] for e in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == len(set(seen)) == 6
    again = await client.get("/v1/audit-log", headers=seller.headers, params={"limit": 2})
    assert [e["id"] for e in again.json()["items"]] == seen[:2], "a repeat reads the same page"


async def test_bad_input_is_refused(client: httpx.AsyncClient, seller: SellerFixture) -> None:
    for params in ({"cursor": "garbage!"}, {"limit": 0}, {"limit": 201}, {"action": "everything"}):
        response = await client.get("/v1/audit-log", headers=seller.headers, params=params)
        assert response.status_code == 422, params
        assert response.json()["type"] == "/problems/validation"


async def test_each_seller_sees_only_its_own_and_only_with_admin(
    client: httpx.AsyncClient, make_seller
) -> None:  # type: ignore[no-untyped-def]
    mine, theirs = await make_seller(), await make_seller(name="Other")
    await client.post(
        "/v1/api-keys", headers=theirs.headers, json={"name": "theirs", "scopes": ["cases:read"]}
    )
    assert [e["action"] for e in await _log(client, mine)] == ["api_key.created"]
    assert len(await _log(client, theirs)) == 2
    reader = await make_seller(scopes=["cases:read"])
    refused = await client.get("/v1/audit-log", headers=reader.headers)
    assert refused.status_code == 403 and refused.json()["missing_scopes"] == ["admin"]
