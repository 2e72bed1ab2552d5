"""What an order's events say about account health: its defects, and each buyer message's
first answer. Pure: computed in the fold, stored with the order for the metrics to count."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from services.core.domain.cases import Fact

NEGATIVE_MAX_STARS = 2  # 1-2 stars count in the ODR (DOMAIN.md 9)


@dataclass(frozen=True)
class OrderHealth:
    ordered_at: datetime
    negative_feedback_at: datetime | None
    claim_opened_at: datetime | None
    claim_outcome: str | None
    claim_closed_at: datetime | None
    chargeback_at: datetime | None


@dataclass(frozen=True)
class BuyerMessage:
    event_id: str
    thread_id: str
    received_at: datetime
    answered_at: datetime | None
    answered_by: str | None
    no_response_needed: bool


def order_health(ordered: Sequence[Fact], purchased_at: Any) -> OrderHealth:
    """`ordered` is the order's facts in time order (cases.sort_key)."""
    negative = claim_opened = claim_closed = chargeback = None
    outcome = None
    for fact in ordered:
        if fact.type == "feedback.received":
            negative = fact.ref.occurred_at if int(fact.data["rating"]) <= NEGATIVE_MAX_STARS else None
        elif fact.type == "feedback.removed":
            negative = None
        elif fact.type == "claim.opened" and claim_opened is None:
            claim_opened = fact.ref.occurred_at
        elif fact.type == "claim.closed":
            outcome, claim_closed = str(fact.data["outcome"]), fact.ref.occurred_at
        elif fact.type == "chargeback.opened" and chargeback is None:
            chargeback = fact.ref.occurred_at
    when = datetime.fromisoformat(purchased_at) if isinstance(purchased_at, str) else purchased_at
    return OrderHealth(
        ordered_at=when or ordered[0].ref.occurred_at,
        negative_feedback_at=negative,
        claim_opened_at=claim_opened,
        claim_outcome=outcome,
        claim_closed_at=claim_closed,
        chargeback_at=chargeback,
    )


def buyer_messages(thread_facts: Sequence[Fact]) -> list[BuyerMessage]:
    """Each buyer message with the first answer by a person (or 'no response needed') after it."""
    pending: list[Fact] = []
    found: list[BuyerMessage] = []
    for fact in thread_facts:
        if fact.type == "message.received":
            pending.append(fact)
            continue
        by_person = fact.type == "message.sent" and fact.data.get("author") == "agent"
        nrn = fact.type == "message.no_response_needed"
        if by_person or nrn:
            for message in pending:
                found.append(
                    BuyerMessage(
                        message.ref.id,
                        str(message.data.get("thread_id", "")),
                        message.ref.occurred_at,
                        fact.ref.occurred_at,
                        fact.data.get("agent"),
                        nrn,
                    )
                )
            pending = []
    found.extend(
        BuyerMessage(m.ref.id, str(m.data.get("thread_id", "")), m.ref.occurred_at, None, None, False)
        for m in pending
    )
    return sorted(found, key=lambda m: (m.received_at, m.event_id))
