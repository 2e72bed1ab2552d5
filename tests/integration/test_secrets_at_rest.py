"""Producer and endpoint secrets at rest: sealed in the database when a key is set (as the test
settings set one), still verifying and signing; plaintext rows from before keep working and are
sealed by `aftersales secrets seal`; without a key they are stored as they are."""

import json
import uuid
from collections.abc import Iterator

import httpx
import pytest
from cryptography.fernet import Fernet
from pydantic import SecretStr
from sqlalchemy import text

from services.core.kit import sealed
from services.core.kit.config import Settings
from services.core.kit.db import transaction
from services.core.models import WebhookEndpoint
from services.core.sellers.secrets import reseal
from tests.conftest import SellerFixture
from tests.factories import event, new_order_id
from tests.integration.test_producers import producer, standard_headers


async def _stored(sessions, table: str, row_id: str) -> tuple[str, str | None]:  # type: ignore[no-untyped-def]
    async with transaction(sessions) as session:
        row = (
            await session.execute(
                text(f"SELECT secret, previous_secret FROM {table} WHERE id = :id"), {"id": uuid.UUID(row_id)}
            )
        ).one()
    return row.secret, row.previous_secret


async def _deliver(client: httpx.AsyncClient, made: dict, secret: str) -> httpx.Response:  # type: ignore[type-arg]
    body = json.dumps(event("message.received", new_order_id(), thread_id="t1"))
    headers = standard_headers(secret, body, f"msg_{uuid.uuid4().hex}")
    return await client.post(made["url"], content=body, headers=headers)


@pytest.fixture
def keys(settings: Settings) -> Iterator[None]:
    """Lets a test change the process's secrets key; puts the suite's key back after it."""
    yield
    sealed.configure(settings.secrets_key)


async def test_producer_secrets_are_sealed_and_still_verify(
    client: httpx.AsyncClient, seller: SellerFixture, sessions
) -> None:  # type: ignore[no-untyped-def]
    made = await producer(client, seller, "standard")
    secret, _ = await _stored(sessions, "producers", made["id"])
    assert secret.startswith(sealed.PREFIX) and made["secret"] not in secret
    assert (await _deliver(client, made, made["secret"])).status_code == 201
    rotated = await client.post(
        f"/v1/producers/{made['id']}/rotate-secret", headers=seller.headers, json={"overlap_hours": 1}
    )
    secret, previous = await _stored(sessions, "producers", made["id"])
    assert previous is not None and previous.startswith(sealed.PREFIX) and secret.startswith(sealed.PREFIX)
    assert (await _deliver(client, made, made["secret"])).status_code == 201, "the old one, in the overlap"
    assert (await _deliver(client, made, rotated.json()["secret"])).status_code == 201


async def test_endpoint_secrets_are_sealed_and_open_to_sign(
    client: httpx.AsyncClient, seller: SellerFixture, sessions
) -> None:  # type: ignore[no-untyped-def]
    made = await client.post(
        "/v1/webhook-endpoints", headers=seller.headers, json={"url": "https://ops.example.com/hook"}
    )
    endpoint = made.json()
    secret, _ = await _stored(sessions, "webhook_endpoints", endpoint["id"])
    assert secret.startswith(sealed.PREFIX) and endpoint["secret"] not in secret
    async with transaction(sessions) as session:
        loaded = await session.get(WebhookEndpoint, uuid.UUID(endpoint["id"]))
        assert loaded is not None and loaded.secret == endpoint["secret"], "what the worker signs with"


async def test_a_plaintext_secret_from_before_works_and_is_sealed_by_the_seal_command(
    client: httpx.AsyncClient, seller: SellerFixture, sessions
) -> None:  # type: ignore[no-untyped-def]
    made = await producer(client, seller, "standard")
    old = "whsec_" + "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"  # as a row written before keys existed
    async with transaction(sessions) as session:
        await session.execute(
            text("UPDATE producers SET secret = :s WHERE id = :id"), {"s": old, "id": uuid.UUID(made["id"])}
        )
    assert (await _deliver(client, made, old)).status_code == 201
    async with transaction(sessions) as session:
        done = await reseal(session)
    assert done.producers >= 1
    secret, _ = await _stored(sessions, "producers", made["id"])
    assert secret.startswith(sealed.PREFIX) and old not in secret
    assert (await _deliver(client, made, old)).status_code == 201


async def test_a_new_key_first_opens_old_rows_and_seal_moves_them(
    client: httpx.AsyncClient, seller: SellerFixture, sessions, settings: Settings, keys: None
) -> None:  # type: ignore[no-untyped-def]
    made = await producer(client, seller, "standard")
    assert settings.secrets_key is not None
    new = Fernet.generate_key().decode()
    sealed.configure(SecretStr(f"{new},{settings.secrets_key.get_secret_value()}"))
    assert (await _deliver(client, made, made["secret"])).status_code == 201
    async with transaction(sessions) as session:
        await reseal(session)
    secret, _ = await _stored(sessions, "producers", made["id"])
    assert sealed.Sealer(new).open(secret) == made["secret"]


async def test_without_a_key_secrets_are_stored_as_they_are_and_sealed_ones_are_a_clear_503(
    client: httpx.AsyncClient, seller: SellerFixture, sessions, keys: None
) -> None:  # type: ignore[no-untyped-def]
    sealed_one = await producer(client, seller, "standard")
    sealed.configure(None)
    plain = await producer(client, seller, "standard")
    assert await _stored(sessions, "producers", plain["id"]) == (plain["secret"], None)
    assert (await _deliver(client, plain, plain["secret"])).status_code == 201
    refused = await _deliver(client, sealed_one, sealed_one["secret"])
    assert refused.status_code == 503 and refused.json()["type"] == "/problems/secrets-unreadable"
    assert "AFTERSALES_SECRETS_KEY" in refused.json()["detail"]
