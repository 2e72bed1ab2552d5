"""A real HTTP receiver on 127.0.0.1 that records webhooks and answers as a test tells it."""

import asyncio
import socket
from collections import deque
from dataclasses import dataclass, field

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route


@dataclass
class Received:
    headers: dict[str, str]
    body: bytes


@dataclass
class Answer:
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


class Receiver:
    def __init__(self) -> None:
        self.received: list[Received] = []
        self.answers: deque[Answer] = deque()
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/hook"
        app = Starlette(routes=[Route("/hook", self._hook, methods=["POST"])])
        self._server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="off")
        )
        self._task: asyncio.Task[None] | None = None

    def answer_with(self, *answers: Answer) -> None:
        self.answers.extend(answers)

    async def _hook(self, request: Request) -> Response:
        self.received.append(Received(dict(request.headers), await request.body()))
        answer = self.answers.popleft() if self.answers else Answer()
        if answer.delay:
            await asyncio.sleep(answer.delay)
        return Response(status_code=answer.status, headers=answer.headers)

    async def __aenter__(self) -> "Receiver":
        self._task = asyncio.create_task(self._server.serve())
        while not self._server.started:  # noqa: ASYNC110 - uvicorn offers only this flag
            await asyncio.sleep(0.01)
        return self

    async def __aexit__(self, *exc: object) -> None:
        self._server.should_exit = True
        assert self._task is not None
        await self._task
