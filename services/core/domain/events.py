"""The events producers send: an envelope and, per type, its validated `data`.

Events are facts reported by a producer; none is refused for arriving late or out of order.
"""

from datetime import date
from decimal import Decimal
from typing import Annotated, Literal, Union

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    create_model,
)

from services.core.domain.marketplaces import MARKETPLACES, normalize

Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=20_000)]
Short = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Key = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]
# Amazon order ids are 3-7-7 digits; MCF replacements carry an R- prefix. Other producers'
# ids are taken as they come, within reason.
OrderId = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]*$"
    ),
]
# The contract lists the codes taken (lower case and GB for UK are taken too).
MarketplaceCode = Annotated[
    str, AfterValidator(normalize), Field(json_schema_extra={"enum": [*sorted(MARKETPLACES), "GB"]})
]
Currency = Annotated[str, StringConstraints(to_upper=True, pattern=r"^[A-Za-z]{3}$")]
Money = Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=2)]


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class OrderItem(_Data):
    sku: Short
    qty: int = Field(ge=1, le=100_000)
    price: Money
    asin: Short | None = None
    title: Text | None = None


class OrderUpserted(_Data):
    buyer_name: Short | None = None
    buyer_phone: Annotated[str, StringConstraints(strip_whitespace=True, max_length=40)] | None = None
    items: list[OrderItem] | None = Field(default=None, max_length=500)
    currency: Currency | None = None
    fulfilment: Literal["FBA", "MFN"] | None = None
    status: Literal["pending", "unshipped", "shipped", "delivered", "canceled"] | None = None
    purchased_at: AwareDatetime | None = None
    shipped_at: AwareDatetime | None = None
    carrier: Short | None = None
    tracking: Short | None = None
    estimated_delivery: date | None = None
    delivered_at: AwareDatetime | None = None
    proof_of_delivery: Text | None = None
    stock_on_hand: dict[Short, Annotated[int, Field(ge=0)]] | None = Field(
        default=None, description="Units in stock per SKU, for deciding whether a reship is possible."
    )
    replacement_of: OrderId | None = Field(
        default=None, description="For an R- order: the original order id."
    )


class _Thread(_Data):
    thread_id: Key = Field(default="", description="The helpdesk conversation; one message case per thread.")


class MessageReceived(_Thread):
    message_id: Key | None = None
    subject: Text | None = None
    body: Text | None = None
    language: Annotated[str, StringConstraints(max_length=16)] | None = None


class MessageSent(_Thread):
    author: Literal["agent", "automation"]
    agent: Short | None = Field(default=None, description="Who wrote it, for the per-agent report.")
    message_id: Key | None = None
    subject: Text | None = None
    body: Text | None = None


class MessageDeliveryFailed(_Thread):
    reason: Literal["blocked", "bounced"]
    message_id: Key | None = None


class MessageNoResponseNeeded(_Thread):
    agent: Short | None = None


class MessageRated(_Thread):
    rating: Literal["yes", "no"]


class CancellationRequested(_Data):
    reason: Text | None = None


class _Return(_Data):
    return_id: Key = Field(default="", description="Amazon's RMA id; one return case per id.")


class ReturnRequested(_Return):
    reason: Text | None = None
    seller_fault: bool = False


class ReturnAuthorized(_Return):
    label_tracking: Short | None = None
    return_address_country: (
        Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{2}$", to_upper=True)] | None
    ) = None


class ReturnLabelScanned(_Return):
    tracking: Short | None = None


class ReturnTrackingProvided(_Return):
    tracking: Short
    carrier: Short | None = None


class ReturnReceived(_Return):
    """What the warehouse found, as the FBA customer returns report says: evidence for a claim."""

    disposition: Short | None = Field(
        default=None, description="Amazon's detailed disposition, e.g. SELLABLE or CUSTOMER_DAMAGED."
    )
    return_reason: Short | None = Field(default=None, description="The buyer's reason as Amazon records it.")
    buyer_comment: Text | None = None
    sku: Short | None = None
    quantity: int | None = Field(default=None, ge=1, le=100_000)


class ReturnRefunded(_Return):
    amount: Money | None = None
    without_return: bool = False


