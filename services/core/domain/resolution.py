"""Ranked resolution offers from the compensation table (DOMAIN.md section 7).

Amounts are in the order's currency; a reship is offered only with stock on hand.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal

from services.core.domain.policy import Compensation

Issue = Literal[
    "slight_damage",
    "serious_damage",
    "not_as_described",
    "missing_generic_accessory",
    "missing_specific_part",
    "wrong_item",
    "cancel_after_shipping",
    "not_received",
    "changed_mind",
    "chargeback",
]
OfferKind = Literal[
    "partial_refund", "full_refund", "reship", "reship_part", "refund_after_return", "discount_to_keep"
]
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Offer:
    kind: OfferKind
    amount: Decimal | None
    currency: str | None
    percent: float | None
    rule: str
    note: str


@dataclass(frozen=True)
class OrderValue:
    total: Decimal
    max_price: Decimal
    currency: str | None
    in_stock: bool


def order_value(order: dict[str, Any]) -> OrderValue:
    items = order.get("items") or []
    stock = order.get("stock_on_hand") or {}
    total = sum((Decimal(str(i["price"])) * int(i["qty"]) for i in items), Decimal(0))
    max_price = max((Decimal(str(i["price"])) for i in items), default=Decimal(0))
    in_stock = bool(items) and all(int(stock.get(i["sku"], 0)) >= int(i["qty"]) for i in items)
    return OrderValue(total, max_price, order.get("currency"), in_stock)


def _part(value: OrderValue, percent: float) -> Decimal:
    return (value.total * Decimal(str(percent)) / 100).quantize(CENT, rounding=ROUND_HALF_UP)


def offers(
    issue: Issue, order: dict[str, Any], table: Compensation, fault: Literal["seller", "buyer"] | None = None
) -> list[Offer]:
    """The offers for one issue, best first."""
    value = order_value(order)
    cap = table.partial_refund_cap_percent
    full = Offer("full_refund", value.total, value.currency, 100.0, "", "")

    def partial(percent: float, rule: str, note: str) -> Offer:
        return Offer("partial_refund", _part(value, percent), value.currency, percent, rule, note)

    def refund(rule: str, note: str) -> Offer:
        return Offer("full_refund", full.amount, full.currency, 100.0, rule, note)

    def reship(rule: str, note: str, kind: OfferKind = "reship") -> list[Offer]:
        return [Offer(kind, None, value.currency, None, rule, note)] if value.in_stock else []

    if issue == "slight_damage":
        return [partial(cap, "slight_damage", f"Up to {cap:g} % while the item still works.")]
    if issue == "serious_damage":
        if value.max_price <= Decimal(str(table.reship_max_price)):
            return [
                *reship("serious_damage_cheap", "Send a new one; the stock is there."),
                refund("serious_damage_cheap", "Or refund in full."),
            ]
        return [refund("serious_damage_expensive", f"Over {table.reship_max_price:g}: refund, no reship.")]
    if issue == "not_as_described":
        if fault == "seller":
            return [
                refund("not_as_described_seller", "Our listing was wrong: refund, and fix the listing."),
                *reship("not_as_described_seller", "Or send the right item."),
                partial(
                    min(100.0, cap * 1.5), "not_as_described_seller", "Above the usual cap is allowed here."
                ),
            ]
        return [
            partial(
                cap, "not_as_described_buyer", f"Up to {cap:g} %, with a clear explanation of the listing."
            )
        ]
    if issue == "missing_generic_accessory":
        return [
            partial(
                table.small_partial_percent, "missing_generic_accessory", "A small partial refund; no reship."
            )
        ]
    if issue == "missing_specific_part":
        return [
            *reship("missing_specific_part", "Send the missing part.", "reship_part"),
            partial(cap, "missing_specific_part", "If the part cannot be sent."),
        ]
    if issue == "wrong_item":
        return [
            partial(cap, "wrong_item", "A partial refund first, to keep the item."),
            refund("wrong_item", "Else a full refund."),
            *reship("wrong_item", "Or send the right item."),
        ]
    if issue == "cancel_after_shipping":
        expensive = value.max_price > Decimal(str(table.expensive_price))
        percent = table.expensive_keep_percent if expensive else cap
        rule = "cancel_after_shipping_expensive" if expensive else "cancel_after_shipping"
        return [
            partial(percent, rule, "To keep the item instead of returning it."),
            Offer(
                "refund_after_return",
                full.amount,
                full.currency,
                100.0,
                rule,
                "Or a full refund once it is back.",
            ),
        ]
    if issue == "not_received":
        if value.max_price <= Decimal(str(table.reship_max_price)):
            return [
                *reship("not_received_cheap", "After asking the buyer to check the mailbox and neighbours."),
                refund("not_received_cheap", "Or refund, after the same check."),
            ]
        return [
            refund(
                "not_received",
                "After asking the buyer to check the mailbox and neighbours; file with the carrier.",
            )
        ]
    if issue == "changed_mind":
        return [
            Offer(
                "discount_to_keep",
                _part(value, table.keep_discount_percent),
                value.currency,
                table.keep_discount_percent,
                "changed_mind",
                "A discount to keep it; returns go through the buyer's Amazon account.",
            )
        ]
    return [refund("chargeback", "Refund in most cases: representment takes about 90 days.")]
