"""What bench/clocks and bench/health share: private servers, bulk SQL, figures and their section.

Both benches need far more rows than the API could take in within a run, so they write them
with set-based SQL straight into the migrated schema, on a private Postgres and Redis of their
own under `.data/<name>/`, and stop both however the run ends.
"""

import argparse
import asyncio
import os
import platform
import signal
import textwrap
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType
from typing import Any, TypeVar

import asyncpg
from rich.console import Console

from bench.servers import ROOT
from services.core.kit import embedded, migrate
from services.core.kit.db import create_engine, session_factory, transaction
from services.core.sellers import service as sellers

DOCS = ROOT / "docs" / "PERFORMANCE.md"
P = TypeVar("P")
R = TypeVar("R")
POSTGRES_SETTINGS = (
    "server_version",
    "fsync",
    "synchronous_commit",
    "shared_buffers",
    "max_connections",
)


@dataclass(frozen=True)
class Servers:
    """A fresh, migrated database on a private Postgres, and a private Redis."""

    data: Path
    database_url: str
    redis_url: str
    postgres: Any
    postmaster_pid: int
    postgres_settings: dict[str, str]

    def url_of(self, database: str) -> str:
        """The URL of another database on the same Postgres."""
        info = self.postgres.get_postmaster_info()
        return f"postgresql://postgres@/{database}?host={info.socket_dir}&port={info.port}"


def _stop_on_sigterm(_signum: int, _frame: FrameType | None) -> None:
    # As an exception, so that every `finally` on the way out stops what it started.
    raise SystemExit(128 + signal.SIGTERM)


def stop_on_sigterm() -> None:
    signal.signal(signal.SIGTERM, _stop_on_sigterm)


def bench_main(
    doc: str,
    heading: str,
    quick_help: str,
    plans: tuple[P, P],
    measure: Callable[[Console, P], R],
    show: Callable[[Console, R], None],
    section: Callable[[R], list[str]],
) -> None:
    """A bench's command line: `--quick` runs the second plan and leaves docs/ alone; a full
    run (the first plan) writes its section of PERFORMANCE.md."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help=quick_help)
    args = parser.parse_args()
    stop_on_sigterm()
    console = Console()
    results = measure(console, plans[1] if args.quick else plans[0])
    show(console, results)
    if not args.quick:
        write_section(DOCS, heading, section(results))
        console.print(f"wrote the {heading!r} section of {DOCS}")


async def _settings(database_url: str) -> dict[str, str]:
    connection = await asyncpg.connect(database_url)
    try:
        return {name: str(await connection.fetchval(f"SHOW {name}")) for name in POSTGRES_SETTINGS}
    finally:
        await connection.close()


def fresh_database(postgres: Any, database: str) -> None:
    postgres.psql(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE);')
    postgres.psql(f'CREATE DATABASE "{database}";')


@contextmanager
def servers(name: str, database: str) -> Iterator[Servers]:
    """Start Postgres and Redis under `.data/<name>/`, make `database` anew and migrate it."""
    data = ROOT / ".data" / name
    data.mkdir(parents=True, exist_ok=True)
    postgres, _ = embedded.start_postgres(data / "postgres", "postgres")
    redis = None
    try:
        fresh_database(postgres, database)
        _, database_url = embedded.start_postgres(data / "postgres", database)
        redis = embedded.start_redis(data / "redis")
        # Redis keeps the arq queue in its append-only file: a queue left by an earlier run
        # (a sweep cron job, say) must not reach this run's worker.
        redis_flush(redis.url)
        migrate.upgrade(database_url)
        info = postgres.get_postmaster_info()
        yield Servers(
            data=data,
            database_url=database_url,
            redis_url=redis.url,
            postgres=postgres,
            postmaster_pid=int(info.pid),
            postgres_settings=asyncio.run(_settings(database_url)),
        )
    finally:
        if redis is not None:
            redis.stop()
        postgres.cleanup()


def redis_flush(url: str) -> None:
    import redis

    client = redis.Redis.from_url(url)
    try:
        client.flushdb()
    finally:
        client.close()


async def make_seller(
    database_url: str, name: str, marketplaces: list[str], scopes: list[str]
) -> tuple[uuid.UUID, str]:
    """A seller made as `aftersales sellers create` makes one (with its policy, version 1), and
    an API key with `scopes`."""
    engine = create_engine(database_url, pool_size=1)
    try:
        async with transaction(session_factory(engine)) as session:
            seller = await sellers.create_seller(session, name, marketplaces)
            issued = await sellers.create_key(session, seller.id, scopes, "bench")
            return seller.id, issued.secret
    finally:
        await engine.dispose()


async def run_sql(database_url: str, statements: Sequence[tuple[str, Sequence[Any]]]) -> None:
    """Run bulk statements in one transaction, foreign-key triggers off.

    The rows are consistent by construction; with the triggers on, Postgres would look up
    every row's parent once more and the load would take several times as long.
    """
    connection = await asyncpg.connect(database_url)
    try:
        async with connection.transaction():
            await connection.execute("SET LOCAL session_replication_role = replica")
            for statement, args in statements:
                await connection.execute(statement, *args)
    finally:
        await connection.close()


async def vacuum_analyze(database_url: str, tables: Sequence[str]) -> None:
    """A database in service has been vacuumed and analysed by autovacuum long since; a freshly
    loaded one has not, and its first plans and index-only scans would be unlike production's."""
    connection = await asyncpg.connect(database_url)
    try:
        for table in tables:
            await connection.execute(f"VACUUM (ANALYZE) {table}")
        await connection.execute("CHECKPOINT")
    finally:
        await connection.close()


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) by linear interpolation between the closest ranks."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def _proc(name: str, prefix: str) -> str:
    path = Path("/proc") / name
    lines = path.read_text().splitlines() if path.exists() else []
    return next((line.split(":", 1)[1].strip() for line in lines if line.startswith(prefix)), "")


def machine() -> str:
    cores = os.cpu_count() or 0
    model = _proc("cpuinfo", "model name") or platform.processor() or "unknown CPU"
    memory = _proc("meminfo", "MemTotal:").split()
    memory_gib = int(memory[0]) / 2**20 if memory else 0
    return f"{cores} cores (nproc; {model}), {memory_gib:.0f} GiB, {platform.system()}"


def utc_now() -> str:
    return f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC"


def met(ok: bool) -> str:
    return "met" if ok else "NOT met"


def wrap(text: str, indent: str = "") -> list[str]:
    # The docs keep their lines near 100 columns, like the rest of the repository.
    return textwrap.wrap(
        text, width=100, subsequent_indent=indent, break_on_hyphens=False, break_long_words=False
    )


def write_section(path: Path, heading: str, body: list[str]) -> None:
    """Replace the section `heading` (up to the next `## ` heading), or append it when absent."""
    lines = path.read_text().splitlines(keepends=True) if path.exists() else ["# Performance\n"]
    start = next((i for i, line in enumerate(lines) if line.rstrip() == heading), None)
    text = "\n".join([heading, "", *body]).rstrip() + "\n"
    if start is None:
        before = "".join(lines).rstrip() + "\n\n"
        path.write_text(before + text)
        return
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    after = "".join(lines[end:])
    path.write_text("".join(lines[:start]) + text + ("\n" + after if after else ""))


def wait_until(predicate: Callable[[], object], timeout: float, what: str, every: float = 0.2) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise RuntimeError(f"timed out after {timeout:g} s waiting for {what}")
        time.sleep(every)
