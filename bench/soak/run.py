"""One soak run: start the service, drive the day with its faults, wait for the work to settle,
and write down everything the checker needs (run.json beside requests.jsonl and
receivers.jsonl)."""

import asyncio
import json
import os
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg
import httpx

from bench.servers import ROOT
from bench.soak import faults
from bench.soak.cluster import Cluster
from bench.soak.receivers import Receiver, start_all
from bench.soak.traffic import Client, Day, Seller
from services.core.kit.clock import ScaledClock
from services.core.kit.db import create_engine, session_factory, transaction
from services.core.sellers import service as sellers_service

DAY_SECONDS = 86_400
# How long clients keep retrying after the traffic stops, and the most the run waits for due
# deliveries to be sent once it has.
PATIENCE_SECONDS = 60
DRAIN_SECONDS = 120


@dataclass(frozen=True)
class Options:
    minutes: float = 10
    schedule: str = "full"
    orders_per_second: float = 4.0
    sellers: int = 16
    out: Path | None = None
    database_url: str | None = None
    redis_url: str | None = None
    seed: int = 7


def _env(clock: ScaledClock) -> dict[str, str]:
    return {
        **os.environ,
        "AFTERSALES_CLOCK_SCALE": repr(clock.scale),
        "AFTERSALES_CLOCK_EPOCH": clock.epoch.isoformat(),
        # Our receivers are on 127.0.0.1; the outbound guard lets them through with this.
        "AFTERSALES_ALLOW_PRIVATE_RECEIVERS": "true",
        "AFTERSALES_HOST": "127.0.0.1",
        "AFTERSALES_LOG_LEVEL": "WARNING",
        "AFTERSALES_DB_POOL_SIZE": "5",
    }


def start(options: Options) -> tuple[Cluster, Path, ScaledClock]:
    """The backends, `aftersales migrate`, two API processes and two workers, all ready."""
    seconds = options.minutes * 60
    clock = ScaledClock(DAY_SECONDS / seconds, datetime.now(UTC))
    out = options.out or ROOT / ".data" / "soak" / f"run-{datetime.now(UTC):%Y%m%dT%H%M%S}"
    (out / "logs").mkdir(parents=True, exist_ok=True)
    cluster = Cluster(out, _env(clock), options.database_url, options.redis_url)
    try:
        cluster.start_backends()
        cluster.migrate()
        children = [
            cluster.add(role, role.split("-")[0]) for role in ("api-1", "api-2", "worker-1", "worker-2")
        ]
        for child in children:
            cluster.wait_ready(child)
    except BaseException:
        cluster.stop_service()
        cluster.stop_backends()
        raise
    cluster.start_watching()
    return cluster, out, clock


async def _sellers(database_url: str, count: int) -> list[Seller]:
    engine = create_engine(database_url, pool_size=1)
    made = []
    try:
        async with transaction(session_factory(engine)) as session:
            for i in range(count):
                seller = await sellers_service.create_seller(session, f"Soak Shop {i}", ["US"])
                issued = await sellers_service.create_key(
                    session, seller.id, list(sellers_service.SCOPES), "soak"
                )
                made.append(Seller(i, str(seller.id), issued.secret))
    finally:
        await engine.dispose()
    return made


async def _connect(sellers: list[Seller], receivers: list[Receiver], api: str) -> dict[str, Any]:
    """Each seller's webhook endpoint (one receiver among several sellers) and producer."""
    endpoints = {}
    async with httpx.AsyncClient(base_url=api, timeout=30) as http:
        for seller in sellers:
            receiver = receivers[seller.index % len(receivers)]
            made = await http.post(
                "/v1/webhook-endpoints", headers=seller.headers, json={"url": receiver.url}
            )
            made.raise_for_status()
            receiver.secrets.append(made.json()["secret"])
            endpoints[made.json()["id"]] = receiver.name
            body = {"kind": "standard", "name": "Helpdesk", "marketplace": "US"}
            producer = await http.post("/v1/producers", headers=seller.headers, json=body)
            producer.raise_for_status()
            seller.producer_id, seller.producer_secret = producer.json()["id"], producer.json()["secret"]
    return endpoints


