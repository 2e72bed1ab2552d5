"""A seller's policy: every number of DOMAIN.md as a default the seller may override.

Policies are versioned; a clock records the version it was computed under, and a new version
applies to new clocks only. The team's calendars and its own targets on working hours are part of
the document, so they are versioned with it (`domain/calendars.py` says why).
"""

from datetime import timedelta
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from services.core.domain.calendars import Calendar
from services.core.domain.compliance.findings import LearnedCheck
from services.core.domain.escalation import DEFAULT_ESCALATIONS, EscalationRule
from services.core.domain.kinds import ClockKind

# DOMAIN.md section 3, in hours.
DEFAULT_WINDOW_HOURS: dict[ClockKind, float] = {
    ClockKind.MESSAGE_REPLY: 24,
    ClockKind.CANCELLATION_ACT: 24,
    ClockKind.RETURN_DECIDE: 48,
    ClockKind.RETURN_SHIP: 30 * 24,
    ClockKind.CLAIM_ANSWER_INFO: 48,
    ClockKind.CLAIM_CONTACT_BUYER: 72,
    ClockKind.CLAIM_ACT: 7 * 24,
    ClockKind.CLAIM_DECISION: 14 * 24,
    ClockKind.CHARGEBACK_RESPOND: 7 * 24,
    ClockKind.FEEDBACK_REMOVAL: 60 * 24,
}

CLOCK_PURPOSE: dict[ClockKind, str] = {
    ClockKind.MESSAGE_REPLY: "first reply to the oldest unanswered buyer message",
    ClockKind.CANCELLATION_ACT: "cancel the order or answer the buyer",
    ClockKind.RETURN_DECIDE: "authorize, refund, or close the return request with a reason",
    ClockKind.RETURN_SHIP: "the buyer ships the return within the return window",
    ClockKind.CLAIM_ANSWER_INFO: "answer Amazon's request for information",
    ClockKind.CLAIM_CONTACT_BUYER: "contact the buyer by every channel",
    ClockKind.CLAIM_ACT: "refund or appeal the claim",
    ClockKind.CLAIM_DECISION: "Amazon decides the claim by itself",
    ClockKind.CHARGEBACK_RESPOND: "refund or represent the chargeback",
    ClockKind.FEEDBACK_REMOVAL: "resolve the problem so the buyer can remove the feedback",
}

Percent = Annotated[int, Field(gt=0, lt=100)]
MAX_WINDOW_HOURS = 120 * 24
MAX_TEAM_WORKING_HOURS = 30 * 8


class ClockRule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    hours: float = Field(gt=0, le=MAX_WINDOW_HOURS)
    warning_percents: list[Percent] | None = Field(
        default=None, description="Overrides the policy-wide warning thresholds for this clock."
    )


def _default_clocks() -> dict[ClockKind, ClockRule]:
    return {kind: ClockRule(hours=hours) for kind, hours in DEFAULT_WINDOW_HOURS.items()}


class MessagePolicy(BaseModel):
    """Outgoing messages (DOMAIN.md section 6)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    allowed_domains: list[Annotated[str, Field(pattern=r"^[a-z0-9-]+(\.[a-z0-9-]+)+$", max_length=253)]] = (
        Field(
            default_factory=list,
            max_length=100,
            description="Domains replies may link to besides Amazon's, e.g. carrier tracking (ups.com).",
        )
    )
    gap_tolerance_minutes: float = Field(
        default=30,
        gt=0,
        le=24 * 60,
        description="A buyer message Amazon's side shows but the helpdesk has not delivered after this long is a gap.",
    )
    learned_check: LearnedCheck = Field(
        default="warn",
        description="What the learned second opinion does with a reply the rules pass: its findings "
        "warn (the default), block sending like the rules' errors, or it is off (docs/COMPLIANCE.md).",
    )
    no_response_needed_warning_percent: float = Field(
        default=10,
        gt=0,
        le=100,
        description="Warn when the share of buyer messages closed as no response needed passes this.",
    )


class ReturnPolicy(BaseModel):
    """Return follow-up (DOMAIN.md section 4)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    reminder_after_days: float = Field(
        default=7,
        gt=0,
        le=30,
        description="Remind once when the label shows no scan this long after authorization.",
    )


