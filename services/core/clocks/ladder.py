"""The ladder steps of a sweep batch: which thresholds each due clock fires, and what each
firing does to its case (assignee, band, escalation level) and announces.

Decided in memory for the whole batch before anything is written (`sweep.py` writes it): two
clocks of one case due in the same batch climb its ladder in turn, and the same plan serves
every clock at the same rung.
"""

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from services.core.cases.shapes import CaseHead, ClockRow, EscalationOut, FiringOut, clock_out
from services.core.domain.clocks import BREACH, ClockState, next_fire
from services.core.domain.escalation import EscalationRule, FiringPlan, plan
from services.core.domain.kinds import TEAM_PREFIX, stored_kind
from services.core.webhooks.outbox import Outbound


@dataclass(slots=True)
class CaseState(CaseHead):
    """A claimed clock's case; two clocks of one case in a batch climb its ladder in turn."""

    escalation_level: int

    @property
    def ladder(self) -> tuple[str | None, int, int, int]:
        """What a firing can change: where the case stands on its escalation ladder."""
        return self.assignee, self.band, self.band_raise, self.escalation_level

    @ladder.setter
    def ladder(self, value: tuple[str | None, int, int, int]) -> None:
        self.assignee, self.band, self.band_raise, self.escalation_level = value


@dataclass
class Batch:
    """What a batch writes, collected before any of it is written."""

    firings: list[tuple[Any, ...]]
    # (clock, fired through, next threshold due): None drops the bookmark.
    bookmarks: list[tuple[uuid.UUID, int, datetime | None]]
    breached: list[uuid.UUID]
    outbound: list[Outbound]
    window_ends: list[tuple[ClockRow, CaseState, str]]


def climb(
    due: Sequence[tuple[ClockRow, list[tuple[int, datetime]]]],
    cases: dict[uuid.UUID, CaseState],
    rules: dict[tuple[uuid.UUID, str], list[EscalationRule]],
    fired_before: set[uuid.UUID],
    batch: Batch,
    now: datetime,
) -> None:
    """Each due clock's firings, in due order: every passed threshold is recorded, the highest
    acts. Two clocks of one case climb its ladder in turn. A clock whose highest threshold has
    fired already only moves its bookmark."""
    plans: dict[tuple[Any, ...], tuple[FiringPlan, str]] = {}
    for clock, thresholds in due:
        highest = thresholds[-1][0]
        window = timedelta(seconds=clock.window_seconds)
        clock.fired_through = highest
        following = None
        if highest >= BREACH:
            clock.state = ClockState.BREACHED.value
            batch.breached.append(clock.id)
        else:
            following = next_fire(
                clock.started_at, window, clock.warning_percents, highest, clock.fire_offsets
            )
        batch.bookmarks.append((clock.id, highest, following))
        if clock.id in fired_before:
            continue
        case = cases[clock.case_id]
        key = (clock.seller_id, case.kind, clock.kind, highest, case.assignee, case.escalation_level)
        if key not in plans:
            kind, team = stored_kind(clock.kind)
            planned = plan(
                rules[(clock.seller_id, clock.kind)],
                case.kind,
                kind,
                highest,
                case.assignee,
                case.escalation_level,
            )
            if team:
                # The team's own target ending closes nothing: only Amazon's window does.
                planned = planned.model_copy(update={"window_end": None})
            plans[key] = (planned, json.dumps(planned.actions))
        firing, actions = plans[key]
        for threshold, due_at in thresholds:
            batch.firings.append(
                (
                    clock.seller_id,
                    clock.id,
                    threshold,
                    due_at,
                    threshold != highest,
                    actions if threshold == highest else "[]",
                )
            )
        _step(clock, highest, firing, case, batch, now)


def _step(
    clock: ClockRow, highest: int, firing: FiringPlan, case: CaseState, batch: Batch, now: datetime
) -> None:
    """One firing's step up the case's ladder, and what it announces."""
    if firing.assignee is not None:
        case.assignee = firing.assignee
    if firing.band_raise:
        case.band_raise += firing.band_raise
        case.band = max(1, case.band - firing.band_raise)
    case.escalation_level = max(case.escalation_level, firing.level)
    data = FiringOut(
        case_id=case.id,
        order_id=case.order_id,
        case_kind=case.kind,
        threshold=highest,
        team_target=clock.kind.startswith(TEAM_PREFIX),
        clock=clock_out(clock, now),
    )
    batch.outbound.append(Outbound(case.seller_id, firing.announce, data.model_dump_json(), case.id))
    for event in firing.emits:
        escalated = EscalationOut(**dict(data), level=firing.level, assignee=case.assignee, band=case.band)
        batch.outbound.append(Outbound(case.seller_id, event, escalated.model_dump_json(), case.id))
    if firing.window_end is not None:
        batch.window_ends.append((clock, case, firing.window_end))
