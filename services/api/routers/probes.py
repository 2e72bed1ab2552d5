"""What operators poll: liveness and readiness probes, the workers' heartbeats, and Prometheus."""

import asyncio
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest

from services.api.errors import documented_problem, problem_response
from services.api.schemas.probes import WorkerBeatOut, WorkersOut
from services.core.account_health import snapshots
from services.core.kit.db import ping
from services.core.operations import figures, liveness

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
    description="Whether this API process can serve requests; it does not wait for workers, "
    "which `/readyz/workers` reports.",
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
    "/readyz/workers",
    response_model=WorkersOut,
    summary="At least one worker is alive; each worker's last heartbeat",
    description="Every worker beats every `AFTERSALES_WORKER_HEARTBEAT_SECONDS`. 503 "
    "`/problems/not-ready` (with the same `workers` list) when none has beaten within "
    "`AFTERSALES_WORKER_STALE_SECONDS`: clocks do not fire and webhooks do not go out. "
    "Alert on it; do not gate the API's own readiness on it.",
    responses={503: documented_problem("No worker has beaten recently, or Redis cannot be read.")},
)
async def readyz_workers(request: Request) -> WorkersOut:
    state = request.app.state
    stale = state.settings.worker_stale_seconds
    found = await liveness.ready_workers(state.redis, state.clock.now(), stale)
    return WorkersOut(stale_after_seconds=stale, workers=[WorkerBeatOut.model_validate(b) for b in found])


_metrics_token = HTTPBearer(
    auto_error=False,
    scheme_name="MetricsToken",
    description="AFTERSALES_METRICS_TOKEN; without it /metrics carries the service's figures only.",
)


@router.get(
    "/metrics",
    summary="Prometheus: the service's own figures, and with the metrics token each seller's",
    description="Prometheus text format (`" + CONTENT_TYPE_LATEST + "`). Without a token: requests by "
    "route and status with latency, outbox backlog and oldest age, dead deliveries, clock thresholds "
    "due and the oldest one's lag, each worker's heartbeat age, and the process's own figures; none "
    "names a seller. With `Authorization: Bearer <AFTERSALES_METRICS_TOKEN>` also "
    "`aftersales_health_percent` and `aftersales_health_denominator` per seller, marketplace, window "
    "and figure. A token that does not match is refused with 401.",
    response_class=Response,
    responses={
        200: {"content": {CONTENT_TYPE_LATEST: {"schema": {"type": "string"}}}},
        401: documented_problem("A token was sent and it is not the metrics token."),
    },
)
async def metrics(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_metrics_token)],
) -> Response:
    state = request.app.state
    with_sellers = figures.shows_sellers(
        credentials.credentials if credentials else None, state.settings.metrics_token
    )
    now = state.clock.now()
    registry = CollectorRegistry()
    # The app's registry (requests, the process) is itself a collector of its series.
    registry.register(state.metrics.registry)
    async with state.sessions() as session:
        read = await figures.read(session, now)
        if with_sellers:
            registry.register(await snapshots.collector(session))
    beats = await liveness.beats(state.redis, now, state.settings.worker_stale_seconds)
    registry.register(figures.ServiceFigures(read, beats))
    return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)
