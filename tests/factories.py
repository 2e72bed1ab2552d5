"""Small builders for events as producers send them."""

import itertools
import uuid
from datetime import datetime, timedelta
from typing import Any

from tests.conftest import START

_orders = itertools.count(1)


def new_order_id() -> str:
    n = next(_orders) + uuid.uuid4().int % 10_000_000
    return f"111-{n % 10_000_000:07d}-{uuid.uuid4().int % 10_000_000:07d}"


def event(
    type_: str,
    order_id: str,
    at: timedelta | datetime = timedelta(0),
    event_id: str | None = None,
    marketplace: str = "US",
    **data: Any,
) -> dict[str, Any]:
    when = at if isinstance(at, datetime) else START + at
    return {
        "id": event_id or f"evt_{uuid.uuid4().hex[:12]}",
        "type": type_,
        "occurred_at": when.isoformat(),
        "order_id": order_id,
        "marketplace": marketplace,
        "data": data,
    }


def hours(n: float) -> timedelta:
    return timedelta(hours=n)


# Our outbound retry schedule as the README documents it: the wait before each of eight attempts.
RETRY_SCHEDULE = [
    timedelta(0),
    timedelta(seconds=5),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=5),
    timedelta(hours=10),
    timedelta(hours=10),
]
