"""Amazon's notifications from the seller's SQS queue: a real SQS-compatible server (moto in
server mode) on 127.0.0.1, read with the real aiobotocore client."""

import asyncio
import copy
import json
import os
import signal
import sys
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select, text
from structlog.testing import capture_logs

from services.core.kit.clock import SettableClock
from services.core.kit.db import transaction
from services.core.models import Event, InboundWebhook
from services.core.producers.sqs import Reader, Tally
from tests.conftest import SellerFixture, Servers
from tests.factories import new_order_id
from tests.integration.test_producers import producer
from tests.sqs_server import REGION, SqsServer

# The examples of Amazon's notification schemas (tests/data/sp-api/README.md says which).
SP_API = Path(__file__).resolve().parents[1] / "data" / "sp-api"
ORDER_CHANGE = json.loads((SP_API / "order-change.json").read_text())
REPORT_FINISHED = json.loads((SP_API / "report-processing-finished.json").read_text())


def order_change(
    order_id: str, change_type: str = "BuyerRequestedChange", status: str = "Unshipped", at: str | None = None
) -> str:
    """Amazon's ORDER_CHANGE example with an id of its own, for another order, change, status or
    time of change."""
    body = copy.deepcopy(ORDER_CHANGE)
    body["NotificationMetadata"]["NotificationId"] = str(uuid.uuid4())
    change = body["Payload"]["OrderChangeNotification"]
    change.update({"AmazonOrderId": order_id, "OrderChangeType": change_type})
    change["Summary"]["OrderStatus"] = status
    if at is not None:
        change["OrderChangeTrigger"]["TimeOfOrderChange"] = at
    return json.dumps(body)


@pytest.fixture
def sqs(monkeypatch: pytest.MonkeyPatch) -> Iterator[SqsServer]:
    # The standard AWS chain finds these: dummy, as moto accepts any.
    for name, value in (("AWS_ACCESS_KEY_ID", "testing"), ("AWS_SECRET_ACCESS_KEY", "testing")):
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    monkeypatch.setenv("AWS_CONFIG_FILE", os.devnull)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", os.devnull)
    server = SqsServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
async def reader(app: Any, clock: SettableClock, sqs: SqsServer) -> AsyncIterator[Reader]:
    found = Reader(app.state.sessions, clock, endpoint_url=sqs.url, wait_seconds=1, reload_seconds=0.2)
    task = asyncio.create_task(found.run())
    yield found
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)


async def until(check: Callable[[], Awaitable[bool] | bool], what: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        outcome = check()
        if await outcome if isinstance(outcome, Awaitable) else outcome:
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"not in {seconds} s: {what}")


async def amazon_reading(client: httpx.AsyncClient, seller: SellerFixture, queue_url: str) -> dict[str, Any]:
    return await producer(client, seller, "amazon", sqs={"queue_url": queue_url, "region": REGION})


def tally(reader: Reader, queue_url: str) -> Tally:
    return next((t for q, t in reader.tallies.items() if q.url == queue_url), Tally())


async def stored(app: Any, seller: SellerFixture) -> tuple[list[str], int]:
    """The seller's event ids from Amazon, and how many deliveries were kept."""
    async with transaction(app.state.sessions) as session:
        events = list(
            await session.scalars(
                select(Event.event_id).where(Event.seller_id == seller.id).order_by(Event.event_id)
            )
        )
        kept = await session.scalar(
            select(func.count()).select_from(InboundWebhook).where(InboundWebhook.seller_id == seller.id)
        )
    return events, int(kept or 0)


async def test_order_changes_are_applied_and_then_deleted(
    client: httpx.AsyncClient, seller: SellerFixture, sqs: SqsServer, reader: Reader, app: Any
) -> None:
    queue, _ = sqs.queue(f"sp-api-{uuid.uuid4().hex[:8]}")
    await amazon_reading(client, seller, queue)
    order = new_order_id()
    other = copy.deepcopy(REPORT_FINISHED)
    other["notificationMetadata"]["notificationId"] = str(uuid.uuid4())
    bodies = [
        order_change(order),
        order_change(order, "OrderStatusChange", "Canceled", at="2022-11-29T21:10:00.000Z"),
        order_change(order, "DeliveryTipChange", "Shipped", at="2022-11-30T08:00:00.000Z"),
        json.dumps(other),
    ]
    for body in bodies:
        sqs.client().send_message(QueueUrl=queue, MessageBody=body)
    await until(lambda: tally(reader, queue).deleted == 4, "four messages applied and deleted")
    assert sqs.depth(queue) == (0, 0)
    timeline = (await client.get(f"/v1/orders/{order}/timeline", headers=seller.headers)).json()
    assert [e["type"] for e in timeline["entries"] if e["entry"] == "event"] == [
        "cancellation.requested",
        "order.upserted",
    ], "a delivery tip and a report notification are kept, and make no events"
    [cancel] = (
        await client.get("/v1/cases", headers=seller.headers, params={"kind": "cancellation"})
    ).json()["items"]
    assert (cancel["marketplace"], cancel["status"]) == ("US", "resolved"), "the order was cancelled since"
    assert (await stored(app, seller))[1] == 4


