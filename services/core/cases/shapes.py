"""How cases and clocks are shown: the answer to an event, and the case endpoints.

They live in core because an event's first answer is stored with it, to be replayed exactly.
"""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from pydantic import BaseModel, Field

from services.core.domain.calendars import local_text
from services.core.domain.clocks import ClockState, EventRef, explain, warning_times
from services.core.domain.kinds import ClockKind, stored_kind
from services.core.models import Case, CaseNote, Clock
from services.core.models.case import NO_DUE


class ClockOut(BaseModel):
    id: uuid.UUID
    kind: ClockKind
    state: ClockState
    started_at: datetime
    due_at: datetime
    stopped_at: datetime | None
    remaining_seconds: int | None = Field(
        description="Seconds until due (negative: overdue); null once stopped."
    )
    warnings_at: list[datetime]
    policy_version: int
    started_by_event: str
    stopped_by_event: str | None
    explanation: str
    team_target: bool = Field(
        default=False,
        description="The team's own target on working hours, beside Amazon's clock of this kind.",
    )
    due_local: str = Field(
        description="The due time as the team reads it: UTC for Amazon's clocks, the calendar's zone for a "
        "team target (Mon 2026-03-09 15:00 in America/New_York)."
    )


class FiringOut(BaseModel):
    """The data of clock.warning and clock.breached."""

    case_id: uuid.UUID
    order_id: str
    case_kind: str
    threshold: int
    team_target: bool = Field(default=False, description="A team target's threshold, not Amazon's clock.")
    clock: ClockOut


class EscalationOut(FiringOut):
    """The data of case.escalated: the firing, and where the case stands on the ladder now."""

    level: int
    assignee: str | None
    band: int


class NoteOut(BaseModel):
    id: uuid.UUID
    author: str
    body: str
    created_at: datetime


class CaseOut(BaseModel):
    id: uuid.UUID
    order_id: str
    marketplace: str
    kind: str
    key: str = Field(description="Thread, RMA, claim or chargeback id; empty when the producer gave none.")
    status: str
    open: bool
    band: int = Field(
        description="Priority band: 1 cancellations, 2 returns, 3 claims and chargebacks, 4 the rest."
    )
    assignee: str | None
    opened_at: datetime
    closed_at: datetime | None
    next_due_at: datetime | None
    facts: dict[str, Any]
    clocks: list[ClockOut]


class RateOut(BaseModel):
    window_days: int
    numerator: int = Field(description="Messages closed as no response needed.")
    denominator: int = Field(description="Buyer messages.")
    percent: float | None


class NoResponseNeededRate(BaseModel):
    rates: list[RateOut]
    threshold_percent: float
    warning: bool = Field(
        description="A window's rate is above the policy threshold: Amazon watches heavy use."
    )
    as_of: datetime


class CaseDetail(CaseOut):
    notes: list[NoteOut]
    no_response_needed: NoResponseNeededRate | None = Field(
        default=None, description="Message cases: the seller's no-response-needed rate over 7 and 30 days."
    )


@dataclass(slots=True)
class ClockRow:
    """A clock as plain values, straight from its row and its bookmark's `fired_through`: the
    sweep claims thousands a second and writes them back set-based, without the ORM's identity
    map."""

    id: uuid.UUID
    seller_id: uuid.UUID
    case_id: uuid.UUID
    kind: str
    state: str
    started_at: datetime
    due_at: datetime
    window_seconds: int
    warning_percents: list[int]
    policy_version: int
    started_by_event: str
    started_by_type: str
    stopped_at: datetime | None
    stopped_by_event: str | None
    stopped_by_type: str | None
    # A team target's clock: its thresholds' seconds after its start, and its calendar's zone.
    fire_offsets: list[int] | None
    time_zone: str | None
    fired_through: int


@dataclass(slots=True)
class CaseHead:
    """A case as plain values, as set-based code reads it: which case, and where it stands in
    the queue. Ingest and the sweep each read what they need beyond."""

    id: uuid.UUID
    seller_id: uuid.UUID
    order_id: str
    marketplace: str
    kind: str
    key: str
    is_open: bool
    assignee: str | None
    band: int
    band_raise: int


@dataclass(slots=True)
class CaseRow(CaseHead):
    """A case as ingest refolds it, set-based: a batch refolds hundreds of orders in one
    transaction."""

    status: str
    opened_at: datetime
    closed_at: datetime | None
    sort_due_at: datetime
    facts: dict[str, Any]


def clock_out(clock: Clock | ClockRow, now: datetime) -> ClockOut:
    window = timedelta(seconds=clock.window_seconds)
    kind, team = stored_kind(clock.kind)
    state = ClockState(clock.state)
    started = EventRef(clock.started_by_event, clock.started_by_type, clock.started_at)
    stopped = (
        EventRef(clock.stopped_by_event, clock.stopped_by_type or "", clock.stopped_at)
        if clock.stopped_by_event and clock.stopped_at
        else None
    )
    running = state is ClockState.RUNNING or (state is ClockState.BREACHED and clock.stopped_at is None)
    # Validated although the row's types are known: pydantic's validation runs in Rust and
    # costs less than model_construct's Python, and the sweep builds one per threshold it fires.
    return ClockOut(
        id=clock.id,
        kind=kind,
        state=state,
        started_at=clock.started_at,
        due_at=clock.due_at,
        stopped_at=clock.stopped_at,
        remaining_seconds=int((clock.due_at - now).total_seconds()) if running else None,
        warnings_at=warning_times(clock.started_at, window, clock.warning_percents, clock.fire_offsets),
        policy_version=clock.policy_version,
        started_by_event=clock.started_by_event,
        stopped_by_event=clock.stopped_by_event,
        explanation=explain(kind, started, window, clock.policy_version, state, stopped, clock.time_zone),
        team_target=team,
        due_local=local_text(clock.due_at, clock.time_zone),
    )


def case_out(case: Case | CaseRow, clocks: Sequence[Clock | ClockRow], now: datetime) -> CaseOut:
    return CaseOut(
        id=case.id,
        order_id=case.order_id,
        marketplace=case.marketplace,
        kind=case.kind,
        key=case.key,
        status=case.status,
        open=case.is_open,
        band=case.band,
        assignee=case.assignee,
        opened_at=case.opened_at,
        closed_at=case.closed_at,
        next_due_at=None if case.sort_due_at == NO_DUE else case.sort_due_at,
        facts=case.facts,
        clocks=[clock_out(c, now) for c in sorted(clocks, key=lambda c: (c.started_at, c.kind))],
    )


def case_detail(
    case: Case,
    clocks: list[Clock],
    notes: list[CaseNote],
    now: datetime,
    rate: NoResponseNeededRate | None = None,
) -> CaseDetail:
    return CaseDetail(
        **case_out(case, clocks, now).model_dump(),
        notes=[NoteOut(id=n.id, author=n.author, body=n.body, created_at=n.created_at) for n in notes],
        no_response_needed=rate,
    )
