"""API shapes of cases, notes, assignment and the order timeline."""

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from services.core.cases.shapes import CaseOut


class CasePage(BaseModel):
    items: list[CaseOut]
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page; null on the last one.")


class NoteCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    author: str = Field(min_length=1, max_length=200, description="Who writes the note (agent name).")
    body: str = Field(min_length=1, max_length=20_000)


class AssignRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    assignee: str | None = Field(max_length=200, description="A person or role; null to unassign.")


class TimelineEntry(BaseModel):
    model_config = ConfigDict(extra="allow")

    at: datetime
    entry: str = Field(
        description=(
            "event, case.opened, case.closed, clock.started, clock.met, clock.breached, clock.cancelled, note, "
            "reminder, outbound (a send request, task or reminder notice)"
        )
    )
    order_id: str
    case_id: uuid.UUID | None = None


class Timeline(BaseModel):
    order_id: str
    order: dict[str, Any] = Field(description="The order as its order.upserted events describe it.")
    replacement_orders: list[str]
    entries: list[TimelineEntry]
