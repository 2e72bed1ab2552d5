"""bench/health: `GET /v1/metrics/account-health` over a million orders, against a bare count.

One seller has 1,000,000 orders over 180 days with their health facts, 200,000 cases with
their clocks, ~325,000 buyer messages and ~13,000 ratings; a second seller a tenth of that,
so every query has another tenant's rows to filter out. Our API (`aftersales api`, as
deployed) answers each window (7, 30, 60, 90 days), with and without a 5-day lag, for the US
marketplace: ~50 calls each after a warm-up, one at a time. The baseline, in the same run:
the bare `SELECT count(*)` of the same seller's orders in the same window, through asyncpg.
Then each query that account health runs is timed with EXPLAIN ANALYZE, to show where the
time goes.

Run `python -m bench.health [--quick]`. A full run writes the "Account health" section of
docs/PERFORMANCE.md; `--quick` is a smoke run on a tenth of the rows that only prints.
"""

import asyncio
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import asyncpg
import httpx
from rich.console import Console
from sqlalchemy import event

from bench.bulk import (
    Servers,
    bench_main,
    machine,
    make_seller,
    servers,
    utc_now,
    vacuum_analyze,
)
from bench.health_report import Call, Explained, print_results, section
from bench.healthload import Shape, load
from bench.servers import Processes, api_server, running
from services.core.account_health import figures as health
from services.core.kit.db import create_engine, session_factory, transaction
from services.core.sellers import policies

SECTION = "## Account health (bench/health)"
DATABASE = "aftersales_bench_health"
WINDOWS = (7, 30, 60, 90)
LAGS = (0, 5)
MARKETPLACE = "US"
TABLES = ("orders", "order_days", "cases", "clocks", "buyer_messages", "events")


@dataclass(frozen=True)
class Plan:
    main: Shape
    other: Shape
    calls: int
    warmup: int


FULL = Plan(Shape(1_000_000, 0.8), Shape(100_000, 1.0), calls=50, warmup=5)
QUICK = Plan(Shape(100_000, 0.8), Shape(10_000, 1.0), calls=10, warmup=2)


@dataclass
class Results:
    date: str
    machine: str
    plan: Plan
    settings: list[str] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)
    load_seconds: float = 0.0
    calls: list[Call] = field(default_factory=list)
    explained: list[Explained] = field(default_factory=list)


def _span(days: int, lag: int) -> tuple[datetime, datetime]:
    end = datetime.now(UTC) - timedelta(days=lag)
    return end - timedelta(days=days), end


async def _baseline(
    database_url: str, seller_id: uuid.UUID, days: int, lag: int, plan: Plan
) -> tuple[list[float], int]:
    """The bare count of the seller's orders in the window, as the API counts them."""
    connection = await asyncpg.connect(database_url)
    try:
        statement = await connection.prepare(
            "SELECT count(*) FROM orders WHERE seller_id = $1 AND marketplace = $2 AND ordered_at >= $3 AND ordered_at < $4"
        )
        timings, count = [], 0
        for i in range(plan.warmup + plan.calls):
            start, end = _span(days, lag)
            began = time.perf_counter()
            count = await statement.fetchval(seller_id, MARKETPLACE, start, end)
            if i >= plan.warmup:
                timings.append(1000 * (time.perf_counter() - began))
        return timings, int(count)
    finally:
        await connection.close()


def _api(base_url: str, api_key: str, days: int, lag: int, plan: Plan) -> tuple[list[float], int]:
    params = {"window": f"{days}d", "marketplace": MARKETPLACE}
    if lag:
        params["lag"] = f"{lag}d"
    timings, orders = [], 0
    with httpx.Client(
        base_url=base_url, headers={"Authorization": f"Bearer {api_key}"}, timeout=60
    ) as client:
        for i in range(plan.warmup + plan.calls):
            began = time.perf_counter()
            answer = client.get("/v1/metrics/account-health", params=params)
            elapsed = 1000 * (time.perf_counter() - began)
            if answer.status_code != 200:
                raise RuntimeError(f"account-health answered {answer.status_code}: {answer.text[:500]}")
            if i >= plan.warmup:
                timings.append(elapsed)
            orders = int(answer.json()["orders"])
    return timings, orders


