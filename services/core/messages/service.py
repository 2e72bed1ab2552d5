"""Outgoing messages: the compliance check with the seller's policy, replies, templates, and
closing a message as needing no response."""

import uuid
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.core.cases import service as cases
from services.core.cases.shapes import NoResponseNeededRate, RateOut
from services.core.domain.compliance import CheckOptions, Finding, check_message
from services.core.domain.events import EVENT_MODELS
from services.core.domain.kinds import CaseKind, ClockKind
from services.core.domain.policy import Policy
from services.core.domain.reminders import FIX_TEMPLATE_TASK
from services.core.domain.templates import (
    DEFAULT_TEMPLATES,
    MissingValues,
    TemplateError,
    Text,
    pick,
    refund_amount,
    render,
    validate,
)
from services.core.ingest import ingest
from services.core.kit.errors import Invalid, NotAllowed, NotFound
from services.core.kit.ids import new_id
from services.core.models import Case, CaseNote, Clock, Event, MessageTemplate, Order, Seller, Task
from services.core.sellers import audit, policies
from services.core.sellers.audit import Actor
from services.core.webhooks import outbox

SOURCE = "aftersales"
# Kinds of case where a good reply offers the buyer a choice (DOMAIN.md section 6).
CHOICE_KINDS = frozenset({CaseKind.RETURN, CaseKind.CLAIM, CaseKind.CANCELLATION, CaseKind.FEEDBACK})


class TemplateNotFound(NotFound):
    def __init__(self, name: str) -> None:
        super().__init__(f"no template {name!r}; GET /v1/templates lists them")


class NotCompliant(Invalid):
    """A reply with error findings and no override."""

    slug = "message-not-compliant"

    def __init__(self, findings: list[Finding]) -> None:
        rules = sorted({f.rule for f in findings if f.severity == "error"})
        super().__init__(
            f"the reply breaks Amazon's messaging rules ({', '.join(rules)}); fix it, or send it with an "
            "override and a reason",
            findings=[asdict(f) for f in findings],
        )
        self.findings = findings


class TemplateValuesMissing(Invalid):
    slug = "template-values-missing"

    def __init__(self, missing: MissingValues) -> None:
        super().__init__(str(missing), missing=missing.names)


class TemplateInvalid(Invalid):
    slug = "template-invalid"


class ActionNotAllowed(NotAllowed):
    def __init__(self, action: str, case: Case) -> None:
        super().__init__(f"cannot {action} a {case.kind} case in state {case.status}", case.status)


def check(
    policy: Policy, subject: str, body: str, marketplace: str, language: str | None, expects_choice: bool
) -> list[Finding]:
    options = CheckOptions(
        allowed_domains=tuple(policy.messages.allowed_domains),
        expects_choice=expects_choice,
        learned=policy.messages.learned_check,
    )
    return check_message(subject, body, marketplace, language, options)


async def templates(session: AsyncSession, seller_id: uuid.UUID) -> dict[str, tuple[str, dict[str, Text]]]:
    """Every template the seller can use: the shipped defaults, shadowed by its own of the same name."""
    found: dict[str, tuple[str, dict[str, Text]]] = {
        name: ("default", texts) for name, texts in DEFAULT_TEMPLATES.items()
    }
    for row in await session.scalars(select(MessageTemplate).where(MessageTemplate.seller_id == seller_id)):
        found[row.name] = ("seller", {lang: Text(**t) for lang, t in row.texts.items()})
    return found


async def template(session: AsyncSession, seller_id: uuid.UUID, name: str) -> tuple[str, dict[str, Text]]:
    found = (await templates(session, seller_id)).get(name)
    if found is None:
        raise TemplateNotFound(name)
    return found


async def rendered(
    session: AsyncSession, seller_id: uuid.UUID, name: str, language: str | None, values: dict[str, Any]
) -> tuple[str, Text]:
    """The template `name` in the language closest to `language`, its placeholders filled."""
    _, texts = await template(session, seller_id, name)
    chosen, text = pick(texts, language)
    try:
        return chosen, render(text, values)
    except MissingValues as error:
        raise TemplateValuesMissing(error) from error


