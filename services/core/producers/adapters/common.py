"""What every inbound adapter shares: refusals, what a translation gives back, case-insensitive
reading, finding order ids."""

import hmac
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from services.core.kit.errors import Invalid, Unauthenticated

ORDER_ID = re.compile(r"\b(?:R-)?\d{3}-\d{7}-\d{7}\b")


class BadSignature(Unauthenticated):
    """The request is not provably from the producer: 401, nothing stored."""

    slug = "bad-signature"


class Untranslatable(Invalid):
    """Not something we can read. A body that is not JSON is refused (422); a signed JSON body
    that an adapter cannot read is kept as unmatched ("unreadable") instead."""

    slug = "untranslatable"


# Why a signed delivery became no event; each kept as unmatched under its reason.
Reason = Literal["no-order-id", "unused-type", "test", "unreadable", "invalid"]


@dataclass(frozen=True)
class Unmatched:
    reason: Reason
    detail: str


@dataclass(frozen=True)
class Hints:
    """What a translation may need beyond the request: when it arrived (for bodies that carry no
    time) and, when a person attaches one, the order the delivery is about."""

    received_at: datetime
    order_id: str | None = None


@dataclass(frozen=True)
class Translated:
    delivery_key: str  # the sender's idempotency key
    kind: str  # the sender's event or notification type
    events: list[dict[str, Any]] = field(default_factory=list)
    unmatched: Unmatched | None = None  # set when there are no events, saying why
    # The key names a fact rather than one sending (the sender gives no delivery id): another
    # body under it restates the fact and gets the first answer instead of 409.
    restated: bool = False
    thread: str | None = None  # the helpdesk conversation or ticket it belongs to
    # An order named by a person's field in the helpdesk (the producer's mapping): the thread's
    # messages kept for naming no order are attached to it.
    names_order: str | None = None


def ci(data: Any, *path: str) -> Any:
    """Read a nested key ignoring case: SP-API notifications differ in key casing by type."""
    current = data
    for key in path:
        if not isinstance(current, Mapping):
            return None
        lowered = {str(k).lower(): v for k, v in current.items()}
        current = lowered.get(key.lower())
    return current


def same(secret: str, presented: str | None) -> bool:
    return presented is not None and hmac.compare_digest(secret.encode(), presented.encode())


def find_order_id(*texts: Any) -> str | None:
    """The first Amazon order id in the texts, in the order given (the field the producer's
    mapping names first, then the subject line, where helpdesks often have it only)."""
    for text in texts:
        if text is None:
            continue
        match = ORDER_ID.search(str(text))
        if match:
            return match.group(0)
    return None
