"""Sending the one reminder of a return, recording its outcome, and finding those due."""

import uuid
from datetime import datetime, timedelta
from typing import Any

import structlog
from sqlalchemy import and_, func, select, text, tuple_, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from services.core.domain import phones
from services.core.domain.kinds import CaseKind, ClockKind
from services.core.domain.policy import MAX_WINDOW_HOURS
from services.core.domain.reminders import (
    EMAILED_NOTE,
    FIX_TEMPLATE_TASK,
    OUTCOME_NOTES,
    ReminderKind,
    call_script,
    due,
)
from services.core.domain.templates import MissingValues, pick, render
from services.core.kit.db import insert_once
from services.core.kit.errors import Conflict, NotAllowed, NotFound
from services.core.kit.ids import new_id
from services.core.messages import service as messages
from services.core.models import Case, CaseNote, Clock, Contact, Event, Order, Reminder, Task
from services.core.sellers import policies
from services.core.webhooks import outbox

log = structlog.get_logger(__name__)

SYSTEM = "aftersales"
# The template's language for each marketplace; English where there is no text of its own.
MARKETPLACE_LANGUAGE = {"DE": "de", "FR": "fr", "ES": "es", "IT": "it", "JP": "ja", "MX": "es", "NL": "nl"}


class ReminderExists(Conflict):
    slug = "reminder-already-sent"

    def __init__(self, first: Reminder) -> None:
        super().__init__(
            f"this return was already reminded once, by {first.created_by} at {first.created_at.isoformat()} "
            f"({first.kind}); only one reminder per return is sent",
            first_by=first.created_by,
            first_at=first.created_at.isoformat(),
            reminder_id=str(first.id),
        )
        self.first = first


class ReminderNotAllowed(NotAllowed):
    def __init__(self, case: Case) -> None:
        super().__init__(
            f"only an authorized return awaiting its carrier scan is reminded; this {case.kind} case is {case.status}",
            case.status,
        )


class ReminderNotFound(NotFound):
    def __init__(self, reminder_id: uuid.UUID) -> None:
        super().__init__(f"no reminder {reminder_id} on this account")


class OutcomeConflict(Conflict):
    def __init__(self, reminder: Reminder) -> None:
        super().__init__(
            f"the outcome {reminder.outcome} was recorded by {reminder.outcome_by} at {reminder.outcome_at}"
        )


def _note(case: Case, author: str, body: str, now: datetime) -> CaseNote:
    return CaseNote(
        id=new_id(), seller_id=case.seller_id, case_id=case.id, author=author, body=body, created_at=now
    )


async def send_reminder(session: AsyncSession, case: Case, by: str, reason: str, now: datetime) -> Reminder:
    """The reminder of this return: a call task with a script, or the final message."""
    if case.kind != CaseKind.RETURN or case.status != "authorized":
        raise ReminderNotAllowed(case)
    order = await session.scalar(
        select(Order).where(Order.seller_id == case.seller_id, Order.order_id == case.order_id)
    )
    facts = order.facts if order is not None else {}
    phone = phones.parse(facts.get("buyer_phone"), case.marketplace)
    values = await messages.values_for(session, case, by)
    details: dict[str, Any]
    if phone is not None:
        kind = ReminderKind.CALL
        script = call_script(
            values["buyer_name"],
            values["seller_name"] or "our shop",
            case.order_id,
            values["return_deadline"] or "",
        )
        details = {"phone": phone.e164, "dial": phone.dial, "script": script}
    else:
        kind = ReminderKind.MESSAGE
        _, texts = await messages.template(session, case.seller_id, "return_reminder")
        language, text = pick(texts, MARKETPLACE_LANGUAGE.get(case.marketplace, "en"))
        try:
            message = render(text, {**values, "buyer_name": values["buyer_name"] or "there"})
        except MissingValues as missing:
            raise messages.TemplateValuesMissing(missing) from missing
        policy = (await policies.current(session, case.seller_id)).policy
        findings = messages.check(policy, message.subject, message.body, case.marketplace, language, False)
        if any(f.severity == "error" for f in findings):
            raise messages.NotCompliant(findings)
        details = {"language": language, "subject": message.subject, "body": message.body}
    reminder_id = await insert_once(
        session,
        Reminder,
        ["case_id"],
        seller_id=case.seller_id,
        case_id=case.id,
        order_id=case.order_id,
        kind=kind.value,
        reason=reason,
        created_by=by,
        created_at=now,
        phone=phone.e164 if phone else None,
        details=details,
        **(
            {"outcome": "emailed", "outcome_by": by, "outcome_at": now}
            if kind is ReminderKind.MESSAGE
            else {}
        ),
    )
    if reminder_id is None:
        first = await session.scalar(select(Reminder).where(Reminder.case_id == case.id))
        assert first is not None
        raise ReminderExists(first)
    reminder = await session.get(Reminder, reminder_id)
    assert reminder is not None
    base = {
        "reminder_id": str(reminder_id),
        "case_id": str(case.id),
        "order_id": case.order_id,
        "marketplace": case.marketplace,
    }
    if kind is ReminderKind.CALL:
        task = Task(
            id=new_id(),
            seller_id=case.seller_id,
            case_id=case.id,
            kind="return_reminder_call",
            title=f"Call {values['buyer_name'] or 'the buyer'} at {phone.dial if phone else ''} about the return of order {case.order_id}",
            details={**details, "reminder_id": str(reminder_id)},
            created_at=now,
        )
        session.add(task)
        await outbox.emit(
            session,
            case.seller_id,
            "task.created",
            {**base, "task_id": str(task.id), "kind": task.kind},
            now,
            case.id,
        )
    else:
        session.add(_note(case, by, EMAILED_NOTE, now))
        send = {
            **base,
            "thread_id": "",
            "subject": details["subject"],
            "body": details["body"],
            "agent": by,
            "override": None,
        }
        await outbox.emit(session, case.seller_id, "message.send_requested", send, now, case.id)
    await outbox.emit(
        session, case.seller_id, "reminder.due", {**base, "kind": kind.value, **details}, now, case.id
    )
    await session.execute(
        update(Task)
        .where(Task.case_id == case.id, Task.kind == FIX_TEMPLATE_TASK, Task.done_at.is_(None))
        .values(done_at=now)
    )
    return reminder


