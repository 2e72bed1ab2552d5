"""The checker: reads what the clients were told (requests.jsonl), what the receivers got
(receivers.jsonl), the run's record (run.json) and the database afterwards, and counts every
loss, duplicate and unexplained error. Any finding makes `python -m bench.soak.checker RUN`
exit 1.

- Events: each acknowledged event is stored exactly once, and no event was applied (201)
  twice.
- Cases: each order's cases and clocks are recomputed from its stored events with the pure
  fold (services/core/domain/cases.py) and compared with the rows the service wrote under load.
- Clocks: every threshold that came due while its clock ran fired, within the lag target
  (longer only when the fault that delayed it explains it), and was announced once.
- Deliveries: in checker_deliveries.py.
- HTTP: no answer was a 5xx other than 503 during a backend outage.
- Memory: no process's resident set kept growing.
"""

import asyncio
import json
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg

from bench.soak.checker_deliveries import check_deliveries
from bench.soak.faults import OUTAGES
from services.core.domain.cases import Fact, fold
from services.core.domain.clocks import BREACH, EventRef

# A threshold fires this many real seconds after it comes due, at most; after an outage, this
# long after the outage ends. The sweep runs each second from arq's cron (on a scaled clock the
# worker does not wait for the next threshold in between); 10 s leaves room for a machine of
# two cores that the run shares with its own four processes, Postgres and the harness.
LAG_TARGET_SECONDS = 10.0
RECOVERY_SECONDS = 30.0
# A 503 this long after a backend outage ends is still its doing (pools reconnecting).
OUTAGE_GRACE_SECONDS = 10.0
# RSS: the last quarter of a process's life against its second quarter.
RSS_GROWTH_LIMIT = 1.25
RSS_GROWTH_FLOOR_MB = 40


@dataclass
class Report:
    counts: dict[str, int | float | str] = field(default_factory=dict)
    findings: list[str] = field(default_factory=list)

    def find(self, what: str, examples: list[Any]) -> None:
        if examples:
            self.findings.append(f"{what}: {len(examples)}, e.g. {examples[:3]}")


@dataclass
class Run:
    folder: Path
    record: dict[str, Any]
    requests: list[dict[str, Any]]
    receipts: list[dict[str, Any]]

    @property
    def scale(self) -> float:
        return float(self.record["scale"])

    @property
    def epoch(self) -> datetime:
        return datetime.fromisoformat(self.record["epoch"])

    def real(self, at: datetime) -> float:
        """The real time (epoch seconds) the scaled clock showed `at`."""
        return self.epoch.timestamp() + (at - self.epoch).total_seconds() / self.scale

    def outages(self) -> list[tuple[float, float]]:
        return [
            (f["start"], f["end"]) for f in self.record["faults"] if f["name"] in OUTAGES and not f["skipped"]
        ]


def load(folder: Path) -> Run:
    def lines(name: str) -> list[dict[str, Any]]:
        path = folder / name
        return [json.loads(line) for line in path.read_text().splitlines() if line] if path.exists() else []

    record = json.loads((folder / "run.json").read_text())
    return Run(folder, record, lines("requests.jsonl"), lines("receivers.jsonl"))


def check_events(run: Run, stored: Counter[tuple[str, str, str]], report: Report) -> None:
    acknowledged: set[tuple[str, str, str]] = set()
    applied: Counter[tuple[str, str, str]] = Counter()
    for request in run.requests:
        for source, event_id, status in request.get("acked", []):
            key = (request["seller"], source, event_id)
            acknowledged.add(key)
            applied[key] += status == 201
    report.counts["events acknowledged"] = len(acknowledged)
    report.counts["events stored"] = sum(stored.values())
    report.counts["acknowledged events missing"] = len(lost := sorted(acknowledged - set(stored)))
    report.counts["events stored twice"] = len(doubled := [k for k, n in stored.items() if n > 1])
    report.counts["events applied (201) twice"] = len(twice := [k for k, n in applied.items() if n > 1])
    report.find("acknowledged but not stored", lost)
    report.find("stored more than once", doubled)
    report.find("answered 201 more than once", twice)


def _clock_key(kind: str, started: str, stopped: str | None) -> tuple[str, str, str | None]:
    return kind, started, stopped


