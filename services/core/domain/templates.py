"""Message templates: placeholders, validation at save time, rendering, and shipped defaults.

Default texts are written for this service; none is copied from a seller's procedure.
"""

import string
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

PLACEHOLDERS: dict[str, str] = {
    "buyer_name": "the buyer's name as on the order",
    "order_id": "the Amazon order id",
    "seller_name": "the seller account's name",
    "agent_name": "who sends the reply",
    "item": "the first item's title or SKU",
    "carrier": "the carrier of the shipment",
    "tracking": "the tracking number",
    "estimated_delivery": "the estimated delivery date",
    "return_deadline": "the last day to ship a return (30 days after authorization)",
    "refund_amount": "the amount refunded or claimed on the case, else the order's total, with its currency",
}


class TemplateError(ValueError):
    """A template names an unknown placeholder, or uses format syntax we do not support."""


@dataclass(frozen=True)
class Text:
    subject: str
    body: str


def placeholders(text: str) -> list[str]:
    """The placeholders a text uses, in order; raises TemplateError for anything else."""
    names: list[str] = []
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError as error:
        raise TemplateError(f"unbalanced braces: {error}; write {{{{ and }}}} for literal braces") from error
    for _, name, spec, conversion in parsed:
        if name is None:
            continue
        if spec or conversion or not name.isidentifier():
            raise TemplateError(
                f"{{{name}}} is not a plain placeholder; use one of {', '.join(PLACEHOLDERS)}"
            )
        if name not in PLACEHOLDERS:
            raise TemplateError(f"unknown placeholder {{{name}}}; known: {', '.join(PLACEHOLDERS)}")
        names.append(name)
    return names


def validate(texts: dict[str, Text]) -> None:
    for language, text in texts.items():
        for part, value in (("subject", text.subject), ("body", text.body)):
            try:
                placeholders(value)
            except TemplateError as error:
                raise TemplateError(f"{language} {part}: {error}") from error


class MissingValues(ValueError):
    def __init__(self, names: list[str]) -> None:
        super().__init__(f"no value for {', '.join('{' + n + '}' for n in names)}; pass it in `values`")
        self.names = names


def render(text: Text, values: dict[str, Any]) -> Text:
    needed = sorted(set(placeholders(text.subject) + placeholders(text.body)))
    missing = [n for n in needed if values.get(n) in (None, "")]
    if missing:
        raise MissingValues(missing)
    shown = {k: str(v) for k, v in values.items()}
    return Text(text.subject.format(**shown), text.body.format(**shown))


def _amount(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value)) if value not in (None, "") else None
    except InvalidOperation:
        return None


def refund_amount(case_facts: dict[str, Any], order_facts: dict[str, Any]) -> str | None:
    """What `{refund_amount}` stands for: the amount the case's own events name (a return's refund,
    a claim's or chargeback's amount), else what the order's items cost; None when neither is known."""
    amount = _amount(case_facts.get("amount"))
    if amount is None:
        items = order_facts.get("items") or []
        prices = [(_amount(i.get("price")), i.get("qty") or 1) for i in items if isinstance(i, dict)]
        if not prices or any(price is None for price, _ in prices):
            return None
        amount = sum((price * qty for price, qty in prices if price is not None), Decimal(0))
    currency = order_facts.get("currency")
    shown = f"{amount.quantize(Decimal('0.01'))}"
    return f"{shown} {currency}" if currency else shown


def pick(texts: dict[str, Text], language: str | None) -> tuple[str, Text]:
    """The text in the asked language, else English, else the first one there is."""
    for candidate in (language, (language or "").split("-")[0], "en"):
        if candidate and candidate in texts:
            return candidate, texts[candidate]
    first = next(iter(texts))
    return first, texts[first]


DEFAULT_TEMPLATES: dict[str, dict[str, Text]] = {
    "return_reminder": {
        "en": Text(
            "Your return for order {order_id}",
            "Hello {buyer_name},\n\n"
            "We authorized the return for order {order_id}, and the prepaid label has not been scanned by the "
            "carrier yet. To receive your refund, please drop the parcel off by {return_deadline}; after that "
            "date the return closes.\n\n"
            "If you already sent it with another carrier, reply with the tracking number and we will follow it.\n\n"
            "Kind regards,\n{seller_name}",
        ),
        "de": Text(
            "Ihre Rücksendung zur Bestellung {order_id}",
            "Guten Tag {buyer_name},\n\n"
            "wir haben die Rücksendung zur Bestellung {order_id} genehmigt; das Etikett wurde vom Versanddienst "
            "noch nicht erfasst. Damit wir erstatten können, geben Sie das Paket bitte bis {return_deadline} ab; "
            "danach wird die Rücksendung geschlossen.\n\n"
            "Falls Sie es schon mit einem anderen Versanddienst geschickt haben, antworten Sie uns bitte mit der "
            "Sendungsnummer.\n\nFreundliche Grüße\n{seller_name}",
        ),
    },
    "refund_without_return": {
        "en": Text(
            "Refund for order {order_id}",
            "Hello {buyer_name},\n\nWe are sorry the item did not meet your expectations. We have refunded "
            "{refund_amount} for order {order_id}; you do not need to send anything back. The refund reaches "
            "your account within 3 to 5 business days.\n\nKind regards,\n{seller_name}",
        ),
    },
    "apology_with_options": {
        "en": Text(
            "About your order {order_id}",
            "Hello {buyer_name},\n\nWe are sorry about the trouble with your order {order_id}. We would like to "
            "put it right, and you can choose what suits you best:\n\n"
            "1) a replacement, sent within 2 business days;\n"
            "2) a partial refund of {refund_amount}, and you keep the item;\n"
            "3) a full refund once the item is returned.\n\n"
            "Reply with the number of your choice and we will take care of it within 24 hours.\n\n"
            "Kind regards,\n{agent_name}, {seller_name}",
        ),
    },
    "offer_after_shipped_cancellation": {
        "en": Text(
            "Your cancellation request for order {order_id}",
            "Hello {buyer_name},\n\nYour order {order_id} had already left our warehouse when your request "
            "arrived, so we can no longer stop it. You can choose:\n\n"
            "1) keep the item, and we refund {refund_amount} of the price;\n"
            "2) refuse the delivery or return it, and we refund the full price once it is back.\n\n"
            "Please reply with 1 or 2; we will act within 24 hours of your answer.\n\nKind regards,\n{seller_name}",
        ),
    },
    "ask_for_damage_photo": {
        "en": Text(
            "Photo of the damage, order {order_id}",
            "Hello {buyer_name},\n\nThank you for telling us the item from order {order_id} arrived damaged. "
            "Could you reply with a photo of the damage and of the outer box? It helps us decide the quickest "
            "fix for you, and we will answer within 24 hours of receiving it.\n\nKind regards,\n{seller_name}",
        ),
    },
}
