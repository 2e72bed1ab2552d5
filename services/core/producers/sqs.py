"""Amazon notifications from SQS, read by the worker role `aftersales amazon-sqs`.

Amazon sends SP-API notifications (ORDER_CHANGE and the rest) only to an SQS queue the seller
owns. The reader long-polls the queue of each active amazon producer and applies each message
through the `amazon` adapter and ingest, in a transaction of its own, and deletes it only after
that commit. A message whose applying fails stays in the queue and comes back after the queue's
visibility timeout; one that keeps failing is reported, and the queue's own redrive policy moves
it to its dead-letter queue.

Stopping is safe at any point: a message received but not committed comes back, and one
committed but not yet deleted comes back as a repeat (its events' ids are the notification's
id) that changes nothing.
"""

import asyncio
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import structlog
from aiobotocore.config import AioConfig
from aiobotocore.session import AioSession, get_session
from botocore.exceptions import BotoCoreError, ClientError
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.core.ingest import Ingested
from services.core.kit.clock import Clock
from services.core.kit.db import transaction
from services.core.models import Producer
from services.core.producers import inbound

log = structlog.get_logger("aftersales.amazon_sqs")

BATCH = 10  # SQS hands out at most ten messages a receive
# Receives after which a failing message is reported as one that keeps failing.
KEEPS_FAILING = 3
FIRST_PAUSE, LONGEST_PAUSE = 0.5, 30.0  # seconds between tries while the queue is unreachable


@dataclass(frozen=True)
class Queue:
    producer_id: uuid.UUID
    url: str
    region: str


@dataclass
class Tally:
    """What one queue's reader has done since it started; it says the same in its log."""

    received: int = 0
    applied: int = 0
    repeated: int = 0
    failed: int = 0
    deleted: int = 0


class ProducerGone(Exception):
    def __init__(self, queue: Queue) -> None:
        super().__init__(f"producer {queue.producer_id} no longer reads {queue.url}")


async def queues(session: AsyncSession) -> list[Queue]:
    """The queues of the active amazon producers."""
    rows = await session.execute(
        select(Producer.id, Producer.sqs_queue_url, Producer.sqs_region).where(
            Producer.kind == "amazon", Producer.sqs_queue_url.is_not(None), Producer.disabled_at.is_(None)
        )
    )
    return [Queue(producer_id, url, region) for producer_id, url, region in rows]


async def apply_message(
    sessions: async_sessionmaker[AsyncSession], queue: Queue, body: str, now: datetime
) -> Ingested:
    """One message, committed on return: its notification's events, or a repeat of them."""
    async with transaction(sessions) as session:
        producer = await session.get(Producer, queue.producer_id)
        if producer is None or producer.disabled_at is not None or producer.sqs_queue_url != queue.url:
            raise ProducerGone(queue)
        return await inbound.accept(session, producer, {}, body.encode(), now)


@dataclass
class Reader:
    """Reads every configured queue, a long-poll loop each, until cancelled."""

    sessions: async_sessionmaker[AsyncSession]
    clock: Clock
    endpoint_url: str | None = None  # an SQS-compatible server; None: AWS's, by the queue's region
    wait_seconds: int = 20
    reload_seconds: float = 30
    aws: AioSession = field(default_factory=get_session)
    tallies: dict[Queue, Tally] = field(default_factory=dict, init=False)
    _loops: dict[Queue, asyncio.Task[None]] = field(default_factory=dict, init=False)

    async def run(self) -> None:
        try:
            while True:
                await self.reconcile()
                await asyncio.sleep(self.reload_seconds)
        finally:
            for task in self._loops.values():
                task.cancel()
            await asyncio.gather(*self._loops.values(), return_exceptions=True)

    async def reconcile(self) -> None:
        """Start a loop for each queue newly configured, stop those no longer configured."""
        try:
            async with transaction(self.sessions) as session:
                wanted = set(await queues(session))
        except Exception as error:  # the database may be down: the loops go on, try again later
            log.warning("sqs_queues_unlisted", error=str(error))
            return
        for queue, task in list(self._loops.items()):
            if queue not in wanted or task.done():
                task.cancel()
                del self._loops[queue]
                if task.done() and not task.cancelled() and task.exception() is not None:
                    log.error("sqs_reader_died", queue=queue.url, error=repr(task.exception()))
        for queue in wanted - set(self._loops):
            log.info("sqs_reading", queue=queue.url, region=queue.region, producer_id=str(queue.producer_id))
            self._loops[queue] = asyncio.create_task(self._read(queue), name=f"sqs:{queue.url}")

    async def _read(self, queue: Queue) -> None:
        tally = self.tallies.setdefault(queue, Tally())
        config = AioConfig(
            connect_timeout=5,
            read_timeout=self.wait_seconds + 10,
            retries={"mode": "standard", "max_attempts": 2},
        )
        async with self.aws.create_client(
            "sqs", region_name=queue.region, endpoint_url=self.endpoint_url, config=config
        ) as client:
            pause = FIRST_PAUSE
            while True:
                try:
                    answer = await client.receive_message(
                        QueueUrl=queue.url,
                        MaxNumberOfMessages=BATCH,
                        WaitTimeSeconds=self.wait_seconds,
                        MessageSystemAttributeNames=["ApproximateReceiveCount"],
                    )
                except (BotoCoreError, ClientError) as error:
                    log.warning("sqs_unreachable", queue=queue.url, error=str(error), retry_in=pause)
                    await asyncio.sleep(pause)
                    pause = min(pause * 2, LONGEST_PAUSE)
                    continue
                pause = FIRST_PAUSE
                done = [m for m in answer.get("Messages", []) if await self._apply(queue, m, tally)]
                if done:
                    await self._delete(client, queue, done, tally)

    async def _apply(self, queue: Queue, message: dict[str, Any], tally: Tally) -> bool:
        """True once the message's events are committed (or were before): it may go."""
        tally.received += 1
        try:
            result = await apply_message(self.sessions, queue, message["Body"], self.clock.now())
        except Exception as error:  # one message's failure is its own; it comes back
            tally.failed += 1
            receives = int(message.get("Attributes", {}).get("ApproximateReceiveCount", "1"))
            fields = {"queue": queue.url, "message_id": message["MessageId"], "receives": receives}
            if receives >= KEEPS_FAILING:
                log.error(
                    "sqs_message_keeps_failing",
                    **fields,
                    error=repr(error),
                    next="the queue's redrive policy moves it to its dead-letter queue",
                )
            else:
                log.warning("sqs_message_failed", **fields, error=repr(error))
            return False
        if result.replayed:
            tally.repeated += 1
        else:
            tally.applied += 1
        return True

    async def _delete(self, client: Any, queue: Queue, messages: list[dict[str, Any]], tally: Tally) -> None:
        entries = [{"Id": str(n), "ReceiptHandle": m["ReceiptHandle"]} for n, m in enumerate(messages)]
        try:
            answer = await client.delete_message_batch(QueueUrl=queue.url, Entries=entries)
        except (BotoCoreError, ClientError) as error:
            # Committed already: each comes back after its visibility timeout, as a repeat.
            log.warning("sqs_delete_failed", queue=queue.url, messages=len(entries), error=str(error))
            return
        tally.deleted += len(answer.get("Successful", []))
        for failed in answer.get("Failed", []):
            log.warning(
                "sqs_delete_failed", queue=queue.url, error=failed.get("Message"), code=failed.get("Code")
            )
        log.info("sqs_applied", queue=queue.url, **vars(tally))