def check_cases(events: list[Any], cases: list[Any], clocks: list[Any], report: Report) -> None:
    """Recompute every order from its stored events and compare with the stored rows."""
    facts: dict[tuple[str, str], list[Fact]] = defaultdict(list)
    for e in events:
        facts[(e["seller_id"], e["order_id"])].append(
            Fact(EventRef(e["event_id"], e["type"], e["occurred_at"]), json.loads(e["data"]))
        )
    stored = {(c["seller_id"], c["order_id"], c["kind"], c["key"]): c for c in cases}
    clocks_of: dict[Any, set[tuple[str, str, str | None]]] = defaultdict(set)
    for k in clocks:
        clocks_of[k["case_id"]].add(_clock_key(k["kind"], k["started_by_event"], k["stopped_by_event"]))
    wrong, missing, wrong_clocks = [], [], []
    expected = 0
    for (seller_id, order_id), order_facts in facts.items():
        for (kind, key), case in fold(order_facts).cases.items():
            expected += 1
            row = stored.pop((seller_id, order_id, kind.value, key), None)
            if row is None:
                missing.append((order_id, kind.value, key))
                continue
            want = (case.status, case.is_open, case.opened_at, case.closed_at)
            have = (row["status"], row["is_open"], row["opened_at"], row["closed_at"])
            if want != have:
                wrong.append((order_id, kind.value, {"fold": want, "stored": have}))
            folded = {
                _clock_key(c.kind.value, c.started.id, c.stopped.id if c.stopped else None)
                for c in case.clocks
            }
            if folded != clocks_of.get(row["id"], set()):
                wrong_clocks.append(
                    (order_id, kind.value, sorted(folded ^ clocks_of.get(row["id"], set()), key=str))
                )
    report.counts["cases recomputed"] = expected
    report.counts["cases not as the fold says"] = len(wrong)
    report.counts["cases missing"] = len(missing)
    report.counts["cases stored but not folded"] = len(stored)
    report.counts["cases whose clocks differ"] = len(wrong_clocks)
    report.find("case state differs from the fold of its events", wrong)
    report.find("case the fold opens is not stored", missing)
    report.find("stored case no event opens", list(stored)[:5])
    report.find("clocks differ from the fold", wrong_clocks)


def _deadline(run: Run, came_due: datetime) -> float:
    """The latest real time a threshold that came due at `came_due` may fire."""
    due = run.real(came_due)
    deadline = due + LAG_TARGET_SECONDS
    for start, end in run.outages():
        # Until the workers are back: a worker that loses Redis exits and is started again.
        if start <= deadline and end + RECOVERY_SECONDS >= due:
            deadline = max(deadline, end + RECOVERY_SECONDS + LAG_TARGET_SECONDS)
    return deadline


def check_clocks(
    run: Run, clocks: list[Any], firings: list[Any], announced: Counter[tuple[str, int]], report: Report
) -> None:
    end = datetime.fromisoformat(run.record["end_clock"])
    fired = {(f["clock_id"], f["threshold"]): f for f in firings}
    made = {k["id"]: k["created_at"] for k in clocks}
    lost, late, lags = [], [], []
    due_count = 0
    for k in clocks:
        window = timedelta(seconds=k["window_seconds"])
        until = min(k["stopped_at"] or end, end)
        for percent in sorted({*k["warning_percents"], BREACH}):
            at = k["started_at"] + window * percent / 100
            came_due = max(at, k["created_at"])
            if came_due > until or run.real(came_due) + LAG_TARGET_SECONDS > run.real(end):
                continue
            due_count += 1
            if (k["id"], percent) not in fired and _deadline(run, came_due) < run.real(until):
                lost.append((str(k["id"]), percent, at.isoformat()))
    for f in firings:
        came_due = max(f["due_at"], made.get(f["clock_id"], f["due_at"]))
        lag = (f["fired_at"] - came_due).total_seconds() / run.scale
        lags.append(lag)
        if run.real(f["fired_at"]) > _deadline(run, came_due):
            at = round(run.real(came_due) - run.record["began"], 1)
            late.append((str(f["clock_id"]), f["threshold"], f"due at {at} s", f"lag {lag:.1f} s"))
    unannounced = [k for k, f in fired.items() if not f["skipped"] and announced[(str(k[0]), k[1])] == 0]
    twice = [k for k, n in announced.items() if n > 1]
    lags.sort()
    report.counts["thresholds due"] = due_count
    report.counts["firings"] = len(firings)
    report.counts["thresholds due but not fired"] = len(lost)
    report.counts["firings late beyond the target"] = len(late)
    report.counts["firings announced twice"] = len(twice)
    report.counts["firings not announced"] = len(unannounced)
    if lags:
        report.counts["firing lag p50 / p99 / max (real s)"] = (
            f"{lags[len(lags) // 2]:.2f} / {lags[int(len(lags) * 0.99)]:.2f} / {lags[-1]:.2f}"
        )
    report.find("threshold came due and never fired", lost)
    report.find("fired later than the lag target allows", late)
    report.find("announced more than once", twice)
    report.find("fired but not announced", unannounced)


def _overlaps(request: dict[str, Any], windows: list[tuple[float, float]]) -> bool:
    answered = request["t"] + request["ms"] / 1000
    return any(request["t"] <= b + OUTAGE_GRACE_SECONDS and answered >= a for a, b in windows)


