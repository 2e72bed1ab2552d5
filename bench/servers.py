"""What bench/ingest runs against: a private Postgres and Redis, a seller, and the HTTP servers.

Everything lives under `.data/bench/` and every process started here is stopped again by
`Processes.stop_all`, which the bench calls however it ends (error, Ctrl-C, SIGTERM).
"""

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import asyncpg
import httpx

from services.core.kit import embedded, migrate
from services.core.kit.db import create_engine, session_factory, transaction
from services.core.sellers import service as sellers

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / ".data" / "bench"
DATABASE = "aftersales_bench"
HOST = "127.0.0.1"
STOP_SECONDS = 20
READY_SECONDS = 30
# Tables the bench fills; emptied before each server so none starts on another's rows.
# CASCADE also empties whatever refers to them (notes, and tables added later).
FILLED_TABLES = "events, orders, cases, clocks"


@dataclass(frozen=True)
class Backend:
    """The fresh bench database, its Redis, and a seller whose key may write events."""

    database_url: str
    redis_url: str
    socket_dir: str
    port: int
    seller_id: uuid.UUID
    api_key: str
    postgres_settings: dict[str, str]
    # The postmaster is not a child of the bench (pg_ctl daemonizes it); its CPU is the bench's.
    postgres_pid: int


async def _make_seller(database_url: str) -> tuple[uuid.UUID, str]:
    engine = create_engine(database_url, pool_size=1)
    try:
        async with transaction(session_factory(engine)) as session:
            seller = await sellers.create_seller(session, "Bench Shop", ["US"])
            issued = await sellers.create_key(session, seller.id, ["events:write"], "bench")
            return seller.id, issued.secret
    finally:
        await engine.dispose()


async def _postgres_settings(database_url: str) -> dict[str, str]:
    connection = await asyncpg.connect(database_url)
    try:
        names = (
            "server_version",
            "fsync",
            "synchronous_commit",
            "shared_buffers",
            "max_connections",
        )
        return {name: await connection.fetchval(f"SHOW {name}") for name in names}
    finally:
        await connection.close()


async def _empty_tables(database_url: str) -> None:
    connection = await asyncpg.connect(database_url)
    try:
        await connection.execute(f"TRUNCATE {FILLED_TABLES} CASCADE")
        # A checkpoint now, not in the middle of the next server's steps.
        await connection.execute("CHECKPOINT")
    finally:
        await connection.close()


def empty_tables(backend: Backend) -> None:
    asyncio.run(_empty_tables(backend.database_url))


async def _analyze(database_url: str) -> None:
    connection = await asyncpg.connect(database_url)
    try:
        # VACUUM too: rows just loaded would otherwise leave autovacuum a round of work to do
        # during the first steps, charged to them.
        await connection.execute("VACUUM ANALYZE")
    finally:
        await connection.close()


def analyze(backend: Backend) -> None:
    """Statistics for the tables as the warm-up left them. A database in service has them from
    autovacuum long since; emptied tables have none, and the planner, taking each table for a
    handful of rows, picks whichever index comes first for ingest's reads by order id (a scan of
    all the seller's rows) until autovacuum comes round, a minute or more into a step."""
    asyncio.run(_analyze(backend.database_url))


@contextmanager
def backend() -> Iterator[Backend]:
    """Start the embedded servers, make a fresh migrated database and a seller; stop them after."""
    DATA.mkdir(parents=True, exist_ok=True)
    postgres, _ = embedded.start_postgres(DATA / "postgres", "postgres")
    redis = None
    try:
        postgres.psql(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE);')
        postgres.psql(f'CREATE DATABASE "{DATABASE}";')
        _, database_url = embedded.start_postgres(DATA / "postgres", DATABASE)
        redis = embedded.start_redis(DATA / "redis")
        migrate.upgrade(database_url)
        seller_id, api_key = asyncio.run(_make_seller(database_url))
        info: Any = postgres.get_postmaster_info()
        yield Backend(
            database_url=database_url,
            redis_url=redis.url,
            socket_dir=str(info.socket_dir),
            port=int(info.port),
            seller_id=seller_id,
            api_key=api_key,
            postgres_settings=asyncio.run(_postgres_settings(database_url)),
            postgres_pid=int(info.pid),
        )
    finally:
        if redis is not None:
            redis.stop()
        postgres.cleanup()


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


