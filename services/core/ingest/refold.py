"""One order's fold over all its events, and the rows it changes (pure but for what it notes in
`Writes`), and the ORM objects a caller holds brought up to date."""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.util import identity_key

from services.core.cases.shapes import CaseRow, ClockRow, case_out
from services.core.domain.calendars import fire_times
from services.core.domain.cases import CaseFold, fold, relevant_to, sort_key
from services.core.domain.clocks import ClockSpec, ClockState, due_at, next_fire, offsets_of, settle
from services.core.domain.events import Envelope
from services.core.domain.health_facts import buyer_messages, order_health
from services.core.domain.kinds import TEAM_PREFIX, CaseKind, team_kind
from services.core.ingest.state import OrderState
from services.core.ingest.writes import Writes, as_json
from services.core.kit.ids import new_id
from services.core.models import Case, Clock
from services.core.models.case import NO_DUE
from services.core.sellers.policies import VersionedPolicy
from services.core.webhooks import outbox

# What the refold changes on a case and on a clock: compared to skip unchanged rows, and set on
# the ORM objects a caller holds.
_CASE_WRITTEN = ("status", "is_open", "band", "opened_at", "closed_at", "sort_due_at", "facts")
_CLOCK_WRITTEN = ("state", "stopped_at", "stopped_by_event", "stopped_by_type")


def _values(row: CaseRow | ClockRow, names: tuple[str, ...]) -> tuple[Any, ...]:
    return tuple(getattr(row, name) for name in names)


@dataclass
class CaseRefold:
    """A case as its order's fold says it is, and as it stood before."""

    fold: CaseFold
    case: CaseRow
    clocks: list[ClockRow]
    # (status, open) before this call; None for a case it opens.
    before: tuple[str, bool] | None
    stored_clocks: frozenset[uuid.UUID]
    view: dict[str, Any] | None = None