def _what_to_fix(
    refused: messages.TemplateValuesMissing | messages.NotCompliant,
) -> tuple[str, dict[str, Any]]:
    if isinstance(refused, messages.TemplateValuesMissing):
        missing: list[str] = refused.extra["missing"]
        names = ", ".join("{" + name + "}" for name in missing)
        return f"uses {names}, which this order does not know", {"missing": missing}
    rules = sorted({f.rule for f in refused.findings if f.severity == "error"})
    return f"breaks Amazon's messaging rules ({', '.join(rules)})", {"rules": rules}


async def hold(
    session: AsyncSession,
    case: Case,
    refused: messages.TemplateValuesMissing | messages.NotCompliant,
    now: datetime,
) -> bool:
    """Hold back the reminder the seller's template cannot make, with a task on the case saying
    what to fix; True when the task is new (or reopened), False when it was open already.

    The dispatch skips a return while its task is open, so the task is made once, not every run;
    a new template text closes it (`messages.save_template`), and so does marking it done.
    """
    problem, details = _what_to_fix(refused)
    title = (
        f"Fix the return_reminder template: it {problem}; the reminder of order {case.order_id} waits for it"
    )
    task = {"title": title, "details": {"template": "return_reminder", **details}, "created_at": now}
    written = await session.scalar(
        insert(Task)
        .values(id=new_id(), seller_id=case.seller_id, case_id=case.id, kind=FIX_TEMPLATE_TASK, **task)
        .on_conflict_do_update(
            index_elements=[Task.case_id, Task.kind],
            set_={**task, "done_at": None},
            where=Task.done_at.is_not(None),
        )
        .returning(Task.id)
    )
    if written is None:
        return False
    await outbox.emit(
        session,
        case.seller_id,
        "task.created",
        {
            "task_id": str(written),
            "case_id": str(case.id),
            "order_id": case.order_id,
            "kind": FIX_TEMPLATE_TASK,
        },
        now,
        case.id,
    )
    return True


async def get(
    session: AsyncSession, seller_id: uuid.UUID, reminder_id: uuid.UUID, lock: bool = False
) -> Reminder:
    query = select(Reminder).where(Reminder.id == reminder_id, Reminder.seller_id == seller_id)
    reminder = await session.scalar(query.with_for_update() if lock else query)
    if reminder is None:
        raise ReminderNotFound(reminder_id)
    return reminder


