"""Seller Central report imports: the flat-file returns report, the FBA customer returns report
and the seller feedback report, tab-separated as downloaded.

The kind of report is read from its header. Each row becomes events named by their content, so
importing a file again changes nothing and a newer export of the same report applies only what
is new. A malformed row is reported with its line number and the rest still imports; a file of
the wrong kind is refused before anything is written.
"""

import csv
import hashlib
import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pydantic import TypeAdapter, ValidationError
from sqlalchemy.ext.asyncio import AsyncSession

from services.core.domain.events import Event
from services.core.domain.marketplaces import normalize
from services.core.ingest import EventConflict, ingest_many
from services.core.kit.errors import Invalid
from services.core.producers.reports import dates, rows

_event = TypeAdapter(Event)
# Events applied a statement at a time: each holds its orders' locks to the commit.
APPLY_CHUNK = 500


class WrongKind(Invalid):
    slug = "wrong-report"


@dataclass(frozen=True)
class Report:
    name: str  # the source of its events, and what `kind=` may say
    family: str  # what `kind=` may say instead: the FBA report is a returns report too
    title: str
    required: frozenset[str]
    date_columns: tuple[str, ...]
    to_events: Callable[[rows.Row], list[dict[str, Any]]]


REPORTS = (
    Report(
        "returns",
        "returns",
        "flat-file returns report (GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE)",
        frozenset({"order id", "return request date", "return request status", "amazon rma id"}),
        ("return request date", "return delivery date", "order date"),
        rows.flat_file_returns,
    ),
    Report(
        "fba-returns",
        "returns",
        "FBA customer returns report (GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA)",
        frozenset({"return-date", "order-id", "sku", "detailed-disposition", "reason"}),
        ("return-date",),
        rows.fba_customer_returns,
    ),
    Report(
        "feedback",
        "feedback",
        "seller feedback report (GET_SELLER_FEEDBACK_DATA)",
        frozenset({"date", "rating", "order id"}),
        ("date",),
        rows.feedback,
    ),
)
KINDS = {report.name: report for report in REPORTS}
FAMILIES = sorted({r.name for r in REPORTS} | {r.family for r in REPORTS})


@dataclass(frozen=True)
class RowError:
    line: int
    message: str


@dataclass
class Parsed:
    report: Report | None = None
    events: list[tuple[int, Any]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    rows: int = 0


def detect(columns: list[str], kind: str | None) -> Report:
    """The report the header belongs to; refused when it is none, or not of the kind asked for."""
    present = set(columns)
    found = next((r for r in REPORTS if r.required <= present), None)
    if kind is not None and (found is None or kind not in (found.name, found.family)):
        asked = [r for r in REPORTS if kind in (r.name, r.family)]
        if not asked:
            raise WrongKind(f"unknown report kind {kind!r}; known: {', '.join(FAMILIES)}")
        if found is not None:
            raise WrongKind(f"this is not a {kind} report: its header is that of the {found.title}")
        missing = min((r.required - present for r in asked), key=len)
        raise WrongKind(
            f"this is not a {kind} report: the header lacks {', '.join(sorted(missing))} "
            "(tab-separated, as Seller Central exports it)"
        )
    if found is None:
        raise WrongKind(
            "the header is that of no report we read: "
            + "; ".join(f"the {r.title} has {', '.join(sorted(r.required))}" for r in REPORTS)
        )
    return found


def read(body: bytes, marketplace: str, kind: str | None = None) -> Parsed:
    """A report as uploaded: UTF-8 text (with or without a byte-order mark) for a marketplace."""
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise Invalid("the report is not UTF-8 text") from error
    try:
        code = normalize(marketplace)
    except ValueError as error:
        raise Invalid(str(error)) from error
    try:
        return parse(text, code, kind)
    except dates.MixedDates as mixed:
        raise WrongKind(str(mixed)) from mixed


def parse(text: str, marketplace: str, kind: str | None = None) -> Parsed:
    """All the rows' events, or each bad row's line and reason. Raises WrongKind (and
    dates.MixedDates) before any row is read."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter="\t")
    columns = [c.strip().lower() for c in next(reader, None) or []]
    report = detect(columns, kind)
    cells = [
        (number, {c: (values[i].strip() if i < len(values) else "") for i, c in enumerate(columns)})
        for number, values in enumerate(reader, start=2)
        if any(v.strip() for v in values)
    ]
    order = dates.slash_order((row.get(c, "") for _, row in cells for c in report.date_columns), marketplace)
    parsed = Parsed(report=report)
    for line, row in cells:
        parsed.rows += 1
        try:
            events = [
                _event.validate_python(_named(report, raw))
                for raw in report.to_events(rows.Row(row, marketplace, order))
            ]
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


def _named(report: Report, raw: dict[str, Any]) -> dict[str, Any]:
    """The event with an id from its content (not its marketplace: the same row imported for
    another marketplace is a conflict, reported on its line)."""
    content = json.dumps([raw["type"], raw["occurred_at"], raw["order_id"], raw["data"]], sort_keys=True)
    return {**raw, "id": f"report:{report.name}:{hashlib.sha256(content.encode()).hexdigest()[:24]}"}


@dataclass
class Imported:
    rows: int
    kind: str = ""
    applied: int = 0
    repeated: int = 0
    errors: list[RowError] = field(default_factory=list)


async def apply(session: AsyncSession, seller_id: Any, parsed: Parsed, now: datetime) -> Imported:
    """Ingest the parsed events in the caller's transaction; repeats change nothing, and an
    event id used before for another event is that row's error, not the file's."""
    assert parsed.report is not None
    result = Imported(rows=parsed.rows, kind=parsed.report.name, errors=list(parsed.errors))
    source = f"report:{parsed.report.name}"
    for start in range(0, len(parsed.events), APPLY_CHUNK):
        chunk = parsed.events[start : start + APPLY_CHUNK]
        outcomes = await ingest_many(session, seller_id, [event for _, event in chunk], now, source)
        for (line, _), outcome in zip(chunk, outcomes, strict=True):
            if isinstance(outcome, EventConflict):
                result.errors.append(RowError(line, str(outcome)))
            elif outcome.replayed:
                result.repeated += 1
            else:
                result.applied += 1
    result.errors.sort(key=lambda e: e.line)
    return result
