"""bench/clocks: the clock sweep with a million clocks pending, against PgQueuer on the same Postgres.

One worker process (`aftersales worker`, as deployed) runs over a private Postgres and Redis:

- Idle: 1,000,000 running clocks (windows of 24 h to 30 days, started in the past, due up to
  30 days ahead) whose next thresholds fall between 2 hours and 15 days ahead; nothing is due,
  and the worker's CPU and memory are sampled.
- Steady: a slice of further clocks comes due evenly over a minute while the million wait; the
  lag of each firing is clock_firings.fired_at - due_at.
- Burst: 100,000 more clocks due in the same second; drained when none of them is due and
  unfired any more.
- Baseline: PgQueuer's scheduled jobs, 100,000 due at the same instant, in a database of their
  own on the same Postgres, drained by PgQueuer's consumer (its own process, a no-op handler),
  at its default batch size and a larger one; our fire rate is read against its best.

Run `python -m bench.clocks [--quick]`. A full run writes the "Clock sweep" section of
docs/PERFORMANCE.md; `--quick` is a smoke run on fewer clocks that only prints its figures.
"""

import asyncio
import os
import sys
import time
import uuid
from collections.abc import Callable, Coroutine
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any, TypeVar

import asyncpg
import redis
from rich.console import Console

from bench import cpu
from bench.bulk import (
    Servers,
    bench_main,
    fresh_database,
    machine,
    make_seller,
    servers,
    utc_now,
    vacuum_analyze,
    wait_until,
)
from bench.clockload import arm, firing_count, lags, load, still_due
from bench.clocks_plan import FULL, QUICK, Drain, Plan, Results
from bench.clocks_report import print_results, section, settings
from bench.pgq import consumer_command, done_count, ensure_installed, prepare, remaining
from bench.procstat import Sampler
from bench.servers import Processes

SECTION = "## Clock sweep (bench/clocks)"
DATABASE = "aftersales_bench_clocks"
PGQ_DATABASE = "pgqueuer_bench"
# arq's key for a worker's health record: there once the worker has polled Redis.
ARQ_HEALTH_KEY = "arq:queue:health-check"
# The worker refreshes account-health snapshots at second 30 of every fifth minute (and at
# start): a job of its own, kept out of the idle and steady windows so they measure the sweep.
SNAPSHOT_MINUTES = 5
SNAPSHOT_SECOND = 30
SNAPSHOT_ALLOWANCE = timedelta(seconds=20)
POLL_SECONDS = 0.2
# No clock loaded comes due within this time: longer than any run, shorter than the shortest
# gap between two thresholds (10 % of a 24-hour window).
LEAD = timedelta(hours=2)

T = TypeVar("T")
Query = Callable[[], Coroutine[Any, Any, T]]


def _clear_of_snapshot(console: Console, seconds: float) -> None:
    """Wait, when the worker's next health snapshot would fall within the coming `seconds`."""
    now = datetime.now().astimezone()
    tick = now.replace(second=SNAPSHOT_SECOND, microsecond=0)
    tick = tick.replace(minute=tick.minute - tick.minute % SNAPSHOT_MINUTES)
    while tick + SNAPSHOT_ALLOWANCE < now:
        tick += timedelta(minutes=SNAPSHOT_MINUTES)
    if tick - timedelta(seconds=seconds + 2) < now:
        wait = (tick + SNAPSHOT_ALLOWANCE - now).total_seconds()
        console.print(f"  waiting {wait:.0f} s for the worker's health snapshot at {tick:%H:%M:%S} to pass")
        time.sleep(wait)


