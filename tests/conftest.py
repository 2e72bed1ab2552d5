"""Shared fixtures: a real Postgres and Redis (embedded, or the URLs in the environment),
the app on a settable clock, and sellers made through the public service functions."""

import os
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
from cryptography.fernet import Fernet
from pydantic import SecretStr
from redis import Redis
from sqlalchemy.engine import make_url

from services.api.main import create_app
from services.core.kit import embedded, migrate, outbound
from services.core.kit.clock import Clock, SettableClock
from services.core.kit.config import Settings
from services.core.kit.db import async_url, transaction
from services.core.kit.outbound import Receivers
from services.core.sellers import service as sellers
from services.workers.context import WorkerContext

ROOT = Path(__file__).resolve().parents[1]
TEST_DATA = ROOT / ".data" / "test"
START = SettableClock().now()


@dataclass(frozen=True)
class Servers:
    database_url: str
    redis_url: str


def _env(*names: str) -> str | None:
    return next((os.environ[n] for n in names if os.environ.get(n)), None)


@pytest.fixture(scope="session")
def servers() -> Iterator[Servers]:
    database_url = _env("AFTERSALES_DATABASE_URL", "DATABASE_URL")
    redis_url = _env("AFTERSALES_REDIS_URL", "REDIS_URL")
    postgres = redis = None
    if not database_url:
        postgres, _ = embedded.start_postgres(TEST_DATA / "postgres", "postgres")
        # A fresh database each run; fsync off because a crash here loses nothing we need.
        postgres.psql("DROP DATABASE IF EXISTS aftersales_test WITH (FORCE);")
        postgres.psql("CREATE DATABASE aftersales_test;")
        postgres.psql("ALTER SYSTEM SET fsync = off; ALTER SYSTEM SET synchronous_commit = off;")
        postgres.psql("SELECT pg_reload_conf();")
        database_url = embedded.start_postgres(TEST_DATA / "postgres", "aftersales_test")[1]
    if not redis_url:
        redis = embedded.start_redis(TEST_DATA / "redis")
        redis_url = redis.url
    Redis.from_url(redis_url).flushdb()
    migrate.upgrade(database_url)
    yield Servers(database_url, redis_url)
    if redis is not None:
        redis.stop()
    if postgres is not None:
        postgres.cleanup()


@pytest.fixture(scope="session")
def settings(servers: Servers) -> Settings:
    # Every test's producer and endpoint secrets are sealed at rest, as in production; the
    # worker and `aftersales` processes the tests start read the same key from the environment.
    os.environ["AFTERSALES_SECRETS_KEY"] = Fernet.generate_key().decode()
    return Settings(
        database_url=servers.database_url,
        redis_url=servers.redis_url,
        data_dir=TEST_DATA,
        db_pool_size=5,
        # The tests' receivers listen on 127.0.0.1 over http.
        allow_private_receivers=True,
        metrics_token="test-metrics-token",
        # The suite drives one key far past a seller's pace (hypothesis sends hundreds of events
        # a second); tests/integration/test_rate_limits.py sets its own limits.
        rate_limit_per_key="",
        rate_limit_per_producer="",
        secrets_key=SecretStr(os.environ["AFTERSALES_SECRETS_KEY"]),
    )


@pytest.fixture(scope="session")
def session_clock() -> SettableClock:
    return SettableClock()


@pytest.fixture
def clock(session_clock: SettableClock) -> SettableClock:
    session_clock.set(START)
    return session_clock


@pytest.fixture(scope="session")
async def app(settings: Settings, session_clock: SettableClock) -> AsyncIterator[object]:
    application = create_app(settings, session_clock)
    yield application
    await application.state.redis.aclose()
    await application.state.engine.dispose()


@asynccontextmanager
async def own_app(settings: Settings, clock: Clock, **update: Any) -> AsyncIterator[Any]:
    """An app of its own, with `update` over the suite's settings; what its lifespan would close
    (the limiter, Redis, the engine) is closed after."""
    application = create_app(settings.model_copy(update=update), clock)
    try:
        yield application
    finally:
        await application.state.limiter.aclose()
        await application.state.redis.aclose()
        await application.state.engine.dispose()


@pytest.fixture
async def client(app: object, clock: SettableClock) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
        yield c


@dataclass(frozen=True)
class SellerFixture:
    id: uuid.UUID
    key: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.key}"}


@pytest.fixture(scope="session")
async def sessions(app: object):  # type: ignore[no-untyped-def]
    return app.state.sessions  # type: ignore[attr-defined]


@pytest.fixture
def make_seller(sessions):  # type: ignore[no-untyped-def]
    async def make(
        scopes: list[str] | None = None, marketplaces: list[str] | None = None, name: str = "Test Shop"
    ) -> SellerFixture:
        async with transaction(sessions) as session:
            seller = await sellers.create_seller(session, name, marketplaces or ["US", "DE"])
            issued = await sellers.create_key(session, seller.id, scopes or list(sellers.SCOPES))
        return SellerFixture(seller.id, issued.secret)

    return make


@pytest.fixture
async def seller(make_seller) -> SellerFixture:  # type: ignore[no-untyped-def]
    return await make_seller()


@pytest.fixture
async def fresh_database(servers: Servers) -> AsyncIterator[str]:
    """An empty database of its own on the same server, dropped afterwards."""
    name = f"scratch_{uuid.uuid4().hex[:12]}"
    admin = await asyncpg.connect(async_url(servers.database_url).replace("+asyncpg", ""))
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
        yield make_url(servers.database_url).set(database=name).render_as_string(hide_password=False)
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()


@pytest.fixture
async def worker_ctx(
    app: object, clock: SettableClock, settings: Settings
) -> AsyncIterator[dict[str, object]]:
    """What the arq worker gives its jobs, on the test's settable clock."""
    async with outbound.client(Receivers(allow_private=settings.allow_private_receivers)) as http:
        ctx: dict[str, object] = {"redis": app.state.redis}  # type: ignore[attr-defined]
        WorkerContext(
            settings=settings,
            clock=clock,
            engine=app.state.engine,  # type: ignore[attr-defined]
            sessions=app.state.sessions,  # type: ignore[attr-defined]
            http=http,
            redis=app.state.redis,  # type: ignore[attr-defined]
            sweep_batch=settings.sweep_batch,
            sweep_concurrency=settings.sweep_concurrency,
        ).store_in(ctx)
        yield ctx
