"""API shapes of webhook endpoints, deliveries and tasks."""

import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl

from services.core.webhooks.outbox import OUTBOUND_TYPES

OutboundType = Literal[OUTBOUND_TYPES]  # type: ignore[valid-type]


class EndpointCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: HttpUrl = Field(description="Where to POST; receivers verify the Standard Webhooks signature.")
    event_types: list[OutboundType] = Field(default_factory=list, description="Empty: every type.")  # type: ignore[valid-type]


class EndpointOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    url: str
    event_types: list[str]
    previous_secret_until: datetime | None = Field(description="Until then the previous secret signs too.")
    disabled_at: datetime | None
    disabled_reason: str | None
    created_at: datetime


class EndpointWithSecret(EndpointOut):
    secret: str = Field(description="whsec_...; shown once, at creation and at rotation.")


class RotateSecret(BaseModel):
    model_config = ConfigDict(extra="forbid")

    overlap_hours: float = Field(
        default=24, ge=0, le=168, description="How long the old secret keeps signing too."
    )


class DeliveryOut(BaseModel):
    id: uuid.UUID
    endpoint_id: uuid.UUID
    event_id: str = Field(description="The webhook-id header: the same on every attempt.")
    event_type: str
    state: Literal["pending", "delivering", "delivered", "dead"]
    attempt: int
    next_attempt_at: datetime | None
    last_status: int | None
    last_error: str | None
    delivered_at: datetime | None
    created_at: datetime
    payload: dict[str, Any]


class DeliveryPage(BaseModel):
    items: list[DeliveryOut]
    next_cursor: str | None


class TaskOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    case_id: uuid.UUID
    kind: str
    title: str
    details: dict[str, Any]
    created_at: datetime
    done_at: datetime | None