async def record_outcome(
    session: AsyncSession, reminder: Reminder, outcome: str, agent: str, note: str | None, now: datetime
) -> bool:
    """Record what the call (or message) achieved; the same outcome again changes nothing."""
    if reminder.outcome is not None:
        if reminder.outcome == outcome:
            return False
        raise OutcomeConflict(reminder)
    reminder.outcome, reminder.outcome_by, reminder.outcome_at = outcome, agent, now
    case = await session.get(Case, reminder.case_id)
    assert case is not None
    session.add(_note(case, agent, OUTCOME_NOTES[outcome] + (f". {note}" if note else ""), now))
    session.add(
        Contact(
            id=new_id(),
            seller_id=reminder.seller_id,
            order_id=reminder.order_id,
            outcome=outcome,
            agent=agent,
            note=note,
            created_at=now,
        )
    )
    await session.execute(
        update(Task)
        .where(Task.case_id == case.id, Task.kind == "return_reminder_call", Task.done_at.is_(None))
        .values(done_at=now)
    )
    return True


# Only what is due, per seller: the label unscanned for the seller's own reminder_after_days
# (from the policy in force) read from the small index of running return.ship clocks, and
# returns whose buyer a message failed to reach since authorization. Neither reads every open
# return at every run, and a failure is never queued behind returns not yet due.
_DUE_CASES = text("""
    SELECT k.case_id FROM sellers s
    CROSS JOIN LATERAL (
        SELECT (document->'returns'->>'reminder_after_days')::float8 AS days FROM policy_versions
        WHERE seller_id = s.id ORDER BY version DESC LIMIT 1
    ) p
    CROSS JOIN LATERAL (
        SELECT case_id FROM clocks
        WHERE seller_id = s.id AND kind = :ship AND state = 'running'
          AND started_at <= CAST(:now AS timestamptz) - make_interval(secs => p.days * 86400)
        ORDER BY started_at LIMIT :limit
    ) k
    UNION
    SELECT c.case_id FROM sellers s
    JOIN events e ON e.seller_id = s.id AND e.type = 'message.delivery_failed' AND e.occurred_at >= :horizon
    JOIN cases k ON k.seller_id = s.id AND k.order_id = e.order_id AND k.kind = :return
    JOIN clocks c ON c.case_id = k.id AND c.kind = :ship AND c.state = 'running' AND c.started_at <= e.occurred_at
""")


async def due_returns(session: AsyncSession, now: datetime, limit: int = 500) -> list[tuple[Case, str]]:
    """Authorized returns with no scan and no reminder whose reminder is due, with the reason."""
    due_cases = list(
        await session.scalars(
            _DUE_CASES,
            {
                "now": now,
                "limit": limit,
                "ship": ClockKind.RETURN_SHIP.value,
                "return": CaseKind.RETURN.value,
                # A running clock is younger than the longest window a policy may set.
                "horizon": now - timedelta(hours=MAX_WINDOW_HOURS),
            },
        )
    )
    if not due_cases:
        return []
    candidates = (
        await session.execute(
            select(Case, Clock.started_at)
            .join(
                Clock,
                and_(
                    Clock.case_id == Case.id,
                    Clock.kind == ClockKind.RETURN_SHIP.value,
                    Clock.state == "running",
                ),
            )
            .outerjoin(Reminder, Reminder.case_id == Case.id)
            # A return held back for its seller's template waits for the fix, not the next run.
            .outerjoin(
                Task,
                and_(Task.case_id == Case.id, Task.kind == FIX_TEMPLATE_TASK, Task.done_at.is_(None)),
            )
            .where(
                Case.id.in_(due_cases),
                Case.kind == CaseKind.RETURN.value,
                Case.status == "authorized",
                Reminder.id.is_(None),
                Task.id.is_(None),
            )
            .order_by(Clock.started_at)
            .limit(limit)
            # Two overlapping dispatch runs take disjoint cases instead of deadlocking on the
            # reminders' unique key.
            .with_for_update(of=Case, skip_locked=True)
        )
    ).all()
    if not candidates:
        return []
    failures = dict(
        (
            (row.seller_id, row.order_id),
            row.last,
        )
        for row in await session.execute(
            select(Event.seller_id, Event.order_id, func.max(Event.occurred_at).label("last"))
            .where(
                Event.type == "message.delivery_failed",
                tuple_(Event.seller_id, Event.order_id).in_(
                    [(c.seller_id, c.order_id) for c, _ in candidates]
                ),
            )
            .group_by(Event.seller_id, Event.order_id)
        )
    )
    after: dict[uuid.UUID, timedelta] = {}
    found = []
    for case, authorized_at in candidates:
        if case.seller_id not in after:
            days = (await policies.current(session, case.seller_id)).policy.returns.reminder_after_days
            after[case.seller_id] = timedelta(days=days)
        failed = failures.get((case.seller_id, case.order_id))
        failed_since = failed is not None and failed >= authorized_at
        if due(authorized_at, after[case.seller_id], failed_since, now):
            found.append((case, "delivery_failed" if failed_since else "scheduled"))
    return found