async def save_template(
    session: AsyncSession, seller_id: uuid.UUID, name: str, texts: dict[str, Text], now: datetime
) -> bool:
    """Create or replace the seller's template `name`; True when it was created."""
    try:
        validate(texts)
    except TemplateError as error:
        raise TemplateInvalid(str(error)) from error
    stored = {lang: {"subject": t.subject, "body": t.body} for lang, t in texts.items()}
    row = await session.scalar(
        select(MessageTemplate)
        .where(MessageTemplate.seller_id == seller_id, MessageTemplate.name == name)
        .with_for_update()
    )
    if row is None:
        session.add(
            MessageTemplate(
                id=new_id(), seller_id=seller_id, name=name, texts=stored, created_at=now, updated_at=now
            )
        )
        await _retry_held_reminders(session, seller_id, name, now)
        return True
    row.texts, row.updated_at = stored, now
    await _retry_held_reminders(session, seller_id, name, now)
    return False


async def _retry_held_reminders(
    session: AsyncSession, seller_id: uuid.UUID, name: str, now: datetime
) -> None:
    """A new reminder text closes the tasks asking to fix the old one, and so puts their returns
    back in the dispatch (which holds back a return while its task is open)."""
    if name != "return_reminder":
        return
    await session.execute(
        update(Task)
        .where(Task.seller_id == seller_id, Task.kind == FIX_TEMPLATE_TASK, Task.done_at.is_(None))
        .values(done_at=now)
    )


async def values_for(session: AsyncSession, case: Case, agent: str | None) -> dict[str, Any]:
    """What the placeholders stand for on this case, from the order and the seller."""
    seller = await session.get(Seller, case.seller_id)
    order = await session.scalar(
        select(Order).where(Order.seller_id == case.seller_id, Order.order_id == case.order_id)
    )
    facts = order.facts if order is not None else {}
    items = facts.get("items") or [{}]
    deadline = await session.scalar(
        select(Clock.due_at)
        .join(Case, Case.id == Clock.case_id)
        .where(
            Case.seller_id == case.seller_id,
            Case.order_id == case.order_id,
            Clock.kind == ClockKind.RETURN_SHIP.value,
        )
        .order_by(Clock.started_at.desc())
        .limit(1)
    )
    return {
        "buyer_name": facts.get("buyer_name"),
        "order_id": case.order_id,
        "seller_name": seller.name if seller else None,
        "agent_name": agent,
        "item": items[0].get("title") or items[0].get("sku"),
        "carrier": facts.get("carrier"),
        "tracking": facts.get("tracking"),
        "estimated_delivery": facts.get("estimated_delivery"),
        "return_deadline": (deadline - timedelta(seconds=1)).date().isoformat() if deadline else None,
        "refund_amount": refund_amount(case.facts or {}, facts),
    }


async def check_for_case(
    session: AsyncSession, case: Case, subject: str, body: str, language: str | None
) -> list[Finding]:
    """A reply on this case checked as sending it would check it: the case's marketplace, and a
    choice expected where the case's kind calls for one."""
    policy = (await policies.current(session, case.seller_id)).policy
    return check(policy, subject, body, case.marketplace, language, CaseKind(case.kind) in CHOICE_KINDS)


async def render_for_case(
    session: AsyncSession,
    case: Case,
    name: str,
    language: str | None,
    agent: str | None,
    values: dict[str, Any] | None = None,
) -> tuple[str, Text]:
    """The template filled in with what the case knows, overridden by the values given."""
    known = await values_for(session, case, agent)
    return await rendered(session, case.seller_id, name, language, {**known, **(values or {})})


async def action_time(session: AsyncSession, case: Case, now: datetime) -> datetime:
    """When an action asked of us happened: now, but never before the newest event of the order.

    Producers' clocks run a little ahead or behind ours; a reply must not land before the
    message it answers just because the helpdesk's clock is two seconds fast.
    """
    newest = await session.scalar(
        select(func.max(Event.occurred_at)).where(
            Event.seller_id == case.seller_id, Event.order_id == case.order_id
        )
    )
    return max(now, newest) if newest is not None else now


@dataclass
class Reply:
    reply_id: str
    subject: str
    body: str
    findings: list[Finding]
    override: dict[str, str] | None
    case: Case
    clocks: list[Clock]
    send_request: str


