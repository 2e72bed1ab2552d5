"""Apply events: store them, dedupe them, refold their orders, move cases and clocks.

One event or a batch of a thousand, in the caller's transaction and in three statements:
1. insert the events that are new (a repeat's unique key waits for the first copy, then is
   skipped) and take their orders' locks (`order_lock_key`, held to the end of the
   transaction, taken in key order so two batches never wait on each other in a circle);
2. read what the refold needs, for every order at once: its events, order row, cases, clocks
   and bookmarks, and the seller's policy version and webhook endpoints;
3. fold each order once (pure functions, `domain/cases.py`) and write every change in one
   statement, set-based: orders, cases, clocks, bookmarks, buyer messages, outbound events and
   their deliveries, and each event's answer, kept to be replayed exactly.

The order's lock makes two events of one order, or an event and a sweep of its clocks, apply one
after the other; the first statement goes through the session, so the transaction has begun,
and the other two run on its asyncpg connection, which costs a third of SQLAlchemy's time per
statement, and on generic plans. docs/PERFORMANCE.md says what each costs.
"""

import functools
import hashlib
import json
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import asyncpg
from pydantic_core import to_json
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.util import identity_key
from sqlalchemy.orm.attributes import set_committed_value

from services.core import outbox, policies
from services.core.domain.cases import CaseFold, Fact, fold, relevant_to, sort_key
from services.core.domain.clocks import ClockSpec, ClockState, EventRef, due_at, next_fire, settle
from services.core.domain.events import Envelope
from services.core.domain.health_facts import buyer_messages, order_health
from services.core.domain.kinds import CaseKind
from services.core.domain.retries import DeliveryState
from services.core.ids import new_id
from services.core.models import Case, Clock
from services.core.models.case import NO_DUE
from services.core.policies import VersionedPolicy
from services.core.views import CaseRow, ClockRow, case_out

DEFAULT_SOURCE = "api"


class EventConflict(Exception):
    """The producer reused an event id for a different event."""

    def __init__(self, event_id: str, first_received_at: datetime) -> None:
        super().__init__(
            f"event {event_id} was first received at {first_received_at.isoformat()} with a different body; "
            "an event id names one event"
        )
        self.event_id = event_id


@dataclass(frozen=True)
class Ingested:
    answer: dict[str, Any]
    replayed: bool


