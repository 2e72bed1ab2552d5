"""bench/ingest: how many events a second our API takes in, against what this machine allows.

- B0: pgbench runs the INSERT ... ON CONFLICT DO NOTHING that ingest starts with: the ceiling
  of the database alone.
- B1: bench/raw_app.py, Starlette + asyncpg doing only that INSERT per `POST /v1/events`, under
  the same uvicorn settings and the same wrk load as our API: what a Python server can do here.
- Our `POST /v1/events`, each event on a new order: first with group commit off (each request
  a transaction of its own), then as configured by default (group commit on), then a realistic
  mix (half replies to orders that already have events); each read as a ratio to B1.
- B2: our `POST /v1/events:batch`, 1,000 events a request, within a p99 of 1 s.

The API process's RSS is read at the end of every step.

Each target is stepped through connection counts; its figure is the highest events/s whose
p99 stays under 50 ms (a batch: 1 s) with no error. Everything runs in one go on private servers under
`.data/bench/`, so the figures of one run are comparable with each other.

Run `make bench` or `python -m bench.ingest [--quick]`. A full run writes its figures into the
"Event ingest" section of docs/PERFORMANCE.md; `--quick` is a smoke run that only prints them.
"""

import argparse
import importlib.metadata
import signal
import sys
import warnings
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from types import FrameType

from rich.console import Console

from bench import cpu
from bench.load import (
    PGBENCH_SCRIPT,
    THREADS,
    WRK_SCRIPT,
    Step,
    WrkUnavailable,
    ensure_wrk,
    probe,
    run_pgbench,
    run_wrk,
    sample_events,
    wrk_version,
)
from bench.report import BATCH_SLO_MS, Results, machine, print_tables, write_section
from bench.servers import (
    DATA,
    RAW_UVICORN_FLAGS,
    ROOT,
    Backend,
    HttpServer,
    Processes,
    analyze,
    backend,
    empty_tables,
    ours,
    raw,
    running,
)
from services.core.kit import logs

DOCS = ROOT / "docs" / "PERFORMANCE.md"
BATCH_SIZE = 1000
WARMUP_CONNECTIONS = 8
WARMUP_BATCHES = 15


@dataclass(frozen=True)
class Plan:
    """How long and at which connection counts each target is measured."""

    connections: tuple[int, ...]
    batch_connections: tuple[int, ...]
    seconds: float
    # Fills the pools, the statement caches and Postgres's buffers before the first step.
    warmup_seconds: float
    # A batch can take seconds to answer, and wrk counts only answers that arrive within the
    # step; so a batch step lasts long enough for this many answers per connection, going by
    # how long one probe batch took (N connections share one server, so each of their batches
    # takes about N times as long; one more batch's time covers the one still in flight at the
    # end), within the bounds below.
    batch_answers_per_connection: int
    batch_seconds_min: float
    batch_seconds_max: float

    def batch_seconds(self, connections: int, one_batch_seconds: float) -> float:
        wanted = (self.batch_answers_per_connection + 1) * connections * one_batch_seconds
        return round(min(self.batch_seconds_max, max(self.batch_seconds_min, wanted)))


FULL = Plan(
    (1, 2, 4, 8, 16, 32, 64), (1, 2, 4), seconds=6, warmup_seconds=3,
    batch_answers_per_connection=2, batch_seconds_min=10, batch_seconds_max=150,
)  # fmt: skip
QUICK = Plan(
    (1, 4, 16), (1,), seconds=3, warmup_seconds=1,
    batch_answers_per_connection=1, batch_seconds_min=3, batch_seconds_max=30,
)  # fmt: skip


def _stop_on_sigterm(_signum: int, _frame: FrameType | None) -> None:
    # As an exception, so that every `finally` on the way out stops what it started.
    raise SystemExit(128 + signal.SIGTERM)


def _settings(plan: Plan, wrk: str, backend_: Backend) -> list[str]:
    versions = ", ".join(
        f"{name} {importlib.metadata.version(name)}"
        for name in (
            "uvicorn",
            "uvloop",
            "httptools",
            "starlette",
            "fastapi",
            "sqlalchemy",
            "asyncpg",
        )
    )
    pg = backend_.postgres_settings
    steps = ", ".join(map(str, plan.connections))
    return [
        (
            f"Postgres {pg['server_version']} (pgserver, embedded, unix socket), its defaults: fsync={pg['fsync']}, "
            f"synchronous_commit={pg['synchronous_commit']}, shared_buffers={pg['shared_buffers']}, "
            f"max_connections={pg['max_connections']}. Tables emptied and a CHECKPOINT before each target."
        ),
        (
            f"B0: `pgbench -n -M prepared -j {THREADS} -c N -T {plan.seconds:g}` running "
            f"`{PGBENCH_SCRIPT.relative_to(ROOT)}` (random ids), N = {steps}; latencies from its per-transaction log."
        ),
        (
            f"Load: {wrk_version(wrk)}, `wrk -t {THREADS} -c N -d {plan.seconds:g}s --timeout 10s` with "
            f"`{WRK_SCRIPT.relative_to(ROOT)}`, every request a new event id and order id, N = {steps}; "
            f"{plan.warmup_seconds:g} s warm-up at {WARMUP_CONNECTIONS} connections before each target, "
            f"then ANALYZE (the statistics a database in service has); our targets first get {WARMUP_BATCHES} "
            f"batches of {BATCH_SIZE:,} events through the batch endpoint, so those statistics describe more "
            "than a few rows."
        ),
        (
            "Mix: odd requests a message.received on a new order, even ones a message.sent (agent reply, which "
            "stops that case's clock) on the order opened 512 requests earlier."
        ),
        (
            "Ours: `python -m services.cli api` (`aftersales api`): one uvicorn process, loop and http `auto` "
            "(uvloop and httptools, both installed), uvicorn.access logger at WARNING, AFTERSALES_LOG_LEVEL=WARNING, "
            "default DB pool (10 + 10 overflow, pre-ping on); group commit as configured by default (a 2 ms window, "
            "up to 200 events, 2 groups in flight) unless the target says it is off."
        ),
        "Raw: `uvicorn --factory bench.raw_app:create_app " + " ".join(RAW_UVICORN_FLAGS) + "`, "
        "asyncpg pool of 10 to 20 connections; no auth, no validation, no case or clock work.",
        f"Python {sys.version.split()[0]}; {versions}.",
    ]


