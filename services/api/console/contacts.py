"""The contact list page (seed 000's call list): one row per order with its reasons, phone,
duplicate flag and call script; outcome buttons that strike the row and note it on the case;
the CSV for a phone shift."""

from typing import Annotated, Literal

from fastapi import APIRouter, Form, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from services.api.console.web import Attempt, PersonDep, Poster, back, page, writer
from services.api.deps import ClockDep, Session
from services.core.returns import contact_list, reminders

router = APIRouter()
OUTCOMES = {
    "called": "Called",
    "no_answer": "No answer",
    "wrong_number": "Wrong number",
    "emailed": "Emailed",
}


@router.get("/console/contact-list", response_class=HTMLResponse)
async def contacts(request: Request, person: PersonDep, session: Session, clock: ClockDep) -> HTMLResponse:
    rows = await contact_list.contact_list(session, person.seller_id, clock.now())
    scripts = {}
    for row in rows:
        if row.reminder_id is not None:
            reminder = await reminders.get(session, person.seller_id, row.reminder_id)
            scripts[row.order_id] = reminder.details
    return page(
        request,
        "contacts.html",
        person,
        active="contacts",
        rows=rows,
        scripts=scripts,
        outcomes=OUTCOMES,
        now=clock.now(),
    )


@router.get("/console/contact-list.csv")
async def contacts_csv(person: PersonDep, session: Session, clock: ClockDep) -> Response:
    rows = await contact_list.contact_list(session, person.seller_id, clock.now())
    return Response(
        contact_list.to_csv(rows),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="contact-list.csv"'},
    )


@router.post("/console/contact-list/{order_id}/outcome")
async def outcome(
    order_id: Annotated[str, Path(max_length=64)],
    person: Poster,
    session: Session,
    clock: ClockDep,
    outcome: Annotated[Literal["called", "no_answer", "wrong_number", "emailed"], Form()],
    note: Annotated[str, Form(max_length=2000)] = "",
) -> RedirectResponse:
    writer(person)
    async with Attempt(session) as tried:
        await contact_list.record_outcome(
            session, person.seller_id, order_id, outcome, person.name, note.strip() or None, clock.now()
        )
    if tried.error is not None:
        return back("/console/contact-list", error=tried.error.detail)
    return back(
        f"/console/contact-list#order-{order_id}",
        flash=f"{order_id}: {OUTCOMES[outcome].lower()}, noted on the case.",
    )