class ClaimPolicy(BaseModel):
    """A-to-Z claims and the ODR (DOMAIN.md section 8)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    counts_in_odr: dict[str, bool] = Field(
        default_factory=lambda: {
            "withdrawn": False,
            "refunded": True,
            "granted_seller_funded": True,
            "closed_for_seller": False,
        },
        description="Whether a claim closed this way counts against the order defect rate.",
    )
    high_value_price: float = Field(
        default=100,
        gt=0,
        description="Above this item price a product issue needs the item back before a refund.",
    )


class Compensation(BaseModel):
    """What to offer (DOMAIN.md section 7); amounts are in the order's currency."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    partial_refund_cap_percent: float = Field(default=35, gt=0, le=100)
    reship_max_price: float = Field(
        default=30, gt=0, description="Serious damage above this price: refund, no reship."
    )
    expensive_price: float = Field(
        default=100, gt=0, description="Cancelled after shipping above this: about 10 %."
    )
    expensive_keep_percent: float = Field(default=10, gt=0, le=100)
    small_partial_percent: float = Field(default=10, gt=0, le=100, description="A missing generic accessory.")
    keep_discount_percent: float = Field(
        default=10, gt=0, le=100, description="A buyer who changed their mind."
    )


class ProducerPolicy(BaseModel):
    """Inbound deliveries (DOMAIN.md section 11)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    unmatched_days: int = Field(
        default=30,
        ge=1,
        le=365,
        description="Keep a delivery that could not become events (no order id, an unused type, "
        "a test ping) this many days for a person to see or attach to an order.",
    )


class TeamTarget(BaseModel):
    """The team's own, stricter target for a clock kind, on working hours of one of its calendars.
    It runs beside Amazon's clock of that kind and never replaces it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    calendar: str = Field(description="The name of one of the policy's calendars.")
    working_hours: float = Field(gt=0, le=MAX_TEAM_WORKING_HOURS)
    warning_percents: list[Percent] = Field(default_factory=lambda: [50, 75, 90], max_length=10)
    escalations: list[EscalationRule] = Field(
        default_factory=list, max_length=50, description="The target's own ladder (Amazon's is separate)."
    )

    @field_validator("warning_percents")
    @classmethod
    def _sorted(cls, percents: list[int]) -> list[int]:
        return sorted(set(percents))

    @property
    def window(self) -> timedelta:
        return timedelta(hours=self.working_hours)


class Policy(BaseModel):
    """The seller's rules. Missing entries take the defaults of DOMAIN.md."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    clocks: dict[ClockKind, ClockRule] = Field(default_factory=_default_clocks)
    warning_percents: list[Percent] = Field(default_factory=lambda: [50, 75, 90], max_length=10)
    messages: MessagePolicy = Field(default_factory=MessagePolicy)
    returns: ReturnPolicy = Field(default_factory=ReturnPolicy)
    claims: ClaimPolicy = Field(default_factory=ClaimPolicy)
    compensation: Compensation = Field(default_factory=Compensation)
    producers: ProducerPolicy = Field(default_factory=ProducerPolicy)
    escalations: list[EscalationRule] = Field(
        default_factory=lambda: list(DEFAULT_ESCALATIONS),
        max_length=50,
        description="The ladder: which actions a warning or breach sets off.",
    )
    calendars: dict[Annotated[str, Field(min_length=1, max_length=60)], Calendar] = Field(
        default_factory=dict, max_length=20, description="The team's working calendars, by name."
    )
    team_targets: dict[ClockKind, TeamTarget] = Field(
        default_factory=dict, description="The team's own targets on working hours, by clock kind."
    )

    @model_validator(mode="after")
    def _calendars_named(self) -> "Policy":
        for kind, target in self.team_targets.items():
            if target.calendar not in self.calendars:
                raise ValueError(f"team target {kind} names no calendar of this policy: {target.calendar!r}")
        return self

    @field_validator("clocks")
    @classmethod
    def _fill_defaults(cls, clocks: dict[ClockKind, ClockRule]) -> dict[ClockKind, ClockRule]:
        return {**_default_clocks(), **clocks}

    @field_validator("warning_percents")
    @classmethod
    def _sorted(cls, percents: list[int]) -> list[int]:
        return sorted(set(percents))

    def window(self, kind: ClockKind) -> timedelta:
        return timedelta(hours=self.clocks[kind].hours)

    def warnings(self, kind: ClockKind) -> list[int]:
        own = self.clocks[kind].warning_percents
        return sorted(set(own)) if own is not None else list(self.warning_percents)


DEFAULT_POLICY = Policy()
