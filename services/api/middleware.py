"""ASGI middleware: request ids, access logs, body limits, and the last word on errors.

The last word is here rather than in an `Exception` handler because Starlette runs those
outside every middleware, where the X-Request-ID header could no longer be added.
"""

import re
import time
import uuid

import structlog
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from services.api.errors import problem_response
from services.api.telemetry import RequestMetrics
from services.core.kit.db import is_overloaded, is_unavailable, is_unstorable_text

log = structlog.get_logger("aftersales.http")

_VALID_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")


class RequestContext:
    def __init__(self, app: ASGIApp, *, retry_after_seconds: int, metrics: RequestMetrics) -> None:
        self.app = app
        self.retry_after = retry_after_seconds
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = dict(scope["headers"]).get(b"x-request-id", b"").decode("latin-1")
        request_id = incoming if _VALID_ID.match(incoming) else uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id
        structlog.contextvars.clear_contextvars()
        structlog.contextvars.bind_contextvars(request_id=request_id)
        started = time.perf_counter()
        status = 500
        response_started = False

        async def send_with_id(message: Message) -> None:
            nonlocal status, response_started
            if message["type"] == "http.response.start":
                response_started = True
                status = message["status"]
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"x-request-id", request_id.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception as error:
            if response_started:
                raise
            if is_unavailable(error):
                log.warning("database unavailable", error=repr(error))
                response = problem_response(
                    request_id,
                    503,
                    "the database is not reachable; retry shortly",
                    slug="database-unavailable",
                    headers={"Retry-After": str(self.retry_after)},
                )
            elif is_overloaded(error):
                log.warning("database short of a resource", error=repr(error))
                response = problem_response(
                    request_id,
                    503,
                    "the database is short of a resource (e.g. lock slots for many large batches at once); "
                    "nothing was changed, retry shortly",
                    slug="database-busy",
                    headers={"Retry-After": str(self.retry_after)},
                )
            elif is_unstorable_text(error):
                log.info("text refused by the database", error=repr(error))
                response = problem_response(
                    request_id,
                    422,
                    "a text holds a NUL character (U+0000), which cannot be stored; nothing was changed, "
                    "remove it and send again",
                    slug="validation",
                )
            else:
                log.exception("unhandled error")
                response = problem_response(
                    request_id, 500, "an unexpected error; quote the request id when reporting it"
                )
            await response(scope, receive, send_with_id)
        finally:
            duration = time.perf_counter() - started
            self.metrics.observe(scope, status, duration)
            log.info(
                "request",
                method=scope["method"],
                path=scope["path"],
                status=status,
                duration_ms=round(duration * 1000, 2),
            )


class BodyLimit:
    """Refuse bodies over the limit with 413, whether or not Content-Length is sent."""

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        too_large = f"the body is larger than {self.max_bytes} bytes"
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            response = problem_response(
                scope.get("state", {}).get("request_id"), 413, too_large, instance=scope["path"]
            )
            await response(scope, receive, send)
            return
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise HTTPException(413, too_large)
            return message

        await self.app(scope, counting_receive, send)
