"""Every row a call writes, in one statement of `unnest` parts (ingest's third statement)."""

import functools
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import asyncpg
from pydantic_core import to_json

from services.core.cases.shapes import CaseRow, ClockRow
from services.core.domain.retries import DeliveryState
from services.core.webhooks import outbox


@dataclass
class Writes:
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

    def answer(self, event_row: uuid.UUID, answer: dict[str, Any], case_ids: list[uuid.UUID]) -> bytes:
        """Keep an event's answer to be stored; the answer as JSON."""
        encoded = to_json(answer)
        self.answers.append((event_row, encoded.decode(), _uuid_array(case_ids)))
        return encoded

    async def save(
        self, connection: asyncpg.Connection, outbound: outbox.OutboxRows, plan_cache_mode: str
    ) -> None:
        c = self.cases
        k = [clock for clock, _ in self.clocks]
        columns: dict[str, list[list[Any]]] = {
            "orders": [list(column) for column in zip(*self.orders, strict=True)],
            "cases": [
                [x.id for x in c],
                [x.marketplace for x in c],
                [x.kind for x in c],
                [x.key for x in c],
                [x.status for x in c],
                [x.is_open for x in c],
                [x.band for x in c],
                [x.opened_at for x in c],
                [x.closed_at for x in c],
                [x.sort_due_at for x in c],
                [as_json(x.facts) for x in c],
                [x.order_id for x in c],
            ],
            "clocks": [
                [x.id for x in k],
                [x.case_id for x in k],
                [marketplace for _, marketplace in self.clocks],
                [x.kind for x in k],
                [x.state for x in k],
                [x.started_at for x in k],
                [x.due_at for x in k],
                [x.window_seconds for x in k],
                [_int_array(x.warning_percents) for x in k],
                [x.policy_version for x in k],
                [x.started_by_event for x in k],
                [x.started_by_type for x in k],
                [x.stopped_at for x in k],
                [x.stopped_by_event for x in k],
                [x.stopped_by_type for x in k],
                [None if x.fire_offsets is None else _int_array(x.fire_offsets) for x in k],
                [x.time_zone for x in k],
            ],
            "removed": [self.deleted_clocks],
            "bookmarks": [list(self.next_fire), list(self.next_fire.values())],
            "dropped": [self.dropped_bookmarks],
            "messages": [list(column) for column in zip(*self.messages, strict=True)],
            "outbound": [
                outbound.events[name] for name in ("ids", "message_ids", "types", "cases", "payloads")
            ],
            "deliveries": [outbound.deliveries[name] for name in ("ids", "endpoints", "events")],
            "answers": [list(column) for column in zip(*self.answers, strict=True)],
        }
        present = tuple(name for name, arrays in columns.items() if arrays and arrays[0])
        statement, shared = save_statement(present)
        values = {
            "seller": self.seller_id,
            "now": self.now,
            "state": DeliveryState.PENDING.value,
            "plan": plan_cache_mode,
        }
        await connection.execute(
            statement,
            *(values[name] for name in shared),
            *(array for name in present for array in columns[name]),
        )


def as_json(value: Any) -> str:
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
                            stopped_by_event, stopped_by_type, fire_offsets, time_zone, created_at, updated_at)
        SELECT k.id, {seller}, k.case_id, k.marketplace, k.kind, k.state, k.started_at, k.due_at, k.window_seconds,
               k.warnings::int[], k.policy_version, k.started_by_event, k.started_by_type, k.stopped_at,
               k.stopped_by_event, k.stopped_by_type, k.fire_offsets::int[], k.time_zone, {now}, {now}
        FROM unnest({0}::uuid[], {1}::uuid[], {2}::text[], {3}::text[], {4}::text[], {5}::timestamptz[],
                    {6}::timestamptz[], {7}::int[], {8}::text[], {9}::int[], {10}::text[], {11}::text[],
                    {12}::timestamptz[], {13}::text[], {14}::text[], {15}::text[], {16}::text[])
             AS k(id, case_id, marketplace, kind, state, started_at, due_at, window_seconds, warnings, policy_version,
                  started_by_event, started_by_type, stopped_at, stopped_by_event, stopped_by_type, fire_offsets,
                  time_zone)
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
RESTORE = "SELECT set_config('plan_cache_mode', {plan}, true)"


@functools.cache
def save_statement(present: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    """One statement of the parts that have rows (a part with none would still be planned and
    started for nothing), and the shared values it takes first. Rows of sibling parts are
    checked against each other's foreign keys at the statement's end (a new case and its
    clock; an outbound event and its delivery)."""
    sqls = [*(_PARTS[name] for name in present), RESTORE]
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
