"""The checker's count of outbound deliveries: each outbound event reached each subscribed
receiver exactly once (a 2xx answer is a receipt), or is dead-lettered with its attempts, or
is held for an endpoint a 410 disabled, or is still scheduled for a later attempt; none lost.

A receiver answered twice is explained only where the sender could not record the first
receipt: its worker was killed with kill -9 while the send was in flight, or Postgres was
down when it came to write the result. Standard Webhooks is at-least-once there, and the
same webhook-id lets the receiver drop the repeat; anywhere else a repeat is a finding.
"""

from collections import Counter, defaultdict
from datetime import datetime, timedelta
from typing import Any

# The worker's send timeout: a receipt this long before a kill may not have been recorded.
SEND_SECONDS = 10.0
GRACE_SECONDS = 10.0
RACE_SECONDS = 2.0


def _unrecorded_window(run: Any) -> list[tuple[float, float]]:
    windows = []
    for fault in run.record["faults"]:
        if fault["name"] == "kill-9-worker":
            windows.append((fault["start"] - SEND_SECONDS, fault["start"] + 1))
        elif fault["name"] == "postgres-stopped" and not fault["skipped"]:
            windows.append((fault["start"] - SEND_SECONDS, fault["end"] + GRACE_SECONDS))
    # A worker that exited on its own (Redis gone) went down with its sends in flight too.
    for at, role, why in run.record["restarts"]:
        if role.startswith("worker") and why != "kill -9":
            windows.append((at - SEND_SECONDS - 1, at))
    return windows


def check_deliveries(run: Any, rows: dict[str, Any], report: Any) -> None:
    receiver_of: dict[str, str] = run.record["endpoints"]
    receipts: dict[tuple[str, str], list[float]] = defaultdict(list)
    unsigned = []
    for r in run.receipts:
        if not r["signed"]:
            unsigned.append((r["receiver"], r["id"]))
        if 200 <= r["status"] < 300:
            receipts[(r["receiver"], r["id"])].append(r["t"])
    windows = _unrecorded_window(run)
    end = datetime.fromisoformat(run.record["end_clock"])
    states: Counter[str] = Counter()
    doubled, explained, phantom, lost, unrecorded, unwritten = [], [], [], [], [], []
    attempts_dead = []
    known = set()
    for d in rows["deliveries"]:
        receiver = receiver_of.get(d["endpoint_id"], "?")
        got = sorted(receipts.get((receiver, d["message_id"]), []))
        known.add((receiver, d["message_id"]))
        state = d["state"]
        if state in ("pending", "delivering") and d["disabled_at"] is not None:
            state = "held (endpoint disabled by 410)"
        elif state == "pending" and d["next_attempt_at"] > end:
            state = "scheduled for a later attempt"
        elif state == "delivering" and d["lease_until"] > end:
            state = "in flight"
        states[state] += 1
        if state == "dead":
            attempts_dead.append(d["attempt"])
        key = (receiver, d["message_id"], state)
        excused = bool(got) and any(a <= got[0] <= b for a, b in windows)
        if state == "delivered" and not got:
            phantom.append(key)
        elif state == "in flight" and len(got) == 1:
            # Sent and received; the worker was stopped with the run before it wrote the result.
            unwritten.append(key)
        elif (state == "delivered" and len(got) > 1) or (state != "delivered" and got):
            (explained if excused else doubled if len(got) > 1 else unrecorded).append((*key, len(got)))
        elif state in ("pending", "delivering"):
            lost.append((*key, d["next_attempt_at"].isoformat()))
    missing = _missing(rows, timedelta(seconds=RACE_SECONDS * run.scale))
    strangers = [k for k in receipts if k not in known]
    report.counts["outbound events"] = len(rows["outbound"])
    report.counts["deliveries by state"] = ", ".join(f"{s}: {n}" for s, n in sorted(states.items()))
    if attempts_dead:
        report.counts["attempts of dead-lettered deliveries"] = ", ".join(
            f"{a}: {n}" for a, n in sorted(Counter(attempts_dead).items())
        )
    report.counts["deliveries received twice, explained by a kill or an outage"] = len(explained)
    report.counts["deliveries received twice, unexplained"] = len(doubled)
    report.counts["deliveries in flight at the end, received, result not yet written"] = len(unwritten)
    report.counts["deliveries overdue (lost)"] = len(lost)
    report.counts["deliveries missing from the outbox"] = len(missing)
    report.find("received more than once", doubled)
    report.find("received but not recorded as delivered", unrecorded)
    report.find("recorded delivered, never received", phantom)
    report.find("due and never sent", lost)
    report.find("outbound event without a delivery to a subscribed endpoint", missing)
    report.find("received a webhook-id the outbox never made", strangers)
    report.find("signature did not verify", unsigned)


def _missing(rows: dict[str, Any], race: timedelta) -> list[tuple[str, str]]:
    """Outbound events with no delivery to an endpoint that wanted them. An event written
    while a 410 was disabling its endpoint may go either way: its `created_at` is the clock
    when its transaction began, and the scaled clock moves minutes in the milliseconds between."""
    have = {(d["endpoint_id"], d["message_id"]) for d in rows["deliveries"]}
    endpoints: dict[str, list[Any]] = defaultdict(list)
    for e in rows["endpoints"]:
        endpoints[e["seller_id"]].append(e)
    missing = []
    for o in rows["outbound"]:
        for e in endpoints.get(o["seller_id"], []):
            wanted = e["disabled_at"] is None or o["created_at"] < e["disabled_at"] - race
            if wanted and not e["event_types"] and (e["id"], o["message_id"]) not in have:
                missing.append((e["id"], o["message_id"]))
    return missing