def _label(sql: str) -> str:
    """Which part of account health a statement computes, from its text."""
    text = " ".join(sql.split()).lower()
    if "from order_days" in text:
        return "orders in the window (day counts + edges)"
    if "from buyer_messages" in text:
        return "response time (buyer_messages)"
    if "from events" in text:
        return "dissatisfaction ratings (events)"
    if "max(clocks.due_at)" in text:
        return "forecast: latest open claim (clocks x cases)"
    if "from clocks" in text:
        return "return dissatisfaction (clocks; feedback: orders x cases x clocks)"
    if "order by orders.ordered_at" in text:
        return "orders leaving the window (orders with a defect)"
    return "ODR defects (orders with a defect)"


def _literal(value: Any) -> str:
    """A SQL literal for one of account health's parameters (ids, codes, times, numbers)."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    text = value.isoformat() if isinstance(value, datetime) else str(value)
    return "'" + text.replace("'", "''") + "'"


async def _plan(connection: Any, explain: str, args: tuple[Any, ...]) -> tuple[float, list[str]]:
    """An EXPLAIN ANALYZE's execution time (ms) and its plan."""
    plan = [row[0] for row in await connection.exec_driver_sql(explain, args)]
    took = next(
        (float(line.split(":")[1].split()[0]) for line in plan if line.startswith("Execution Time")),
        0.0,
    )
    return took, plan


async def _explain(database_url: str, seller_id: uuid.UUID, days: int, lag: int) -> list[Explained]:
    """Run account health in-process once, catching its statements, then EXPLAIN ANALYZE each,
    planned for its parameters (a custom plan) and for any parameters (a generic plan)."""
    engine = create_engine(database_url, pool_size=1)
    caught: list[tuple[str, Any]] = []

    def catch(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool) -> None:
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            caught.append((statement, parameters))

    try:
        sessions = session_factory(engine)
        async with transaction(sessions) as session:
            policy = (await policies.current(session, seller_id)).policy
            now = datetime.now(UTC)
            event.listen(engine.sync_engine, "before_cursor_execute", catch)
            try:
                await health.account_health(session, seller_id, MARKETPLACE, days, lag, now, policy)
            finally:
                event.remove(engine.sync_engine, "before_cursor_execute", catch)
        explained = []
        async with engine.connect() as connection:
            for statement, parameters in caught:
                args = tuple(parameters)
                custom = await _plan(connection, "EXPLAIN (ANALYZE, BUFFERS) " + statement, args)
                # SQLAlchemy runs every statement as a prepared statement that asyncpg caches:
                # from the sixth execution on, Postgres may plan it once for any parameters (a
                # generic plan). The same statement, prepared and run that way:
                await connection.exec_driver_sql("SET plan_cache_mode = force_generic_plan")
                await connection.exec_driver_sql("PREPARE bench_generic AS " + statement)
                # EXECUTE takes no bind parameters of its own: its arguments go in as literals.
                literals = ", ".join(_literal(arg) for arg in args)
                generic = await _plan(
                    connection, f"EXPLAIN (ANALYZE, BUFFERS) EXECUTE bench_generic({literals})", ()
                )
                await connection.exec_driver_sql("DEALLOCATE bench_generic")
                await connection.exec_driver_sql("RESET plan_cache_mode")
                explained.append(Explained(_label(statement), *custom, *generic))
        return explained
    finally:
        await engine.dispose()


async def _fold_order_days(database_url: str) -> None:
    """What the worker does each minute: the loaded orders' day changes into the day counts."""
    engine = create_engine(database_url, pool_size=1)
    try:
        async with transaction(session_factory(engine)) as session:
            await health.fold_order_days(session)
    finally:
        await engine.dispose()


async def _row_counts(database_url: str) -> dict[str, int]:
    connection = await asyncpg.connect(database_url)
    try:
        return {table: int(await connection.fetchval(f"SELECT count(*) FROM {table}")) for table in TABLES}
    finally:
        await connection.close()


