"""The day's traffic: sellers' orders told through three doors, replies, reads, and retries.

Every request is written to requests.jsonl with what the client was told: its status, how
long it took, which API process answered, and for ingest, each event acknowledged (201
applied, 200 a repeat). A request that got no answer, a 5xx or a 429 is sent again, the same
ids and body, as a helpdesk retries, until it is acknowledged or the run's patience ends.
"""

import asyncio
import heapq
import itertools
import json
import random
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from standardwebhooks.webhooks import Webhook

from bench.soak.stories import REPEATED, REPLY_BODY, Step, new_order_id, story
from services.core.kit.clock import ScaledClock

DOORS = (("event", 0.5), ("batch", 0.2), ("hook", 0.3))
TIMEOUT_SECONDS = 30.0
BACKOFF = (0.5, 1.0, 2.0, 4.0)
IN_FLIGHT = 48
TICK_SECONDS = 0.1
READS_PER_ORDER = 0.8


@dataclass
class Seller:
    index: int
    id: str
    key: str
    producer_id: str = ""
    producer_secret: str = ""

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.key}"}


@dataclass(order=True)
class Due:
    at: datetime
    seq: int
    seller: Seller = field(compare=False)
    order_id: str = field(compare=False)
    step: Step = field(compare=False)
    door: str = field(compare=False)


class Client:
    """Rotates over the API processes; logs every attempt; retries what was not answered."""

    def __init__(self, urls: list[str], log: Any, patience_until: float) -> None:
        self.urls = urls
        self.log = log
        self.patience_until = patience_until
        self.http = httpx.AsyncClient(timeout=TIMEOUT_SECONDS, limits=httpx.Limits(max_connections=200))
        self._turn = itertools.count()

    async def call(
        self, op: str, seller: Seller, method: str, path: str, **kwargs: Any
    ) -> httpx.Response | None:
        attempt = 0
        while True:
            api = next(self._turn) % len(self.urls)
            began = time.time()
            try:
                response: httpx.Response | None = await self.http.request(
                    method, self.urls[api] + path, **kwargs
                )
                error = None
            except httpx.TransportError as exc:
                response, error = None, type(exc).__name__
            status = response.status_code if response is not None else None
            line = {"t": began, "ms": (time.time() - began) * 1000, "op": op, "api": api, "status": status}
            if error:
                line["error"] = error
            if response is not None and response.is_success:
                line["acked"] = acked(op, seller, response)
            line["seller"] = seller.id
            self.log.write(json.dumps(line) + "\n")
            if status is not None and status < 500 and status != 429:
                return response
            if time.time() > self.patience_until:
                return None
            await asyncio.sleep(BACKOFF[min(attempt, len(BACKOFF) - 1)])
            attempt += 1


def acked(op: str, seller: Seller, response: httpx.Response) -> list[list[Any]]:
    """[source, event id, status] of each event the answer acknowledges."""
    body = response.json()
    if op == "event":
        return [["api", body["event_id"], response.status_code]]
    if op == "batch":
        return [
            ["api", r["answer"]["event_id"], r["status"]]
            for r in body["results"]
            if r["status"] in (200, 201)
        ]
    if op == "hook":
        source = f"helpdesk:{seller.producer_id}"
        return [[source, e["event_id"], response.status_code] for e in body.get("events", [])]
    return []


def envelope(order_id: str, step: Step) -> dict[str, Any]:
    return {
        "id": step.id,
        "type": step.type,
        "occurred_at": step.at.isoformat(),
        "order_id": order_id,
        "marketplace": "US",
        "data": step.data,
    }