async def test_a_message_that_keeps_failing_is_reported_and_left_to_the_dead_letter_queue(
    client: httpx.AsyncClient, seller: SellerFixture, sqs: SqsServer, reader: Reader, app: Any
) -> None:
    queue, dead = sqs.queue(f"sp-api-{uuid.uuid4().hex[:8]}", visibility_seconds=1, max_receives=3)
    await amazon_reading(client, seller, queue)
    # Cut short on its way in: nothing can be read of it, so it is refused, not kept.
    broken = order_change(new_order_id())[:40]
    good = new_order_id()
    with capture_logs() as logs:
        sqs.client().send_message(QueueUrl=queue, MessageBody=broken)
        sqs.client().send_message(QueueUrl=queue, MessageBody=order_change(good))
        assert dead is not None
        await until(lambda: sqs.depth(dead) == (1, 0), "the broken message in the dead-letter queue")
    assert sqs.depth(queue) == (0, 0)
    failing = [e for e in logs if e["event"] in ("sqs_message_failed", "sqs_message_keeps_failing")]
    assert [e["receives"] for e in failing] == [1, 2, 3]
    assert failing[-1]["event"] == "sqs_message_keeps_failing" and "not JSON" in failing[-1]["error"]
    events, kept = await stored(app, seller)
    assert (len(events), kept) == (1, 1), "the good message applied, nothing kept of the broken one"


async def test_a_notification_naming_no_order_is_kept_as_unmatched_and_deleted(
    client: httpx.AsyncClient, seller: SellerFixture, sqs: SqsServer, reader: Reader, app: Any
) -> None:
    queue, dead = sqs.queue(f"sp-api-{uuid.uuid4().hex[:8]}", visibility_seconds=1, max_receives=3)
    await amazon_reading(client, seller, queue)
    orderless = json.loads(order_change(new_order_id()))
    del orderless["Payload"]["OrderChangeNotification"]["AmazonOrderId"]
    sqs.client().send_message(QueueUrl=queue, MessageBody=json.dumps(orderless))
    await until(lambda: tally(reader, queue).deleted == 1, "the message deleted")
    assert dead is not None and sqs.depth(dead) == (0, 0), "authentic means accepted: never dead-lettered"
    unmatched = (await client.get("/v1/unmatched", headers=seller.headers)).json()["items"]
    assert [u["reason"] for u in unmatched] == ["unreadable"]


async def test_the_reader_survives_its_server_stopping_and_applies_each_message_once(
    client: httpx.AsyncClient, seller: SellerFixture, sqs: SqsServer, reader: Reader, app: Any
) -> None:
    queue, _ = sqs.queue(f"sp-api-{uuid.uuid4().hex[:8]}", visibility_seconds=2)
    await amazon_reading(client, seller, queue)
    first_order, second_order = new_order_id(), new_order_id()
    first = order_change(first_order)
    with capture_logs() as logs:
        # The reader takes the first message and waits for its order's lock, which the test holds;
        # meanwhile the server goes away. Its commit succeeds, its delete cannot.
        async with transaction(app.state.sessions) as holder:
            lock = text("SELECT pg_advisory_xact_lock(order_lock_key(:seller, :order))")
            await holder.execute(lock, {"seller": seller.id, "order": first_order})
            sqs.client().send_message(QueueUrl=queue, MessageBody=first)
            waiting = text("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")
            await until(lambda: _scalar(holder, waiting), "the reader waiting for the order's lock")
            sqs.stop()
        await until(lambda: any(e["event"] == "sqs_delete_failed" for e in logs), "the delete refused")
        assert (await stored(app, seller))[0] == [
            f"amazon:{json.loads(first)['NotificationMetadata']['NotificationId']}"
        ]
        await until(lambda: any(e["event"] == "sqs_unreachable" for e in logs), "a receive refused")

        # Back on the same port: the first message comes back after its visibility timeout, a
        # repeat, and goes; then the server stops again while the reader long-polls.
        sqs.start()
        await until(
            lambda: sqs.depth(queue) == (0, 0) and tally(reader, queue).deleted == 1, "the first deleted"
        )
        refused = sum(e["event"] == "sqs_unreachable" for e in logs)
        sqs.stop()
        await until(lambda: sum(e["event"] == "sqs_unreachable" for e in logs) > refused, "polls refused")
        sqs.start()
        second = order_change(second_order, "OrderStatusChange", "Shipped")
        for body in (second, first):  # Amazon delivers at least once: the first again
            sqs.client().send_message(QueueUrl=queue, MessageBody=body)
        await until(lambda: tally(reader, queue).deleted == 3, "both deleted")

    assert sqs.depth(queue) == (0, 0)
    counts = tally(reader, queue)
    assert (counts.received, counts.applied, counts.repeated, counts.failed) == (4, 2, 2, 0)
    events, kept = await stored(app, seller)
    assert (len(events), kept) == (2, 2), "each notification applied once"
    for order, kind in ((first_order, "cancellation.requested"), (second_order, "order.upserted")):
        timeline = (await client.get(f"/v1/orders/{order}/timeline", headers=seller.headers)).json()
        assert [e["type"] for e in timeline["entries"] if e["entry"] == "event"] == [kind]


