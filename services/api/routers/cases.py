"""Cases: the work queue, one case with its clocks, notes, assignment; an order's timeline."""

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from fastapi.responses import JSONResponse
from pydantic import AwareDatetime

from services.api.deps import CaseReader, CaseWriter, ClockDep, IdempotencyDep, Session
from services.api.errors import PROBLEM_RESPONSES, documented_problem
from services.api.schemas.cases import AssignRequest, CasePage, NoteCreate, Timeline
from services.core.cases import service as cases
from services.core.cases.detail import detail
from services.core.cases.shapes import CaseDetail, NoteOut, case_out
from services.core.domain.cases import CaseKind
from services.core.kit import idempotency

router = APIRouter(prefix="/v1", tags=["cases"], responses=PROBLEM_RESPONSES)
NOT_FOUND = {404: documented_problem("No such case or order on this account.")}


@router.get("/cases", response_model=CasePage, summary="The work queue: by priority band, then due time")
async def list_cases(
    caller: CaseReader,
    session: Session,
    clock: ClockDep,
    kind: CaseKind | None = None,
    state: Annotated[
        str | None, Query(max_length=40, description="open, closed, or a status such as awaiting_reply")
    ] = None,
    band: Annotated[int | None, Query(ge=1, le=4)] = None,
    assignee: Annotated[
        str | None, Query(max_length=200, description="Empty string: unassigned cases")
    ] = None,
    due_before: AwareDatetime | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
) -> CasePage:
    where = cases.CaseFilter(kind=kind, state=state, band=band, assignee=assignee, due_before=due_before)
    page, next_cursor = await cases.list_cases(session, caller.seller_id, where, limit, cursor)
    clocks = await cases.clocks_of(session, [c.id for c in page])
    now = clock.now()
    return CasePage(items=[case_out(c, clocks[c.id], now) for c in page], next_cursor=next_cursor)


@router.get(
    "/cases/{case_id}",
    response_model=CaseDetail,
    responses=NOT_FOUND,
    summary="One case with clocks and notes",
)
async def get_case(case_id: uuid.UUID, caller: CaseReader, session: Session, clock: ClockDep) -> CaseDetail:
    case = await cases.get_case(session, caller.seller_id, case_id)
    return await detail(session, case, clock.now())


@router.post(
    "/cases/{case_id}/notes",
    status_code=201,
    response_model=NoteOut,
    responses={
        **NOT_FOUND,
        200: {"model": NoteOut, "description": "A repeat with the same Idempotency-Key: the first answer."},
        409: documented_problem("The Idempotency-Key was used for another request."),
    },
    summary="Add a note to a case",
)
async def add_note(
    case_id: uuid.UUID,
    body: NoteCreate,
    caller: CaseWriter,
    session: Session,
    clock: ClockDep,
    keyed: IdempotencyDep,
) -> Any:
    case = await cases.get_case(session, caller.seller_id, case_id)
    request = keyed.bind("case.note", case.id, body.model_dump(mode="json"))
    if request is not None:
        first = await idempotency.begin(session, caller.seller_id, request, clock.now(), keyed.lifetime)
        if first is not None:
            return JSONResponse(first, headers={"Idempotent-Replayed": "true"})
    note = await cases.add_note(session, case, body.author, body.body, clock.now())
    out = NoteOut(id=note.id, author=note.author, body=note.body, created_at=note.created_at)
    if request is not None:
        await idempotency.finish(session, caller.seller_id, request.key, out.model_dump(mode="json"))
    return out


@router.post(
    "/cases/{case_id}/assign", response_model=CaseDetail, responses=NOT_FOUND, summary="Assign a case"
)
async def assign(
    case_id: uuid.UUID, body: AssignRequest, caller: CaseWriter, session: Session, clock: ClockDep
) -> CaseDetail:
    case = await cases.assign(session, caller.seller_id, case_id, body.assignee)
    return await detail(session, case, clock.now())


@router.get(
    "/orders/{order_id}/timeline",
    response_model=Timeline,
    responses=NOT_FOUND,
    summary="Everything about an order and its R- replacements, in time order",
)
async def order_timeline(
    order_id: Annotated[str, Path(max_length=64)], caller: CaseReader, session: Session
) -> Timeline:
    found = await cases.timeline(session, caller.seller_id, order_id)
    return Timeline.model_validate(found, from_attributes=True)
