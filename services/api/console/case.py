"""The case page: the order's timeline, clocks with their explanations, notes, assignment, the
claim or chargeback advice with its evidence pack, ranked offers, and the reply composer with
its live compliance check."""

import uuid
from dataclasses import asdict
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, Field

from services.api.console.queue import next_clock, urgency
from services.api.console.web import Attempt, PersonDep, Poster, actor, back, first_submit, page, writer
from services.api.deps import ClockDep, Session
from services.core.cases import service as cases
from services.core.cases.detail import detail
from services.core.claims import service as claims
from services.core.domain.kinds import CaseKind
from services.core.messages import service as messages
from services.core.models import Case
from services.core.returns import reminders
from services.core.sellers.console_sessions import Person

router = APIRouter()


async def _offers(session: Session, case: Case, issue: str, severity: str, fault: str) -> Any:
    if issue not in claims.NAMED_ISSUES:
        return None
    async with Attempt(session) as tried:
        found = await claims.offers_for(session, case, issue, severity or None, fault or None)
    return {"error": tried.error.detail} if tried.error else {"offers": found}


async def _page(
    request: Request, session: Session, person: Person, case: Case, now: datetime, **extra: Any
) -> HTMLResponse:
    shown = await detail(session, case, now)
    clock = next_clock(shown)
    advice = None
    if case.kind in (CaseKind.CLAIM, CaseKind.CHARGEBACK):
        advice = await claims.advice(session, case, now)
    q = request.query_params
    templates = await messages.templates(session, person.seller_id)
    return page(
        request,
        "case.html",
        person,
        active="queue",
        case=shown,
        clock=clock,
        urgency=urgency(clock, now),
        now=now,
        timeline=await cases.timeline(session, person.seller_id, case.order_id),
        advice=advice,
        evidence=asdict(advice.evidence) if advice else None,
        issues=claims.NAMED_ISSUES,
        chosen={k: q.get(k, "") for k in ("issue", "severity", "fault")},
        offers=await _offers(session, case, q.get("issue", ""), q.get("severity", ""), q.get("fault", "")),
        templates=sorted((name, sorted(texts)) for name, (_, texts) in templates.items()),
        may_remind=case.kind == CaseKind.RETURN and case.status == "authorized",
        may_skip_reply=case.kind == CaseKind.MESSAGE and case.status == "awaiting_reply",
        reply_key=uuid.uuid4().hex,
        draft=extra.pop("draft", {}),
        **extra,
    )


@router.get("/console/cases/{case_id}", response_class=HTMLResponse)
async def case_page(
    case_id: uuid.UUID, request: Request, person: PersonDep, session: Session, clock: ClockDep
) -> HTMLResponse:
    case = await cases.get_case(session, person.seller_id, case_id)
    return await _page(request, session, person, case, clock.now())


@router.post("/console/cases/{case_id}/notes")
async def add_note(
    request: Request,
    case_id: uuid.UUID,
    person: Poster,
    session: Session,
    clock: ClockDep,
    body: Annotated[str, Form(min_length=1, max_length=20_000)],
    note_key: Annotated[str | None, Form(max_length=200)] = None,
) -> RedirectResponse:
    writer(person)
    case = await cases.get_case(session, person.seller_id, case_id)
    now = clock.now()
    if await first_submit(
        request, session, person, "case.note", case.id, note_key or "", {"body": body}, now
    ):
        await cases.add_note(session, case, person.name, body, now)
    return back(f"/console/cases/{case_id}", flash="Note added.")


