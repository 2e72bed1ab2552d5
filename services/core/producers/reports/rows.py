"""Each report row as our events (docs/INTEGRATIONS.md, "Seller Central reports", says why).

A row gives events without ids; the import names each event by its content, so the same row
imported again is a repeat, and a row that gained a fact in a newer export gives new events.
"""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from services.core.producers.reports import dates

CLAIM_YES = {"y", "yes", "true", "1"}
APPROVED = {"approved", "authorized", "completed", "closed"}
ANSWERS = {"yes": True, "no": False}


@dataclass(frozen=True)
class Row:
    """One row's cells by lowercased column name, and how its file writes dates."""

    cells: dict[str, str]
    marketplace: str
    date_order: str

    def get(self, column: str) -> str:
        return self.cells.get(column, "")

    def when(self, column: str) -> str:
        return dates.read(self.cells[column], self.date_order)

    def event(self, type_: str, at: str, data: dict[str, Any]) -> dict[str, Any]:
        return {
            "type": type_,
            "occurred_at": at,
            "order_id": self.order_id,
            "marketplace": self.marketplace,
            "data": {k: v for k, v in data.items() if v not in (None, "")},
        }

    @property
    def order_id(self) -> str:
        return self.get("order id") or self.get("order-id")


def flat_file_returns(row: Row) -> list[dict[str, Any]]:
    """GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE: a return the seller answers (MFN)."""
    rma, requested = row.get("amazon rma id"), row.when("return request date")
    events = [
        row.event("return.requested", requested, {"return_id": rma, "reason": row.get("return reason")})
    ]
    if row.get("return request status").lower() in APPROVED or row.get("tracking id"):
        data = {"return_id": rma, "label_tracking": row.get("tracking id")}
        events.append(row.event("return.authorized", requested, data))
    delivered = row.when("return delivery date") if row.get("return delivery date") else None
    if delivered:
        events.append(row.event("return.received", delivered, {"return_id": rma}))
    refunded = _amount(row.get("refunded amount"))
    if refunded:
        events.append(
            row.event("return.refunded", delivered or requested, {"return_id": rma, "amount": str(refunded)})
        )
    if row.get("a-to-z claim").lower() in CLAIM_YES:
        reason = row.get("return reason") or "from the returns report"
        events.append(row.event("claim.opened", requested, {"reason": reason}))
    return events


def fba_customer_returns(row: Row) -> list[dict[str, Any]]:
    """GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA: a unit Amazon took back into its warehouse.

    Amazon authorized the return and took the unit in; nothing is on the seller's clock, so the
    case is recorded closed with what the warehouse found, as evidence for a later claim."""
    at = row.when("return-date")
    unit = row.get("license-plate-number") or f"{row.get('sku')}@{at[:10]}"
    quantity = row.get("quantity")
    if quantity and not quantity.isdigit():
        raise ValueError(f"cannot read the quantity {quantity!r}")
    received = {
        "return_id": unit,
        "disposition": row.get("detailed-disposition"),
        "return_reason": row.get("reason"),
        "buyer_comment": row.get("customer-comments"),
        "sku": row.get("sku"),
        "quantity": int(quantity) if quantity.isdigit() else None,
    }
    return [
        row.event("order.upserted", at, {"fulfilment": "FBA"}),
        row.event("return.received", at, received),
        row.event("return.closed", at, {"return_id": unit, "reason": "handled_by_amazon"}),
    ]


def feedback(row: Row) -> list[dict[str, Any]]:
    """The seller feedback report, in its 6- and 10-column forms."""
    rating = row.get("rating")
    if not rating.isdigit():
        raise ValueError(f"the rating {rating!r} is not a number from 1 to 5")
    data: dict[str, Any] = {"rating": int(rating), "comment": row.get("comments")}
    for column in ("arrived on time", "item as described", "customer service"):
        data[column.replace(" ", "_")] = ANSWERS.get(row.get(column).lower())
    return [row.event("feedback.received", row.when("date"), data)]


def _amount(text: str) -> Decimal | None:
    if not text:
        return None
    try:
        amount = Decimal(text.replace(",", "."))
    except InvalidOperation as error:
        raise ValueError(f"cannot read the refunded amount {text!r}") from error
    return amount if amount > 0 else None