RETURN_CLOSE_REASONS = (
    "cancelled_by_buyer",
    "replacement_sent",
    "no_return_needed",
    "technical_issue",
    "waiting_for_buyer_reply",
    "not_shipped_buyer_keeps_item",
    "handled_by_amazon",
)


class ReturnClosed(_Return):
    reason: Literal[RETURN_CLOSE_REASONS]  # type: ignore[valid-type]


class _Claim(_Data):
    claim_id: Key = Field(default="", description="Amazon's claim id; one claim case per id.")


class ClaimOpened(_Claim):
    reason: Short
    amount: Money | None = None


class ClaimInfoRequested(_Claim):
    pass


class ClaimBuyerContacted(_Claim):
    channel: Literal["message", "phone", "email"] = "message"


class ClaimAppealed(_Claim):
    evidence: Text | None = None


CLAIM_OUTCOMES = ("withdrawn", "refunded", "granted_seller_funded", "closed_for_seller")


class ClaimClosed(_Claim):
    outcome: Literal[CLAIM_OUTCOMES]  # type: ignore[valid-type]


class _Chargeback(_Data):
    chargeback_id: Key = ""


class ChargebackOpened(_Chargeback):
    reason: Short | None = None
    amount: Money | None = None


class ChargebackResponded(_Chargeback):
    response: Literal["refunded", "represented"]


class ChargebackClosed(_Chargeback):
    outcome: Literal["won", "lost", "refunded"]


class FeedbackReceived(_Data):
    rating: int = Field(ge=1, le=5)
    comment: Text | None = None
    # The buyer's answers in the feedback report's 10-column form: Amazon strikes out negative
    # feedback about an FBA delivery, so "arrived on time: no" matters for its removal.
    arrived_on_time: bool | None = None
    item_as_described: bool | None = None
    customer_service: bool | None = None


class FeedbackRemoved(_Data):
    pass


DATA_TYPES: dict[str, type[_Data]] = {
    "order.upserted": OrderUpserted,
    "message.received": MessageReceived,
    "message.sent": MessageSent,
    "message.delivery_failed": MessageDeliveryFailed,
    "message.no_response_needed": MessageNoResponseNeeded,
    "message.rated": MessageRated,
    "cancellation.requested": CancellationRequested,
    "return.requested": ReturnRequested,
    "return.authorized": ReturnAuthorized,
    "return.label_scanned": ReturnLabelScanned,
    "return.tracking_provided": ReturnTrackingProvided,
    "return.received": ReturnReceived,
    "return.refunded": ReturnRefunded,
    "return.closed": ReturnClosed,
    "claim.opened": ClaimOpened,
    "claim.info_requested": ClaimInfoRequested,
    "claim.buyer_contacted": ClaimBuyerContacted,
    "claim.appealed": ClaimAppealed,
    "claim.closed": ClaimClosed,
    "chargeback.opened": ChargebackOpened,
    "chargeback.responded": ChargebackResponded,
    "chargeback.closed": ChargebackClosed,
    "feedback.received": FeedbackReceived,
    "feedback.removed": FeedbackRemoved,
}
EVENT_TYPES: tuple[str, ...] = tuple(DATA_TYPES)


class Envelope(BaseModel):
    """What every event carries; `id` is the producer's own id, the idempotency key."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    type: str
    occurred_at: AwareDatetime = Field(description="When it happened at the producer; clocks start here.")
    order_id: OrderId
    marketplace: MarketplaceCode


def _typed(name: str, data: type[_Data]) -> type[Envelope]:
    cls_name = "".join(part.title() for part in name.replace(".", "_").split("_")) + "Event"
    required = any(field.is_required() for field in data.model_fields.values())
    fields = {"type": (Literal[name], ...), "data": (data, ... if required else Field(default_factory=data))}
    return create_model(cls_name, __base__=Envelope, **fields)  # type: ignore[call-overload, no-any-return]


EVENT_MODELS: dict[str, type[Envelope]] = {name: _typed(name, data) for name, data in DATA_TYPES.items()}
Event = Annotated[Union[tuple(EVENT_MODELS.values())], Field(discriminator="type")]  # type: ignore[valid-type]  # noqa: UP007