def body_hash(envelope: Envelope) -> str:
    canonical = json.dumps(envelope.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


async def ingest(
    session: AsyncSession, seller_id: uuid.UUID, envelope: Envelope, now: datetime, source: str = DEFAULT_SOURCE
) -> Ingested:
    """Apply one event; raises EventConflict for an id used before for another event."""
    [result] = await ingest_many(session, seller_id, [envelope], now, source)
    if isinstance(result, EventConflict):
        raise result
    return result


async def ingest_many(
    session: AsyncSession, seller_id: uuid.UUID, envelopes: Sequence[Envelope], now: datetime, source: str = DEFAULT_SOURCE
) -> list[Ingested | EventConflict]:
    """Apply events of one seller, each order refolded once: per event, in order, its answer (the
    affected cases once all the events are applied) or the conflict its id makes.

    A repeat, within the call or of an earlier one, gets the first copy's answer and changes
    nothing."""
    if session.new or session.dirty or session.deleted:
        # What the caller changed through the ORM must be in the rows read below.
        await session.flush()
    digests = [body_hash(e) for e in envelopes]
    first_copy: dict[str, int] = {}
    for index, envelope in enumerate(envelopes):
        first_copy.setdefault(envelope.id, index)
    # In event id order, so two batches with events in common wait for each other in one order.
    candidates = sorted(first_copy.values(), key=lambda i: envelopes[i].id)
    stored, previous = await _store(
        session, seller_id, source, [envelopes[i] for i in candidates], [digests[i] for i in candidates], now
    )
    new = [i for i in sorted(candidates) if envelopes[i].id in stored]
    repeats = [envelopes[i].id for i in candidates if envelopes[i].id not in stored]
    connection = await _driver(session)
    state = await _read(connection, seller_id, source, sorted({envelopes[i].order_id for i in new}), repeats)

    writes = _Writes(seller_id, now)
    arrived: dict[str, list[Envelope]] = {}
    for i in new:
        arrived.setdefault(envelopes[i].order_id, []).append(envelopes[i])
    refolds = {order_id: _Refold(writes, state, order_id, events) for order_id, events in arrived.items()}
    if any(r.unstarted for r in refolds.values()):
        versioned = await _policy(session, seller_id, state.policy)
        for refold in refolds.values():
            refold.start_clocks(seller_id, versioned)
    for refold in refolds.values():
        refold.settle(writes, state.bookmarks, now)
    answers: dict[str, dict[str, Any]] = {}
    for i in new:
        envelope = envelopes[i]
        answer, case_ids = refolds[envelope.order_id].answer(envelope, now)
        answers[envelope.id] = answer
        writes.answer(stored[envelope.id], answer, case_ids)
    # The caller's own statements after these plan as they always do: the write statement puts
    # the setting back as it ends.
    if new:
        outbound = outbox.outbox_rows(session, writes.announced, {seller_id: state.endpoints}, now)
        await writes.save(connection, outbound, previous)
        _sync_identity_map(session, list(refolds.values()))
    else:
        await connection.execute(_RESTORE.format(plan="$1"), previous)

    return _outcomes(envelopes, digests, first_copy, answers, state.firsts, now)


def _outcomes(
    envelopes: Sequence[Envelope],
    digests: list[str],
    first_copy: dict[str, int],
    answers: dict[str, dict[str, Any]],
    earlier: dict[str, "_First"],
    now: datetime,
) -> list[Ingested | EventConflict]:
    """Each event's outcome: applied now, a repeat of a copy applied now or earlier, or a
    conflict with that copy."""
    results: list[Ingested | EventConflict] = []
    for index, envelope in enumerate(envelopes):
        first = first_copy[envelope.id]
        if envelope.id in answers:
            if index == first:
                results.append(Ingested(answers[envelope.id], replayed=False))
            elif digests[index] == digests[first]:
                results.append(Ingested(answers[envelope.id], replayed=True))
            else:
                results.append(EventConflict(envelope.id, now))
            continue
        copy = earlier[envelope.id]
        if copy.body_hash != digests[index]:
            results.append(EventConflict(envelope.id, copy.received_at))
        else:
            results.append(Ingested(copy.answer or {}, replayed=True))
    return results


# The events' unique key decides what is new, never a check-then-insert, so "exactly once"
# holds under any race; the orders' locks follow in the same statement. The next two statements
# run on generic plans: planned anew for each event (Postgres's choice for them, since the
# arrays' lengths change their estimates) they cost a quarter of Postgres's time per event, and
# their plans are the same index lookups for one order or a thousand.
_STORE = text("""
    WITH stored AS (
        INSERT INTO events (id, seller_id, source, event_id, type, occurred_at, received_at, order_id, marketplace,
                            data, body_hash, case_ids)
        SELECT e.id, CAST(:seller_id AS uuid), :source, e.event_id, e.type, e.occurred_at, :now, e.order_id,
               e.marketplace, CAST(e.data AS jsonb), e.body_hash, '{}'
        FROM unnest(CAST(:ids AS uuid[]), CAST(:event_ids AS text[]), CAST(:types AS text[]),
                    CAST(:occurred AS timestamptz[]), CAST(:orders AS text[]), CAST(:marketplaces AS text[]),
                    CAST(:data AS text[]), CAST(:hashes AS text[]))
             AS e(id, event_id, type, occurred_at, order_id, marketplace, data, body_hash)
        ON CONFLICT (seller_id, source, event_id) DO NOTHING
        RETURNING id, event_id, order_id
    ), locked AS (
        SELECT count(pg_advisory_xact_lock(key)) AS orders
        FROM (SELECT DISTINCT order_lock_key(CAST(:seller_id AS uuid), order_id) AS key FROM stored ORDER BY key) AS keys
    ), previous AS (
        SELECT current_setting('plan_cache_mode') AS mode
    ), generic AS (
        SELECT set_config('plan_cache_mode', 'force_generic_plan', true) FROM previous
    )
    SELECT new.id, new.event_id, previous.mode
    FROM previous CROSS JOIN generic LEFT JOIN (SELECT stored.* FROM stored, locked) AS new ON true
""")


async def _store(
    session: AsyncSession, seller_id: uuid.UUID, source: str, envelopes: list[Envelope], digests: list[str], now: datetime
) -> tuple[dict[str, uuid.UUID], str]:
    """Insert the events not stored before and lock their orders: the new ones' row ids, and the
    caller's plan setting, to put back."""
    rows = await session.execute(_STORE, {
        "seller_id": seller_id, "source": source, "now": now,
        "ids": [new_id() for _ in envelopes],
        "event_ids": [e.id for e in envelopes],
        "types": [e.type for e in envelopes],
        "occurred": [e.occurred_at for e in envelopes],
        "orders": [e.order_id for e in envelopes],
        "marketplaces": [e.marketplace for e in envelopes],
        "data": [_json(e.data.model_dump(mode="json", exclude_none=True)) for e in envelopes],  # type: ignore[attr-defined]
        "hashes": digests,
    })
    stored: dict[str, uuid.UUID] = {}
    previous = ""
    for row_id, event_id, previous in rows:
        if row_id is not None:
            stored[event_id] = row_id
    return stored, previous


async def _driver(session: AsyncSession) -> asyncpg.Connection:
    """The session's own asyncpg connection, in its transaction."""
    connection = await session.connection()
    raw = await connection.get_raw_connection()
    driver: asyncpg.Connection = raw.driver_connection
    return driver


@dataclass(frozen=True)
class _First:
    body_hash: str
    answer: dict[str, Any] | None
    received_at: datetime


@dataclass(frozen=True)
class _Endpoint:
    id: uuid.UUID
    event_types: list[str]


@dataclass
class _State:
    """What the refolds read, for all their orders at once."""

    events: dict[str, list[Fact]]
    orders: dict[str, tuple[Any, ...]]
    cases: dict[str, list[CaseRow]]
    clocks: dict[uuid.UUID, list[ClockRow]]
    bookmarks: dict[uuid.UUID, datetime]
    policy: tuple[int, str] | None
    endpoints: list[_Endpoint]
    firsts: dict[str, _First]


_ORDER_COLUMNS = ("facts", "replacement_of", "ordered_at", "negative_feedback_at", "claim_opened_at", "claim_outcome",
                  "claim_closed_at", "chargeback_at")
_CASE_COLUMNS = tuple(CaseRow.__dataclass_fields__)
# A clock's columns, then its bookmark's fired_through (ClockRow's last field) and next_fire_at.
_CLOCK_COLUMNS = tuple(ClockRow.__dataclass_fields__)[:-1]
# One round trip: each part an array of rows. Arrays inside a row come as JSON, which asyncpg
# decodes in a row where it cannot decode an array.
_READ = f"""
    SELECT
      ARRAY(SELECT ROW(order_id, event_id, type, occurred_at, data) FROM events
            WHERE seller_id = $1 AND order_id = ANY($2::text[])),
      ARRAY(SELECT ROW(order_id, marketplace, {", ".join(_ORDER_COLUMNS)}) FROM orders
            WHERE seller_id = $1 AND order_id = ANY($2::text[])),
      ARRAY(SELECT ROW({", ".join(_CASE_COLUMNS)}) FROM cases WHERE seller_id = $1 AND order_id = ANY($2::text[])),
      ARRAY(SELECT ROW({", ".join("to_jsonb(k.warning_percents)" if c == "warning_percents" else f"k.{c}"
                                  for c in _CLOCK_COLUMNS)}, coalesce(b.fired_through, 0), b.next_fire_at)
            FROM cases c JOIN clocks k ON k.case_id = c.id LEFT JOIN clock_bookmarks b ON b.clock_id = k.id
            WHERE c.seller_id = $1 AND c.order_id = ANY($2::text[])),
      (SELECT ROW(version, md5(document::text)) FROM policy_versions WHERE seller_id = $1
       ORDER BY version DESC LIMIT 1),
      ARRAY(SELECT ROW(id, to_jsonb(event_types)) FROM webhook_endpoints WHERE seller_id = $1 AND disabled_at IS NULL),
      ARRAY(SELECT ROW(event_id, body_hash, answer, received_at) FROM events
            WHERE cardinality($4::text[]) > 0 AND seller_id = $1 AND source = $3 AND event_id = ANY($4::text[]))
"""


async def _read(
    connection: asyncpg.Connection, seller_id: uuid.UUID, source: str, order_ids: list[str], repeats: list[str]
) -> _State:
    events, orders, cases, clocks, policy, endpoints, firsts = await connection.fetchrow(
        _READ, seller_id, order_ids, source, repeats
    )
    state = _State({o: [] for o in order_ids}, {}, {o: [] for o in order_ids}, {}, {}, policy,
                   [_Endpoint(uuid.UUID(int=e[0].int), e[1] or []) for e in endpoints],
                   {f[0]: _First(f[1], f[2], f[3]) for f in firsts})
    for order_id, event_id, type_, occurred_at, data in events:
        state.events[order_id].append(Fact(EventRef(event_id, type_, occurred_at), data))
    for row in orders:
        state.orders[row[0]] = row[1:]
    for row in cases:
        case = CaseRow(*row)
        state.cases[case.order_id].append(case)
        state.clocks[case.id] = []
    for row in clocks:
        clock = ClockRow(*row[:-1])
        state.clocks[clock.case_id].append(clock)
        if row[-1] is not None:
            state.bookmarks[clock.id] = row[-1]
    return state


async def _policy(session: AsyncSession, seller_id: uuid.UUID, latest: tuple[int, str] | None) -> VersionedPolicy:
    """The version in force: parsed once per process, and loaded only when this process has not."""
    if latest is None:
        raise LookupError(f"seller {seller_id} has no policy")
    return policies.known(seller_id, *latest) or await policies.current(session, seller_id)


@dataclass
class _Writes:
    """Every row a call writes, as columns for one `unnest` per table."""

    seller_id: uuid.UUID
    now: datetime
    orders: list[tuple[Any, ...]] = field(default_factory=list)
    cases: list[CaseRow] = field(default_factory=list)
    clocks: list[tuple[ClockRow, str]] = field(default_factory=list)
    deleted_clocks: list[uuid.UUID] = field(default_factory=list)
    next_fire: dict[uuid.UUID, datetime] = field(default_factory=dict)
    dropped_bookmarks: list[uuid.UUID] = field(default_factory=list)
    messages: list[tuple[Any, ...]] = field(default_factory=list)
    announced: list[outbox.Outbound] = field(default_factory=list)
    answers: list[tuple[uuid.UUID, str, str]] = field(default_factory=list)

    def answer(self, event_row: uuid.UUID, answer: dict[str, Any], case_ids: list[uuid.UUID]) -> None:
        self.answers.append((event_row, _json(answer), _uuid_array(case_ids)))

    async def save(self, connection: asyncpg.Connection, outbound: outbox.OutboxRows, plan_cache_mode: str) -> None:
        c = self.cases
        k = [clock for clock, _ in self.clocks]
        columns: dict[str, list[list[Any]]] = {
            "orders": [list(column) for column in zip(*self.orders, strict=True)],
            "cases": [
                [x.id for x in c], [x.marketplace for x in c], [x.kind for x in c], [x.key for x in c],
                [x.status for x in c], [x.is_open for x in c], [x.band for x in c], [x.opened_at for x in c],
                [x.closed_at for x in c], [x.sort_due_at for x in c], [_json(x.facts) for x in c],
                [x.order_id for x in c],
            ],
            "clocks": [
                [x.id for x in k], [x.case_id for x in k], [marketplace for _, marketplace in self.clocks],
                [x.kind for x in k], [x.state for x in k], [x.started_at for x in k], [x.due_at for x in k],
                [x.window_seconds for x in k], [_int_array(x.warning_percents) for x in k],
                [x.policy_version for x in k], [x.started_by_event for x in k], [x.started_by_type for x in k],
                [x.stopped_at for x in k], [x.stopped_by_event for x in k], [x.stopped_by_type for x in k],
            ],
            "removed": [self.deleted_clocks],
            "bookmarks": [list(self.next_fire), list(self.next_fire.values())],
            "dropped": [self.dropped_bookmarks],
            "messages": [list(column) for column in zip(*self.messages, strict=True)],
            "outbound": [outbound.events[name] for name in ("ids", "message_ids", "types", "cases", "payloads")],
            "deliveries": [outbound.deliveries[name] for name in ("ids", "endpoints", "events")],
            "answers": [list(column) for column in zip(*self.answers, strict=True)],
        }
        present = tuple(name for name, arrays in columns.items() if arrays and arrays[0])
        statement, shared = _save_statement(present)
        values = {
            "seller": self.seller_id, "now": self.now, "state": DeliveryState.PENDING.value, "plan": plan_cache_mode,
        }
        await connection.execute(
            statement, *(values[name] for name in shared), *(array for name in present for array in columns[name])
        )


def _json(value: Any) -> str:
    # pydantic-core's encoder: a third of the standard library's time, and a batch encodes
    # thousands of facts, case views and answers.
    return to_json(value).decode()


def _int_array(values: Sequence[int]) -> str:
    # Arrays of arrays cannot be unnested row by row: each row's array goes as its literal.
    return "{" + ",".join(str(v) for v in values) + "}"


def _uuid_array(values: Sequence[uuid.UUID]) -> str:
    return "{" + ",".join(str(v) for v in values) + "}"


# Every write of a call, each part an `unnest` of its columns {0}, {1}...; {seller}, {now} and
# {state} (a new delivery's) are shared.
_PARTS: dict[str, str] = {
    "orders": """
        INSERT INTO orders (id, seller_id, order_id, marketplace, facts, replacement_of, ordered_at,
                            negative_feedback_at, claim_opened_at, claim_outcome, claim_closed_at, chargeback_at,
                            created_at, updated_at)
        SELECT o.id, {seller}, o.order_id, o.marketplace, o.facts::jsonb, o.replacement_of, o.ordered_at,
               o.negative_feedback_at, o.claim_opened_at, o.claim_outcome, o.claim_closed_at, o.chargeback_at, {now}, {now}
        FROM unnest({0}::uuid[], {1}::text[], {2}::text[], {3}::text[], {4}::text[], {5}::timestamptz[],
                    {6}::timestamptz[], {7}::timestamptz[], {8}::text[], {9}::timestamptz[], {10}::timestamptz[])
             AS o(id, order_id, marketplace, facts, replacement_of, ordered_at, negative_feedback_at,
                  claim_opened_at, claim_outcome, claim_closed_at, chargeback_at)
        ON CONFLICT (seller_id, order_id) DO UPDATE SET
            facts = excluded.facts, replacement_of = excluded.replacement_of, ordered_at = excluded.ordered_at,
            negative_feedback_at = excluded.negative_feedback_at, claim_opened_at = excluded.claim_opened_at,
            claim_outcome = excluded.claim_outcome, claim_closed_at = excluded.claim_closed_at,
            chargeback_at = excluded.chargeback_at, updated_at = excluded.updated_at""",
    "cases": """
        INSERT INTO cases (id, seller_id, marketplace, kind, key, status, is_open, band, opened_at, closed_at,
                           sort_due_at, facts, order_id, created_at, updated_at)
        SELECT c.id, {seller}, c.marketplace, c.kind, c.key, c.status, c.is_open, c.band, c.opened_at, c.closed_at,
               c.sort_due_at, c.facts::jsonb, c.order_id, {now}, {now}
        FROM unnest({0}::uuid[], {1}::text[], {2}::text[], {3}::text[], {4}::text[], {5}::boolean[], {6}::int[],
                    {7}::timestamptz[], {8}::timestamptz[], {9}::timestamptz[], {10}::text[], {11}::text[])
             AS c(id, marketplace, kind, key, status, is_open, band, opened_at, closed_at, sort_due_at, facts, order_id)
        ON CONFLICT (id) DO UPDATE SET
            status = excluded.status, is_open = excluded.is_open, band = excluded.band,
            opened_at = excluded.opened_at, closed_at = excluded.closed_at, sort_due_at = excluded.sort_due_at,
            facts = excluded.facts, updated_at = excluded.updated_at""",
    "clocks": """
        INSERT INTO clocks (id, seller_id, case_id, marketplace, kind, state, started_at, due_at, window_seconds,
                            warning_percents, policy_version, started_by_event, started_by_type, stopped_at,
                            stopped_by_event, stopped_by_type, created_at, updated_at)
        SELECT k.id, {seller}, k.case_id, k.marketplace, k.kind, k.state, k.started_at, k.due_at, k.window_seconds,
               k.warnings::int[], k.policy_version, k.started_by_event, k.started_by_type, k.stopped_at,
               k.stopped_by_event, k.stopped_by_type, {now}, {now}
        FROM unnest({0}::uuid[], {1}::uuid[], {2}::text[], {3}::text[], {4}::text[], {5}::timestamptz[],
                    {6}::timestamptz[], {7}::int[], {8}::text[], {9}::int[], {10}::text[], {11}::text[],
                    {12}::timestamptz[], {13}::text[], {14}::text[])
             AS k(id, case_id, marketplace, kind, state, started_at, due_at, window_seconds, warnings, policy_version,
                  started_by_event, started_by_type, stopped_at, stopped_by_event, stopped_by_type)
        ON CONFLICT (id) DO UPDATE SET
            state = excluded.state, stopped_at = excluded.stopped_at, stopped_by_event = excluded.stopped_by_event,
            stopped_by_type = excluded.stopped_by_type, updated_at = excluded.updated_at""",
    # A removed clock's bookmark goes with it; a stopped one's with `dropped`.
    "removed": "DELETE FROM clocks WHERE id = ANY({0}::uuid[])",
    # A new clock's bookmark, or a running clock's next threshold again; what has fired stays
    # the sweep's to say.
    "bookmarks": """
        INSERT INTO clock_bookmarks (clock_id, next_fire_at, fired_through)
        SELECT b.clock_id, b.next_fire_at, 0 FROM unnest({0}::uuid[], {1}::timestamptz[]) AS b(clock_id, next_fire_at)
        ON CONFLICT (clock_id) DO UPDATE SET next_fire_at = excluded.next_fire_at""",
    "dropped": "DELETE FROM clock_bookmarks WHERE clock_id = ANY({0}::uuid[])",
    "messages": """
        INSERT INTO buyer_messages (id, seller_id, case_id, marketplace, order_id, event_id, received_at,
                                    answered_at, answered_by, no_response_needed)
        SELECT m.id, {seller}, m.case_id, m.marketplace, m.order_id, m.event_id, m.received_at, m.answered_at,
               m.answered_by, m.no_response_needed
        FROM unnest({0}::uuid[], {1}::uuid[], {2}::text[], {3}::text[], {4}::text[], {5}::timestamptz[],
                    {6}::timestamptz[], {7}::text[], {8}::boolean[])
             AS m(id, case_id, marketplace, order_id, event_id, received_at, answered_at, answered_by,
                  no_response_needed)
        ON CONFLICT (case_id, event_id) DO UPDATE SET
            received_at = excluded.received_at, answered_at = excluded.answered_at,
            answered_by = excluded.answered_by, no_response_needed = excluded.no_response_needed""",
    "outbound": """
        INSERT INTO outbound_events (id, seller_id, message_id, type, case_id, payload, created_at)
        SELECT e.id, {seller}, e.message_id, e.type, e.case_id, e.payload::jsonb, {now}
        FROM unnest({0}::uuid[], {1}::text[], {2}::text[], {3}::uuid[], {4}::text[])
             AS e(id, message_id, type, case_id, payload)""",
    "deliveries": """
        INSERT INTO deliveries (id, seller_id, endpoint_id, event_id, state, attempt, next_attempt_at, created_at,
                                updated_at)
        SELECT d.id, {seller}, d.endpoint_id, d.event_id, {state}, 0, {now}, {now}, {now}
        FROM unnest({0}::uuid[], {1}::uuid[], {2}::uuid[]) AS d(id, endpoint_id, event_id)""",
    "answers": """
        UPDATE events SET answer = a.answer::jsonb, case_ids = a.case_ids::uuid[]
        FROM unnest({0}::uuid[], {1}::text[], {2}::text[]) AS a(id, answer, case_ids)
        WHERE events.id = a.id""",
}
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_SHARED = ("seller", "now", "state", "plan")
# Every part is a data-modifying CTE, which runs whether or not it is read; the statement's own
# query puts the plan setting back.
_RESTORE = "SELECT set_config('plan_cache_mode', {plan}, true)"


@functools.cache
def _save_statement(present: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    """One statement of the parts that have rows (a part with none would still be planned and
    started for nothing), and the shared values it takes first. Rows of sibling parts are
    checked against each other's foreign keys at the statement's end (a new case and its
    clock; an outbound event and its delivery)."""
    sqls = [*(_PARTS[name] for name in present), _RESTORE]
    shared = tuple(n for n in _SHARED if any("{" + n + "}" in sql for sql in sqls))
    numbers = {n: i + 1 for i, n in enumerate(shared)}
    first = len(shared) + 1
    numbered: list[str] = []
    for sql in sqls:
        own = sum(1 for m in _PLACEHOLDER.findall(sql) if m.isdigit())

        def number(match: re.Match[str], at: int = first) -> str:
            name = match.group(1)
            return f"${at + int(name)}" if name.isdigit() else f"${numbers[name]}"

        numbered.append(_PLACEHOLDER.sub(number, sql))
        first += own
    *parts, restore = numbered
    ctes = ", ".join(f"{name}_ AS ({sql})" for name, sql in zip(present, parts, strict=True))
    return (f"WITH {ctes} {restore}" if ctes else restore), shared


@dataclass
class _CaseRefold:
    fold: CaseFold
    case: CaseRow
    clocks: list[ClockRow]
    # (status, open) before this call; None for a case it opens.
    before: tuple[str, bool] | None
    stored_clocks: frozenset[uuid.UUID]
    view: dict[str, Any] | None = None


class _Refold:
    """One order's fold over all its events, and what it changes."""

    def __init__(self, writes: _Writes, state: _State, order_id: str, arrived: list[Envelope]) -> None:
        self.facts = state.events[order_id]
        self.arrived = arrived
        folded = fold(self.facts)
        self.ordered = sorted(self.facts, key=sort_key)
        known = state.orders.get(order_id)
        # The first event's marketplace names the order's, and a case's the first event's of its call.
        marketplace = known[0] if known else arrived[0].marketplace
        health = order_health(self.ordered, folded.order.get("purchased_at"))
        order = (folded.order, folded.order.get("replacement_of"), health.ordered_at, health.negative_feedback_at,
                 health.claim_opened_at, health.claim_outcome, health.claim_closed_at, health.chargeback_at)
        if known is None or known[1:] != order:
            writes.orders.append((new_id(), order_id, marketplace, _json(order[0]), *order[1:]))
        existing = {(c.kind, c.key): c for c in state.cases[order_id]}
        self.cases: list[_CaseRefold] = []
        self.unstarted: list[tuple[_CaseRefold, ClockSpec]] = []
        for (kind, key), fold_case in folded.cases.items():
            case = existing.get((kind.value, key))
            if case is None:
                assert fold_case.opened_at is not None
                case = CaseRow(
                    id=new_id(), seller_id=writes.seller_id, order_id=order_id, marketplace=arrived[0].marketplace,
                    kind=kind.value, key=key, is_open=fold_case.is_open, assignee=None, band=fold_case.band,
                    band_raise=0, status=fold_case.status, opened_at=fold_case.opened_at, closed_at=None,
                    sort_due_at=NO_DUE, facts={},
                )
            clocks = list(state.clocks.get(case.id, []))
            refold = _CaseRefold(fold_case, case, clocks, None if case.id not in state.clocks else (case.status, case.is_open),
                                 frozenset(c.id for c in clocks))
            self.cases.append(refold)
            started = {(c.kind, c.started_by_event) for c in clocks}
            self.unstarted.extend(
                (refold, spec) for spec in fold_case.clocks if (spec.kind.value, spec.started.id) not in started
            )

    def start_clocks(self, seller_id: uuid.UUID, versioned: VersionedPolicy) -> None:
        """New clocks take the policy in force now; running ones keep theirs."""
        for refold, spec in self.unstarted:
            window = versioned.policy.window(spec.kind)
            refold.clocks.append(ClockRow(
                id=new_id(), seller_id=seller_id, case_id=refold.case.id, kind=spec.kind.value,
                state=ClockState.RUNNING.value, started_at=spec.started.occurred_at,
                due_at=due_at(spec.started.occurred_at, window), window_seconds=int(window.total_seconds()),
                warning_percents=list(versioned.policy.warnings(spec.kind)), policy_version=versioned.version,
                started_by_event=spec.started.id, started_by_type=spec.started.type, stopped_at=None,
                stopped_by_event=None, stopped_by_type=None, fired_through=0,
            ))
        self.unstarted = []

    def settle(self, writes: _Writes, bookmarks: dict[uuid.UUID, datetime], now: datetime) -> None:
        """Each case and its clocks as the fold says, and the rows that changed."""
        # Only a message event can change when a buyer message was first answered.
        messages = any(e.type.startswith("message.") for e in self.arrived)
        for refold in self.cases:
            fold_case, case = refold.fold, refold.case
            was = _case_values(case)
            case.status = fold_case.status
            case.is_open = fold_case.is_open
            case.band = max(1, fold_case.band - (case.band_raise or 0))
            assert fold_case.opened_at is not None
            case.opened_at = fold_case.opened_at
            case.closed_at = fold_case.closed_at
            case.facts = fold_case.facts
            specs = {(spec.kind.value, spec.started.id): spec for spec in fold_case.clocks}
            for clock in list(refold.clocks):
                spec = specs.get((clock.kind, clock.started_by_event))
                if spec is None:
                    # A clock the events no longer call for: an earlier message arrived late and the
                    # running clock now measures from it. Removing it leaves the case exactly as if
                    # the events had arrived in time order.
                    writes.deleted_clocks.append(clock.id)
                    refold.clocks.remove(clock)
                    continue
                stopped = (clock.state, clock.stopped_at, clock.stopped_by_event)
                clock.stopped_at = spec.stopped.occurred_at if spec.stopped else None
                clock.stopped_by_event = spec.stopped.id if spec.stopped else None
                clock.stopped_by_type = spec.stopped.type if spec.stopped else None
                clock.state = settle(
                    clock.due_at, clock.stopped_at, spec.stop, clock.state == ClockState.BREACHED.value
                ).value
                if clock.id not in refold.stored_clocks or stopped != (clock.state, clock.stopped_at, clock.stopped_by_event):
                    writes.clocks.append((clock, case.marketplace))
                marked = bookmarks.get(clock.id)
                following = (
                    next_fire(clock.started_at, _window(clock), clock.warning_percents, clock.fired_through)
                    if clock.state == ClockState.RUNNING.value
                    else None
                )
                if following is None and marked is not None:
                    writes.dropped_bookmarks.append(clock.id)
                elif following is not None and marked != following:
                    writes.next_fire[clock.id] = following
            running = [c.due_at for c in refold.clocks if c.state == ClockState.RUNNING.value]
            case.sort_due_at = min(running, default=NO_DUE)
            if refold.before is None or was != _case_values(case):
                writes.cases.append(case)
            if messages and fold_case.kind is CaseKind.MESSAGE:
                for m in buyer_messages([f for f in self.ordered if relevant_to(fold_case, f)]):
                    writes.messages.append((new_id(), case.id, case.marketplace, case.order_id, m.event_id,
                                            m.received_at, m.answered_at, m.answered_by, m.no_response_needed))
            self._announce(writes, refold, now)

    def _announce(self, writes: _Writes, refold: _CaseRefold, now: datetime) -> None:
        """case.opened / case.updated / case.closed for whoever listens, in this same transaction."""
        case, before = refold.case, refold.before
        if before == (case.status, case.is_open):
            return
        if before is None:
            type_ = "case.opened"
        elif before[1] and not case.is_open:
            type_ = "case.closed"
        else:
            type_ = "case.updated"
        data = _json({"case": _shown(refold, now)})
        writes.announced.append(outbox.Outbound(case.seller_id, type_, data, case.id))

    def answer(self, envelope: Envelope, now: datetime) -> tuple[dict[str, Any], list[uuid.UUID]]:
        """The event's answer: the cases it belongs to or counts for, as they stand now."""
        this = next(f for f in self.facts if f.ref.id == envelope.id)
        affected = [r for r in self.cases if this.ref.id in r.fold.event_ids or relevant_to(r.fold, this)]
        answer = {
            "event_id": envelope.id,
            "type": envelope.type,
            "order_id": envelope.order_id,
            "cases": [_shown(r, now) for r in affected],
        }
        return answer, [r.case.id for r in affected]


def _shown(refold: _CaseRefold, now: datetime) -> dict[str, Any]:
    """A case's view, made once: announced to webhooks and returned in the answers alike."""
    if refold.view is None:
        refold.view = case_out(refold.case, refold.clocks, now).model_dump(mode="json")
    return refold.view


def _case_values(case: CaseRow) -> tuple[Any, ...]:
    return case.status, case.is_open, case.band, case.opened_at, case.closed_at, case.sort_due_at, case.facts


def _window(clock: ClockRow) -> timedelta:
    return timedelta(seconds=clock.window_seconds)


_CASE_WRITTEN = ("status", "is_open", "band", "opened_at", "closed_at", "sort_due_at", "facts")
_CLOCK_WRITTEN = ("state", "stopped_at", "stopped_by_event", "stopped_by_type")


def _sync_identity_map(session: AsyncSession, refolds: Sequence[_Refold]) -> None:
    """Cases and clocks the caller holds as ORM objects show what was just written: the writes
    went around the ORM."""
    held = session.sync_session.identity_map
    if not held:
        return
    for order in refolds:
        for refold in order.cases:
            case = held.get(identity_key(Case, refold.case.id))
            if case is not None:
                for name in _CASE_WRITTEN:
                    set_committed_value(case, name, getattr(refold.case, name))
            for row in refold.clocks:
                clock = held.get(identity_key(Clock, row.id))
                if clock is not None:
                    for name in _CLOCK_WRITTEN:
                        set_committed_value(clock, name, getattr(row, name))
            for gone in refold.stored_clocks - {c.id for c in refold.clocks}:
                clock = held.get(identity_key(Clock, gone))
                if clock is not None:
                    session.expunge(clock)
