"""Opaque keyset-pagination cursors: the sort key of the last row of a page."""

import base64
import json
from typing import Any

from services.core.kit.errors import Invalid


class BadCursor(Invalid):
    """A cursor this service did not make, or made for another listing."""


def encode(*key: Any) -> str:
    raw = json.dumps([str(part) if not isinstance(part, int) else part for part in key])
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode(cursor: str, size: int) -> list[Any]:
    try:
        key = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except ValueError as error:
        raise BadCursor("the cursor is not one this API gave out; start again without it") from error
    if not isinstance(key, list) or len(key) != size:
        raise BadCursor("the cursor is not one this API gave out; start again without it")
    return key