class Bench:
    """One run: the servers, the child processes, and a connection for the bench's own queries."""

    def __init__(self, console: Console, plan: Plan, servers_: Servers, processes: Processes) -> None:
        self.console = console
        self.plan = plan
        self.servers = servers_
        self.processes = processes
        self.loop = asyncio.new_event_loop()
        self.connection: asyncpg.Connection = self.run(asyncpg.connect(servers_.database_url))

    def run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        return self.loop.run_until_complete(coroutine)

    def close(self) -> None:
        self.run(self.connection.close())
        self.loop.close()

    def db_now(self) -> datetime:
        now: datetime = self.run(self.connection.fetchval("SELECT clock_timestamp()"))
        return now

    def load(self, seller_id: uuid.UUID) -> float:
        started = time.monotonic()
        now = self.db_now()
        for group in self.plan.groups:
            self.console.print(f"  loading {group.count:,} {group.name} clocks")
            # The steady and burst groups wait like the rest until their phase arms them.
            self.run(load(self.servers.database_url, seller_id, group, now, LEAD))
        self.run(vacuum_analyze(self.servers.database_url, ["orders", "cases", "clocks", "reminders"]))
        return time.monotonic() - started

    def start_worker(self) -> Sampler:
        env = {
            **os.environ,
            "AFTERSALES_DATABASE_URL": self.servers.database_url,
            "AFTERSALES_REDIS_URL": self.servers.redis_url,
            "AFTERSALES_LOG_LEVEL": "WARNING",
        }
        worker = self.processes.spawn("worker", [sys.executable, "-m", "services.cli", "worker"], env)
        client = redis.Redis.from_url(self.servers.redis_url)
        try:
            wait_until(
                lambda: worker.poll() is None and client.exists(ARQ_HEALTH_KEY),
                60,
                "the worker to poll Redis",
            )
        except RuntimeError:
            raise RuntimeError(f"the worker did not start:\n{self.processes.log_tail('worker')}") from None
        finally:
            client.close()
        # Its first health snapshot runs at start, over every clock of the seller; let it end.
        began = time.monotonic()
        wait_until(
            lambda: self.run(self.connection.fetchval("SELECT count(*) FROM health_snapshots")) > 0,
            300,
            "the worker's first health snapshot",
            every=0.5,
        )
        self.console.print(f"  its first health snapshot took {time.monotonic() - began:.1f} s")
        return Sampler(worker.pid)

    def idle(self, results: Results, worker: Sampler, postgres: Sampler) -> None:
        _clear_of_snapshot(self.console, self.plan.idle_seconds)
        before = cpu.sample([self.servers.postmaster_pid])
        start = worker.take().at
        postgres.take()
        time.sleep(self.plan.idle_seconds)
        end = worker.take().at
        postgres.take()
        results.idle_cores_elsewhere = cpu.cores_elsewhere(before, cpu.sample([self.servers.postmaster_pid]))
        results.idle_cpu = worker.cpu_percent(start, end)
        results.idle_postgres_cpu = postgres.cpu_percent(start, end)
        results.idle_rss_mb = worker.max_rss_mb(start, end)

    def steady(self, results: Results) -> None:
        group = self.plan.groups[1]
        _clear_of_snapshot(self.console, self.plan.steady_seconds + 10)
        before = cpu.sample([self.servers.postmaster_pid])
        first = self.db_now() + timedelta(seconds=3)
        span = timedelta(seconds=self.plan.steady_seconds)
        self.run(arm(self.connection, group, first, span))
        # Only the steady clocks are due in this phase, so every firing so far is one of theirs.
        wait_until(
            lambda: self.run(firing_count(self.connection)) >= group.count,
            self.plan.steady_seconds + 60,
            "the steady clocks to fire",
            every=1,
        )
        results.steady_cores_elsewhere = cpu.cores_elsewhere(
            before, cpu.sample([self.servers.postmaster_pid])
        )
        results.lags = self.run(lags(self.connection, group))
        results.steady_fired = len(results.lags)

    def _due_second(self) -> datetime:
        now = self.db_now()
        return now.replace(microsecond=0) + timedelta(seconds=self.plan.burst_lead_seconds)

    def _drain(
        self,
        label: str,
        jobs: int,
        due: datetime,
        left: Query[bool],
        done: Query[int],
        process: Sampler,
        postgres: Sampler,
    ) -> Drain:
        """Poll until `left()` says nothing is left, from `due` on; then count `done()`."""
        if self.db_now() >= due - timedelta(seconds=1):
            raise RuntimeError(f"{label}: arming took too long; raise burst_lead_seconds")
        while self.db_now() < due:
            time.sleep(0.05)
        before = cpu.sample([self.servers.postmaster_pid])
        start = process.take().at
        postgres.take()
        deadline = time.monotonic() + self.plan.drain_timeout
        seconds: float | None = None
        reported = time.monotonic()
        while time.monotonic() < deadline:
            if not self.run(left()):
                seconds = (self.db_now() - due).total_seconds()
                break
            if time.monotonic() - reported > 10:
                reported = time.monotonic()
                elapsed = (self.db_now() - due).total_seconds()
                self.console.print(
                    f"    {label}: {self.run(done()):,} of {jobs:,} done after {elapsed:.0f} s"
                )
            time.sleep(POLL_SECONDS)
        end = process.take().at
        postgres.take()
        return Drain(
            label=label,
            jobs=jobs,
            seconds=seconds,
            done=self.run(done()),
            process_cpu=process.cpu_percent(start, end),
            postgres_cpu=postgres.cpu_percent(start, end),
            cores_elsewhere=cpu.cores_elsewhere(before, cpu.sample([self.servers.postmaster_pid])),
        )

    def burst(self, worker: Sampler, postgres: Sampler) -> Drain:
        group = self.plan.groups[2]
        earlier = self.run(firing_count(self.connection))
        due = self._due_second()
        self.run(arm(self.connection, group, due, timedelta(0)))

        async def fired() -> int:
            return await firing_count(self.connection) - earlier

        drain = self._drain(
            "ours",
            group.count,
            due,
            lambda: still_due(self.connection, due),
            fired,
            worker,
            postgres,
        )
        # Counted once more by the group itself: each of its clocks fired, and exactly once.
        return replace(drain, done=len(self.run(lags(self.connection, group))))

    def pgqueuer(self, batch_size: int, postgres: Sampler, before_ours: bool = False) -> Drain:
        fresh_database(self.servers.postgres, PGQ_DATABASE)
        url = self.servers.url_of(PGQ_DATABASE)
        jobs = self.plan.burst
        due = self._due_second()
        first, last = self.run(prepare(url, jobs, due))
        if not first == last == due:
            raise RuntimeError(f"PgQueuer's jobs are due from {first} to {last}, not all at {due}")
        consumer = self.processes.spawn(
            f"pgqueuer-{batch_size}", consumer_command(url, batch_size), dict(os.environ)
        )
        connection: asyncpg.Connection = self.run(asyncpg.connect(url))
        try:
            with Sampler(consumer.pid) as process:
                drain = self._drain(
                    f"PgQueuer, batch {batch_size}" + (" (before ours)" if before_ours else ""), jobs, due,
                    lambda: remaining(connection),
                    lambda: done_count(connection),
                    process, postgres,
                )  # fmt: skip
                return replace(drain, batch=batch_size, before_ours=before_ours)
        finally:
            self.run(connection.close())
            self.processes.stop(consumer)


