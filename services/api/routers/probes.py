"""What operators poll: liveness and readiness probes, and Prometheus metrics."""

import asyncio
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST

from services.api.errors import problem_response
from services.core.account_health import snapshots
from services.core.kit.db import ping

router = APIRouter(tags=["health"])

PROBE_TIMEOUT_SECONDS = 2.0


@router.get("/healthz", summary="The process is alive")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


async def _postgres(request: Request) -> None:
    await ping(request.app.state.engine)


async def _redis(request: Request) -> None:
    await request.app.state.redis.ping()


@router.get(
    "/readyz",
    summary="Postgres and Redis are reachable",
    responses={503: {"description": "A dependency is down; the problem names it."}},
)
async def readyz(request: Request) -> Any:
    checks = {"postgres": _postgres, "redis": _redis}
    failures: dict[str, str] = {}
    for name, probe in checks.items():
        try:
            await asyncio.wait_for(probe(request), PROBE_TIMEOUT_SECONDS)
        except Exception as error:  # any failure of a probe means "not ready"
            failures[name] = f"{type(error).__name__}: {error}"[:300]
    if failures:
        return problem_response(
            getattr(request.state, "request_id", None),
            503,
            f"not reachable: {', '.join(failures)}",
            slug="not-ready",
            headers={"Retry-After": str(request.app.state.settings.retry_after_seconds)},
            extra={"checks": {n: failures.get(n, "ok") for n in checks}},
        )
    return JSONResponse({"status": "ok", "checks": {n: "ok" for n in checks}})


@router.get(
    "/metrics",
    summary="Prometheus: the latest account-health figures per seller",
    response_class=Response,
    responses={
        200: {
            "description": "The Prometheus text format, as `generate_latest` writes it.",
            "content": {CONTENT_TYPE_LATEST: {"schema": {"type": "string"}}},
        }
    },
)
async def metrics(request: Request) -> Response:
    async with request.app.state.sessions() as session:
        text = await snapshots.exposition(session)
    return Response(text, media_type=CONTENT_TYPE_LATEST)
