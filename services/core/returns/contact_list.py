"""The outbound contact list (DOMAIN.md section 5): orders whose buyer a person must reach.

One row per order, with every reason it is there; an order there for more than one reason, or
with several failed messages, is flagged duplicate so it is contacted once. A row is done when
a contact was recorded after its newest reason; done rows stay, struck off.
"""

import csv
import io
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import and_, func, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from services.core.cases import service as cases
from services.core.cases.shapes import CaseOut, case_out
from services.core.domain import phones
from services.core.domain.kinds import CaseKind, ClockKind
from services.core.kit.errors import NotFound
from services.core.kit.ids import new_id
from services.core.models import Case, CaseNote, Clock, Contact, Event, Order, Reminder
from services.core.returns import reminders

CONTACT_NOTES = {
    "reached": "Contact list: reached the buyer",
    "called": "Contact list: called the buyer",
    "no_answer": "Contact list: called the buyer, no answer",
    "wrong_number": "Contact list: called the buyer, wrong number on file",
    "emailed": "Contact list: emailed the buyer",
}
CSV_COLUMNS = [
    "order_id",
    "marketplace",
    "buyer_name",
    "dial",
    "reasons",
    "duplicate",
    "failed_messages",
    "open_cases",
    "next_due_at",
    "state",
    "outcome",
    "outcome_by",
    "outcome_at",
]


@dataclass
class ContactRow:
    order_id: str
    marketplace: str
    buyer_name: str | None
    phone: str | None
    dial: str | None
    reasons: list[str] = field(default_factory=list)
    failed_messages: int = 0
    reminder_id: uuid.UUID | None = None
    since: datetime | None = None
    cases: list[CaseOut] = field(default_factory=list)
    state: str = "open"
    outcome: str | None = None
    outcome_by: str | None = None
    outcome_at: datetime | None = None

    @property
    def duplicate(self) -> bool:
        return len(self.reasons) > 1 or self.failed_messages > 1

    def add(self, reason: str, at: datetime) -> None:
        if reason not in self.reasons:
            self.reasons.append(reason)
        self.since = max(self.since, at) if self.since else at


