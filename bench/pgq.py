"""PgQueuer, the baseline of bench/clocks: its scheduled jobs drained by its own consumer.

PgQueuer is a bench-only dependency, installed into the project's venv on first use and never
added to pyproject.toml. Its tables live in a database of their own on the same Postgres as
ours. The consumer runs as `python -m bench.pgq DATABASE_URL BATCH_SIZE`, a process of its own
as our worker is, with a handler that does nothing: what is measured is the queue itself.
"""

import asyncio
import importlib.metadata
import importlib.util
import shutil
import signal
import subprocess
import sys
from datetime import UTC, datetime

import asyncpg

from bench.servers import ROOT

ENTRYPOINT = "bench_noop"
ENQUEUE_CHUNK = 10_000
# The Makefile's own uv, bootstrapped beside the venv; a uv on PATH does as well.
BOOTSTRAP_UV = ROOT / ".data" / "bootstrap" / "bin" / "uv"


def ensure_installed() -> str:
    """Install pgqueuer into this interpreter's environment when it is missing; its version."""
    if importlib.util.find_spec("pgqueuer") is None:
        if importlib.util.find_spec("pip") is not None:
            command = [sys.executable, "-m", "pip", "install", "--quiet", "pgqueuer"]
        else:
            # uv-made venvs carry no pip.
            uv = str(BOOTSTRAP_UV) if BOOTSTRAP_UV.exists() else shutil.which("uv")
            if uv is None:
                raise RuntimeError("pgqueuer is missing and neither pip nor uv is there to install it")
            command = [uv, "pip", "install", "--quiet", "--python", sys.executable, "pgqueuer"]
        subprocess.run(command, check=True)
        importlib.invalidate_caches()
    return importlib.metadata.version("pgqueuer")


async def prepare(database_url: str, jobs: int, due: datetime) -> tuple[datetime, datetime]:
    """Install PgQueuer's tables and enqueue `jobs` no-op jobs scheduled for `due`.

    Its API schedules a job `execute_after` an interval from the database's now(), so the
    chunks enqueued one after another would land a few milliseconds apart; the bench then puts
    them all on the one instant, as ours share one second. Returns the earliest and latest
    scheduled time as stored.
    """
    from pgqueuer import AsyncpgDriver, Queries

    connection = await asyncpg.connect(database_url)
    try:
        queries = Queries(AsyncpgDriver(connection))
        await queries.install()
        for start in range(0, jobs, ENQUEUE_CHUNK):
            size = min(ENQUEUE_CHUNK, jobs - start)
            delay = due - datetime.now(UTC)
            await queries.enqueue([ENTRYPOINT] * size, [None] * size, [0] * size, [delay] * size)
        await connection.execute("UPDATE pgqueuer SET execute_after = $1", due)
        await connection.execute("VACUUM (ANALYZE) pgqueuer")
        first, last = await connection.fetchrow("SELECT min(execute_after), max(execute_after) FROM pgqueuer")
        return first, last
    finally:
        await connection.close()


async def remaining(connection: asyncpg.Connection) -> bool:
    """Whether any job is still queued or running; PgQueuer deletes a job once it is done."""
    return bool(
        await connection.fetchval("SELECT EXISTS (SELECT 1 FROM pgqueuer WHERE entrypoint = $1)", ENTRYPOINT)
    )


async def done_count(connection: asyncpg.Connection) -> int:
    return int(
        await connection.fetchval(
            "SELECT count(*) FROM pgqueuer_log WHERE entrypoint = $1 AND status = 'successful'",
            ENTRYPOINT,
        )
    )


def consumer_command(database_url: str, batch_size: int) -> list[str]:
    return [sys.executable, "-m", "bench.pgq", database_url, str(batch_size)]


async def _consume(database_url: str, batch_size: int) -> None:
    from pgqueuer import AsyncpgDriver, Job, Queries, QueueManager

    connection = await asyncpg.connect(database_url)
    manager = QueueManager(Queries(AsyncpgDriver(connection)))

    @manager.entrypoint(ENTRYPOINT)
    async def noop(job: Job) -> None:
        """Nothing: the queue's own cost is what is measured."""

    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, manager.shutdown.set)
    try:
        # Its other settings stay at their defaults: it wakes by itself when the next scheduled
        # job comes due.
        await manager.run(batch_size=batch_size)
    finally:
        await connection.close()


def main() -> None:
    database_url, batch_size = sys.argv[1], int(sys.argv[2])
    asyncio.run(_consume(database_url, batch_size))


if __name__ == "__main__":
    main()