async def reply(
    session: AsyncSession,
    case: Case,
    *,
    subject: str,
    body: str,
    agent: str,
    language: str | None,
    override_reason: str | None,
    now: datetime,
    actor: Actor,
) -> Reply:
    """Check, then send: record message.sent by a person (stopping the reply clock), note an
    override on the case, and ask the helpdesk or relay to deliver it. A retry is made safe by
    the caller's Idempotency-Key (services/core/kit/idempotency.py), not here."""
    findings = await check_for_case(session, case, subject, body, language)
    errors = [f for f in findings if f.severity == "error"]
    if errors and not override_reason:
        raise NotCompliant(findings)
    override = (
        {"reason": override_reason, "rules": ", ".join(sorted({f.rule for f in errors}))} if errors else None
    )
    reply_id = f"reply:{uuid.uuid4().hex}"
    thread = case.key if case.kind == CaseKind.MESSAGE else ""
    envelope = EVENT_MODELS["message.sent"].model_validate(
        {
            "id": reply_id,
            "type": "message.sent",
            "occurred_at": await action_time(session, case, now),
            "order_id": case.order_id,
            "marketplace": case.marketplace,
            "data": {
                "thread_id": thread,
                "author": "agent",
                "agent": agent,
                "subject": subject,
                "body": body,
            },
        }
    )
    await ingest(session, case.seller_id, envelope, now, source=SOURCE)
    if override is not None:
        # An override of the compliance check is an admin decision: on the case, and audited.
        after = {"reply_id": reply_id, "agent": agent, **override}
        audit.record(session, case.seller_id, actor, "reply.override", ("case", case.id), None, after)
        note = f"Sent despite compliance findings ({override['rules']}). Reason: {override_reason}"
        session.add(
            CaseNote(
                id=new_id(),
                seller_id=case.seller_id,
                case_id=case.id,
                author=agent,
                body=note,
                created_at=now,
            )
        )
    data = {
        "reply_id": reply_id,
        "case_id": str(case.id),
        "order_id": case.order_id,
        "marketplace": case.marketplace,
        "thread_id": thread,
        "subject": subject,
        "body": body,
        "agent": agent,
        "override": override,
    }
    send_request = await outbox.emit(
        session, case.seller_id, "message.send_requested", data, now, case_id=case.id
    )
    clocks = (await cases.clocks_of(session, [case.id]))[case.id]
    return Reply(reply_id, subject, body, findings, override, case, clocks, send_request)


async def no_response_needed(session: AsyncSession, case: Case, agent: str | None, now: datetime) -> Case:
    """Close the oldest unanswered buyer message as needing no reply; stops the reply clock."""
    if case.kind != CaseKind.MESSAGE or case.status != "awaiting_reply":
        raise ActionNotAllowed("mark as no response needed", case)
    running = await session.scalar(
        select(Clock.started_by_event).where(
            Clock.case_id == case.id, Clock.state.in_(("running", "breached")), Clock.stopped_at.is_(None)
        )
    )
    envelope = EVENT_MODELS["message.no_response_needed"].model_validate(
        {
            # Two clicks on the same unanswered message make one event.
            "id": f"nrn:{case.id}:{running}",
            "type": "message.no_response_needed",
            "occurred_at": await action_time(session, case, now),
            "order_id": case.order_id,
            "marketplace": case.marketplace,
            "data": {"thread_id": case.key, **({"agent": agent} if agent else {})},
        }
    )
    await ingest(session, case.seller_id, envelope, now, source=SOURCE)
    return case


async def no_response_needed_rate(
    session: AsyncSession, seller_id: uuid.UUID, now: datetime
) -> NoResponseNeededRate:
    """Messages closed as no response needed / buyer messages, over 7 and 30 days, against the
    policy's warning threshold."""
    threshold = (
        await policies.current(session, seller_id)
    ).policy.messages.no_response_needed_warning_percent
    rates = []
    for days in (7, 30):
        since = now - timedelta(days=days)
        counts = dict(
            (
                await session.execute(
                    select(Event.type, func.count())
                    .where(
                        Event.seller_id == seller_id,
                        Event.type.in_(("message.no_response_needed", "message.received")),
                        Event.occurred_at > since,
                        Event.occurred_at <= now,
                    )
                    .group_by(Event.type)
                )
            ).all()
        )
        numerator, denominator = (
            counts.get("message.no_response_needed", 0),
            counts.get("message.received", 0),
        )
        percent = round(100 * numerator / denominator, 2) if denominator else None
        rates.append(RateOut(window_days=days, numerator=numerator, denominator=denominator, percent=percent))
    return NoResponseNeededRate(
        rates=rates,
        threshold_percent=threshold,
        warning=any(r.percent is not None and r.percent > threshold for r in rates),
        as_of=now,
    )
