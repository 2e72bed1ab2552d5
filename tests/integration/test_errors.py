"""Bad input of every shape gets a problem document that says what to fix, never a 500."""

import json

import httpx

from tests.conftest import SellerFixture


def assert_problem(response: httpx.Response, status: int) -> dict:  # type: ignore[type-arg]
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status and body["title"] and body["type"].startswith("/problems/")
    assert body["request_id"] == response.headers["x-request-id"]
    return body  # type: ignore[no-any-return]


async def test_unknown_route_is_a_problem(client: httpx.AsyncClient) -> None:
    body = assert_problem(await client.get("/v1/nothing-here"), 404)
    assert "GET /v1/nothing-here" in body["detail"]


async def test_wrong_method_is_a_problem(client: httpx.AsyncClient) -> None:
    assert_problem(await client.put("/healthz"), 405)


async def test_malformed_json_names_the_problem(client: httpx.AsyncClient, seller: SellerFixture) -> None:
    response = await client.post(
        "/v1/api-keys",
        headers={**seller.headers, "content-type": "application/json"},
        content=b'{"scopes": ["cases:read"',
    )
    body = assert_problem(response, 422)
    assert body["errors"][0]["type"] == "json_invalid"


async def test_wrong_types_name_each_field(client: httpx.AsyncClient, seller: SellerFixture) -> None:
    response = await client.post(
        "/v1/api-keys", headers=seller.headers, json={"name": 12, "scopes": "cases:read"}
    )
    body = assert_problem(response, 422)
    assert {e["field"] for e in body["errors"]} == {"body.name", "body.scopes"}


async def test_missing_body_field(client: httpx.AsyncClient, seller: SellerFixture) -> None:
    body = assert_problem(await client.post("/v1/api-keys", headers=seller.headers, json={}), 422)
    assert body["errors"] == [{"field": "body.scopes", "message": "Field required", "type": "missing"}]


async def test_bad_path_id_is_422_not_500(client: httpx.AsyncClient, seller: SellerFixture) -> None:
    body = assert_problem(await client.delete("/v1/api-keys/not-a-uuid", headers=seller.headers), 422)
    assert body["errors"][0]["field"] == "path.key_id"


async def test_huge_body_with_length_is_413(
    client: httpx.AsyncClient, seller: SellerFixture, settings
) -> None:  # type: ignore[no-untyped-def]
    payload = json.dumps({"scopes": ["cases:read"], "name": "x" * settings.max_body_bytes})
    response = await client.post(
        "/v1/api-keys", headers={**seller.headers, "content-type": "application/json"}, content=payload
    )
    assert_problem(response, 413)
    assert len((await client.get("/v1/api-keys", headers=seller.headers)).json()) == 1


async def test_huge_chunked_body_is_413(client: httpx.AsyncClient, seller: SellerFixture, settings) -> None:  # type: ignore[no-untyped-def]
    chunk = b" " * 65536

    async def stream():  # type: ignore[no-untyped-def]
        yield b'{"scopes": ["cases:read"], "name": "'
        for _ in range(settings.max_body_bytes // len(chunk) + 2):
            yield chunk
        yield b'"}'

    response = await client.post(
        "/v1/api-keys", headers={**seller.headers, "content-type": "application/json"}, content=stream()
    )
    assert_problem(response, 413)


async def test_request_id_is_echoed_or_made(client: httpx.AsyncClient) -> None:
    given = await client.get("/healthz", headers={"X-Request-ID": "ops-run-42"})
    assert given.headers["x-request-id"] == "ops-run-42"
    made = await client.get("/healthz", headers={"X-Request-ID": "bad id with spaces"})
    assert made.headers["x-request-id"] != "bad id with spaces"
    assert len(made.headers["x-request-id"]) == 32
