"""The figures of bench/ingest: terminal tables, and the "Event ingest" section of PERFORMANCE.md.

Only that section of the document is replaced; everything around it is kept as it is.
"""

import os
import platform
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.table import Table

from bench.cpu import DISTURBED_CORES
from bench.load import SLO_P99_MS, Step, best_throughput, best_within_slo

SECTION = "## Event ingest (bench/ingest)"

# The goals of the issue that asked for this bench.
TARGET_SINGLE = 2_000.0
TARGET_RATIO = 0.4
TARGET_BATCH = 10_000.0
BATCH_SLO_MS = 1_000.0
TARGET_RSS_MB = 150.0


@dataclass(frozen=True)
class Series:
    """Every step measured against one target, e.g. our API's single-event endpoint."""

    key: str
    label: str
    description: str
    steps: list[Step]


@dataclass
class Results:
    date: str
    machine: str
    settings: list[str]
    series: dict[str, Series] = field(default_factory=dict)

    def add(self, key: str, label: str, description: str, steps: list[Step]) -> None:
        self.series[key] = Series(key, label, description, steps)

    def best(self, key: str) -> Step | None:
        return best_within_slo(self.series[key].steps) if key in self.series else None


def _proc(name: str, prefix: str) -> str:
    """The value of the first `prefix` line of /proc/NAME, or "" where there is none."""
    path = Path("/proc") / name
    lines = path.read_text().splitlines() if path.exists() else []
    return next((line.split(":", 1)[1].strip() for line in lines if line.startswith(prefix)), "")


def machine() -> str:
    cores = len(os.sched_getaffinity(0))
    model = _proc("cpuinfo", "model name") or platform.processor() or "unknown CPU"
    memory = _proc("meminfo", "MemTotal:").split()  # e.g. ["24684140", "kB"]
    memory_kib = int(memory[0]) if memory else 0
    return f"{cores} cores ({model}), {memory_kib / 2**20:.0f} GiB, {platform.system()}"


@dataclass(frozen=True)
class Line:
    """One line of the summary: a target's figure at the SLO, or its best without it."""

    label: str
    step: Step | None
    at_slo: bool
    ratio: float | None
    goal: str
    result: str


def _met(ok: bool) -> str:
    return "met" if ok else "NOT met"


def summary(results: Results) -> list[Line]:
    raw = results.best("raw")
    lines = []
    for key, series in results.series.items():
        best, at_slo = best_within_slo(series.steps), True
        if best is None:
            best, at_slo = best_throughput(series.steps), False
        # Of the figures shown: where ours has none within the SLO, its best throughput is
        # read against the raw app's figure, and the over-SLO mark on it says so.
        ratio = None
        if key in ("ours", "alone", "mix") and best and raw and raw.events_per_second:
            ratio = best.events_per_second / raw.events_per_second
        goal, result = "", ""
        if key == "ours":
            figure = best.events_per_second if best and at_slo else 0.0
            goal = f">= {TARGET_SINGLE:,.0f}/s; >= {TARGET_RATIO}x raw"
            result = f"{_met(figure >= TARGET_SINGLE)}; {_met(ratio is not None and ratio >= TARGET_RATIO)}"
        elif key == "batch":
            figure = best.events_per_second if best and at_slo else 0.0
            goal = f">= {TARGET_BATCH:,.0f}/s at p99 < {BATCH_SLO_MS / 1000:g} s"
            result = _met(figure >= TARGET_BATCH)
        if series.steps and series.steps[0].server_rss_mb is not None:
            peak = max(step.server_rss_mb or 0.0 for step in series.steps)
            goal += f"{'; ' if goal else ''}RSS < {TARGET_RSS_MB:g} MB"
            result += f"{'; ' if result else ''}{_met(peak < TARGET_RSS_MB)} ({peak:.0f} MB)"
        lines.append(Line(series.label, best, at_slo, ratio, goal, result))
    return lines


def _n(value: float, digits: int = 0) -> str:
    return f"{value:,.{digits}f}"


def _summary_cells(line: Line, over_mark: str) -> list[str]:
    """events/s, connections, p50, p99, ratio, goal, result; `over_mark` flags a figure over the SLO."""
    ratio = f"{line.ratio:.2f}x" if line.ratio is not None else ""
    if line.step is None:
        return ["-", "-", "-", "-", ratio, line.goal, line.result]
    step = line.step
    figure = _n(step.events_per_second) + ("" if line.at_slo else over_mark)
    return [
        figure,
        str(step.connections),
        _n(step.p50_ms, 1),
        _n(step.p99_ms, 1),
        ratio,
        line.goal,
        line.result,
    ]


