"""One seller's broken data stops no other seller's work: the clock sweep, the health
snapshots and the deliveries fire, store and send everyone else's, and put the broken one off."""

import uuid
from typing import Any

import httpx
from cryptography.fernet import Fernet
from sqlalchemy import select, text

from services.core.clocks.sweep import RETRY_FAILED
from services.core.kit import sealed
from services.core.kit.clock import SettableClock
from services.core.kit.db import transaction
from services.core.models import ClockBookmark, ClockFiring, HealthSnapshot
from services.workers.account_health import snapshot_health
from services.workers.clocks import sweep_clocks
from services.workers.context import WorkerContext
from services.workers.deliveries import deliver_due
from tests.conftest import START, SellerFixture
from tests.factories import event, hours, new_order_id
from tests.receiver import Receiver

# A policy version no release of ours can read, as a row restored from elsewhere could be.
_BREAK_POLICY = text("""
    INSERT INTO policy_versions (id, seller_id, version, document)
    SELECT gen_random_uuid(), seller_id, version + 1, jsonb_set(document, '{escalations}', '"broken"')
    FROM policy_versions WHERE seller_id = :seller_id ORDER BY version DESC LIMIT 1
""")
_MEND_POLICY = text("""
    DELETE FROM policy_versions WHERE seller_id = :seller_id
      AND version = (SELECT max(version) FROM policy_versions WHERE seller_id = :seller_id)
""")


async def _reply_clock(client: httpx.AsyncClient, seller: SellerFixture) -> uuid.UUID:
    answer = await client.post(
        "/v1/events", headers=seller.headers, json=event("message.received", new_order_id())
    )
    assert answer.status_code == 201, answer.text
    return uuid.UUID(answer.json()["cases"][0]["clocks"][0]["id"])


async def test_one_sellers_unreadable_policy_stops_no_other_sellers_clocks_or_snapshots(
    client: httpx.AsyncClient,
    make_seller,  # type: ignore[no-untyped-def]
    clock: SettableClock,
    worker_ctx: dict[str, Any],
) -> None:
    seller, broken = await make_seller(), await make_seller(name="Broken Policy")
    fine, stuck = await _reply_clock(client, seller), await _reply_clock(client, broken)
    sessions = WorkerContext.of(worker_ctx).sessions
    async with transaction(sessions) as session:
        await session.execute(_BREAK_POLICY, {"seller_id": broken.id})
    clock.set(START + hours(13))
    try:
        await sweep_clocks(worker_ctx)
        await snapshot_health(worker_ctx)
    finally:
        async with transaction(sessions) as session:
            await session.execute(_MEND_POLICY, {"seller_id": broken.id})

    async with transaction(sessions) as session:
        fired = set(
            await session.scalars(select(ClockFiring.clock_id).where(ClockFiring.clock_id.in_([fine, stuck])))
        )
        put_off = await session.scalar(
            select(ClockBookmark.next_fire_at).where(ClockBookmark.clock_id == stuck)
        )
        stored = set(
            await session.scalars(
                select(HealthSnapshot.seller_id).where(HealthSnapshot.seller_id.in_([seller.id, broken.id]))
            )
        )
    assert fired == {fine}, "the fine seller's 50 % warning fired; the broken one's did not"
    assert put_off == START + hours(13) + RETRY_FAILED, "the broken one is put off, not retried every batch"
    assert stored == {seller.id}


async def test_an_endpoint_whose_secret_cannot_be_opened_stops_no_other_delivery(
    client: httpx.AsyncClient,
    make_seller,  # type: ignore[no-untyped-def]
    worker_ctx: dict[str, Any],
) -> None:
    seller, broken = await make_seller(), await make_seller(name="Lost Key")
    async with Receiver() as receiver:
        for who in (seller, broken):
            endpoint = {"url": receiver.url, "event_types": ["case.opened"]}
            made = await client.post("/v1/webhook-endpoints", headers=who.headers, json=endpoint)
            assert made.status_code == 201, made.text
        sessions = WorkerContext.of(worker_ctx).sessions
        async with transaction(sessions) as session:
            # Sealed with a key this process does not hold, as after a key was lost.
            lost = sealed.Sealer(Fernet.generate_key().decode()).seal("whsec_" + "A" * 32)
            # Written as stored, past the column type that would seal it once more.
            await session.execute(
                text("UPDATE webhook_endpoints SET secret = :lost WHERE seller_id = :seller_id"),
                {"lost": lost, "seller_id": broken.id},
            )
        try:
            for who in (seller, broken):
                await client.post(
                    "/v1/events", headers=who.headers, json=event("message.received", new_order_id())
                )
            await deliver_due(worker_ctx)
        finally:
            # Other tests read every endpoint (the seal command): leave this one readable.
            async with transaction(sessions) as session:
                await session.execute(
                    text("UPDATE webhook_endpoints SET secret = :mended WHERE seller_id = :seller_id"),
                    {"mended": sealed.current().seal("whsec_" + "A" * 32), "seller_id": broken.id},
                )
        assert len(receiver.received) == 1, "the other seller's delivery went out"
    [refused] = (await client.get("/v1/deliveries", headers=broken.headers)).json()["items"]
    assert refused["state"] == "pending" and "AFTERSALES_SECRETS_KEY" in refused["last_error"]