async def _scalar(session: Any, statement: Any) -> bool:
    return bool(await session.scalar(statement))


async def test_queue_settings_of_a_producer(client: httpx.AsyncClient, seller: SellerFixture) -> None:
    aws = "https://sqs.eu-west-1.amazonaws.com/123456789012/sp-api-notifications"
    made = await producer(client, seller, "amazon", sqs={"queue_url": aws})
    assert made["sqs"] == {"queue_url": aws, "region": "eu-west-1"}, "the region the URL names"
    for body, field in (
        ({"kind": "amazon", "sqs": {"queue_url": aws, "region": "us-east-1"}}, "body.sqs"),
        ({"kind": "amazon", "sqs": {"queue_url": "https://example.com/queue"}}, "body.sqs"),
        ({"kind": "amazon", "sqs": {"queue_url": "http://127.0.0.1:9324/123456789012/q"}}, "body.sqs"),
    ):
        bad = await client.post(
            "/v1/producers", headers=seller.headers, json={"name": "a", "marketplace": "US", **body}
        )
        assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == field, bad.text
    helpdesk = await client.post(
        "/v1/producers",
        headers=seller.headers,
        json={"kind": "helpscout", "name": "h", "marketplace": "US", "sqs": {"queue_url": aws}},
    )
    assert helpdesk.status_code == 422
    second = await producer(client, seller, "amazon")
    taken = await client.patch(
        f"/v1/producers/{second['id']}", headers=seller.headers, json={"sqs": {"queue_url": aws}}
    )
    assert taken.status_code == 409 and taken.json()["type"] == "/problems/queue-taken"
    cleared = await client.patch(f"/v1/producers/{made['id']}", headers=seller.headers, json={"sqs": None})
    assert cleared.json()["sqs"] is None
    moved = await client.patch(
        f"/v1/producers/{second['id']}",
        headers=seller.headers,
        json={"sqs": {"queue_url": aws}, "name": "Amazon EU"},
    )
    assert (moved.json()["name"], moved.json()["sqs"]["region"]) == ("Amazon EU", "eu-west-1")
    listed = (await client.get("/v1/producers", headers=seller.headers)).json()
    assert [p["sqs"] for p in listed] == [None, {"queue_url": aws, "region": "eu-west-1"}]


async def test_the_amazon_sqs_role_from_the_command_line(
    client: httpx.AsyncClient, seller: SellerFixture, servers: Servers, sqs: SqsServer, app: Any
) -> None:
    """`aftersales amazon-sqs` as the README starts it: reads the queue, stops on SIGTERM."""
    queue, _ = sqs.queue(f"sp-api-{uuid.uuid4().hex[:8]}")
    await amazon_reading(client, seller, queue)
    env = {
        **os.environ,
        "AFTERSALES_DATABASE_URL": servers.database_url,
        "AFTERSALES_SQS_ENDPOINT_URL": sqs.url,
        "AFTERSALES_SQS_WAIT_SECONDS": "1",
        "AFTERSALES_LOG_FORMAT": "json",
    }
    role = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "services.cli",
        "amazon-sqs",
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    try:
        sqs.client().send_message(QueueUrl=queue, MessageBody=order_change(new_order_id()))
        # A new process on a busy machine: starting takes most of this.
        await until(lambda: sqs.depth(queue) == (0, 0), "read and deleted", seconds=90)
        assert len((await stored(app, seller))[0]) == 1
    finally:
        role.send_signal(signal.SIGTERM)
        output = (await asyncio.wait_for(role.communicate(), 30))[0].decode()
        print(output)  # shown when the test fails
    assert role.returncode == 0, output
    assert '"sqs_applied"' in output and '"amazon-sqs stopped"' in output