class Processes:
    """The long-lived children of the bench, each in a session of its own.

    Their own session keeps a Ctrl-C in the terminal from killing them mid-answer; the bench
    then stops them itself, newest first, and their output goes to a log file for failures.
    """

    def __init__(self, log_dir: Path) -> None:
        self.log_dir = log_dir
        self._children: list[subprocess.Popen[bytes]] = []

    def spawn(self, name: str, args: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        with (self.log_dir / f"{name}.log").open("wb") as log_file:
            child = subprocess.Popen(
                args,
                env=env,
                cwd=ROOT,
                stdout=log_file,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self._children.append(child)
        return child

    def log_tail(self, name: str, chars: int = 3000) -> str:
        path = self.log_dir / f"{name}.log"
        return path.read_text(errors="replace")[-chars:] if path.exists() else ""

    def stop(self, child: subprocess.Popen[bytes]) -> None:
        if child.poll() is None:
            os.killpg(child.pid, signal.SIGTERM)
            try:
                child.wait(timeout=STOP_SECONDS)
            except subprocess.TimeoutExpired:
                os.killpg(child.pid, signal.SIGKILL)
                child.wait()
        if child in self._children:
            self._children.remove(child)

    def stop_all(self) -> None:
        for child in reversed(list(self._children)):
            self.stop(child)


@dataclass(frozen=True)
class HttpServer:
    """One server under test: what it is, how it was started, where it listens."""

    name: str
    description: str
    command: list[str]
    port: int
    # The running process, once `running` has started it.
    pid: int = 0

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}"


def api_server(database_url: str, redis_url: str, name: str, label: str) -> tuple[HttpServer, dict[str, str]]:
    """`aftersales api` exactly as deployed: one uvicorn process, its own settings."""
    port = free_port()
    env = {
        **os.environ,
        "AFTERSALES_DATABASE_URL": database_url,
        "AFTERSALES_REDIS_URL": redis_url,
        "AFTERSALES_HOST": HOST,
        "AFTERSALES_PORT": str(port),
        "AFTERSALES_LOG_LEVEL": "WARNING",
        # The bench drives one key far past the default limit (100 a second); every request
        # still pays the limiter's Redis round trip.
        "AFTERSALES_RATE_LIMIT_PER_KEY": "1000000/second",
    }
    command = [sys.executable, "-m", "services.cli", "api"]
    return HttpServer(name, label, command, port), env


def ours(backend: Backend, **settings: str) -> tuple[HttpServer, dict[str, str]]:
    """`aftersales api`, with `settings` (AFTERSALES_* variables) over its defaults."""
    server, env = api_server(
        backend.database_url, backend.redis_url, "ours", "aftersales api (FastAPI + SQLAlchemy)"
    )
    return server, {**env, **settings}


# What `aftersales api` gets from uvicorn.run's defaults, spelled out: one process, uvloop,
# httptools, proxy headers on. Its access logger is set to WARNING, so it writes nothing.
RAW_UVICORN_FLAGS = [
    "--workers", "1",
    "--loop", "uvloop",
    "--http", "httptools",
    "--proxy-headers",
    "--no-access-log",
    "--log-level", "warning",
    "--timeout-graceful-shutdown", "20",
]  # fmt: skip


def raw(backend: Backend) -> tuple[HttpServer, dict[str, str]]:
    port = free_port()
    env = {
        **os.environ,
        "BENCH_DATABASE_URL": backend.database_url,
        "BENCH_SELLER_ID": str(backend.seller_id),
    }
    command = [
        sys.executable, "-m", "uvicorn", "--factory", "bench.raw_app:create_app",
        "--host", HOST, "--port", str(port), *RAW_UVICORN_FLAGS,
    ]  # fmt: skip
    return HttpServer("raw", "Starlette + asyncpg (bench/raw_app.py)", command, port), env


@contextmanager
def running(processes: Processes, server: HttpServer, env: dict[str, str]) -> Iterator[HttpServer]:
    """Start `server`, wait until /healthz answers, and stop it when the block ends."""
    child = processes.spawn(server.name, server.command, env)
    try:
        deadline = time.monotonic() + READY_SECONDS
        while True:
            if child.poll() is not None:
                raise RuntimeError(
                    f"{server.name} exited with {child.returncode}:\n{processes.log_tail(server.name)}"
                )
            try:
                if httpx.get(f"{server.base_url}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"{server.name} did not answer /healthz:\n{processes.log_tail(server.name)}"
                )
            time.sleep(0.1)
        yield replace(server, pid=child.pid)
    finally:
        processes.stop(child)