def check_http(run: Run, report: Report) -> None:
    outages = run.outages()
    # An API process killed: from the kill until its successor answers.
    kills = [
        (f["start"], f["start"] + f["ready_seconds"])
        for f in run.record["faults"]
        if f["name"] == "kill-9-api"
    ]
    unexplained, no_answer = [], []
    statuses: Counter[str] = Counter()
    for r in run.requests:
        status = r["status"]
        statuses[str(status) if status is not None else "no answer"] += 1
        in_outage = _overlaps(r, outages)
        if status is None:
            if not (in_outage or _overlaps(r, kills)):
                no_answer.append((r["op"], r.get("error"), round(r["t"] - run.record["began"], 1)))
        elif status >= 500 and not (status == 503 and in_outage):
            unexplained.append((r["op"], status, round(r["t"] - run.record["began"], 1)))
    report.counts["requests"] = len(run.requests)
    report.counts["answers by status"] = ", ".join(f"{s}: {n}" for s, n in sorted(statuses.items()))
    report.counts["unexplained 5xx"] = len(unexplained)
    report.counts["unexplained no-answers"] = len(no_answer)
    report.find("5xx other than 503 during an outage", unexplained)
    report.find("no answer outside any kill or outage", no_answer)


def check_memory(run: Run, report: Report) -> None:
    lives: dict[tuple[str, int], list[tuple[float, int]]] = defaultdict(list)
    for t, role, pid, rss in run.record["rss"]:
        lives[(role, pid)].append((t, rss))
    growing, peaks = [], {}
    for (role, _), samples in lives.items():
        peaks[role] = max(peaks.get(role, 0), max(rss for _, rss in samples) / 2**20)
        if len(samples) < 40:
            continue
        quarter = len(samples) // 4
        second = sorted(rss for _, rss in samples[quarter : 2 * quarter])
        last = sorted(rss for _, rss in samples[3 * quarter :])
        before, after = second[len(second) // 2] / 2**20, last[len(last) // 2] / 2**20
        if after > before * RSS_GROWTH_LIMIT and after - before > RSS_GROWTH_FLOOR_MB:
            growing.append((role, round(before), round(after)))
    report.counts["peak RSS MB"] = ", ".join(f"{r} {mb:.0f}" for r, mb in sorted(peaks.items()))
    report.find("resident set kept growing (MB, 2nd quarter -> last)", growing)


async def _read(database_url: str) -> dict[str, Any]:
    connection = await asyncpg.connect(database_url)
    try:
        q = connection.fetch
        return {
            "stored": await q(
                "SELECT seller_id::text, source, event_id, count(*) AS n FROM events GROUP BY 1, 2, 3"
            ),
            "events": await q(
                "SELECT seller_id::text, order_id, event_id, type, occurred_at, data::text FROM events"
            ),
            "cases": await q(
                "SELECT id, seller_id::text, order_id, kind, key, status, is_open, opened_at, closed_at FROM cases"
            ),
            "clocks": await q("SELECT * FROM clocks"),
            "firings": await q("SELECT clock_id, threshold, due_at, fired_at, skipped FROM clock_firings"),
            "announced": await q(
                """SELECT COALESCE(payload->'data'->'clock'->>'id', payload->'clock'->>'id') AS clock_id,
                          COALESCE(payload->'data'->>'threshold', payload->>'threshold')::int AS threshold, count(*) AS n
                   FROM outbound_events WHERE type IN ('clock.warning', 'clock.breached') GROUP BY 1, 2"""
            ),
            "deliveries": await q(
                """SELECT d.id, d.state, d.attempt, d.next_attempt_at, d.lease_until, d.endpoint_id::text, o.message_id,
                          e.disabled_at, o.created_at AS event_created_at
                   FROM deliveries d JOIN outbound_events o ON o.id = d.event_id
                   JOIN webhook_endpoints e ON e.id = d.endpoint_id"""
            ),
            "outbound": await q("SELECT id, seller_id::text, message_id, created_at FROM outbound_events"),
            "endpoints": await q(
                "SELECT id::text, seller_id::text, event_types, disabled_at FROM webhook_endpoints"
            ),
        }
    finally:
        await connection.close()


def check(folder: Path, database_url: str) -> Report:
    run = load(folder)
    rows = asyncio.run(_read(database_url))
    report = Report()
    stored = Counter({(r["seller_id"], r["source"], r["event_id"]): r["n"] for r in rows["stored"]})
    check_events(run, stored, report)
    check_cases(rows["events"], rows["cases"], rows["clocks"], report)
    announced = Counter({(r["clock_id"], r["threshold"]): r["n"] for r in rows["announced"]})
    check_clocks(run, rows["clocks"], rows["firings"], announced, report)
    check_deliveries(run, rows, report)
    check_http(run, report)
    check_memory(run, report)
    return report


def show(report: Report, folder: Path | None = None) -> None:
    """Print the counts and findings (and write them to checker.txt in the run's folder)."""
    width = max(len(k) for k in report.counts)
    lines = [f"  {name:<{width}}  {value}" for name, value in report.counts.items()]
    lines.append(f"checker: {len(report.findings)} finding(s)")
    lines += [f"  FINDING {finding}" for finding in report.findings]
    text = "\n".join(lines)
    if folder is not None:
        (folder / "checker.txt").write_text(text + "\n")
    print(text)


def main() -> None:
    folder = Path(sys.argv[1])
    record = json.loads((folder / "run.json").read_text())
    report = check(folder, sys.argv[2] if len(sys.argv) > 2 else record["database_url"])
    show(report, folder)
    sys.exit(1 if report.findings else 0)


if __name__ == "__main__":
    main()
