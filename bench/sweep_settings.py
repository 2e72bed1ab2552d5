"""bench/sweep_settings: the same clock burst drained under each worker setting in turn.

For choosing the sweep's defaults: every variant's worker (`aftersales worker`, as deployed)
drains the same burst over the same pending clocks on one database, one after another and in
reverse order on every other round, so this VM's drift between bursts minutes apart falls on
each variant alike. The first variant is the baseline. Between bursts the burst's firings and
announcements are deleted, its cases' escalations undone and the tables vacuumed.

Run `python -m bench.sweep_settings [--rounds N] [--burst N] [--pending N] VARIANT...`, each
variant a space-free list of settings, e.g.
`AFTERSALES_SWEEP_BATCH=500,AFTERSALES_SWEEP_CONCURRENCY=2` (`defaults` for none). It prints; it writes nothing to docs/. The CPU figures are sampled at the
start and end of each burst: trust them for bursts of several seconds, not for a smoke run.
"""

import argparse
import asyncio
import os
import sys
import time
from datetime import timedelta
from typing import Any

import asyncpg
import redis
from rich.console import Console
from rich.table import Table

from bench.bulk import make_seller, servers, stop_on_sigterm, vacuum_analyze, wait_until
from bench.clockload import Group, arm, load, still_due
from bench.clocks import ARQ_HEALTH_KEY, LEAD
from bench.procstat import Sampler
from bench.servers import Processes

DATABASE = "aftersales_bench_sweep_settings"
BURST_LEAD = timedelta(seconds=4)
POLL_SECONDS = 0.1
_RESET = """
    DELETE FROM clock_firings;
    DELETE FROM outbound_events;
    UPDATE cases SET assignee = NULL, band_raise = 0, escalation_level = 0
    WHERE escalation_level <> 0 OR band_raise <> 0 OR assignee IS NOT NULL;
"""


def _variant(text: str) -> dict[str, str]:
    if text == "defaults":
        return {}
    pairs = [item.split("=", 1) for item in text.split(",")]
    if any(len(pair) != 2 or not pair[0].startswith("AFTERSALES_") for pair in pairs):
        raise SystemExit(f"{text!r}: give settings as AFTERSALES_NAME=value[,AFTERSALES_NAME=value]")
    return {name: value for name, value in pairs}


class Run:
    def __init__(self, url: str, redis_url: str, postmaster: int, processes: Processes) -> None:
        self.url, self.redis_url, self.postmaster, self.processes = (
            url,
            redis_url,
            postmaster,
            processes,
        )
        self.loop = asyncio.new_event_loop()
        self.connection: asyncpg.Connection = self.loop.run_until_complete(asyncpg.connect(url))

    def sql(self, query: str, *args: object) -> Any:
        return self.loop.run_until_complete(self.connection.fetchval(query, *args))

    def burst(self, group: Group, settings: dict[str, str]) -> tuple[float, float, float]:
        """Seconds to drain `group` due at one instant, and the worker's and Postgres's CPU (%)."""
        env = {
            **os.environ,
            "AFTERSALES_DATABASE_URL": self.url,
            "AFTERSALES_REDIS_URL": self.redis_url,
            "AFTERSALES_LOG_LEVEL": "WARNING",
            **settings,
        }
        worker = self.processes.spawn("worker", [sys.executable, "-m", "services.cli", "worker"], env)
        client = redis.Redis.from_url(self.redis_url)
        try:
            wait_until(lambda: client.exists(ARQ_HEALTH_KEY), 60, "the worker to poll Redis")
            # Its first health snapshot runs at start; let it end before the burst.
            wait_until(lambda: self.sql("SELECT count(*) FROM health_snapshots"), 120, "the first snapshot")
            with Sampler(worker.pid) as process, Sampler(self.postmaster) as postgres:
                due = self.sql("SELECT date_trunc('second', clock_timestamp())") + BURST_LEAD
                self.loop.run_until_complete(arm(self.connection, group, due, timedelta(0)))
                while self.sql("SELECT clock_timestamp()") < due:
                    time.sleep(0.02)
                start = process.take().at
                postgres.take()
                while self.loop.run_until_complete(still_due(self.connection, due)):
                    time.sleep(POLL_SECONDS)
                seconds = (self.sql("SELECT clock_timestamp()") - due).total_seconds()
                end = process.take().at
                postgres.take()
                return seconds, process.cpu_percent(start, end), postgres.cpu_percent(start, end)
        finally:
            client.close()
            self.processes.stop(worker)
            self.loop.run_until_complete(self.connection.execute(_RESET + "DELETE FROM health_snapshots;"))
            self.loop.run_until_complete(
                vacuum_analyze(
                    self.url,
                    ["clocks", "clock_bookmarks", "cases", "clock_firings", "outbound_events"],
                )
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "variants", nargs="+", help="settings, e.g. AFTERSALES_SWEEP_BATCH=500 (or: defaults)"
    )
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--burst", type=int, default=100_000)
    parser.add_argument("--pending", type=int, default=1_000_000)
    args = parser.parse_args()
    variants = [(text, _variant(text)) for text in args.variants]
    stop_on_sigterm()
    console = Console()
    pending, burst = Group("pending", 1, args.pending), Group("burst", args.pending + 1, args.burst)
    seconds: dict[str, list[float]] = {text: [] for text, _ in variants}
    cpu: dict[str, list[float]] = {text: [] for text, _ in variants}
    with servers("bench-sweep-settings", DATABASE) as servers_:
        processes = Processes(servers_.data / "logs")
        run = Run(servers_.database_url, servers_.redis_url, servers_.postmaster_pid, processes)
        try:
            seller_id, _ = run.loop.run_until_complete(
                make_seller(servers_.database_url, "Bench Sweep Settings", ["US"], ["cases:read"])
            )
            now = run.sql("SELECT clock_timestamp()")
            console.print(f"[bold]Load[/bold] {args.pending:,} pending and {args.burst:,} burst clocks")
            for group in (pending, burst):
                run.loop.run_until_complete(load(servers_.database_url, seller_id, group, now, LEAD))
            run.loop.run_until_complete(
                vacuum_analyze(
                    servers_.database_url,
                    ["orders", "cases", "clocks", "clock_bookmarks", "reminders"],
                )
            )
            for round_ in range(args.rounds):
                for text, settings in variants if round_ % 2 == 0 else variants[::-1]:
                    drained, worker_cpu, postgres_cpu = run.burst(burst, settings)
                    seconds[text].append(drained)
                    cpu[text].append((worker_cpu + postgres_cpu) * drained / args.burst * 1e4)
                    console.print(
                        f"  round {round_ + 1} {text}: {drained:.2f} s, worker {worker_cpu:.0f} %, "
                        f"Postgres {postgres_cpu:.0f} %"
                    )
        finally:
            processes.stop_all()
            run.loop.run_until_complete(run.connection.close())
            run.loop.close()
    table = Table(
        title=f"{args.burst:,} clocks due at once over {args.pending:,} pending, {args.rounds} rounds"
    )
    for column in ("settings", "seconds, all bursts", "each", "vs first", "CPU µs per firing"):
        table.add_column(column)
    baseline = sum(seconds[variants[0][0]])
    for text, _ in variants:
        total = sum(seconds[text])
        table.add_row(
            text,
            f"{total:.2f}",
            ", ".join(f"{s:.2f}" for s in seconds[text]),
            f"{baseline / total:.2f}x",
            ", ".join(f"{c:.0f}" for c in cpu[text]),
        )
    console.print(table)


if __name__ == "__main__":
    main()