def _settings(plan: Plan, servers_: Servers) -> list[str]:
    pg = servers_.postgres_settings
    return [
        (
            f"Postgres {pg['server_version']} (pgserver, embedded, unix socket), its defaults: "
            f"shared_buffers={pg['shared_buffers']}; VACUUM ANALYZE after loading, as autovacuum would have."
        ),
        (
            f"Rows: seller A {plan.main.orders:,} orders over 180 days ({plan.main.us_share:.0%} US, the rest CA "
            f"and MX), seller B {plan.other.orders:,} (all US), each with ~1 % negative feedback, ~0.5 % A-to-Z "
            "claims (seven in ten closed with an outcome), ~0.2 % chargebacks, ~0.2 cases per order with one "
            "clock each (messages, returns with return.decide clocks, cancellations, claims, chargebacks, "
            "feedback), one to four buyer messages per thread and a rating for a tenth of the threads; written "
            "with INSERT ... SELECT generate_series."
        ),
        (
            "API: `python -m services.cli api` (`aftersales api`), one uvicorn process, AFTERSALES_LOG_LEVEL="
            "WARNING, default DB pool; a key with the cases:read scope of seller A."
        ),
        (
            f"Calls: `GET /v1/metrics/account-health?window=Nd&marketplace={MARKETPLACE}[&lag=5d]` with httpx, "
            f"one at a time over keep-alive, {plan.warmup} warm-up calls then {plan.calls} timed per line."
        ),
        (
            f"Baseline: `SELECT count(*) FROM orders WHERE seller_id = $1 AND marketplace = '{MARKETPLACE}' AND "
            "ordered_at >= $3 AND ordered_at < $4` (the same window), a prepared statement on one asyncpg "
            "connection, as many calls."
        ),
        (
            "EXPLAIN (ANALYZE, BUFFERS) of each statement that services/core/account_health/figures.py runs for window=60d, "
            f"marketplace={MARKETPLACE}, caught from one in-process call (warm cache)."
        ),
    ]


def measure(console: Console, plan: Plan) -> Results:
    results = Results(date=utc_now(), machine=machine(), plan=plan)
    with servers("bench-health", DATABASE) as servers_:
        results.settings = _settings(plan, servers_)
        url = servers_.database_url
        seller_a, key = asyncio.run(make_seller(url, "Bench Health A", ["US", "CA", "MX"], ["cases:read"]))
        seller_b, _ = asyncio.run(make_seller(url, "Bench Health B", ["US"], ["cases:read"]))
        console.print(
            f"[bold]Load[/bold] {plan.main.orders:,} + {plan.other.orders:,} orders and their cases"
        )
        began = time.monotonic()
        asyncio.run(load(url, seller_a, plan.main))
        asyncio.run(load(url, seller_b, plan.other))
        asyncio.run(_fold_order_days(url))
        asyncio.run(vacuum_analyze(url, TABLES))
        results.load_seconds = time.monotonic() - began
        results.rows = asyncio.run(_row_counts(url))
        console.print(
            "  "
            + ", ".join(f"{n:,} {t}" for t, n in results.rows.items())
            + f" in {results.load_seconds:.0f} s"
        )

        processes = Processes(servers_.data / "logs")
        try:
            with running(
                processes, *api_server(servers_.database_url, servers_.redis_url, "api", "aftersales api")
            ) as api:
                for days in WINDOWS:
                    for lag in LAGS:
                        base, counted = asyncio.run(_baseline(url, seller_a, days, lag, plan))
                        timings, orders = _api(api.base_url, key, days, lag, plan)
                        call = Call(days, lag, timings, base, orders, counted)
                        results.calls.append(call)
                        console.print(
                            f"  {days}d lag {lag}d: p50 {call.p(50):.1f} ms, p95 {call.p(95):.1f} ms "
                            f"(count alone p50 {call.baseline_p(50):.1f} ms); {orders:,} orders"
                        )
        finally:
            processes.stop_all()
        console.print("[bold]EXPLAIN ANALYZE[/bold] of account health, 60d")
        results.explained = asyncio.run(_explain(url, seller_a, 60, 0))
    return results


def main() -> None:
    bench_main(
        __doc__ or "",
        SECTION,
        "a smoke run on a tenth of the rows; writes no docs",
        (FULL, QUICK),
        measure,
        print_results,
        section,
    )


if __name__ == "__main__":
    main()
