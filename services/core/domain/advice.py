"""What to do about an A-to-Z claim or a chargeback, and why (DOMAIN.md sections 7 and 8).

Plain rules over the order's facts: the first that applies gives the advice; the evidence on
file goes with it, so an appeal can be filed from the answer alone.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

Action = Literal["appeal", "require_return", "refund", "refund_or_represent"]
PRODUCT_ISSUES = frozenset(
    {"not_as_described", "defective", "damaged", "wrong_item", "quality", "product_issue"}
)


@dataclass(frozen=True)
class ContactAttempt:
    at: datetime
    channel: str
    by: str | None
    answered: bool = False


@dataclass(frozen=True)
class Evidence:
    carrier: str | None
    tracking: str | None
    shipped_at: str | None
    delivered_at: str | None
    proof_of_delivery: str | None
    estimated_delivery: str | None
    contact_attempts: list[ContactAttempt] = field(default_factory=list)


@dataclass(frozen=True)
class Advice:
    action: Action
    rule: str
    why: str
    evidence: Evidence


def _as_date(value: Any) -> date | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def evidence(order: dict[str, Any], attempts: list[ContactAttempt]) -> Evidence:
    return Evidence(
        carrier=order.get("carrier"),
        tracking=order.get("tracking"),
        shipped_at=order.get("shipped_at"),
        delivered_at=order.get("delivered_at"),
        proof_of_delivery=order.get("proof_of_delivery"),
        estimated_delivery=order.get("estimated_delivery"),
        contact_attempts=attempts,
    )


def max_item_price(order: dict[str, Any]) -> float:
    return max((float(i.get("price", 0)) for i in order.get("items") or []), default=0.0)


def claim_advice(
    claim: dict[str, Any],
    order: dict[str, Any],
    attempts: list[ContactAttempt],
    contact_window_over: bool,
    high_value_price: float,
    today: date,
) -> Advice:
    proof = evidence(order, attempts)
    reason = str(claim.get("reason", "")).lower()
    if order.get("delivered_at") and order.get("proof_of_delivery"):
        return Advice(
            "appeal",
            "delivered_with_proof",
            "The carrier confirmed delivery and there is proof of delivery: appeal with the proof.",
            proof,
        )
    edd = _as_date(order.get("estimated_delivery"))
    if edd is not None and edd >= today and not order.get("delivered_at"):
        return Advice(
            "appeal",
            "estimated_delivery_not_passed",
            f"The estimated delivery date ({edd.isoformat()}) has not passed yet: appeal, the order is still on its way.",
            proof,
        )
    if reason in PRODUCT_ISSUES and max_item_price(order) > high_value_price:
        return Advice(
            "require_return",
            "high_value_product_issue",
            f"A product issue on an item over {high_value_price:g}: the item must come back before a refund.",
            proof,
        )
    if contact_window_over and attempts and not any(a.answered for a in attempts):
        return Advice(
            "appeal",
            "buyer_did_not_answer",
            "The buyer did not answer any contact attempt within the contact window: appeal with the record of attempts.",
            proof,
        )
    return Advice(
        "refund", "no_grounds", "No grounds to appeal: refund the buyer before Amazon decides.", proof
    )


def chargeback_advice(order: dict[str, Any], attempts: list[ContactAttempt]) -> Advice:
    proof = evidence(order, attempts)
    if order.get("delivered_at") and order.get("proof_of_delivery"):
        return Advice(
            "refund_or_represent",
            "chargeback_with_proof",
            "Refund in most cases: representment takes about 90 days. With proof of delivery on file, "
            "representing is possible for a high amount.",
            proof,
        )
    return Advice(
        "refund",
        "chargeback_refund_first",
        "Refund: representment takes about 90 days and rarely succeeds without proof of delivery.",
        proof,
    )
