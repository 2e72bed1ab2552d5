"""The caller's account, API keys and scopes, as a seller's engineer meets them over HTTP."""

import httpx

from tests.conftest import SellerFixture


async def test_get_seller_returns_the_callers_account(
    client: httpx.AsyncClient, seller: SellerFixture
) -> None:
    response = await client.get("/v1/seller", headers=seller.headers)
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == str(seller.id)
    assert body["marketplaces"] == ["DE", "US"]


async def test_no_key_is_401_with_a_bearer_challenge(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/seller")
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["www-authenticate"] == "Bearer"
    assert "Authorization: Bearer" in response.json()["detail"]


async def test_wrong_key_is_401(client: httpx.AsyncClient, seller: SellerFixture) -> None:
    for bad in (seller.key + "x", "as_nothing", "not-even-our-format"):
        response = await client.get("/v1/seller", headers={"Authorization": f"Bearer {bad}"})
        assert response.status_code == 401, bad
        assert response.json()["type"] == "/problems/unauthenticated"


async def test_missing_scope_is_403_naming_the_scope(client: httpx.AsyncClient, make_seller) -> None:  # type: ignore[no-untyped-def]
    reader = await make_seller(scopes=["cases:read"])
    response = await client.get("/v1/api-keys", headers=reader.headers)
    assert response.status_code == 403
    assert response.json()["missing_scopes"] == ["admin"]
    # The same key still reads its own account: no scope is needed for that.
    assert (await client.get("/v1/seller", headers=reader.headers)).status_code == 200


async def test_key_lifecycle_create_use_revoke(client: httpx.AsyncClient, seller: SellerFixture) -> None:
    created = await client.post(
        "/v1/api-keys", headers=seller.headers, json={"name": "helpdesk", "scopes": ["events:write"]}
    )
    assert created.status_code == 201
    new = created.json()
    assert new["key"].startswith("as_") and new["prefix"] == new["key"][:10]
    new_headers = {"Authorization": f"Bearer {new['key']}"}
    assert (await client.get("/v1/seller", headers=new_headers)).status_code == 200

    listed = (await client.get("/v1/api-keys", headers=seller.headers)).json()
    assert {k["name"] for k in listed} == {"default", "helpdesk"}
    assert all("key" not in k for k in listed), "a listing never shows a key again"

    for _ in range(2):  # revoking twice is the same as revoking once
        revoked = await client.delete(f"/v1/api-keys/{new['id']}", headers=seller.headers)
        assert revoked.status_code == 204
    assert (await client.get("/v1/seller", headers=new_headers)).status_code == 401


async def test_another_sellers_key_is_404_and_stays_alive(
    client: httpx.AsyncClient,
    make_seller,  # type: ignore[no-untyped-def]
) -> None:
    mine, theirs = await make_seller(), await make_seller(name="Other Shop")
    their_keys = (await client.get("/v1/api-keys", headers=theirs.headers)).json()
    response = await client.delete(f"/v1/api-keys/{their_keys[0]['id']}", headers=mine.headers)
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert (await client.get("/v1/seller", headers=theirs.headers)).status_code == 200


async def test_unknown_scope_is_refused_and_nothing_is_created(
    client: httpx.AsyncClient, seller: SellerFixture
) -> None:
    response = await client.post("/v1/api-keys", headers=seller.headers, json={"scopes": ["root"]})
    assert response.status_code == 422
    assert "root" in response.json()["detail"]
    assert len((await client.get("/v1/api-keys", headers=seller.headers)).json()) == 1


async def test_update_seller_validates_marketplaces(client: httpx.AsyncClient, seller: SellerFixture) -> None:
    bad = await client.patch("/v1/seller", headers=seller.headers, json={"marketplaces": ["US", "XX"]})
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "body.marketplaces[1]"
    assert (await client.get("/v1/seller", headers=seller.headers)).json()["marketplaces"] == ["DE", "US"]

    good = await client.patch("/v1/seller", headers=seller.headers, json={"marketplaces": ["gb", "JP"]})
    assert good.status_code == 200
    assert good.json()["marketplaces"] == ["JP", "UK"]
