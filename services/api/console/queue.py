"""The queue page: open cases in the API's order with a ticking countdown, filters, assignment
from the row, and the rows again for the page's polling."""

import uuid
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from services.api.console.web import Attempt, PersonDep, Poster, back, page, writer
from services.api.deps import ClockDep, Session
from services.core.cases import service as cases
from services.core.cases.shapes import CaseOut, ClockOut, case_out
from services.core.domain.kinds import CaseKind
from services.core.sellers.console_sessions import Person

router = APIRouter()
PAGE = 50
KINDS = [k.value for k in CaseKind]
BANDS = {1: "1 cancellations", 2: "2 returns", 3: "3 claims and chargebacks", 4: "4 the rest"}


def next_clock(case: CaseOut) -> ClockOut | None:
    """The running clock that breaches first: the one the row counts down."""
    running = [c for c in case.clocks if c.remaining_seconds is not None]
    return min(running, key=lambda c: c.due_at) if running else None


def urgency(clock: ClockOut | None, now: datetime) -> str:
    """The colour class at the policy's warning thresholds; the browser moves it on as it ticks."""
    if clock is None:
        return "none"
    if clock.due_at <= now:
        return "breached"
    passed = sum(1 for at in clock.warnings_at if at <= now)
    return f"w{min(passed, 3)}"


async def _rows(
    session: Session, person: Person, now: datetime, where: cases.CaseFilter, cursor: str | None
) -> tuple[list[dict[str, Any]], str | None]:
    found, next_cursor = await cases.list_cases(session, person.seller_id, where, PAGE, cursor)
    clocks = await cases.clocks_of(session, [c.id for c in found])
    rows = []
    for case in found:
        shown = case_out(case, clocks[case.id], now)
        clock = next_clock(shown)
        rows.append({"case": shown, "clock": clock, "urgency": urgency(clock, now)})
    return rows, next_cursor


Filter = Annotated[str, Query(max_length=200)]


@dataclass
class QueueFilters:
    """The queue's filters as the page's form sends them (query parameters), for the page and
    for its polled rows alike."""

    kind: Filter = ""
    band: Filter = ""
    assignee: Filter = ""
    mine: Filter = ""
    due_before: Filter = ""

    def chosen(self) -> dict[str, str]:
        return asdict(self)

    def where(self, person: Person) -> cases.CaseFilter:
        due = datetime.fromisoformat(self.due_before) if self.due_before else None
        if due is not None and due.tzinfo is None:
            due = due.replace(tzinfo=UTC)  # the form's field is labelled UTC, as every time shown
        assignee = self.assignee
        who = (
            person.name if self.mine else (None if assignee == "" else ("" if assignee == "-" else assignee))
        )
        return cases.CaseFilter(
            kind=self.kind if self.kind in KINDS else None,
            state="open",
            band=int(self.band) if self.band.isdigit() else None,
            assignee=who,
            due_before=due,
        )


Filters = Annotated[QueueFilters, Depends()]


@router.get("/console/queue", response_class=HTMLResponse)
async def queue(
    request: Request,
    person: PersonDep,
    session: Session,
    clock: ClockDep,
    filters: Filters,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
) -> HTMLResponse:
    now = clock.now()
    rows, next_cursor = await _rows(session, person, now, filters.where(person), cursor)
    return page(
        request,
        "queue.html",
        person,
        rows=rows,
        next_cursor=next_cursor,
        now=now,
        chosen=filters.chosen(),
        kinds=KINDS,
        bands=BANDS,
        here=str(request.url.path) + (f"?{request.url.query}" if request.url.query else ""),
    )


@router.get("/console/queue/rows", response_class=HTMLResponse)
async def queue_rows(
    request: Request,
    person: PersonDep,
    session: Session,
    clock: ClockDep,
    filters: Filters,
    here: Annotated[str, Query(max_length=1000)] = "/console/queue",
) -> HTMLResponse:
    now = clock.now()
    rows, _ = await _rows(session, person, now, filters.where(person), None)
    return page(request, "queue_rows.html", person, rows=rows, now=now, here=here)


@router.post("/console/cases/{case_id}/assign")
async def assign(
    case_id: uuid.UUID,
    person: Poster,
    session: Session,
    assignee: Annotated[str, Form(max_length=200)] = "",
    to: Annotated[str, Form(max_length=1000)] = "/console/queue",
) -> RedirectResponse:
    async with Attempt(session) as tried:
        writer(person)
        case = await cases.assign(session, person.seller_id, case_id, assignee)
    if tried.error is not None:
        return back(to, error=tried.error.detail)
    return back(to, flash=f"Case of order {case.order_id} assigned to {case.assignee or 'nobody'}.")
