"""Return reminders and the outbound contact list."""

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Header, Path, Query, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from services.api.deps import CaseReader, CaseWriter, ClockDep, Session
from services.api.errors import PROBLEM_RESPONSES, documented_problem
from services.core.cases import service as cases
from services.core.cases.shapes import CaseOut
from services.core.returns import contact_list, reminders
from services.core.returns.contact_list import ContactRow

router = APIRouter(prefix="/v1", tags=["returns"], responses=PROBLEM_RESPONSES)
NOT_FOUND = {404: documented_problem("No such case, reminder or order on this account.")}


class ReminderRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    agent: str = Field(min_length=1, max_length=200)


class ReminderOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    case_id: uuid.UUID
    order_id: str
    kind: Literal["call", "message"]
    reason: str
    created_by: str
    created_at: datetime
    phone: str | None
    details: dict[str, Any] = Field(description="The call script and number, or the message sent.")
    outcome: str | None
    outcome_by: str | None
    outcome_at: datetime | None


ReminderOutcome = Literal["called", "no_answer", "wrong_number", "emailed"]


class OutcomeRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    outcome: ReminderOutcome
    agent: str = Field(min_length=1, max_length=200)
    note: str | None = Field(default=None, max_length=2000)


class ContactRowOut(BaseModel):
    order_id: str
    marketplace: str
    buyer_name: str | None
    phone: str | None = Field(description="E.164.")
    dial: str | None = Field(description="Formatted for dialling from the marketplace's region.")
    reasons: list[Literal["blocked", "return_reminder", "claim_contact"]]
    duplicate: bool = Field(
        description="On the list for more than one reason or failed message: contact once."
    )
    failed_messages: int
    reminder_id: uuid.UUID | None
    state: Literal["open", "done"]
    outcome: str | None
    outcome_by: str | None
    outcome_at: datetime | None
    cases: list[CaseOut]


@router.post(
    "/cases/{case_id}/reminders",
    status_code=201,
    response_model=ReminderOut,
    responses={
        **NOT_FOUND,
        409: documented_problem("Already reminded (names who and when), or not an authorized return."),
    },
    summary="Send the return's one reminder now: a call task, or the final message",
)
async def send_reminder(
    case_id: uuid.UUID, body: ReminderRequest, caller: CaseWriter, session: Session, clock: ClockDep
) -> ReminderOut:
    case = await cases.get_case(session, caller.seller_id, case_id)
    async with session.begin_nested():
        reminder = await reminders.send_reminder(session, case, body.agent, "agent", clock.now())
    return ReminderOut.model_validate(reminder)


@router.get(
    "/reminders/{reminder_id}", response_model=ReminderOut, responses=NOT_FOUND, summary="One reminder"
)
async def get_reminder(reminder_id: uuid.UUID, caller: CaseReader, session: Session) -> ReminderOut:
    return ReminderOut.model_validate(await reminders.get(session, caller.seller_id, reminder_id))


@router.post(
    "/reminders/{reminder_id}/outcome",
    response_model=ReminderOut,
    responses={**NOT_FOUND, 409: documented_problem("Another outcome was recorded already.")},
    summary="Record what the reminder achieved; writes the note to the case",
)
async def reminder_outcome(
    reminder_id: uuid.UUID, body: OutcomeRequest, caller: CaseWriter, session: Session, clock: ClockDep
) -> ReminderOut:
    reminder = await reminders.get(session, caller.seller_id, reminder_id, lock=True)
    await reminders.record_outcome(session, reminder, body.outcome, body.agent, body.note, clock.now())
    return ReminderOut.model_validate(reminder)


def _row(row: ContactRow) -> ContactRowOut:
    return ContactRowOut(
        **{k: getattr(row, k) for k in ContactRowOut.model_fields if k != "duplicate"},
        duplicate=row.duplicate,
    )


@router.get(
    "/contact-list",
    response_model=list[ContactRowOut],
    responses={200: {"content": {"text/csv": {}}, "description": "JSON, or CSV with `Accept: text/csv`."}},
    summary="Orders whose buyer a person must reach, one row each",
)
async def get_contact_list(
    caller: CaseReader,
    session: Session,
    clock: ClockDep,
    state: Annotated[Literal["open", "done", "all"], Query()] = "all",
    accept: Annotated[str | None, Header()] = None,
) -> Any:
    found = await contact_list.contact_list(session, caller.seller_id, clock.now())
    found = [r for r in found if state == "all" or r.state == state]
    if accept and "text/csv" in accept:
        return Response(
            contact_list.to_csv(found),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="contact-list.csv"'},
        )
    return JSONResponse([_row(r).model_dump(mode="json") for r in found])


class ContactOutcome(BaseModel):
    model_config = ConfigDict(extra="forbid")

    outcome: Literal["reached", "called", "no_answer", "wrong_number", "emailed"]
    agent: str = Field(min_length=1, max_length=200)
    note: str | None = Field(default=None, max_length=2000)


@router.post(
    "/contact-list/{order_id}/outcome",
    response_model=ContactRowOut,
    responses=NOT_FOUND,
    summary="Strike an order off the list with the outcome of the contact",
)
async def contact_outcome(
    order_id: Annotated[str, Path(max_length=64)],
    body: ContactOutcome,
    caller: CaseWriter,
    session: Session,
    clock: ClockDep,
) -> ContactRowOut:
    updated = await contact_list.record_outcome(
        session, caller.seller_id, order_id, body.outcome, body.agent, body.note, clock.now()
    )
    return _row(updated)