def _steps(
    console: Console,
    label: str,
    measure: Callable[[int], Step],
    counts: tuple[int, ...],
    backend_: Backend,
    server_pid: int = 0,
) -> list[Step]:
    steps = []
    for count in counts:
        before = cpu.sample([backend_.postgres_pid])
        server_before = cpu.tree_seconds(server_pid) if server_pid else 0.0
        postgres_before = cpu.tree_seconds(backend_.postgres_pid)
        step = measure(count)
        per_event = 1000 / max(step.events, 1)
        step = replace(
            step,
            cores_elsewhere=cpu.cores_elsewhere(before, cpu.sample([backend_.postgres_pid])),
            server_cpu_ms=(cpu.tree_seconds(server_pid) - server_before) * per_event if server_pid else None,
            postgres_cpu_ms=(cpu.tree_seconds(backend_.postgres_pid) - postgres_before) * per_event,
            server_rss_mb=cpu.tree_rss_mb(server_pid) if server_pid else None,
        )
        steps.append(step)
        notes = f", cpu/event: postgres {step.postgres_cpu_ms:.3f} ms"
        if step.server_cpu_ms is not None:
            notes += f", server {step.server_cpu_ms:.3f} ms, RSS {step.server_rss_mb:.0f} MB"
        notes += f", [red]{step.errors} errors[/red]" if step.errors else ""
        if step.requests == 0:
            notes += ", [red]no answer within the step[/red]"
        if step.disturbed:
            notes += f", [yellow]{step.cores_elsewhere:.2f} cores busy elsewhere[/yellow]"
        console.print(
            f"  {label:<22} {count:>3} conns: {step.events_per_second:>9,.0f} events/s  "
            f"p50 {step.p50_ms:7.1f} ms  p99 {step.p99_ms:7.1f} ms{notes}"
        )
    return steps


def _http_steps(
    console: Console,
    label: str,
    wrk: str,
    server: HttpServer,
    backend_: Backend,
    scenario: str,
    plan: Plan,
) -> list[Step]:
    """One single-event scenario, warmed up and then stepped through the plan's connection counts."""
    key = backend_.api_key
    # Emptied tables leave cached plans to be made again and a fresh process has cold pools:
    # neither belongs in the first step's figures.
    run_wrk(wrk, server, key, scenario, WARMUP_CONNECTIONS, plan.warmup_seconds)
    analyze(backend_)
    return _steps(
        console,
        label,
        lambda c: run_wrk(wrk, server, key, scenario, c, plan.seconds),
        plan.connections,
        backend_,
        server.pid,
    )


def _seed(server: HttpServer, key: str, prefix: str) -> float:
    """Fill the emptied tables through the batch endpoint before a target's statistics are taken,
    so they describe a database in service rather than a few rows; the last batch's seconds.

    Taken on a few rows, the statistics made plans whose cost grew with the tables until
    autovacuum analysed them again, a minute later: two connections' batches took 0.75 s, then
    2 s, then 0.6 s once it had; taken on 15 batches' rows, a steady 0.9 s on the same machine."""
    seconds = 0.0
    for n in range(WARMUP_BATCHES):
        seconds = probe(
            server, "/v1/events:batch", {"events": sample_events(f"{prefix}{n}-", BATCH_SIZE)}, key
        )
    return seconds