class Refold:
    """One order's fold over all its events, and what it changes."""

    def __init__(self, writes: Writes, state: OrderState, order_id: str, arrived: list[Envelope]) -> None:
        self.facts = state.events[order_id]
        self.arrived = arrived
        folded = fold(self.facts)
        self.ordered = sorted(self.facts, key=sort_key)
        known = state.orders.get(order_id)
        # The first event's marketplace names the order's, and a case's the first event's of its call.
        marketplace = known[0] if known else arrived[0].marketplace
        health = order_health(self.ordered, folded.order.get("purchased_at"))
        order = (
            folded.order,
            folded.order.get("replacement_of"),
            health.ordered_at,
            health.negative_feedback_at,
            health.claim_opened_at,
            health.claim_outcome,
            health.claim_closed_at,
            health.chargeback_at,
        )
        if known is None or known[1:] != order:
            writes.orders.append((new_id(), order_id, marketplace, as_json(order[0]), *order[1:]))
        existing = {(c.kind, c.key): c for c in state.cases[order_id]}
        self.by_id = {f.ref.id: f for f in self.facts}
        self.cases: list[CaseRefold] = []
        self.unstarted: list[tuple[CaseRefold, ClockSpec]] = []
        for (kind, key), fold_case in folded.cases.items():
            case = existing.get((kind.value, key))
            before = None if case is None else (case.status, case.is_open)
            if case is None:
                assert fold_case.opened_at is not None
                case = CaseRow(
                    id=new_id(),
                    seller_id=writes.seller_id,
                    order_id=order_id,
                    marketplace=arrived[0].marketplace,
                    kind=kind.value,
                    key=key,
                    is_open=fold_case.is_open,
                    assignee=None,
                    band=fold_case.band,
                    band_raise=0,
                    status=fold_case.status,
                    opened_at=fold_case.opened_at,
                    closed_at=None,
                    sort_due_at=NO_DUE,
                    facts={},
                )
            clocks = list(state.clocks.get(case.id, []))
            refold = CaseRefold(fold_case, case, clocks, before, frozenset(c.id for c in clocks))
            self.cases.append(refold)
            started = {(c.kind, c.started_by_event) for c in clocks}
            self.unstarted.extend(
                (refold, spec)
                for spec in fold_case.clocks
                if (spec.kind.value, spec.started.id) not in started
            )

    def start_clocks(self, seller_id: uuid.UUID, versioned: VersionedPolicy) -> None:
        """New clocks take the policy in force now; running ones keep theirs. A team target's
        clock starts with Amazon's clock of its kind, never later: a target added to the policy
        applies to new clocks only."""
        for refold, spec in self.unstarted:
            window = versioned.policy.window(spec.kind)
            if spec.kind in versioned.policy.team_targets:
                refold.clocks.append(_team_clock(seller_id, refold.case.id, spec, versioned))
            refold.clocks.append(
                ClockRow(
                    id=new_id(),
                    seller_id=seller_id,
                    case_id=refold.case.id,
                    kind=spec.kind.value,
                    state=ClockState.RUNNING.value,
                    started_at=spec.started.occurred_at,
                    due_at=due_at(spec.started.occurred_at, window),
                    window_seconds=int(window.total_seconds()),
                    warning_percents=list(versioned.policy.warnings(spec.kind)),
                    policy_version=versioned.version,
                    started_by_event=spec.started.id,
                    started_by_type=spec.started.type,
                    stopped_at=None,
                    stopped_by_event=None,
                    stopped_by_type=None,
                    fire_offsets=None,
                    time_zone=None,
                    fired_through=0,
                )
            )
        self.unstarted = []

    def settle(self, writes: Writes, bookmarks: dict[uuid.UUID, datetime], now: datetime) -> None:
        """Each case and its clocks as the fold says, and the rows that changed."""
        # Only a message event can change when a buyer message was first answered.
        messages = any(e.type.startswith("message.") for e in self.arrived)
        for refold in self.cases:
            fold_case, case = refold.fold, refold.case
            was = _values(case, _CASE_WRITTEN)
            case.status = fold_case.status
            case.is_open = fold_case.is_open
            case.band = max(1, fold_case.band - (case.band_raise or 0))
            assert fold_case.opened_at is not None
            case.opened_at = fold_case.opened_at
            case.closed_at = fold_case.closed_at
            case.facts = fold_case.facts
            specs = {(spec.kind.value, spec.started.id): spec for spec in fold_case.clocks}
            for clock in list(refold.clocks):
                # A team target's clock follows the events of Amazon's clock of its kind.
                spec = specs.get((clock.kind.removeprefix(TEAM_PREFIX), clock.started_by_event))
                if spec is None:
                    # A clock the events no longer call for: an earlier message arrived late and the
                    # running clock now measures from it. Removing it leaves the case exactly as if
                    # the events had arrived in time order.
                    writes.deleted_clocks.append(clock.id)
                    refold.clocks.remove(clock)
                    continue
                stopped = _values(clock, _CLOCK_WRITTEN)
                clock.stopped_at = spec.stopped.occurred_at if spec.stopped else None
                clock.stopped_by_event = spec.stopped.id if spec.stopped else None
                clock.stopped_by_type = spec.stopped.type if spec.stopped else None
                clock.state = settle(
                    clock.due_at, clock.stopped_at, spec.stop, clock.state == ClockState.BREACHED.value
                ).value
                if clock.id not in refold.stored_clocks or stopped != _values(clock, _CLOCK_WRITTEN):
                    writes.clocks.append((clock, case.marketplace))
                marked = bookmarks.get(clock.id)
                following = (
                    next_fire(
                        clock.started_at,
                        _window(clock),
                        clock.warning_percents,
                        clock.fired_through,
                        clock.fire_offsets,
                    )
                    if clock.state == ClockState.RUNNING.value
                    else None
                )
                if following is None and marked is not None:
                    writes.dropped_bookmarks.append(clock.id)
                elif following is not None and marked != following:
                    writes.next_fire[clock.id] = following
            # The queue's order is Amazon's: a team target's clock does not move a case in it.
            running = [
                c.due_at
                for c in refold.clocks
                if c.state == ClockState.RUNNING.value and not c.kind.startswith(TEAM_PREFIX)
            ]
            case.sort_due_at = min(running, default=NO_DUE)
            if refold.before is None or was != _values(case, _CASE_WRITTEN):
                writes.cases.append(case)
            if messages and fold_case.kind is CaseKind.MESSAGE:
                for m in buyer_messages([f for f in self.ordered if relevant_to(fold_case, f)]):
                    writes.messages.append(
                        (
                            new_id(),
                            case.id,
                            case.marketplace,
                            case.order_id,
                            m.event_id,
                            m.received_at,
                            m.answered_at,
                            m.answered_by,
                            m.no_response_needed,
                        )
                    )
            self._announce(writes, refold, now)

    def _announce(self, writes: Writes, refold: CaseRefold, now: datetime) -> None:
        """case.opened / case.updated / case.closed for whoever listens, in this same transaction."""
        case, before = refold.case, refold.before
        if before == (case.status, case.is_open):
            return
        if before is None:
            type_ = "case.opened"
        elif before[1] and not case.is_open:
            type_ = "case.closed"
        else:
            type_ = "case.updated"
        data = as_json({"case": _shown(refold, now)})
        writes.announced.append(outbox.Outbound(case.seller_id, type_, data, case.id))

    def answer(self, envelope: Envelope, now: datetime) -> tuple[dict[str, Any], list[uuid.UUID]]:
        """The event's answer: the cases it belongs to or counts for, as they stand now."""
        this = self.by_id[envelope.id]
        affected = [r for r in self.cases if this.ref.id in r.fold.event_ids or relevant_to(r.fold, this)]
        answer = {
            "event_id": envelope.id,
            "type": envelope.type,
            "order_id": envelope.order_id,
            "cases": [_shown(r, now) for r in affected],
        }
        return answer, [r.case.id for r in affected]


