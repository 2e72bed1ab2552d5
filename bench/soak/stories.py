"""What happens to an order over a seller's day: its events, each at the clock time it happens.

A story is a list of steps; the harness sends each when the accelerated clock reaches it. Some
stories began hours ago (a helpdesk catching up), some steps are sent late (out of order), and
some are sent again (a producer's retry): events are facts, and the service must take them
whatever order and however often they come.
"""

import random
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

BACKDATED = 0.1
LATE = 0.1
REPEATED = 0.08
KINDS = (
    ("message", 35),
    ("return", 20),
    ("feedback", 15),
    ("cancellation", 10),
    ("claim", 15),
    ("chargeback", 5),
)
REPLY_BODY = "Hello, thank you for your message. We have checked your order and will write again shortly."


@dataclass
class Step:
    """One event (or, with type 'reply', a person's reply through the API) of an order."""

    at: datetime
    type: str
    data: dict[str, Any]
    id: str = field(default_factory=lambda: f"evt_{uuid.uuid4().hex[:16]}")
    # Sent this much later than it happened: arrives after steps that happened after it.
    late: timedelta = timedelta(0)


def _hours(rng: random.Random, low: float, high: float) -> timedelta:
    return timedelta(hours=rng.uniform(low, high))


def _order(rng: random.Random, t0: datetime, status: str = "shipped") -> Step:
    return Step(
        t0,
        "order.upserted",
        {
            "status": status,
            "buyer_name": rng.choice(["Ana Silva", "Ben Okafor", "Chen Wei", "Dana Novak"]),
            "currency": "USD",
            "fulfilment": rng.choice(["FBA", "MFN"]),
            "items": [{"sku": f"SKU-{rng.randint(1, 40)}", "qty": rng.randint(1, 3), "price": "19.99"}],
        },
    )


def _message(rng: random.Random, t0: datetime) -> list[Step]:
    thread = f"th_{uuid.uuid4().hex[:10]}"
    steps = [Step(t0, "message.received", {"thread_id": thread, "subject": "Where is my order?"})]
    roll = rng.random()
    if roll < 0.55:
        steps.append(Step(t0 + _hours(rng, 1, 30), "reply", {"thread_id": thread}))
    elif roll < 0.7:
        at = t0 + _hours(rng, 1, 30)
        steps.append(Step(at, "message.sent", {"thread_id": thread, "author": "agent", "agent": "Kim"}))
    elif roll < 0.8:
        steps.append(Step(t0 + _hours(rng, 1, 10), "message.no_response_needed", {"thread_id": thread}))
    return steps


def _return(rng: random.Random, t0: datetime) -> list[Step]:
    rma = f"RMA{rng.randint(10**8, 10**9)}"
    steps = [Step(t0, "return.requested", {"return_id": rma, "reason": "Too small"})]
    at = t0
    for event, chance, low, high in (
        ("return.authorized", 0.8, 2, 40),
        ("return.label_scanned", 0.7, 5, 60),
        ("return.received", 0.8, 10, 60),
        ("return.refunded", 0.9, 1, 24),
    ):
        if rng.random() >= chance:
            break
        at += _hours(rng, low, high)
        steps.append(Step(at, event, {"return_id": rma}))
    return steps


def _cancellation(rng: random.Random, t0: datetime) -> list[Step]:
    steps = [Step(t0, "cancellation.requested", {"reason": "Ordered by mistake"})]
    if rng.random() < 0.5:
        canceled = _order(rng, t0 + _hours(rng, 0.5, 30), "canceled")
        steps.append(canceled)
    return steps


def _claim(rng: random.Random, t0: datetime) -> list[Step]:
    claim = f"AZ{rng.randint(10**6, 10**7)}"
    steps = [Step(t0, "claim.opened", {"claim_id": claim, "reason": "Item not received"})]
    if rng.random() < 0.6:
        steps.append(Step(t0 + _hours(rng, 1, 40), "claim.buyer_contacted", {"claim_id": claim}))
    if rng.random() < 0.4:
        outcome = rng.choice(["withdrawn", "refunded", "granted_seller_funded"])
        steps.append(Step(t0 + _hours(rng, 20, 60), "claim.closed", {"claim_id": claim, "outcome": outcome}))
    return steps


def _feedback(rng: random.Random, t0: datetime) -> list[Step]:
    steps = [Step(t0, "feedback.received", {"rating": rng.randint(1, 5), "comment": "Slow delivery"})]
    if rng.random() < 0.3:
        steps.append(Step(t0 + _hours(rng, 5, 40), "feedback.removed", {}))
    return steps


def _chargeback(rng: random.Random, t0: datetime) -> list[Step]:
    chargeback = f"CB{rng.randint(10**6, 10**7)}"
    steps = [Step(t0, "chargeback.opened", {"chargeback_id": chargeback, "reason": "Unauthorized"})]
    if rng.random() < 0.6:
        data = {"chargeback_id": chargeback, "response": "represented"}
        steps.append(Step(t0 + _hours(rng, 2, 50), "chargeback.responded", data))
    return steps


STORIES = {
    "message": _message,
    "return": _return,
    "feedback": _feedback,
    "cancellation": _cancellation,
    "claim": _claim,
    "chargeback": _chargeback,
}


def story(rng: random.Random, now: datetime) -> list[Step]:
    """A new order's story from `now` (or from hours ago), some steps marked to arrive late."""
    t0 = now - _hours(rng, 10, 30) if rng.random() < BACKDATED else now
    kind = rng.choices([k for k, _ in KINDS], [w for _, w in KINDS])[0]
    steps = [_order(rng, t0 - timedelta(hours=30)), *STORIES[kind](rng, t0)]
    for step in steps[1:]:
        if step.type != "reply" and rng.random() < LATE:
            step.late = _hours(rng, 0.5, 6)
    return steps


def new_order_id(rng: random.Random) -> str:
    return f"{rng.randint(100, 999)}-{rng.randint(0, 9999999):07d}-{rng.randint(0, 9999999):07d}"