@router.post("/console/cases/{case_id}/reply", response_model=None)
async def reply(
    case_id: uuid.UUID,
    request: Request,
    person: Poster,
    session: Session,
    clock: ClockDep,
    body: Annotated[str, Form(min_length=1, max_length=20_000)],
    subject: Annotated[str, Form(max_length=500)] = "",
    language: Annotated[str, Form(max_length=5)] = "",
    override_reason: Annotated[str, Form(max_length=2000)] = "",
    reply_key: Annotated[str, Form(max_length=100, pattern=r"^[A-Za-z0-9._:-]*$")] = "",
) -> Response:
    writer(person)
    case = await cases.get_case(session, person.seller_id, case_id)
    now = clock.now()
    form = {"subject": subject, "body": body, "language": language, "override_reason": override_reason}
    async with Attempt(session) as tried:
        if await first_submit(request, session, person, "case.reply", case.id, reply_key, form, now):
            await messages.reply(
                session,
                case,
                subject=subject,
                body=body,
                agent=person.name,
                language=language or None,
                override_reason=override_reason.strip() or None,
                now=now,
                actor=actor(person, now),
            )
    if tried.error is None:
        return back(f"/console/cases/{case_id}", flash="Reply sent.")
    draft = {"subject": subject, "body": body, "language": language, "override_reason": override_reason}
    response = await _page(request, session, person, case, clock.now(), error=tried.error.detail, draft=draft)
    response.status_code = 422
    return response


class Draft(BaseModel):
    subject: str = Field(default="", max_length=500)
    body: str = Field(default="", max_length=20_000)
    language: str | None = Field(default=None, max_length=5)


@router.post("/console/cases/{case_id}/check")
async def check(case_id: uuid.UUID, draft: Draft, person: Poster, session: Session) -> JSONResponse:
    """The composer's live check: the same findings sending would meet."""
    case = await cases.get_case(session, person.seller_id, case_id)
    findings = await messages.check_for_case(session, case, draft.subject, draft.body, draft.language)
    return JSONResponse({"findings": [asdict(f) for f in findings]})


class TemplateChoice(BaseModel):
    name: str = Field(max_length=100)
    language: str | None = Field(default=None, max_length=5)
    values: dict[str, str] = Field(default_factory=dict, max_length=20)


@router.post("/console/cases/{case_id}/render")
async def render(
    case_id: uuid.UUID, choice: TemplateChoice, person: Poster, session: Session
) -> JSONResponse:
    """A template with its placeholders filled from the case, for the composer to insert."""
    case = await cases.get_case(session, person.seller_id, case_id)
    async with Attempt(session) as tried:
        given = {k: v for k, v in choice.values.items() if v}
        language, text = await messages.render_for_case(
            session, case, choice.name, choice.language, person.name, given
        )
    if tried.error is not None:
        return JSONResponse({"error": tried.error.detail, **tried.error.extra}, status_code=422)
    return JSONResponse({"language": language, "subject": text.subject, "body": text.body})


@router.post("/console/cases/{case_id}/no-response-needed")
async def no_response_needed(
    case_id: uuid.UUID, person: Poster, session: Session, clock: ClockDep
) -> RedirectResponse:
    writer(person)
    case = await cases.get_case(session, person.seller_id, case_id)
    async with Attempt(session) as tried:
        await messages.no_response_needed(session, case, person.name, clock.now())
    if tried.error is not None:
        return back(f"/console/cases/{case_id}", error=tried.error.detail)
    return back(f"/console/cases/{case_id}", flash="Marked as no response needed; the reply clock stopped.")


@router.post("/console/cases/{case_id}/reminder")
async def send_reminder(
    case_id: uuid.UUID, person: Poster, session: Session, clock: ClockDep
) -> RedirectResponse:
    writer(person)
    case = await cases.get_case(session, person.seller_id, case_id)
    async with Attempt(session) as tried:
        sent = await reminders.send_reminder(session, case, person.name, "agent", clock.now())
    if tried.error is not None:
        return back(f"/console/cases/{case_id}", error=tried.error.detail)
    what = "a call task is on the contact list" if sent.kind == "call" else "the final message was sent"
    return back(f"/console/cases/{case_id}", flash=f"Reminder sent: {what}.")