def _step_cells(step: Step) -> list[str]:
    """connections, events/s, p50, p99, errors (or that no answer came within the step), the
    CPU per event of the server and of Postgres, and the cores busy elsewhere meanwhile."""
    return [
        str(step.connections),
        _n(step.events_per_second),
        _n(step.p50_ms, 1),
        _n(step.p99_ms, 1),
        str(step.errors) if step.requests else "no answer",
        "" if step.server_cpu_ms is None else _n(step.server_cpu_ms, 3),
        _n(step.postgres_cpu_ms, 3),
        "" if step.server_rss_mb is None else _n(step.server_rss_mb),
        f"{step.cores_elsewhere:.2f}" + (" (disturbed)" if step.disturbed else ""),
    ]


def print_tables(console: Console, results: Results) -> None:
    steps = Table(title="bench/ingest: every step")
    for column in (
        "target",
        "conns",
        "events/s",
        "p50 ms",
        "p99 ms",
        "errors",
        "server ms CPU/ev",
        "postgres ms CPU/ev",
        "server RSS MB",
        "cores elsewhere",
        "p99 within SLO",
    ):
        steps.add_column(column, justify="left" if column == "target" else "right")
    for series in results.series.values():
        for step in series.steps:
            steps.add_row(series.label, *_step_cells(step), "yes" if step.within_slo else "no")
    console.print(steps)

    table = Table(title=f"bench/ingest: events/s within the p99 SLO ({results.date}, {results.machine})")
    for column in ("target", "events/s", "conns", "p50 ms", "p99 ms", "ours/raw", "goal", "result"):
        table.add_column(column, justify="left" if column in ("target", "goal", "result") else "right")
    lines = summary(results)
    for line in lines:
        table.add_row(line.label, *_summary_cells(line, " *"))
    console.print(table)
    if any(not line.at_slo for line in lines):
        console.print("* no step kept p99 within its SLO: the best throughput is shown, with its p99")
    warning = disturbance(results)
    if warning:
        console.print(f"[yellow]warning:[/yellow] {warning}")


def disturbance(results: Results) -> str | None:
    """A warning when other work on the machine took CPU during some steps, else None."""
    steps = [step for series in results.series.values() for step in series.steps]
    disturbed = sum(step.disturbed for step in steps)
    if not disturbed:
        return None
    return (
        f"{disturbed} of {len(steps)} steps ran while other processes kept more than {DISTURBED_CORES:g} "
        "cores busy (marked disturbed): their figures understate what this machine does; run the bench "
        "again on a quiet machine."
    )


def _wrap(text: str, indent: str = "") -> list[str]:
    # The docs keep their lines near 100 columns, like the rest of the repository.
    return textwrap.wrap(
        text, width=100, subsequent_indent=indent, break_on_hyphens=False, break_long_words=False
    )


def section(results: Results) -> str:
    out = [SECTION, ""]
    out += _wrap(
        f"Measured {results.date} by `make bench` (`python -m bench.ingest`) on {results.machine}; the load "
        "generator, the server under test and Postgres share those cores. Each figure is the highest "
        f"throughput, over the connection counts tried, whose p99 latency stayed under {SLO_P99_MS:g} ms (a 1,000-event batch: "
        f"{BATCH_SLO_MS / 1000:g} s) with no error (a non-2xx answer, a failed batch item, a socket error or a time-out voids a step)."
    )
    out.append("")
    for series in results.series.values():
        out += _wrap(f"- {series.label}: {series.description}", indent="  ")
    out += [
        "",
        "| target | events/s within the p99 SLO | connections | p50 ms | p99 ms | ours / raw | goal | result |",
        "|---|---:|---:|---:|---:|---:|---|---|",
    ]
    lines = summary(results)
    out += ["| " + " | ".join([line.label, *_summary_cells(line, " (p99 over)")]) + " |" for line in lines]
    if any(not line.at_slo for line in lines):
        out += [
            "",
            *_wrap('"p99 over": no connection count kept p99 within its SLO; the best throughput is shown.'),
        ]
    out += [
        "",
        "Every step:",
        "",
        "| target | connections | events/s | p50 ms | p99 ms | errors | server CPU ms/event "
        "| Postgres CPU ms/event | server RSS MB | cores busy elsewhere |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for series in results.series.values():
        out += ["| " + " | ".join([series.label, *_step_cells(step)]) + " |" for step in series.steps]
    warning = disturbance(results)
    if warning:
        out += ["", *_wrap(f"Warning: {warning}")]
    out += ["", "Settings:", ""]
    for setting in results.settings:
        out += _wrap(f"- {setting}", indent="  ")
    return "\n".join(out) + "\n"


def write_section(path: Path, results: Results) -> None:
    """Replace the section (up to the next `## ` heading), or append it when it is not there."""
    lines = path.read_text().splitlines(keepends=True) if path.exists() else ["# Performance\n"]
    start = next((i for i, line in enumerate(lines) if line.rstrip() == SECTION), None)
    if start is None:
        before, after = lines, []
        while before and not before[-1].strip():
            before = before[:-1]
        before = [*before, "\n"]
    else:
        end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
        before, after = lines[:start], lines[end:]
    path.write_text("".join(before) + section(results) + ("\n" + "".join(after) if after else ""))
