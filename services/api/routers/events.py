"""Event ingest: one event, or a batch answered item by item."""

from typing import Annotated, Any

from fastapi import APIRouter, Body
from fastapi.responses import JSONResponse
from pydantic import TypeAdapter, ValidationError

from services.api.deps import ClockDep, EventWriter, Session
from services.api.errors import PROBLEM_RESPONSES, FieldError, documented_problem, error_message, field_path
from services.api.schemas.events import BatchAnswer, BatchItem, EventAnswer, EventBatch
from services.core.domain.events import Event
from services.core.ingest import EventConflict, ingest

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
    event: Annotated[Event, Body()], caller: EventWriter, session: Session, clock: ClockDep
) -> Any:
    result = await ingest(session, caller.seller_id, event, clock.now())
    # The answer is already JSON-shaped and was built from the same models: no second validation.
    if result.replayed:
        return JSONResponse(result.answer, status_code=200, headers={REPLAYED: "true"})
    return JSONResponse(result.answer, status_code=201)


@router.post("/events:batch", response_model=BatchAnswer, summary="Send up to 1,000 events")
async def post_batch(body: EventBatch, caller: EventWriter, session: Session, clock: ClockDep) -> BatchAnswer:
    results: list[BatchItem] = []
    now = clock.now()
    for index, raw in enumerate(body.events):
        try:
            event = _event.validate_python(raw)
        except ValidationError as error:
            errors = [
                FieldError(field=field_path(("events", index, *e["loc"]), e["type"]), message=error_message(e), type=e["type"])
                for e in error.errors()
            ]
            problem = {"status": 422, "type": "/problems/validation", "errors": [e.model_dump() for e in errors]}
            results.append(BatchItem(index=index, status=422, problem=problem))
            continue
        try:
            # A savepoint per event: one bad item never undoes the others.
            async with session.begin_nested():
                result = await ingest(session, caller.seller_id, event, now)
        except EventConflict as conflict:
            problem = {"status": 409, "type": "/problems/event-id-reused", "detail": str(conflict)}
            results.append(BatchItem(index=index, status=409, problem=problem))
            continue
        answer = EventAnswer.model_validate(result.answer)
        results.append(BatchItem(index=index, status=200 if result.replayed else 201, answer=answer))
    return BatchAnswer(
        applied=sum(r.status == 201 for r in results),
        replayed=sum(r.status == 200 for r in results),
        failed=sum(r.status >= 400 for r in results),
        results=results,
    )
