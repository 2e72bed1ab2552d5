"""Seller Central report imports: the flat-file returns report and the seller feedback report.

Each row becomes events with ids derived from the row, so importing a file again changes
nothing. A malformed row is reported with its line number and the rest still imports; a file
of the wrong kind is refused before anything is written.
"""

import csv
import hashlib
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from pydantic import TypeAdapter, ValidationError

from services.core.domain.events import Event
from services.core.domain.marketplaces import normalize
from services.core.ingest import ingest
from services.core.kit.errors import Invalid

_event = TypeAdapter(Event)

RETURNS_COLUMNS = {"order id", "return request date", "return request status", "amazon rma id"}
FEEDBACK_COLUMNS = {"date", "rating", "order id"}
CLAIM_YES = {"y", "yes", "true", "1"}


class WrongKind(Invalid):
    slug = "wrong-report"


@dataclass(frozen=True)
class RowError:
    line: int
    message: str


@dataclass
class Parsed:
    events: list[tuple[int, Any]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    rows: int = 0


def _rows(text: str, required: set[str], kind: str) -> Iterator[tuple[int, dict[str, str]]]:
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter="\t")
    header = next(reader, None)
    columns = [c.strip().lower() for c in header or []]
    missing = required - set(columns)
    if missing:
        raise WrongKind(
            f"this is not a {kind} report: the header lacks {', '.join(sorted(missing))} (tab-separated, as Seller Central exports it)"
        )
    for number, values in enumerate(reader, start=2):
        if not any(v.strip() for v in values):
            continue
        yield number, {c: (values[i].strip() if i < len(values) else "") for i, c in enumerate(columns)}


def _when(value: str) -> str:
    """Report dates come as ISO times, ISO dates or US-style dates; all become UTC times."""
    text = value.strip()
    for fmt in (
        "%Y-%m-%dT%H:%M:%S%z",
        "%Y-%m-%dT%H:%M:%SZ",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d",
        "%m/%d/%Y",
        "%d.%m.%Y",
        "%m/%d/%y",
    ):
        try:
            parsed = datetime.strptime(text.replace("+00:00", "+0000"), fmt)
        except ValueError:
            continue
        return (parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)).isoformat()
    raise ValueError(f"cannot read the date {value!r}")


def _id(kind: str, *parts: str) -> str:
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:24]
    return f"report:{kind}:{digest}"


def _returns_row(row: dict[str, str], marketplace: str) -> list[dict[str, Any]]:
    order_id, rma = row["order id"], row["amazon rma id"]
    requested = _when(row["return request date"])
    status = row["return request status"].lower()
    base = {"order_id": order_id, "marketplace": marketplace}
    events = [
        {
            **base,
            "id": _id("returns", order_id, rma, "requested"),
            "type": "return.requested",
            "occurred_at": requested,
            "data": {
                "return_id": rma,
                **({"reason": row["return reason"]} if row.get("return reason") else {}),
            },
        }
    ]
    if status in ("approved", "authorized", "completed", "closed") or row.get("tracking id"):
        data = {
            "return_id": rma,
            **({"label_tracking": row["tracking id"]} if row.get("tracking id") else {}),
        }
        events.append(
            {
                **base,
                "id": _id("returns", order_id, rma, "authorized"),
                "type": "return.authorized",
                "occurred_at": requested,
                "data": data,
            }
        )
    if row.get("return delivery date"):
        received = _when(row["return delivery date"])
        events.append(
            {
                **base,
                "id": _id("returns", order_id, rma, "received"),
                "type": "return.received",
                "occurred_at": received,
                "data": {"return_id": rma},
            }
        )
    refunded = row.get("refunded amount", "")
    if refunded:
        try:
            amount = Decimal(refunded.replace(",", "."))
        except InvalidOperation as error:
            raise ValueError(f"cannot read the refunded amount {refunded!r}") from error
        if amount > 0:
            at = _when(row["return delivery date"]) if row.get("return delivery date") else requested
            events.append(
                {
                    **base,
                    "id": _id("returns", order_id, rma, "refunded"),
                    "type": "return.refunded",
                    "occurred_at": at,
                    "data": {"return_id": rma, "amount": str(amount)},
                }
            )
    if row.get("a-to-z claim", "").lower() in CLAIM_YES:
        events.append(
            {
                **base,
                "id": _id("returns", order_id, rma, "claim"),
                "type": "claim.opened",
                "occurred_at": requested,
                "data": {"reason": row.get("return reason") or "from the returns report"},
            }
        )
    return events


def _feedback_row(row: dict[str, str], marketplace: str) -> list[dict[str, Any]]:
    at = _when(row["date"])
    if not row["rating"].isdigit():
        raise ValueError(f"the rating {row['rating']!r} is not a number from 1 to 5")
    data: dict[str, Any] = {"rating": int(row["rating"])}
    if row.get("comments"):
        data["comment"] = row["comments"]
    return [
        {
            "id": _id("feedback", row["order id"], row["date"]),
            "type": "feedback.received",
            "occurred_at": at,
            "order_id": row["order id"],
            "marketplace": marketplace,
            "data": data,
        }
    ]


KINDS: dict[str, tuple[set[str], Callable[[dict[str, str], str], list[dict[str, Any]]]]] = {
    "returns": (RETURNS_COLUMNS, _returns_row),
    "feedback": (FEEDBACK_COLUMNS, _feedback_row),
}


def read(kind: str, body: bytes, marketplace: str) -> Parsed:
    """A report as uploaded: UTF-8 text (with or without a byte-order mark) for a marketplace."""
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise Invalid("the report is not UTF-8 text") from error
    try:
        code = normalize(marketplace)
    except ValueError as error:
        raise Invalid(str(error)) from error
    return parse(kind, text, code)


def parse(kind: str, text: str, marketplace: str) -> Parsed:
    """All the rows' events, or each bad row's line and reason. Raises WrongKind up front."""
    required, to_events = KINDS[kind]
    parsed = Parsed()
    for line, row in _rows(text, required, kind):
        parsed.rows += 1
        try:
            events = [_event.validate_python(raw) for raw in to_events(row, marketplace)]
        except ValidationError as error:
            first = error.errors()[0]
            parsed.errors.append(
                RowError(line, f"{'.'.join(str(p) for p in first['loc'][1:])}: {first['msg']}")
            )
            continue
        except (ValueError, KeyError) as error:
            parsed.errors.append(RowError(line, str(error)))
            continue
        parsed.events.extend((line, event) for event in events)
    return parsed


@dataclass
class Imported:
    rows: int
    applied: int = 0
    repeated: int = 0
    errors: list[RowError] = field(default_factory=list)


async def apply(session: Any, seller_id: Any, parsed: Parsed, kind: str, now: datetime) -> Imported:
    """Ingest the parsed events in one transaction (the caller's); repeats change nothing."""
    result = Imported(rows=parsed.rows, errors=list(parsed.errors))
    for _, event in parsed.events:
        outcome = await ingest(session, seller_id, event, now, source=f"report:{kind}")
        if outcome.replayed:
            result.repeated += 1
        else:
            result.applied += 1
    return result
