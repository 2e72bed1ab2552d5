"""The figures of bench/health: terminal tables and the "Account health" section of PERFORMANCE.md."""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table

from bench.bulk import met, percentile, wrap

if TYPE_CHECKING:
    from bench.health import Results

# The goal of the issue that asked for this bench, judged on the 95th percentile of the calls.
TARGET_MS = 200.0
# Lines of the slowest statement's plan shown in the docs.
PLAN_LINES = 40


@dataclass(frozen=True)
class Call:
    """One line: a window and lag, our API's timings and the bare count's, and what each counted."""

    days: int
    lag: int
    timings: list[float]
    baseline: list[float]
    orders: int
    counted: int

    def p(self, q: float) -> float:
        return percentile(self.timings, q)

    def baseline_p(self, q: float) -> float:
        return percentile(self.baseline, q)


@dataclass(frozen=True)
class Explained:
    """One statement of account health: what it computes, and its execution time and plan
    under a custom plan (made for its parameters) and a generic one (made for any)."""

    label: str
    ms: float
    plan: list[str]
    generic_ms: float
    generic_plan: list[str]


COLUMNS = (
    "window",
    "lag",
    "orders",
    "API p50 ms",
    "API p95 ms",
    "API max ms",
    "count(*) p50 ms",
    "count(*) p95 ms",
    "API / count(*) p50",
    "goal",
    "result",
)


def _cells(call: Call) -> list[str]:
    orders = f"{call.orders:,}" + ("" if call.orders == call.counted else f" (count(*): {call.counted:,})")
    ratio = call.p(50) / call.baseline_p(50) if call.baseline_p(50) else float("nan")
    return [
        f"{call.days}d",
        f"{call.lag}d",
        orders,
        f"{call.p(50):,.1f}",
        f"{call.p(95):,.1f}",
        f"{max(call.timings):,.1f}",
        f"{call.baseline_p(50):,.1f}",
        f"{call.baseline_p(95):,.1f}",
        f"{ratio:,.1f}x",
        f"p95 < {TARGET_MS:g} ms",
        met(call.p(95) < TARGET_MS),
    ]


# A generic plan this much slower than the custom one is shown with the figures.
GENERIC_WORSE = 1.5


def _slowest(results: "Results") -> Explained | None:
    return max(results.explained, key=lambda e: e.ms, default=None)


def _worst_generic(results: "Results") -> Explained | None:
    """The statement whose generic plan loses most against its custom plan, when it loses much."""
    worst = max(results.explained, key=lambda e: e.generic_ms - e.ms, default=None)
    return worst if worst is not None and worst.generic_ms > GENERIC_WORSE * worst.ms else None


def _plans(results: "Results") -> list[tuple[str, list[str]]]:
    """The plans worth reading: the slowest statement's, and the worst generic plan."""
    shown = []
    slowest = _slowest(results)
    if slowest is not None:
        shown.append((f"The slowest statement, {slowest.label}, planned for its parameters:", slowest.plan))
    worst = _worst_generic(results)
    if worst is not None:
        shown.append(
            (
                (
                    f"{worst.label} under a generic plan ({worst.generic_ms:,.1f} ms against "
                    f"{worst.ms:,.1f} ms):"
                ),
                worst.generic_plan,
            )
        )
    return shown


def print_results(console: Console, results: "Results") -> None:
    table = Table(
        title=f"bench/health: GET /v1/metrics/account-health, ms ({results.date}, {results.machine})"
    )
    # The goal is the same on every line: it goes into the last column's heading.
    for column in (
        "window",
        "lag",
        "orders",
        "p50",
        "p95",
        "max",
        "count p50",
        "count p95",
        "x count",
    ):
        table.add_column(column, justify="right")
    table.add_column(f"p95 < {TARGET_MS:g}")
    for call in results.calls:
        cells = _cells(call)
        table.add_row(*cells[:9], cells[10])
    console.print(table)
    plans = Table(title="EXPLAIN ANALYZE, window 60d, marketplace US, ms")
    plans.add_column("statement")
    plans.add_column("custom plan", justify="right")
    plans.add_column("generic plan", justify="right")
    for explained in results.explained:
        plans.add_row(explained.label, f"{explained.ms:,.1f}", f"{explained.generic_ms:,.1f}")
    console.print(plans)
    for title, plan in _plans(results):
        console.print(title)
        console.print("\n".join(plan[:PLAN_LINES]), markup=False, highlight=False)


def section(results: "Results") -> list[str]:
    out = wrap(
        f"Measured {results.date} by `python -m bench.health` on {results.machine}; the API, Postgres and the "
        "bench share those cores. Rows in the database: "
        + ", ".join(f"{n:,} {t}" for t, n in results.rows.items())
        + f" (loaded in {results.load_seconds:.0f} s). Run it with `.venv/bin/python -m bench.health` "
        "(about 5 minutes; `--quick` is a smoke run on a tenth of the rows that writes nothing here)."
    )
    out += ["", "| " + " | ".join(COLUMNS) + " |", "|" + "---:|" * (len(COLUMNS) - 2) + "---|---|"]
    out += ["| " + " | ".join(_cells(call)) + " |" for call in results.calls]
    out += [
        "",
        *wrap(
            "Where the time goes: each statement of `services/core/account_health/figures.py` under EXPLAIN ANALYZE "
            "(window 60d, marketplace US), planned for its parameters (custom plan, as on a statement's "
            "first five executions) and for any parameters (generic plan, which Postgres may switch to "
            "from the sixth execution of a prepared statement on, as the API's are):"
        ),
        "",
        "| statement | custom plan ms | generic plan ms |",
        "|---|---:|---:|",
    ]
    out += [f"| {e.label} | {e.ms:,.1f} | {e.generic_ms:,.1f} |" for e in results.explained]
    custom = sum(e.ms for e in results.explained)
    generic = sum(e.generic_ms for e in results.explained)
    out += [f"| all of them | {custom:,.1f} | {generic:,.1f} |", ""]
    if any(call.p(95) >= TARGET_MS for call in results.calls):
        for title, plan in _plans(results):
            out += [*wrap(title), "", "```", *plan[:PLAN_LINES], "```", ""]
    out += ["Settings:", ""]
    for setting in results.settings:
        out += wrap(f"- {setting}", indent="  ")
    return out
