"""The run's figures: what was served, and latencies before, during and after each fault.

Latencies are of answered requests (any status below 500) in the window; "before" is the
window before the fault starts, "during" from its start to its end (for kill -9, until the
restarted process answers), "after" the window after that. Recovery is the time from the
fault's end to the last request that failed (no answer, 5xx or 429) before the next fault.
The table is printed and written to figures.md in the run's folder.
"""

import json
from pathlib import Path
from typing import Any

WINDOW_SECONDS = 60.0
FAILED = (None, 429)


def _percentiles(values: list[float]) -> str:
    if not values:
        return "-"
    values = sorted(values)
    return f"{values[len(values) // 2]:.0f} / {values[min(len(values) - 1, int(len(values) * 0.99))]:.0f}"


def _failed(request: dict[str, Any]) -> bool:
    return request["status"] in FAILED or request["status"] >= 500


def table(out: Path) -> str:
    record = json.loads((out / "run.json").read_text())
    requests = [json.loads(line) for line in (out / "requests.jsonl").read_text().splitlines() if line]
    began, ended = record["began"], record["traffic_ended"]
    window = min(WINDOW_SECONDS, (ended - began) / 10)
    answered = [(r["t"], r["ms"]) for r in requests if not _failed(r)]
    acked = {(r["seller"], a[0], a[1]) for r in requests for a in r.get("acked", [])}
    lines = [
        f"{(ended - began) / 60:.0f} minutes of traffic (a day on the clock, x{record['scale']:.0f}); "
        f"{record['orders']:,} orders, {len(acked):,} events acknowledged, {len(requests):,} requests "
        f"({sum(_failed(r) for r in requests):,} failed and retried); "
        f"deliveries drained {record['drain_seconds']:.0f} s after the traffic.",
        "",
        "| fault | at (s) | lasted (s) | p50 / p99 ms before | during | after | recovery (s) |",
        "|---|---|---|---|---|---|---|",
    ]
    faults = record["faults"]
    for i, fault in enumerate(faults):
        start = fault["start"]
        end = max(fault["end"], start + fault["ready_seconds"])
        following = faults[i + 1]["start"] if i + 1 < len(faults) else record["ended"]

        def within(a: float, b: float) -> list[float]:
            return [ms for t, ms in answered if a <= t < b]

        answered_at = [(r["t"] + r["ms"] / 1000) for r in requests if _failed(r) and start <= r["t"]]
        failures = [t for t in answered_at if t < following]
        recovery = max(0.0, max(failures) - end) if failures else 0.0
        lines.append(
            f"| {fault['name']}{' (skipped)' if fault['skipped'] else ''} | {start - began:.0f} | "
            f"{end - start:.1f} | {_percentiles(within(start - window, start))} | "
            f"{_percentiles(within(start, max(end, start + 1)))} | {_percentiles(within(end, end + window))} | "
            f"{recovery:.1f} |"
        )
    restarts = ", ".join(f"{role} at {t - began:.0f} s ({why})" for t, role, why in record["restarts"])
    lines += ["", f"Processes started again: {restarts or 'none'}."]
    return "\n".join(lines)


def show(out: Path) -> None:
    text = table(out)
    (out / "figures.md").write_text(text + "\n")
    print(text)