class Day:
    """Schedules each story's steps on the scaled clock and sends them through the doors."""

    def __init__(self, clock: ScaledClock, sellers: list[Seller], client: Client, seed: int) -> None:
        self.clock = clock
        self.sellers = sellers
        self.client = client
        self.rng = random.Random(seed)
        self.queue: list[Due] = []
        self.seq = itertools.count()
        self.cases: dict[tuple[str, str, str], str] = {}
        self.slots = asyncio.Semaphore(IN_FLIGHT)
        self.tasks: set[asyncio.Task[None]] = set()
        self.orders = 0

    def _schedule(self, seller: Seller, order_id: str, step: Step, door: str, at: datetime) -> None:
        heapq.heappush(self.queue, Due(at, next(self.seq), seller, order_id, step, door))

    def new_order(self) -> None:
        seller = self.rng.choice(self.sellers)
        order_id = new_order_id(self.rng)
        self.orders += 1
        for step in story(self.rng, self.clock.now()):
            door = self.rng.choices([d for d, _ in DOORS], [w for _, w in DOORS])[0]
            self._schedule(seller, order_id, step, door, step.at + step.late)

    async def run(self, seconds: float, orders_per_second: float) -> None:
        end = time.monotonic() + seconds
        credit = 0.0
        while time.monotonic() < end:
            credit += orders_per_second * TICK_SECONDS
            while credit >= 1:
                credit -= 1
                self.new_order()
                if self.rng.random() < READS_PER_ORDER:
                    self._spawn(self._read())
            self._send_due()
            await asyncio.sleep(TICK_SECONDS)

    async def settle(self) -> None:
        """Wait for every request in flight, retries included."""
        while self.tasks:
            await asyncio.gather(*list(self.tasks), return_exceptions=True)

    def _spawn(self, work: Any) -> None:
        task = asyncio.create_task(self._bounded(work))
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def _bounded(self, work: Any) -> None:
        async with self.slots:
            await work

    def _send_due(self) -> None:
        now = self.clock.now()
        batches: dict[int, list[Due]] = {}
        while self.queue and self.queue[0].at <= now:
            due = heapq.heappop(self.queue)
            if due.step.type == "reply":
                self._spawn(self._reply(due))
            elif due.door == "batch":
                batches.setdefault(due.seller.index, []).append(due)
            else:
                self._spawn(self._send(due))
        for items in batches.values():
            self._spawn(self._batch(items))

    def _maybe_repeat(self, due: Due) -> None:
        if self.rng.random() < REPEATED:
            again = self.clock.now() + timedelta(hours=self.rng.uniform(0.1, 3))
            door = "event" if due.door == "batch" else due.door
            self._schedule(due.seller, due.order_id, due.step, door, again)

    def _remember(self, seller: Seller, answers: list[dict[str, Any]]) -> None:
        for answer in answers:
            for case in answer.get("cases", []):
                self.cases[(seller.id, answer["order_id"], case["kind"])] = case["id"]

    async def _send(self, due: Due) -> None:
        body = envelope(due.order_id, due.step)
        if due.door == "event":
            response = await self.client.call(
                "event", due.seller, "POST", "/v1/events", json=body, headers=due.seller.headers
            )
            answers = [response.json()] if response is not None and response.is_success else []
        else:
            response = await self._hook(due, body)
            answers = response.json()["events"] if response is not None and response.is_success else []
        self._remember(due.seller, answers)
        if answers:
            self._maybe_repeat(due)

    async def _hook(self, due: Due, body: dict[str, Any]) -> httpx.Response | None:
        content = json.dumps(body)
        # The producer's delivery id is the event's, so a retry or a repeat is the same delivery.
        message_id = f"msg_{due.step.id}"
        seller = due.seller

        def headers() -> dict[str, str]:
            sent = datetime.now(UTC)
            return {
                "webhook-id": message_id,
                "webhook-timestamp": str(int(sent.timestamp())),
                "webhook-signature": Webhook(seller.producer_secret).sign(message_id, sent, content),
                "content-type": "application/json",
            }

        path = f"/v1/webhooks/standard/{seller.producer_id}"
        return await self.client.call("hook", seller, "POST", path, content=content, headers=headers())

    async def _batch(self, items: list[Due]) -> None:
        seller = items[0].seller
        body = {"events": [envelope(d.order_id, d.step) for d in items]}
        response = await self.client.call(
            "batch", seller, "POST", "/v1/events:batch", json=body, headers=seller.headers
        )
        if response is None or not response.is_success:
            return
        self._remember(seller, [r["answer"] for r in response.json()["results"] if r.get("answer")])
        for due in items:
            self._maybe_repeat(due)

    async def _reply(self, due: Due) -> None:
        case_id = self.cases.get((due.seller.id, due.order_id, "message"))
        if case_id is None:
            return
        headers = {**due.seller.headers, "Idempotency-Key": f"reply-{due.step.id}"}
        body = {"agent": "Kim", "body": REPLY_BODY}
        await self.client.call(
            "reply", due.seller, "POST", f"/v1/cases/{case_id}/replies", json=body, headers=headers
        )

    async def _read(self) -> None:
        seller = self.rng.choice(self.sellers)
        if self.rng.random() < 0.6:
            await self.client.call("queue", seller, "GET", "/v1/cases?limit=25", headers=seller.headers)
        else:
            await self.client.call(
                "health", seller, "GET", "/v1/metrics/account-health", headers=seller.headers
            )
