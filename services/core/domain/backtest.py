"""A policy backtest, pure: what an order's clocks would have done under a policy.

The same fold that makes cases and clocks from an order's events (`domain/cases.py`) says which
clocks ran and what stopped them; a policy then says each clock's window, warnings, ladder and
team target. A threshold counts as reached when it came while the clock still ran: before the
stop (a stop exactly at the due time meets the clock, as `clocks.settle` says) or, for a clock
still running, by the time the backtest looks (`asof`). Nothing here reads or writes a row.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from services.core.domain.calendars import fire_times
from services.core.domain.cases import CaseFold, OrderFold
from services.core.domain.clocks import BREACH, ClockSpec, StopKind
from services.core.domain.escalation import matching
from services.core.domain.health_facts import OrderHealth
from services.core.domain.kinds import ClockKind, team_kind
from services.core.domain.policy import Policy

OUTCOMES = ("warned", "breached", "escalated", "met")


@dataclass(frozen=True)
class ClockOutcome:
    """One clock under one policy."""

    order_id: str
    case_kind: str
    case_key: str
    kind: str  # as stored: "message.reply", or "team:message.reply" for a team target's clock
    started_by_event: str
    started_at: datetime
    due_at: datetime
    warned: bool
    breached: bool
    escalated: bool
    met: bool

    @property
    def key(self) -> tuple[str, str, str]:
        return self.order_id, self.kind, self.started_by_event

    def word(self) -> str:
        if self.breached:
            return "breached"
        if self.met:
            return "met"
        return "warned" if self.warned else "quiet"


@dataclass
class Tally:
    """Per clock kind: how many clocks, and how many warned, breached, escalated or were met."""

    kinds: dict[str, dict[str, int]] = field(default_factory=dict)

    def add(self, outcome: ClockOutcome) -> None:
        counts = self.kinds.get(outcome.kind)
        if counts is None:
            counts = self.kinds[outcome.kind] = {"clocks": 0, **dict.fromkeys(OUTCOMES, 0)}
        counts["clocks"] += 1
        counts["warned"] += outcome.warned
        counts["breached"] += outcome.breached
        counts["escalated"] += outcome.escalated
        counts["met"] += outcome.met


def _reached(spec: ClockSpec, times: Sequence[tuple[int, datetime]], asof: datetime) -> list[int]:
    if spec.stopped is None:
        return [percent for percent, at in times if at <= asof]
    return [percent for percent, at in times if at < spec.stopped.occurred_at]


class Replay:
    """One policy replayed over orders; what it says per clock kind is worked out once, since a
    backtest asks it for every clock of the window."""

    def __init__(self, policy: Policy) -> None:
        self.policy = policy
        self._offsets: dict[ClockKind, list[tuple[int, timedelta]]] = {}
        self._escalating: dict[tuple[str, ClockKind, bool], frozenset[int]] = {}

    def _amazon_times(self, spec: ClockSpec) -> list[tuple[int, datetime]]:
        offsets = self._offsets.get(spec.kind)
        if offsets is None:
            window = self.policy.window(spec.kind)
            percents = sorted({*self.policy.warnings(spec.kind), BREACH})
            offsets = self._offsets[spec.kind] = [(p, window * p / 100) for p in percents]
        start = spec.started.occurred_at
        return [(p, start + offset) for p, offset in offsets]

    def _escalates(self, case_kind: str, kind: ClockKind, team: bool) -> frozenset[int]:
        """The thresholds at which the ladder has a rung for this clock."""
        key = (case_kind, kind, team)
        found = self._escalating.get(key)
        if found is None:
            target = self.policy.team_targets.get(kind)
            rules = (list(target.escalations) if target else []) if team else self.policy.escalations
            found = self._escalating[key] = frozenset(
                p for p in range(1, BREACH + 1) if matching(rules, case_kind, kind, p)
            )
        return found

    def _outcome(
        self,
        order_id: str,
        case: CaseFold,
        spec: ClockSpec,
        team: bool,
        times: list[tuple[int, datetime]],
        asof: datetime,
    ) -> ClockOutcome:
        reached = _reached(spec, times, asof)
        breached = BREACH in reached
        escalating = self._escalates(case.kind.value, spec.kind, team)
        return ClockOutcome(
            order_id=order_id,
            case_kind=case.kind.value,
            case_key=case.key,
            kind=team_kind(spec.kind) if team else spec.kind.value,
            started_by_event=spec.started.id,
            started_at=spec.started.occurred_at,
            due_at=times[-1][1],
            warned=any(p < BREACH for p in reached),
            breached=breached,
            escalated=any(p in escalating for p in reached),
            met=spec.stop is StopKind.MET and not breached,
        )

    def outcomes(
        self, order_id: str, folded: OrderFold, since: datetime, asof: datetime
    ) -> Iterable[ClockOutcome]:
        """The order's clocks started in [since, asof): Amazon's, and the team target's beside
        each where the policy sets one."""
        for case in folded.cases.values():
            for spec in case.clocks:
                start = spec.started.occurred_at
                if not since <= start < asof:
                    continue
                yield self._outcome(order_id, case, spec, False, self._amazon_times(spec), asof)
                target = self.policy.team_targets.get(spec.kind)
                if target is not None:
                    calendar = self.policy.calendars[target.calendar]
                    percents = sorted({*target.warning_percents, BREACH})
                    times = fire_times(calendar, start, target.window, target.warning_percents)
                    yield self._outcome(
                        order_id, case, spec, True, list(zip(percents, times, strict=True)), asof
                    )


def explain_change(
    before: ClockOutcome | None, after: ClockOutcome | None, now: Policy, proposed: Policy
) -> str:
    """Why one clock would have ended otherwise: its outcome and due time under each policy."""
    some = after or before
    assert some is not None
    kind, _, base = some.kind.rpartition(":")
    clock = ClockKind(base)
    subject = f"{'team target ' if kind else ''}{clock.value} of order {some.order_id}"
    if before is None:
        return f"{subject}: no team target now; proposed: {_said(after)}"
    if after is None:
        return f"{subject}: {_said(before)} now; no team target proposed"
    window = f" ({_hours(now, clock, bool(kind))} -> {_hours(proposed, clock, bool(kind))})"
    return f"{subject}: {_said(before)} now, {_said(after)} proposed{window}"


def _said(outcome: ClockOutcome | None) -> str:
    assert outcome is not None
    return f"{outcome.word()}, due {outcome.due_at.isoformat()}"


def _hours(policy: Policy, kind: ClockKind, team: bool) -> str:
    if team:
        target = policy.team_targets[kind]
        return f"{target.working_hours:g} working hours on {target.calendar}"
    return f"{policy.clocks[kind].hours:g} h"


@dataclass(frozen=True)
class HealthCounts:
    """The policy-dependent account-health counts of a set of orders (DOMAIN.md section 10)."""

    orders: int
    defective_orders: int
    return_requests: int
    late_return_decisions: int


def order_defective(health: OrderHealth, policy: Policy) -> bool:
    """A negative feedback, a chargeback, or a claim whose closing the policy counts in the ODR."""
    if health.negative_feedback_at is not None or health.chargeback_at is not None:
        return True
    if health.claim_opened_at is None:
        return False
    # An open claim counts until it closes in a way that does not.
    return health.claim_outcome is None or policy.claims.counts_in_odr.get(health.claim_outcome, True)


def late_return_decisions(found: Iterable[ClockOutcome]) -> tuple[int, int]:
    """(return requests, decided after the window): return dissatisfaction's timing part."""
    decide = [o for o in found if o.kind == ClockKind.RETURN_DECIDE.value]
    return len(decide), sum(o.breached for o in decide)


def window_start(asof: datetime, days: int) -> datetime:
    return asof - timedelta(days=days)
