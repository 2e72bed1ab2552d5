"""Cases and their state machines, as one pure fold over the events of an order.

The state of an order and of its cases is computed from all of the order's events, sorted by
when they happened. So a case reaches the same state whatever order its events arrive in
(DESIGN.md principle 3), and a late event is recorded without moving anything backwards.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from services.core.domain.clocks import ClockSpec, EventRef, StopKind
from services.core.domain.events import EVENT_TYPES
from services.core.domain.kinds import CaseKind, ClockKind

# DOMAIN.md section 2: 1 is worked first.
BAND: dict[CaseKind, int] = {
    CaseKind.CANCELLATION: 1,
    CaseKind.RETURN: 2,
    CaseKind.CLAIM: 3,
    CaseKind.CHARGEBACK: 3,
    CaseKind.MESSAGE: 4,
    CaseKind.FEEDBACK: 4,
}

NEGATIVE_FEEDBACK_MAX_STARS = 3  # 1-3 stars open a feedback case; 1-2 count in the ODR

# Statuses that only move forward: an event's status wins when it ranks higher.
FORWARD_STATUS: dict[CaseKind, dict[str, tuple[int, str]]] = {
    CaseKind.RETURN: {
        "return.requested": (1, "requested"),
        "return.authorized": (2, "authorized"),
        "return.label_scanned": (3, "in_transit"),
        "return.tracking_provided": (3, "in_transit"),
        "return.received": (4, "received"),
        "return.refunded": (5, "refunded"),
        "return.closed": (6, "closed"),
    },
    CaseKind.CLAIM: {
        "claim.opened": (1, "open"),
        "claim.info_requested": (2, "info_requested"),
        "claim.buyer_contacted": (3, "buyer_contacted"),
        "claim.appealed": (4, "appealed"),
        "claim.closed": (5, "closed"),
    },
    CaseKind.CHARGEBACK: {
        "chargeback.opened": (1, "open"),
        "chargeback.responded": (2, "responded"),
        "chargeback.closed": (3, "closed"),
    },
    CaseKind.FEEDBACK: {"feedback.received": (1, "open"), "feedback.removed": (2, "removed")},
    CaseKind.CANCELLATION: {"cancellation.requested": (1, "requested")},
}
CLOSED_STATUSES = frozenset({"refunded", "closed", "removed", "resolved", "answered", "no_response_needed"})

# Signals from elsewhere on the order that count for a case: any reply by a person, and the
# order being cancelled.
AGENT_REPLY = "agent_reply"
ORDER_CANCELED = "order_canceled"
SIGNAL_CASES: dict[str, frozenset["CaseKind"]] = {
    AGENT_REPLY: frozenset({CaseKind.CANCELLATION, CaseKind.CLAIM}),
    ORDER_CANCELED: frozenset({CaseKind.CANCELLATION}),
}


@dataclass(frozen=True)
class ClockRule:
    starts: frozenset[str]
    met_by: frozenset[str]
    moot_by: frozenset[str] = frozenset()


def _rule(starts: set[str], met_by: set[str], moot_by: set[str] | None = None) -> ClockRule:
    return ClockRule(frozenset(starts), frozenset(met_by), frozenset(moot_by or set()))


# DOMAIN.md section 3. Only a reply written by a person stops a reply clock.
CLOCK_RULES: dict[CaseKind, dict[ClockKind, ClockRule]] = {
    CaseKind.MESSAGE: {
        ClockKind.MESSAGE_REPLY: _rule({"message.received"}, {AGENT_REPLY, "message.no_response_needed"}),
    },
    CaseKind.CANCELLATION: {
        ClockKind.CANCELLATION_ACT: _rule({"cancellation.requested"}, {AGENT_REPLY, ORDER_CANCELED}),
    },
    CaseKind.RETURN: {
        ClockKind.RETURN_DECIDE: _rule(
            {"return.requested"}, {"return.authorized", "return.refunded", "return.closed"}
        ),
        ClockKind.RETURN_SHIP: _rule(
            {"return.authorized"},
            {"return.label_scanned", "return.tracking_provided", "return.received"},
            {"return.refunded", "return.closed"},
        ),
    },
    CaseKind.CLAIM: {
        ClockKind.CLAIM_ANSWER_INFO: _rule(
            {"claim.info_requested"}, {"claim.appealed", "claim.refunded"}, {"claim.closed"}
        ),
        ClockKind.CLAIM_CONTACT_BUYER: _rule(
            {"claim.opened"}, {"claim.buyer_contacted", AGENT_REPLY}, {"claim.closed"}
        ),
        ClockKind.CLAIM_ACT: _rule({"claim.opened"}, {"claim.appealed", "claim.refunded"}, {"claim.closed"}),
        ClockKind.CLAIM_DECISION: _rule({"claim.opened"}, set(), {"claim.closed"}),
    },
    CaseKind.CHARGEBACK: {
        ClockKind.CHARGEBACK_RESPOND: _rule(
            {"chargeback.opened"}, {"chargeback.responded"}, {"chargeback.closed"}
        ),
    },
    CaseKind.FEEDBACK: {
        ClockKind.FEEDBACK_REMOVAL: _rule({"feedback.received"}, {"feedback.removed"}),
    },
}

_KEY_FIELD = {
    "return": "return_id",
    "claim": "claim_id",
    "chargeback": "chargeback_id",
    "message": "thread_id",
}
_TYPE_RANK = {name: rank for rank, name in enumerate(EVENT_TYPES)}


@dataclass(frozen=True)
class Fact:
    """One stored event: its reference and its validated data."""

    ref: EventRef
    data: Mapping[str, Any]

    @property
    def type(self) -> str:
        return self.ref.type


@dataclass
class CaseFold:
    kind: CaseKind
    key: str
    status: str = "open"
    opened_at: datetime | None = None
    closed_at: datetime | None = None
    facts: dict[str, Any] = field(default_factory=dict)
    clocks: list[ClockSpec] = field(default_factory=list)
    event_ids: list[str] = field(default_factory=list)

    @property
    def is_open(self) -> bool:
        return self.status not in CLOSED_STATUSES

    @property
    def band(self) -> int:
        return BAND[self.kind]


@dataclass
class OrderFold:
    order: dict[str, Any] = field(default_factory=dict)
    cases: dict[tuple[CaseKind, str], CaseFold] = field(default_factory=dict)


def type_rank(event_type: str) -> int:
    """Lifecycle order of event types, for events at the same instant."""
    return _TYPE_RANK.get(event_type, len(_TYPE_RANK))


def sort_key(fact: Fact) -> tuple[datetime, int, str]:
    """Time order; at the same instant, lifecycle order (requested before authorized)."""
    return (fact.ref.occurred_at, type_rank(fact.type), fact.ref.id)


def case_of(event_type: str, data: Mapping[str, Any]) -> tuple[CaseKind, str] | None:
    """The case an event belongs to, or None for order-level events."""
    family = event_type.split(".", 1)[0]
    if family == "order":
        return None
    kind = CaseKind(family)
    return kind, str(data.get(_KEY_FIELD.get(family, ""), "") or "")


def _opens_case(fact: Fact, kind: CaseKind) -> bool:
    if kind is CaseKind.MESSAGE:
        return fact.type == "message.received"
    if kind is CaseKind.FEEDBACK:
        return fact.type == "feedback.received" and int(fact.data["rating"]) <= NEGATIVE_FEEDBACK_MAX_STARS
    return True


def _signal(fact: Fact) -> str | None:
    if fact.type == "message.sent" and fact.data.get("author") == "agent":
        return AGENT_REPLY
    if fact.type == "order.upserted" and fact.data.get("status") == "canceled":
        return ORDER_CANCELED
    if fact.type == "claim.closed" and fact.data.get("outcome") == "refunded":
        return "claim.refunded"
    return None


def _run_clocks(case: CaseFold, facts: list[Fact]) -> None:
    """Start and stop the case's clocks: one running clock of a kind at a time."""
    rules = CLOCK_RULES[case.kind]
    running: dict[ClockKind, EventRef] = {}
    for fact in facts:
        names = {fact.type}
        signal = _signal(fact)
        if signal is not None:
            names.add(signal)
        for kind, rule in rules.items():
            if kind in running:
                if names & rule.met_by:
                    case.clocks.append(ClockSpec(kind, running.pop(kind), fact.ref, StopKind.MET))
                elif names & rule.moot_by:
                    case.clocks.append(ClockSpec(kind, running.pop(kind), fact.ref, StopKind.MOOT))
            elif names & rule.starts and fact.ref.id in case.event_ids:
                running[kind] = fact.ref
    case.clocks.extend(ClockSpec(kind, started) for kind, started in running.items())
    case.clocks.sort(key=lambda c: (c.started.occurred_at, c.kind))


