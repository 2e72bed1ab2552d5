"""Advice and offers for a case, from its order's facts and the seller's policy."""

from datetime import datetime
from typing import Literal, get_args

from sqlalchemy import and_, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.core.cases import service as cases
from services.core.domain.advice import Advice, ContactAttempt, chargeback_advice, claim_advice
from services.core.domain.kinds import CaseKind, ClockKind
from services.core.domain.resolution import Issue, Offer, offers
from services.core.kit.errors import Invalid, NotAllowed
from services.core.models import Case, Contact, Event, Order
from services.core.sellers import policies


class NoAdvice(NotAllowed):
    def __init__(self, case: Case) -> None:
        super().__init__(
            f"advice is given for claims and chargebacks; this is a {case.kind} case", case.status
        )


async def _order(session: AsyncSession, case: Case) -> dict[str, object]:
    order = await session.scalar(
        select(Order).where(Order.seller_id == case.seller_id, Order.order_id == case.order_id)
    )
    return dict(order.facts) if order is not None else {}


async def contact_attempts(session: AsyncSession, case: Case) -> list[ContactAttempt]:
    """Every recorded attempt to reach the buyer since the case opened, and whether one was answered."""
    events = list(
        await session.execute(
            select(Event.type, Event.occurred_at, Event.data)
            .where(
                Event.seller_id == case.seller_id,
                Event.order_id == case.order_id,
                Event.occurred_at >= case.opened_at,
                Event.type.in_(("claim.buyer_contacted", "message.sent", "message.received")),
            )
            .order_by(Event.occurred_at)
        )
    )
    answered_at = next((at for type_, at, _ in events if type_ == "message.received"), None)
    attempts = []
    for type_, at, data in events:
        if type_ == "claim.buyer_contacted":
            attempts.append(ContactAttempt(at, str(data.get("channel", "message")), data.get("agent")))
        elif type_ == "message.sent" and data.get("author") == "agent":
            attempts.append(ContactAttempt(at, "message", data.get("agent")))
    for contact in await session.scalars(
        select(Contact).where(
            and_(
                Contact.seller_id == case.seller_id,
                Contact.order_id == case.order_id,
                Contact.created_at >= case.opened_at,
            )
        )
    ):
        attempts.append(
            ContactAttempt(
                contact.created_at,
                "phone" if contact.outcome != "emailed" else "message",
                contact.agent,
                answered=contact.outcome in ("reached", "called"),
            )
        )
    marked = [
        ContactAttempt(a.at, a.channel, a.by, a.answered or (answered_at is not None and answered_at > a.at))
        for a in attempts
    ]
    return sorted(marked, key=lambda a: a.at)


async def advice(session: AsyncSession, case: Case, now: datetime) -> Advice:
    order = await _order(session, case)
    attempts = await contact_attempts(session, case)
    if case.kind == CaseKind.CHARGEBACK:
        return chargeback_advice(order, attempts)
    if case.kind != CaseKind.CLAIM:
        raise NoAdvice(case)
    policy = (await policies.current(session, case.seller_id)).policy
    clocks = (await cases.clocks_of(session, [case.id]))[case.id]
    contact = [c for c in clocks if c.kind == ClockKind.CLAIM_CONTACT_BUYER.value]
    window_over = any(c.due_at <= now for c in contact)
    return claim_advice(case.facts, order, attempts, window_over, policy.claims.high_value_price, now.date())


async def resolution_offers(
    session: AsyncSession, case: Case, issue: Issue, fault: str | None
) -> list[Offer]:
    policy = (await policies.current(session, case.seller_id)).policy
    return offers(issue, await _order(session, case), policy.compensation, fault)  # type: ignore[arg-type]


# An issue as a person names it; offers_for maps damage and defects onto the rules' issues.
NamedIssue = Literal[
    "damaged",
    "defective",
    "not_as_described",
    "missing_generic_accessory",
    "missing_specific_part",
    "wrong_item",
    "cancel_after_shipping",
    "not_received",
    "changed_mind",
    "chargeback",
]
NAMED_ISSUES: tuple[str, ...] = get_args(NamedIssue)


async def offers_for(
    session: AsyncSession, case: Case, issue: str, severity: str | None, fault: str | None
) -> list[Offer]:
    """Ranked offers for an issue as a person names it: damage is slight (it still works) or
    serious, and a defect counts as serious damage."""
    if issue in ("damaged", "defective"):
        if issue == "damaged" and severity is None:
            raise Invalid("for damage, say whether it still works: severity slight or serious")
        issue = "slight_damage" if issue == "damaged" and severity == "slight" else "serious_damage"
    return await resolution_offers(session, case, issue, fault)  # type: ignore[arg-type]
