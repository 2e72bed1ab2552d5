"""The sellers' webhook receivers: real HTTP servers on 127.0.0.1, each with a temper.

ok answers 200 at once; slow takes 1.5 s; flaky answers 500 to a third; throttled answers 429
with Retry-After to a third; silent never answers a fifth (the sender times out); gone answers
410. Each request is written down with the answer it got, and whether it was signed right:
only a 2xx answer tells the sender it was received.
"""

import asyncio
import json
import random
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import uvicorn
from standardwebhooks.webhooks import Webhook, WebhookVerificationError
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from bench.servers import free_port

TEMPERS = ("ok", "slow", "flaky", "throttled", "silent", "ok", "slow", "gone")
SLOW_SECONDS = 1.5
# Longer than the worker's send timeout (10 s): the sender gives up and tries again later.
SILENT_SECONDS = 15.0
RETRY_AFTER_SECONDS = "30"


@dataclass
class Receiver:
    name: str
    temper: str
    log: Any
    rng: random.Random
    port: int = field(default_factory=free_port)
    # One receiver serves several sellers' endpoints, each with its own signing secret.
    secrets: list[str] = field(default_factory=list)
    down_until: float = 0.0
    _server: uvicorn.Server | None = None
    _task: asyncio.Task[None] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hook"

    def _answer(self) -> tuple[int, dict[str, str], float]:
        roll = self.rng.random()
        if self.temper == "slow":
            return 200, {}, SLOW_SECONDS
        if self.temper == "flaky" and roll < 1 / 3:
            return 500, {}, 0.0
        if self.temper == "throttled" and roll < 1 / 3:
            return 429, {"retry-after": RETRY_AFTER_SECONDS}, 0.0
        if self.temper == "silent" and roll < 1 / 5:
            return 504, {}, SILENT_SECONDS
        if self.temper == "gone":
            return 410, {}, 0.0
        return 200, {}, 0.0

    async def _hook(self, request: Request) -> Response:
        body = await request.body()
        headers = dict(request.headers)
        signed = any(_verifies(secret, body, headers) for secret in self.secrets)
        status, extra, delay = self._answer()
        if delay:
            await asyncio.sleep(delay)
        # A request whose sender has given up hears nothing: not a receipt.
        if delay >= SILENT_SECONDS or await request.is_disconnected():
            status = 0
        line = {"t": time.time(), "receiver": self.name, "id": headers.get("webhook-id"), "status": status}
        self.log.write(json.dumps({**line, "signed": signed}) + "\n")
        return Response(status_code=status or 504, headers=extra)

    async def start(self) -> None:
        app = Starlette(routes=[Route("/hook", self._hook, methods=["POST"])])
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="off")
        self._server = uvicorn.Server(config)
        self._task = asyncio.create_task(self._server.serve())
        while not self._server.started:  # noqa: ASYNC110 - uvicorn offers only this flag
            await asyncio.sleep(0.01)

    async def stop(self) -> None:
        if self._server is not None and self._task is not None:
            self._server.should_exit = True
            await self._task
            self._server = self._task = None


def _verifies(secret: str, body: bytes, headers: dict[str, str]) -> bool:
    try:
        Webhook(secret).verify(body, headers)
    except WebhookVerificationError:
        return False
    return True


async def start_all(count: int, log_path: Path, seed: int) -> list[Receiver]:
    log = log_path.open("a", buffering=1)
    rng = random.Random(seed)
    receivers = [
        Receiver(f"r{i}-{TEMPERS[i % len(TEMPERS)]}", TEMPERS[i % len(TEMPERS)], log, rng)
        for i in range(count)
    ]
    for receiver in receivers:
        await receiver.start()
    return receivers
