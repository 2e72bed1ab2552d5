"""API shapes of event ingest."""

from typing import Any

from pydantic import BaseModel, Field

from services.core.cases.shapes import CaseOut

MAX_BATCH = 1000


class EventAnswer(BaseModel):
    event_id: str
    type: str
    order_id: str
    cases: list[CaseOut] = Field(description="The cases this event opened, moved or stopped a clock of.")


class EventBatch(BaseModel):
    events: list[dict[str, Any]] = Field(
        min_length=1,
        max_length=MAX_BATCH,
        description="Up to 1,000 events, each exactly as for POST /v1/events; each is answered on its own.",
    )


class BatchItem(BaseModel):
    index: int
    status: int = Field(description="201 applied, 200 a repeat (first answer), 409 id reused, 422 invalid.")
    answer: EventAnswer | None = None
    problem: dict[str, Any] | None = None


class BatchAnswer(BaseModel):
    applied: int
    replayed: int
    failed: int
    results: list[BatchItem]
