"""bench/backtest: a 90-day policy backtest over 100,000 orders and their events.

A private Postgres (under `.data/backtest/`) holds one seller's 100,000 orders spread over the
last 90 days, written with set-based SQL: every order has a buyer message and a person's reply
1 to 40 hours later, every fourth a return request decided 10 to 60 hours later (about 250,000
events). The backtest then runs in this process exactly as the worker's job runs it
(`core/backtests/runner.py` through a unit of work), proposing other windows, warnings, a
ladder step and a team target on a working calendar; its wall time and this process's resident
memory are sampled while it runs (the job's process; Postgres is not counted).

Run `python -m bench.backtest [--quick]`. A full run writes the "Policy backtest" section of
docs/PERFORMANCE.md; `--quick` runs 10,000 orders and only prints.
"""

import asyncio
import os
import time
from dataclasses import dataclass
from datetime import UTC, datetime

from rich.console import Console
from sqlalchemy import text

from bench.bulk import bench_main, machine, make_seller, run_sql, servers, utc_now, vacuum_analyze
from bench.procstat import Sampler
from services.core.backtests import runner
from services.core.backtests import service as backtests
from services.core.domain.policy import Policy
from services.core.kit.clock import SystemClock
from services.core.kit.db import create_engine, session_factory
from services.core.kit.unit_of_work import unit_of_work
from services.core.models import Backtest

SECTION = "## Policy backtest (bench/backtest)"
DATABASE = "aftersales_bench_backtest"
DAYS = 90
TARGET_SECONDS = 60
TARGET_RSS_MB = 300

PROPOSAL = Policy.model_validate(
    {
        "clocks": {"message.reply": {"hours": 12}, "return.decide": {"hours": 36}},
        "warning_percents": [50, 80],
        "calendars": {
            "US support": {
                "time_zone": "America/New_York",
                "week": {
                    d: [{"start": "09:00", "end": "17:00"}] for d in ("mon", "tue", "wed", "thu", "fri")
                },
                "holidays": {"country": "US"},
            }
        },
        "team_targets": {"message.reply": {"calendar": "US support", "working_hours": 4}},
    }
)

# One order a row of generate_series: its number n spreads it over the window and varies its
# reply and decision times. The events are as producers send them (tests/factories.py).
_LOAD = """
    INSERT INTO events (id, seller_id, source, event_id, type, occurred_at, received_at, order_id, marketplace,
                        data, body_hash, case_ids)
    SELECT gen_random_uuid(), $1, 'bench', e.event_id, e.type, e.at, e.at, o.order_id, 'US', e.data, md5(e.event_id),
           '{}'
    FROM (SELECT n, format('111-%s-0000000', lpad(n::text, 7, '0')) AS order_id,
                 $2::timestamptz - ($3::int * interval '1 day') * (n::float8 / $4) AS at
          FROM generate_series(1, $4) AS n) o
    CROSS JOIN LATERAL (VALUES
        ('m' || o.n, 'message.received', o.at, jsonb_build_object('thread_id', 'T' || o.n)),
        ('r' || o.n, 'message.sent', o.at + (1 + o.n % 40) * interval '1 hour',
         jsonb_build_object('thread_id', 'T' || o.n, 'author', 'agent', 'agent', 'agent' || o.n % 7)),
        ('q' || o.n, CASE WHEN o.n % 4 = 0 THEN 'return.requested' END, o.at + interval '2 hours',
         jsonb_build_object('return_id', 'R' || o.n)),
        ('a' || o.n, CASE WHEN o.n % 4 = 0 THEN 'return.authorized' END,
         o.at + (12 + o.n % 50) * interval '1 hour', jsonb_build_object('return_id', 'R' || o.n))
    ) AS e(event_id, type, at, data)
    WHERE e.type IS NOT NULL AND e.at < $2
"""


@dataclass(frozen=True)
class Plan:
    orders: int


@dataclass(frozen=True)
class Results:
    plan: Plan
    events: int
    seconds: float
    max_rss_mb: float
    changes: int
    when: str
    load: float


async def _backtest(database_url: str, seller_id: object, now: datetime) -> tuple[float, int, int]:
    engine = create_engine(database_url, pool_size=2)
    sessions, clock = session_factory(engine), SystemClock()

    def units():  # type: ignore[no-untyped-def]
        return unit_of_work(sessions, clock, None)

    try:
        async with units() as work:
            row = await backtests.create(work.session, seller_id, PROPOSAL, DAYS, now)  # type: ignore[arg-type]
            events = int(await work.session.scalar(text("SELECT count(*) FROM events")) or 0)
        started = time.monotonic()
        await runner.run(units, row.id)
        seconds = time.monotonic() - started
        async with units() as work:
            done = await work.session.get(Backtest, row.id)
            assert done is not None and done.status == "done", done and done.error
            return seconds, events, int(done.result["changes_total"])  # type: ignore[index]
    finally:
        await engine.dispose()


def measure(console: Console, plan: Plan) -> Results:
    with servers("backtest", DATABASE) as running:
        seller_id, _ = asyncio.run(make_seller(running.database_url, "Bench Shop", ["US"], ["admin"]))
        now = datetime.now(UTC)
        console.print(f"loading {plan.orders:,} orders")
        asyncio.run(run_sql(running.database_url, [(_LOAD, (seller_id, now, DAYS, plan.orders))]))
        asyncio.run(vacuum_analyze(running.database_url, ["events"]))
        console.print("backtesting")
        with Sampler(os.getpid()) as sampler:
            seconds, events, changes = asyncio.run(_backtest(running.database_url, seller_id, now))
        return Results(plan, events, seconds, sampler.max_rss_mb(), changes, utc_now(), os.getloadavg()[0])


def show(console: Console, results: Results) -> None:
    console.print(
        f"{results.plan.orders:,} orders, {results.events:,} events: {results.seconds:.1f} s, "
        f"max RSS {results.max_rss_mb:.0f} MB, {results.changes:,} clocks changed"
    )


def section(results: Results) -> list[str]:
    ok_time = results.seconds < TARGET_SECONDS
    ok_rss = results.max_rss_mb < TARGET_RSS_MB
    return [
        f"Measured {results.when} on {machine()}. **The machine was shared with other sessions and "
        f"loaded while this ran** (load average {results.load:.1f} on its cores at the end, from other sessions): "
        "the figures are an upper bound for an idle machine.",
        "",
        "| what | figure | target |",
        "|---|---|---|",
        f"| orders / events in the 90-day window | {results.plan.orders:,} / {results.events:,} | |",
        f"| backtest wall time (one fold per order, replayed under both policies; the actual clocks) | {results.seconds:.1f} s | "
        f"< {TARGET_SECONDS} s ({'met' if ok_time else 'NOT met'}) |",
        f"| job process max RSS while it ran | {results.max_rss_mb:.0f} MB | "
        f"< {TARGET_RSS_MB} MB ({'met' if ok_rss else 'NOT met'}) |",
        f"| clocks whose outcome the proposal changes | {results.changes:,} | |",
        "",
        "The window's events are streamed in order-id order, "
        f"{runner.CHUNK:,} rows a fetch, and folded an order at a time under both policies, so memory "
        "holds one fetch and the tallies; progress is written after each fetch. "
        "`python -m bench.backtest` reruns it.",
    ]


if __name__ == "__main__":
    bench_main(
        __doc__ or "",
        SECTION,
        "10,000 orders; print only",
        (Plan(100_000), Plan(10_000)),
        measure,
        show,
        section,
    )
