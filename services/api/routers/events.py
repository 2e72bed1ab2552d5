"""Event ingest: one event, or a batch answered item by item."""

from typing import Annotated, Any

from fastapi import APIRouter, Body, Request
from fastapi.responses import Response
from pydantic import TypeAdapter, ValidationError
from pydantic_core import to_json

from services.api.deps import BatchSlot, ClockDep, EventWriter, Group, GroupedEventWriter, Session
from services.api.errors import PROBLEM_RESPONSES, FieldError, documented_problem, error_message, field_path
from services.api.schemas.events import BatchAnswer, EventAnswer, EventBatch
from services.core.domain.events import Event
from services.core.ingest import EventConflict, ingest_many
from services.core.sellers.service import KeyRefused

router = APIRouter(prefix="/v1", tags=["events"], responses=PROBLEM_RESPONSES)

_event = TypeAdapter(Event)
REPLAYED = "Idempotent-Replayed"


@router.post(
    "/events",
    status_code=201,
    response_model=EventAnswer,
    summary="Send one event",
    responses={
        200: {"model": EventAnswer, "description": f"A repeat: the first answer, with `{REPLAYED}: true`."},
        409: documented_problem("The event id was used before for a different event."),
    },
)
async def post_event(
    event: Annotated[Event, Body()], caller: GroupedEventWriter, group: Group, request: Request
) -> Any:
    """Applied together with the single events and deliveries arriving at the same moment, and
    answered once they are committed (group commit, `AFTERSALES_GROUP_COMMIT_*`)."""
    try:
        result = await group.event(caller.seller_id, event, key_id=caller.key_id)
    except KeyRefused:
        request.app.state.keys.forget(caller.key_id)
        raise
    # The answer was built from the same models and encoded once, to be stored: no second
    # validation, no second encoding.
    body = result.encoded or result.answer
    return _json(body, 200, {REPLAYED: "true"}) if result.replayed else _json(body, 201)


@router.post("/events:batch", response_model=BatchAnswer, summary="Send up to 1,000 events")
async def post_batch(
    body: EventBatch, _slot: BatchSlot, caller: EventWriter, session: Session, clock: ClockDep
) -> Any:
    """Each order is refolded once for the whole batch, so each item's answer shows its cases as
    they stand after all the batch's events."""
    results: list[dict[str, Any] | None] = [None] * len(body.events)
    valid: list[tuple[int, Event]] = []
    for index, raw in enumerate(body.events):
        try:
            valid.append((index, _event.validate_python(raw)))
        except ValidationError as error:
            errors = [
                FieldError(
                    field=field_path(("events", index, *e["loc"]), e["type"]),
                    message=error_message(e),
                    type=e["type"],
                )
                for e in error.errors()
            ]
            problem = {
                "status": 422,
                "type": "/problems/validation",
                "errors": [e.model_dump() for e in errors],
            }
            results[index] = {"index": index, "status": 422, "answer": None, "problem": problem}
    # A conflict writes nothing, so one bad item never undoes the others.
    outcomes = await ingest_many(session, caller.seller_id, [event for _, event in valid], clock.now())
    for (index, _), outcome in zip(valid, outcomes, strict=True):
        if isinstance(outcome, EventConflict):
            problem = {"status": 409, "type": "/problems/event-id-reused", "detail": str(outcome)}
            results[index] = {"index": index, "status": 409, "answer": None, "problem": problem}
        else:
            status = 200 if outcome.replayed else 201
            results[index] = {"index": index, "status": status, "answer": outcome.answer, "problem": None}
    items = [r for r in results if r is not None]
    # Built from the same models as the response model says, and already JSON-shaped: no
    # second validation of a thousand answers.
    return _json(
        {
            "applied": sum(r["status"] == 201 for r in items),
            "replayed": sum(r["status"] == 200 for r in items),
            "failed": sum(r["status"] >= 400 for r in items),
            "results": items,
        },
        200,
    )


def _json(body: dict[str, Any] | bytes, status: int, headers: dict[str, str] | None = None) -> Response:
    """`body` as JSON, or as it is when it is JSON already."""
    # pydantic-core's encoder: a third of the standard library's time for a batch's megabyte.
    content = body if isinstance(body, bytes) else to_json(body)
    return Response(content, status_code=status, headers=headers, media_type="application/json")
