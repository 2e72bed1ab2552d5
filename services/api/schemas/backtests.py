"""Policy backtests: the request and its status with the result."""

import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from services.core.backtests.service import MAX_DAYS
from services.core.domain.policy import Policy


class BacktestCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    policy: Policy = Field(
        description="The proposed policy (clocks, warning percents, escalation ladder, calendars, team targets); "
        "missing entries take the defaults, as in PUT /v1/policy."
    )
    days: int = Field(ge=1, le=MAX_DAYS, description="The window: this many days up to now.")


class Progress(BaseModel):
    orders_total: int
    orders_done: int


class BacktestOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    status: Literal["queued", "running", "done", "failed"]
    status_url: str
    days: int
    since: datetime
    asof: datetime
    policy_version: int = Field(description="The policy in force the proposal is compared with.")
    progress: Progress
    result: dict[str, Any] | None = Field(
        description="Once done: per clock kind, the clocks that warned, breached, escalated or were met as they "
        "really did (actual), under the policy in force (now) and under the proposal (proposed); the "
        "policy-dependent health figures now and proposed; and the clocks that would have changed, explained."
    )
    error: str | None
    created_at: datetime
    finished_at: datetime | None
    expires_at: datetime