def _advance(case: CaseFold, status: str, fact: Fact) -> str:
    """The case's status after one more event (the state machine, one step)."""
    signal = _signal(fact)
    if case.kind is CaseKind.MESSAGE:
        if fact.type == "message.received":
            return "awaiting_reply"
        if signal == AGENT_REPLY:
            return "answered"
        if fact.type == "message.no_response_needed":
            return "no_response_needed"
        return status
    if (
        case.kind is CaseKind.CANCELLATION
        and status == "requested"
        and signal in (AGENT_REPLY, ORDER_CANCELED)
    ):
        return "resolved"
    step = FORWARD_STATUS[case.kind].get(fact.type)
    if step is None or fact.ref.id not in case.event_ids:
        return status
    current = next((rank for rank, name in FORWARD_STATUS[case.kind].values() if name == status), 0)
    return step[1] if step[0] > current else status


def _settle_status(case: CaseFold, facts: list[Fact]) -> None:
    status: str = "open"
    for fact in facts:
        new = _advance(case, status, fact)
        if new != status:
            case.closed_at = fact.ref.occurred_at if new in CLOSED_STATUSES else None
            status = new
    case.status = status


def fold(facts: Iterable[Fact]) -> OrderFold:
    """The order and its cases as the events say they are."""
    ordered = sorted(facts, key=sort_key)
    result = OrderFold()
    for fact in ordered:
        if fact.type == "order.upserted":
            result.order.update({k: v for k, v in fact.data.items() if v is not None})
            continue
        key = case_of(fact.type, fact.data)
        assert key is not None
        case = result.cases.get(key)
        if case is None:
            if not _opens_case(fact, key[0]):
                continue
            case = result.cases[key] = CaseFold(kind=key[0], key=key[1], opened_at=fact.ref.occurred_at)
        case.event_ids.append(fact.ref.id)
        case.facts.update({k: v for k, v in fact.data.items() if v not in (None, "")})
    for case in result.cases.values():
        relevant = [f for f in ordered if relevant_to(case, f)]
        _run_clocks(case, relevant)
        _settle_status(case, relevant)
    return result


def relevant_to(case: CaseFold, fact: Fact) -> bool:
    """A case's own events, and signals from the rest of the order that count for it.

    A person's reply counts for the cancellation and the claim of its order, but for the
    message case of its own thread only.
    """
    if fact.ref.id in case.event_ids:
        return True
    signal = _signal(fact)
    if signal == AGENT_REPLY and case.kind is CaseKind.MESSAGE:
        return fact.data.get("thread_id", "") == case.key
    return case.kind in SIGNAL_CASES.get(signal or "", ())
