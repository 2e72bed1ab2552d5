"""Escalation ladders: which actions a clock's warning or breach sets off (DOMAIN.md 3 and 8).

Rules are part of the seller's policy; a rule matches a threshold of a clock kind (or of any
clock of a case kind) and names its level on the ladder and its actions.
"""

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from services.core.domain.kinds import CaseKind, ClockKind


class EmitAction(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    type: Literal["emit"] = "emit"
    event: Literal["case.escalated"] = "case.escalated"


class AssignAction(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    type: Literal["assign"] = "assign"
    assignee: str = Field(min_length=1, max_length=200, description="A person or a role, e.g. team-lead.")
    only_if_unassigned: bool = True


class RaiseBandAction(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    type: Literal["raise_band"] = "raise_band"
    by: int = Field(default=1, ge=1, le=3)


Action = Annotated[EmitAction | AssignAction | RaiseBandAction, Field(discriminator="type")]


class EscalationRule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    level: int = Field(ge=1, le=10, description="Rung of the ladder; a case never steps down.")
    threshold: int = Field(gt=0, le=100, description="Percent of the window; 100 is the breach.")
    case_kind: CaseKind | None = None
    clock_kind: ClockKind | None = None
    actions: list[Action] = Field(min_length=1)


DEFAULT_ESCALATIONS: tuple[EscalationRule, ...] = (
    EscalationRule(level=1, threshold=75, actions=[AssignAction(assignee="team-lead")]),
    EscalationRule(level=2, threshold=90, actions=[RaiseBandAction(), EmitAction()]),
    EscalationRule(
        level=3,
        threshold=100,
        actions=[AssignAction(assignee="support-manager", only_if_unassigned=False), EmitAction()],
    ),
)


def matching(
    rules: list[EscalationRule], case_kind: str, clock_kind: ClockKind, threshold: int
) -> list[EscalationRule]:
    """The rules a firing sets off, lowest level first."""
    found = [
        r
        for r in rules
        if r.threshold == threshold
        and (r.case_kind is None or r.case_kind == case_kind)
        and (r.clock_kind is None or r.clock_kind == clock_kind)
    ]
    return sorted(found, key=lambda r: r.level)


# What the end of some windows means for the case itself (DOMAIN.md sections 4 and 8).
WINDOW_END: dict[ClockKind, str] = {
    ClockKind.RETURN_SHIP: "close_return_not_shipped",
    ClockKind.CLAIM_CONTACT_BUYER: "appeal_now_task",
}


class FiringPlan(BaseModel):
    """Everything one firing does to its case, decided without touching the database."""

    model_config = ConfigDict(frozen=True)

    announce: str = Field(description="clock.warning or clock.breached")
    level: int = 0
    assignee: str | None = None
    band_raise: int = 0
    emits: list[str] = Field(default_factory=list)
    window_end: str | None = None
    actions: list[dict[str, object]] = Field(default_factory=list)


def plan(
    rules: list[EscalationRule],
    case_kind: str,
    clock_kind: ClockKind,
    threshold: int,
    assignee: str | None,
    level: int,
) -> FiringPlan:
    """The firing of `threshold` on a clock: announce it, climb the ladder, end the window."""
    breach = threshold >= 100
    new_assignee, raise_by, emits, actions, top = None, 0, [], [], level
    for rule in matching(rules, case_kind, clock_kind, threshold):
        if rule.level <= level:
            continue  # the case already stands on this rung or higher
        top = rule.level
        for action in rule.actions:
            if isinstance(action, AssignAction) and (assignee is None or not action.only_if_unassigned):
                new_assignee = action.assignee
            elif isinstance(action, RaiseBandAction):
                raise_by += action.by
            elif isinstance(action, EmitAction):
                emits.append(action.event)
            actions.append({"level": rule.level, **action.model_dump()})
    return FiringPlan(
        announce="clock.breached" if breach else "clock.warning",
        level=top,
        assignee=new_assignee,
        band_raise=raise_by,
        emits=emits,
        window_end=WINDOW_END.get(clock_kind) if breach else None,
        actions=actions,
    )