def measure(console: Console, plan: Plan) -> Results:
    console.print("[bold]PgQueuer[/bold] (bench-only dependency)")
    pgqueuer_version = ensure_installed()
    results = Results(date=utc_now(), machine=machine(), plan=plan)
    with servers("bench-clocks", DATABASE) as servers_:
        results.settings = settings(
            plan, servers_.postgres_settings, pgqueuer_version, LEAD, POLL_SECONDS, PGQ_DATABASE
        )
        processes = Processes(servers_.data / "logs")
        bench = Bench(console, plan, servers_, processes)
        try:
            seller_id, _ = bench.run(
                make_seller(servers_.database_url, "Bench Clocks", ["US"], ["cases:read"])
            )
            console.print(f"[bold]Load[/bold] {sum(g.count for g in plan.groups):,} orders, cases and clocks")
            results.load_seconds = bench.load(seller_id)
            console.print(f"  loaded in {results.load_seconds:.0f} s")
            with Sampler(servers_.postmaster_pid) as postgres:
                # PgQueuer's largest batch size (its fastest) brackets our burst: once before
                # our worker starts, and again after it stops.
                bracket = max(plan.pgq_batch_sizes)
                console.print(
                    f"[bold]PgQueuer[/bold] {plan.burst:,} jobs due at the same instant, batch {bracket}, "
                    "before our worker starts"
                )
                results.pgqueuer.append(bench.pgqueuer(bracket, postgres, before_ours=True))
                console.print("[bold]Worker[/bold] starting")
                worker_sampler = bench.start_worker()
                with worker_sampler as worker:
                    console.print(
                        f"[bold]Idle[/bold] {plan.idle_seconds:g} s with {plan.pending:,} clocks pending"
                    )
                    bench.idle(results, worker, postgres)
                    console.print(
                        f"[bold]Steady[/bold] {plan.steady:,} warnings due over {plan.steady_seconds:g} s"
                    )
                    bench.steady(results)
                    console.print(f"[bold]Burst[/bold] {plan.burst:,} clocks due in the same second")
                    results.ours = bench.burst(worker, postgres)
                    results.peak_rss_mb = worker.max_rss_mb()
                processes.stop_all()
                for batch_size in plan.pgq_batch_sizes:
                    console.print(
                        f"[bold]PgQueuer[/bold] {plan.burst:,} jobs due at the same instant, batch {batch_size}"
                    )
                    results.pgqueuer.append(bench.pgqueuer(batch_size, postgres))
        finally:
            processes.stop_all()
            bench.close()
    return results


def main() -> None:
    bench_main(
        __doc__ or "",
        SECTION,
        "a smoke run on fewer clocks; writes no docs",
        (FULL, QUICK),
        measure,
        print_results,
        section,
    )


if __name__ == "__main__":
    main()
