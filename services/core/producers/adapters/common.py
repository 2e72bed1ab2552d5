"""What every inbound adapter shares: refusals, case-insensitive reading, finding order ids."""

import hmac
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from services.core.kit.errors import Invalid, Unauthenticated

ORDER_ID = re.compile(r"\b(?:R-)?\d{3}-\d{7}-\d{7}\b")


class BadSignature(Unauthenticated):
    """The request is not provably from the producer: 401, nothing stored."""

    slug = "bad-signature"


class Untranslatable(Invalid):
    """Signed correctly but not something we can read: 422, nothing stored."""

    slug = "untranslatable"


@dataclass(frozen=True)
class Translated:
    delivery_key: str  # the sender's idempotency key
    kind: str  # the sender's event or notification type
    events: list[dict[str, Any]] = field(default_factory=list)


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
