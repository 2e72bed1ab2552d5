"""Liveness and readiness probes."""

import asyncio
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text

from services.api.errors import problem_response

router = APIRouter(tags=["health"])

PROBE_TIMEOUT_SECONDS = 2.0


@router.get("/healthz", summary="The process is alive")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


async def _postgres(request: Request) -> None:
    async with request.app.state.engine.connect() as conn:
        await conn.execute(text("SELECT 1"))


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