# A delivery is overdue once it is this many real seconds past its time with no worker on it.
OVERDUE_SECONDS = 5.0


async def _overdue_deliveries(database_url: str, now: datetime) -> int:
    connection = await asyncpg.connect(database_url)
    try:
        count: int = await connection.fetchval(
            """SELECT count(*) FROM deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
               WHERE e.disabled_at IS NULL
                 AND ((d.state = 'pending' AND d.next_attempt_at <= $1)
                      OR (d.state = 'delivering' AND d.lease_until <= $1))""",
            now,
        )
        return count
    finally:
        await connection.close()


async def _drain(database_url: str, clock: ScaledClock) -> tuple[float, datetime]:
    """Wait until no delivery is overdue; the seconds it took, and the clock time it checked
    against: no delivery due before it may be left unsent. The clocks keep coming due, so
    there is always a delivery just made or in flight; an overdue one is what would be lost."""
    began = time.time()
    margin = timedelta(seconds=OVERDUE_SECONDS * clock.scale)
    while True:
        checked = clock.now() - margin
        try:
            if await _overdue_deliveries(database_url, checked) == 0:
                break
        except (OSError, asyncpg.PostgresError):
            pass
        if time.time() - began > DRAIN_SECONDS:
            break
        await asyncio.sleep(1)
    return time.time() - began, checked


async def drive(cluster: Cluster, out: Path, clock: ScaledClock, options: Options) -> dict[str, Any]:
    assert cluster.backends is not None
    seconds = options.minutes * 60
    plan = faults.FULL if options.schedule == "full" else faults.SHORT
    receivers = await start_all(8, out / "receivers.jsonl", options.seed)
    sellers = await _sellers(cluster.backends.database_url, options.sellers)
    endpoints = await _connect(sellers, receivers, cluster.api_urls()[0])
    began = time.time()
    with (out / "requests.jsonl").open("a", buffering=1) as log:
        client = Client(cluster.api_urls(), log, began + seconds + PATIENCE_SECONDS)
        day = Day(clock, sellers, client, options.seed)
        injector = faults.Injector(cluster, receivers[0])
        injecting = asyncio.create_task(injector.run(plan, seconds, began))
        await day.run(seconds, options.orders_per_second)
        traffic_ended = time.time()
        await injecting
        await day.settle()
        await client.http.aclose()
    print(f"[soak] {time.time() - began:6.0f} s  traffic done; waiting for due deliveries", flush=True)
    drained, end_clock = await _drain(cluster.backends.database_url, clock)
    ended = time.time()
    # The service stops before the receivers, so no send after the drain meets a closed port.
    await asyncio.to_thread(cluster.stop_service)
    for receiver in receivers:
        await receiver.stop()
    return {
        "scale": clock.scale,
        "epoch": clock.epoch.isoformat(),
        "began": began,
        "traffic_ended": traffic_ended,
        "ended": ended,
        "end_clock": end_clock.isoformat(),
        "drain_seconds": drained,
        "orders": day.orders,
        "schedule": options.schedule,
        "faults": injector.record(),
        "restarts": cluster.restarts,
        "endpoints": endpoints,
        "receivers": {r.name: r.temper for r in receivers},
        "down_receiver": receivers[0].name,
    }


def run(options: Options) -> tuple[Cluster, Path, dict[str, Any]]:
    seconds = options.minutes * 60
    plan = faults.FULL if options.schedule == "full" else faults.SHORT
    print(f"[soak] {options.minutes:g} minutes, a day of clocks; faults ({options.schedule}):", flush=True)
    print("\n".join(faults.describe(plan, seconds)), flush=True)
    cluster, out, clock = start(options)
    print(f"[soak] service up; the run writes to {out}", flush=True)
    try:
        record = asyncio.run(drive(cluster, out, clock, options))
    except BaseException:
        # A run that fails leaves no server behind; one that ends keeps the backends up for
        # the checker.
        cluster.stop_service()
        cluster.stop_backends()
        raise
    cluster.stop_service()
    record["rss"] = cluster.rss
    record["database_url"] = cluster.backends.database_url if cluster.backends else ""
    (out / "run.json").write_text(json.dumps(record))
    return cluster, out, record