def measure(console: Console, wrk: str, backend_: Backend, processes: Processes, plan: Plan) -> Results:
    now = datetime.now(UTC)
    results = Results(
        date=f"{now:%Y-%m-%d %H:%M} UTC", machine=machine(), settings=_settings(plan, wrk, backend_)
    )
    key = backend_.api_key

    console.print("[bold]B0[/bold] pgbench, the same INSERT ... ON CONFLICT straight into Postgres")
    empty_tables(backend_)
    steps = _steps(
        console,
        "B0 pgbench",
        lambda c: run_pgbench(backend_, c, plan.seconds),
        plan.connections,
        backend_,
    )
    results.add(
        "pgbench",
        "B0 pgbench INSERT",
        "pgbench running the INSERT ... ON CONFLICT DO NOTHING that ingest starts with, straight into "
        "Postgres: the ceiling of the database alone.",
        steps,
    )

    console.print("[bold]B1[/bold] raw Starlette + asyncpg app, POST /v1/events")
    empty_tables(backend_)
    with running(processes, *raw(backend_)) as server:
        probe(server, "/v1/events", sample_events("probe", 1)[0], key)
        steps = _http_steps(console, "B1 raw", wrk, server, backend_, "new", plan)
        results.add(
            "raw",
            "B1 raw app /v1/events",
            "bench/raw_app.py, Starlette + asyncpg parsing the JSON and running that one INSERT, under our "
            "uvicorn settings and the same wrk load: what a Python server can do here.",
            steps,
        )

    console.print("[bold]Ours, one at a time[/bold] aftersales api with group commit off: POST /v1/events")
    empty_tables(backend_)
    with running(processes, *ours(backend_, AFTERSALES_GROUP_COMMIT_WINDOW_MS="0")) as server:
        probe(server, "/v1/events", sample_events("probe", 1)[0], key)
        _seed(server, key, "seed")
        steps = _http_steps(console, "ours one at a time", wrk, server, backend_, "new", plan)
        results.add(
            "alone",
            "ours /v1/events, new orders, group commit off",
            "`aftersales api` with AFTERSALES_GROUP_COMMIT_WINDOW_MS=0: each request a message.received "
            "on a new order (a new case and clock), in a transaction of its own.",
            steps,
        )

    console.print(
        "[bold]Ours[/bold] aftersales api as configured by default (group commit on): POST /v1/events, "
        "then the mix, then B2 the batch endpoint"
    )
    empty_tables(backend_)
    with running(processes, *ours(backend_)) as server:
        probe(server, "/v1/events", sample_events("probe", 1)[0], key)
        _seed(server, key, "seed")
        steps = _http_steps(console, "ours new orders", wrk, server, backend_, "new", plan)
        results.add(
            "ours",
            "ours /v1/events, new orders",
            "`aftersales api` with its defaults (group commit on), each request a message.received on a "
            "new order (a new case and clock).",
            steps,
        )

        empty_tables(backend_)
        _seed(server, key, "seed")
        steps = _http_steps(console, "ours mix", wrk, server, backend_, "mix", plan)
        results.add(
            "mix",
            "ours /v1/events, mix",
            "the same server, half the requests an agent's reply on an order that already has events.",
            steps,
        )

        empty_tables(backend_)
        # Full-size batches check the endpoint, fill the tables and time one batch for the steps.
        one_batch = _seed(server, key, "probebatch")
        analyze(backend_)

        def batch_step(connections: int) -> Step:
            seconds = plan.batch_seconds(connections, one_batch)
            step = run_wrk(
                wrk, server, key, "batch", connections, seconds, BATCH_SIZE, timeout_seconds=seconds
            )
            return replace(step, slo_ms=BATCH_SLO_MS)

        steps = _steps(console, "B2 ours batch", batch_step, plan.batch_connections, backend_, server.pid)
        results.add(
            "batch",
            "B2 ours /v1/events:batch",
            f"the batch endpoint, {BATCH_SIZE:,} new-order events a request.",
            steps,
        )
        results.settings.append(
            f"B2: {BATCH_SIZE:,} new events a request (events/s = {BATCH_SIZE:,} x requests/s); one probe batch "
            f"took {one_batch:.1f} s, so each step lasted {plan.batch_answers_per_connection + 1} x N x that, "
            f"between {plan.batch_seconds_min:g} and {plan.batch_seconds_max:g} s "
            f"(N = {', '.join(map(str, plan.batch_connections))}), with `--timeout` as long as the step."
        )
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.ingest", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--quick",
        action="store_true",
        help="fewer steps of 3 s: a smoke run that leaves docs/ alone",
    )
    args = parser.parse_args(argv)
    plan = QUICK if args.quick else FULL
    # pgserver asks platformdirs for a runtime dir at import; its fallback is fine here.
    warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")
    # Piped into a log, rich would wrap the tables at 80 columns.
    console = Console(width=None if sys.stdout.isatty() else 140)
    logs.configure("WARNING", "console")
    try:
        wrk = ensure_wrk()
    except WrkUnavailable as error:
        console.print(f"[red]error:[/red] {error}")
        return 2
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    processes = Processes(DATA / "logs")
    try:
        with backend() as backend_:
            try:
                results = measure(console, wrk, backend_, processes, plan)
            finally:
                processes.stop_all()
    except KeyboardInterrupt:
        console.print("[yellow]interrupted[/yellow]: every process the bench started has been stopped")
        return 130
    print_tables(console, results)
    if args.quick:
        console.print(f"quick run: {DOCS.relative_to(ROOT)} left as it is")
    else:
        write_section(DOCS, results)
        console.print(f"wrote the figures into {DOCS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