def _shown(refold: CaseRefold, now: datetime) -> dict[str, Any]:
    """A case's view, made once: announced to webhooks and returned in the answers alike."""
    if refold.view is None:
        refold.view = case_out(refold.case, refold.clocks, now).model_dump(mode="json")
    return refold.view


def _team_clock(
    seller_id: uuid.UUID, case_id: uuid.UUID, spec: ClockSpec, versioned: VersionedPolicy
) -> ClockRow:
    """The team target's clock beside Amazon's: its thresholds on the calendar's working hours."""
    target = versioned.policy.team_targets[spec.kind]
    calendar = versioned.policy.calendars[target.calendar]
    start = spec.started.occurred_at
    times = fire_times(calendar, start, target.window, target.warning_percents)
    return ClockRow(
        id=new_id(),
        seller_id=seller_id,
        case_id=case_id,
        kind=team_kind(spec.kind),
        state=ClockState.RUNNING.value,
        started_at=start,
        due_at=times[-1],
        window_seconds=int(target.window.total_seconds()),
        warning_percents=list(target.warning_percents),
        policy_version=versioned.version,
        started_by_event=spec.started.id,
        started_by_type=spec.started.type,
        stopped_at=None,
        stopped_by_event=None,
        stopped_by_type=None,
        fire_offsets=offsets_of(start, times),
        time_zone=calendar.time_zone,
        fired_through=0,
    )


def _window(clock: ClockRow) -> timedelta:
    return timedelta(seconds=clock.window_seconds)


def sync_identity_map(session: AsyncSession, refolds: Sequence[Refold]) -> None:
    """Cases and clocks the caller holds as ORM objects show what was just written: the writes
    went around the ORM. (A reply holds its case across the ingest; no caller holds an order's
    row across one, so orders are left out.)"""
    held = session.sync_session.identity_map
    if not held:
        return
    for order in refolds:
        for refold in order.cases:
            case = held.get(identity_key(Case, refold.case.id))
            if case is not None:
                for name in _CASE_WRITTEN:
                    set_committed_value(case, name, getattr(refold.case, name))
            for row in refold.clocks:
                clock = held.get(identity_key(Clock, row.id))
                if clock is not None:
                    for name in _CLOCK_WRITTEN:
                        set_committed_value(clock, name, getattr(row, name))
            for gone in refold.stored_clocks - {c.id for c in refold.clocks}:
                clock = held.get(identity_key(Clock, gone))
                if clock is not None:
                    session.expunge(clock)
