"""API shapes of unmatched deliveries: what a producer sent that became no event, and why."""

import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import AliasChoices, BaseModel, ConfigDict, Field

from services.core.domain.events import OrderId

Reason = Literal["no-order-id", "unused-type", "test", "unreadable", "invalid"]


class UnmatchedOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    producer_id: uuid.UUID
    kind: str = Field(description="The sender's event or notification type.")
    delivery_key: str
    reason: Reason = Field(validation_alias=AliasChoices("unmatched_reason", "reason"))
    detail: str | None = Field(validation_alias=AliasChoices("unmatched_detail", "detail"))
    received_at: datetime
    payload: dict[str, Any] = Field(description="The body as the producer sent it.")
    attached_order_id: str | None = Field(description="The order a person attached, if any.")
    attached_at: datetime | None


class UnmatchedPage(BaseModel):
    items: list[UnmatchedOut]
    next_cursor: str | None


class Attach(BaseModel):
    model_config = ConfigDict(extra="forbid")

    order_id: OrderId = Field(description="The Amazon order the delivery is about.")


class AttachedOut(UnmatchedOut):
    events: list[dict[str, Any]] = Field(description="The events it became, each as POST /v1/events answers.")