def to_csv(rows: list[ContactRow]) -> str:
    """The list as a spreadsheet for a phone shift: one line per order."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for r in rows:
        due = min((c.next_due_at for c in r.cases if c.next_due_at), default=None)
        writer.writerow(
            [
                r.order_id,
                r.marketplace,
                r.buyer_name or "",
                r.dial or "",
                " ".join(r.reasons),
                "yes" if r.duplicate else "no",
                r.failed_messages,
                len(r.cases),
                due.isoformat() if due else "",
                r.state,
                r.outcome or "",
                r.outcome_by or "",
                r.outcome_at.isoformat() if r.outcome_at else "",
            ]
        )
    return out.getvalue()


async def contact_list(
    session: AsyncSession, seller_id: uuid.UUID, now: datetime, only_order: str | None = None
) -> list[ContactRow]:
    """The list, or with `only_order` just that order's row (if it is on the list)."""

    def narrow(column: Any) -> Any:
        return column == only_order if only_order is not None else true()

    open_orders = select(Case.order_id).where(
        Case.seller_id == seller_id, Case.is_open.is_(True), narrow(Case.order_id)
    )
    reasons: dict[str, list[tuple[str, datetime, int, uuid.UUID | None]]] = {}
    failures = await session.execute(
        select(Event.order_id, func.count(), func.max(Event.occurred_at))
        .where(
            Event.seller_id == seller_id,
            Event.type == "message.delivery_failed",
            Event.order_id.in_(open_orders),
            narrow(Event.order_id),
        )
        .group_by(Event.order_id)
    )
    for order_id, count, last in failures:
        reasons.setdefault(order_id, []).append(("blocked", last, count, None))
    for reminder in await session.scalars(
        select(Reminder).where(
            Reminder.seller_id == seller_id, Reminder.kind == "call", narrow(Reminder.order_id)
        )
    ):
        reasons.setdefault(reminder.order_id, []).append(
            ("return_reminder", reminder.created_at, 0, reminder.id)
        )
    claims = await session.execute(
        select(Case.order_id, Case.opened_at)
        .join(Clock, and_(Clock.case_id == Case.id, Clock.kind == ClockKind.CLAIM_CONTACT_BUYER.value))
        .where(
            Case.seller_id == seller_id,
            Case.kind == CaseKind.CLAIM.value,
            Case.is_open.is_(True),
            Clock.stopped_at.is_(None),
            narrow(Case.order_id),
        )
    )
    for order_id, opened_at in claims:
        reasons.setdefault(order_id, []).append(("claim_contact", opened_at, 0, None))
    if not reasons:
        return []

    orders = {
        o.order_id: o
        for o in await session.scalars(
            select(Order).where(Order.seller_id == seller_id, Order.order_id.in_(reasons))
        )
    }
    open_cases = list(
        await session.scalars(
            select(Case)
            .where(Case.seller_id == seller_id, Case.order_id.in_(reasons), Case.is_open.is_(True))
            .order_by(Case.band, Case.sort_due_at)
        )
    )
    clocks = await cases.clocks_of(session, [c.id for c in open_cases])
    latest: dict[str, Contact] = {}
    for contact in await session.scalars(
        select(Contact)
        .where(Contact.seller_id == seller_id, Contact.order_id.in_(reasons))
        .order_by(Contact.created_at)
    ):
        latest[contact.order_id] = contact
    rows = []
    for order_id, found in reasons.items():
        order = orders.get(order_id)
        facts = order.facts if order else {}
        marketplace = order.marketplace if order else ""
        phone = phones.parse(facts.get("buyer_phone"), marketplace)
        row = ContactRow(
            order_id,
            marketplace,
            facts.get("buyer_name"),
            phone.e164 if phone else None,
            phone.dial if phone else None,
        )
        for reason, at, count, reminder_id in found:
            row.add(reason, at)
            row.failed_messages += count
            row.reminder_id = reminder_id or row.reminder_id
        row.cases = [case_out(c, clocks[c.id], now) for c in open_cases if c.order_id == order_id]
        contact = latest.get(order_id)
        if contact is not None and row.since is not None and contact.created_at >= row.since:
            row.state, row.outcome, row.outcome_by, row.outcome_at = (
                "done",
                contact.outcome,
                contact.agent,
                contact.created_at,
            )
        rows.append(row)
    rows.sort(key=lambda r: (r.state == "done", -len(r.reasons), r.since or now))
    return rows


class NotOnContactList(NotFound):
    def __init__(self, order_id: str) -> None:
        super().__init__(f"order {order_id} is not on the contact list")


async def record_outcome(
    session: AsyncSession,
    seller_id: uuid.UUID,
    order_id: str,
    outcome: str,
    agent: str,
    note: str | None,
    now: datetime,
) -> ContactRow:
    """Strike the order off the list: a call's outcome answers its return's reminder, when the
    reminder awaits one; anything else is a contact of its own. The row as it now stands."""
    found = await contact_list(session, seller_id, now, only_order=order_id)
    if not found:
        raise NotOnContactList(order_id)
    reminder = await session.get(Reminder, found[0].reminder_id) if found[0].reminder_id else None
    if (
        reminder is not None
        and reminder.outcome is None
        and outcome in ("called", "no_answer", "wrong_number")
    ):
        await reminders.record_outcome(session, reminder, outcome, agent, note, now)
    else:
        session.add(
            Contact(
                id=new_id(),
                seller_id=seller_id,
                order_id=order_id,
                outcome=outcome,
                agent=agent,
                note=note,
                created_at=now,
            )
        )
        # The outcome goes on the order's open cases too, where the next person reads the story.
        text = CONTACT_NOTES[outcome] + (f". {note}" if note else "")
        for case in found[0].cases:
            session.add(
                CaseNote(
                    id=new_id(), seller_id=seller_id, case_id=case.id, author=agent, body=text, created_at=now
                )
            )
    await session.flush()
    [updated] = await contact_list(session, seller_id, now, only_order=order_id)
    return updated
