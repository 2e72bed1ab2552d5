"""The app factory: routers, error handlers, middleware and the shared resources."""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from arq.connections import ArqRedis
from fastapi import FastAPI

from services.api import console, errors
from services.api.middleware import BodyLimit, RequestContext
from services.api.routers import (
    account_health,
    backtests,
    cases,
    claims,
    events,
    messages,
    probes,
    producers,
    returns,
    sellers,
    webhooks,
)
from services.api.telemetry import RequestMetrics
from services.core.ingest.group import GroupCommit
from services.core.kit import heap, sealed
from services.core.kit.clock import Clock, configured
from services.core.kit.config import Settings, get_settings
from services.core.kit.db import create_engine, session_factory
from services.core.kit.outbound import Receivers
from services.core.kit.ratelimit import Limiter
from services.core.sellers.key_cache import KeyCache

DESCRIPTION = """Keeps an Amazon seller's after-sales work on time.

Authenticate with `Authorization: Bearer <key>`; every error is an RFC 9457
`application/problem+json` document whose `type` is described in docs/PROBLEMS.md."""


def create_app(settings: Settings | None = None, clock: Clock | None = None) -> FastAPI:
    settings = settings or get_settings()
    if not settings.database_url or not settings.redis_url:
        raise RuntimeError(
            "the API needs AFTERSALES_DATABASE_URL and AFTERSALES_REDIS_URL; "
            "`aftersales up` sets them for the embedded servers"
        )
    sealed.configure(settings.secrets_key)
    engine = create_engine(
        settings.database_url,
        pool_size=settings.db_pool_size,
        statement_timeout_ms=settings.db_statement_timeout_ms,
    )
    redis = ArqRedis.from_url(settings.redis_url, socket_timeout=2, socket_connect_timeout=2)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        heap.settle()
        yield
        await app.state.group.drain()
        await app.state.limiter.aclose()
        await redis.aclose()
        await engine.dispose()

    app = FastAPI(
        title="aftersales",
        version="0.1.0",
        description=DESCRIPTION,
        lifespan=lifespan,
    )
    # Resources are made here, not in the lifespan, so an in-process test client works too.
    app.state.settings = settings
    app.state.engine = engine
    app.state.sessions = session_factory(engine)
    app.state.redis = redis
    app.state.clock = clock or configured(settings.clock_scale, settings.clock_epoch)
    app.state.batch_slots = asyncio.Semaphore(settings.batch_concurrency)
    app.state.receivers = Receivers(allow_private=settings.allow_private_receivers)
    app.state.metrics = RequestMetrics()
    app.state.keys = KeyCache(app.state.sessions)
    app.state.group = GroupCommit(
        app.state.sessions,
        app.state.clock,
        redis,
        window_seconds=settings.group_commit_window_ms / 1000,
        max_events=settings.group_commit_max_events,
        concurrency=settings.group_commit_concurrency,
        observe=app.state.metrics.group_size.observe,
    )
    app.state.limiter = Limiter(
        settings.redis_url,
        {"api_key": settings.rate_limit_per_key, "producer": settings.rate_limit_per_producer},
    )

    errors.install(app)
    app.include_router(probes.router)
    for module in (
        sellers,
        events,
        cases,
        messages,
        returns,
        claims,
        account_health,
        webhooks,
        producers,
        backtests,
    ):
        app.include_router(module.router)
    app.include_router(producers.hooks)
    console.mount(app)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(
        RequestContext, retry_after_seconds=settings.retry_after_seconds, metrics=app.state.metrics
    )
    return app
