"""bench/profile_ingest: where the API process spends its CPU on single events, by library.

`python -m bench.profile_ingest [--connections 8] [--seconds 20] [--scenario new|mix]
[--set AFTERSALES_X=Y ...]` starts the bench's private servers and `aftersales api`, drives
`POST /v1/events` with wrk, and samples the API process with py-spy meanwhile. It prints the
share of samples by the package on top of each stack (asyncpg, SQLAlchemy, FastAPI, pydantic,
uvicorn, our own code, idle) and the twenty costliest functions of ours, and writes the raw
collapsed stacks to `.data/bench/profile.txt` (flame-graph tools read them).
"""

import argparse
import collections
import subprocess
import sys
import warnings
from pathlib import Path

from rich.console import Console
from rich.table import Table

from bench import cpu
from bench.load import ensure_wrk, probe, run_wrk, sample_events
from bench.servers import DATA, Processes, backend, ours, running
from services.core.kit import logs

OUT = DATA / "profile.txt"
# The package a frame belongs to, by a piece of its file's path; the first that matches wins.
PACKAGES = (
    ("asyncpg", "asyncpg"),
    ("sqlalchemy", "SQLAlchemy"),
    ("fastapi", "FastAPI"),
    ("pydantic", "pydantic"),
    ("starlette", "Starlette"),
    ("uvicorn", "uvicorn"),
    ("uvloop", "uvloop"),
    ("httptools", "uvicorn"),
    ("structlog", "structlog"),
    ("prometheus_client", "prometheus"),
    ("limits", "rate limiter"),
    ("redis", "redis"),
    ("services/", "aftersales"),
    ("asyncio", "asyncio"),
)


def _package(frame: str) -> str:
    for needle, name in PACKAGES:
        if needle in frame:
            return name
    return "other"


def read(path: Path) -> tuple[collections.Counter[str], collections.Counter[str], int]:
    """Samples by the innermost known package, samples of our own functions (anywhere on the
    stack, once per stack), and the total."""
    by_package: collections.Counter[str] = collections.Counter()
    ours_: collections.Counter[str] = collections.Counter()
    total = 0
    for line in path.read_text().splitlines():
        stack, _, count_text = line.rpartition(" ")
        count = int(count_text)
        total += count
        frames = stack.split(";")
        known = [f for f in frames if _package(f) != "other"]
        by_package[_package(known[-1]) if known else "idle or C"] += count
        for frame in {f for f in frames if "services/" in f}:
            ours_[frame.split(" (")[0] + " " + frame.split("services/")[-1].rstrip(")")] += count
    return by_package, ours_, total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.profile_ingest", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--scenario", choices=("new", "mix"), default="new")
    parser.add_argument("--set", action="append", default=[], help="AFTERSALES_X=Y over the API's defaults")
    args = parser.parse_args(argv)
    warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")
    console = Console(width=None if sys.stdout.isatty() else 140)
    logs.configure("WARNING", "console")
    wrk = ensure_wrk()
    processes = Processes(DATA / "logs")
    settings = dict(item.split("=", 1) for item in args.set)
    try:
        with backend() as backend_, running(processes, *ours(backend_, **settings)) as server:
            probe(server, "/v1/events", sample_events("probe", 1)[0], backend_.api_key)
            run_wrk(wrk, server, backend_.api_key, args.scenario, args.connections, 3)
            spy = subprocess.Popen(
                [
                    str(Path(sys.executable).parent / "py-spy"), "record", "--pid", str(server.pid),
                    "--format", "raw", "--rate", "200", "--idle", "--nonblocking",
                    "--duration", str(int(args.seconds)), "--output", str(OUT),
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )  # fmt: skip
            before = cpu.tree_seconds(server.pid)
            step = run_wrk(wrk, server, backend_.api_key, args.scenario, args.connections, args.seconds)
            spent = cpu.tree_seconds(server.pid) - before
            rss = cpu.tree_rss_mb(server.pid)
            spy.wait(timeout=args.seconds + 30)
    finally:
        processes.stop_all()
    by_package, ours_, total = read(OUT)
    console.print(
        f"{step.events_per_second:,.0f} events/s at {args.connections} connections, p50 {step.p50_ms:.1f} ms, "
        f"p99 {step.p99_ms:.1f} ms; the API process's CPU: {spent * 1000 / max(step.events, 1):.3f} ms an event, "
        f"RSS {rss:.0f} MB"
    )
    table = Table(title=f"samples by package ({total:,} in all)")
    for column in ("package", "share"):
        table.add_column(column)
    for name, count in by_package.most_common():
        table.add_row(name, f"{count / total:.1%}")
    console.print(table)
    table = Table(title="our functions on the stack (inclusive)")
    for column in ("function", "share"):
        table.add_column(column)
    for name, count in ours_.most_common(20):
        table.add_row(name, f"{count / total:.1%}")
    console.print(table)
    console.print(f"collapsed stacks: {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
