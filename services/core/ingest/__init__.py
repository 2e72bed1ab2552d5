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
after the other. All three run on the session's asyncpg connection, in its transaction, which
costs a third of SQLAlchemy's time per statement; the last two on generic plans.
docs/PERFORMANCE.md says what each costs.

Here the calls and the first statement; the read in `state`, the refold in `refold`, the write in
`writes`.
"""

import hashlib
import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import asyncpg
from sqlalchemy.ext.asyncio import AsyncSession

from services.core.domain.events import Envelope
from services.core.ingest.refold import Refold, sync_identity_map
from services.core.ingest.state import First, policy_in_force, read_state
from services.core.ingest.writes import RESTORE, Writes, as_json
from services.core.kit.errors import Conflict
from services.core.kit.ids import new_id
from services.core.webhooks import outbox

DEFAULT_SOURCE = "api"


class EventConflict(Conflict):
    """The producer reused an event id for a different event."""

    slug = "event-id-reused"

    def __init__(self, event_id: str, first_received_at: datetime) -> None:
        super().__init__(
            f"event {event_id} was first received at {first_received_at.isoformat()} with a different body; "
            "an event id names one event"
        )
        self.event_id = event_id


@dataclass(frozen=True)
class Ingested:
    """An answer, and whether it is the stored first answer to a repeat (for an event, or for a
    producer's webhook delivery of several)."""

    answer: dict[str, Any]
    replayed: bool
    # The answer as JSON when it was just encoded to be stored: the API sends these bytes.
    encoded: bytes | None = None


def body_hash(envelope: Envelope) -> str:
    canonical = json.dumps(envelope.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


async def ingest(
    session: AsyncSession,
    seller_id: uuid.UUID,
    envelope: Envelope,
    now: datetime,
    source: str = DEFAULT_SOURCE,
) -> Ingested:
    """Apply one event; raises EventConflict for an id used before for another event."""
    [result] = await ingest_many(session, seller_id, [envelope], now, source)
    if isinstance(result, EventConflict):
        raise result
    return result


async def ingest_many(
    session: AsyncSession,
    seller_id: uuid.UUID,
    envelopes: Sequence[Envelope],
    now: datetime,
    source: str = DEFAULT_SOURCE,
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
    connection = await _driver(session)
    stored, previous = await _store(
        connection,
        seller_id,
        source,
        [envelopes[i] for i in candidates],
        [digests[i] for i in candidates],
        now,
    )
    new = [i for i in sorted(candidates) if envelopes[i].id in stored]
    repeats = [envelopes[i].id for i in candidates if envelopes[i].id not in stored]
    state = await read_state(
        connection, seller_id, source, sorted({envelopes[i].order_id for i in new}), repeats
    )

    writes = Writes(seller_id, now)
    arrived: dict[str, list[Envelope]] = {}
    for i in new:
        arrived.setdefault(envelopes[i].order_id, []).append(envelopes[i])
    refolds = {order_id: Refold(writes, state, order_id, events) for order_id, events in arrived.items()}
    if any(r.unstarted for r in refolds.values()):
        versioned = await policy_in_force(session, seller_id, state.policy)
        for refold in refolds.values():
            refold.start_clocks(seller_id, versioned)
    for refold in refolds.values():
        refold.settle(writes, state.bookmarks, now)
    answers: dict[str, dict[str, Any]] = {}
    encoded: dict[str, bytes] = {}
    for i in new:
        envelope = envelopes[i]
        answer, case_ids = refolds[envelope.order_id].answer(envelope, now)
        answers[envelope.id] = answer
        encoded[envelope.id] = writes.answer(stored[envelope.id], answer, case_ids)
    # The caller's own statements after these plan as they always do: the write statement puts
    # the setting back as it ends.
    if new:
        outbound = outbox.outbox_rows(session, writes.announced, {seller_id: state.endpoints}, now)
        await writes.save(connection, outbound, previous)
        sync_identity_map(session, list(refolds.values()))
    else:
        await connection.execute(RESTORE.format(plan="$1"), previous)

    return _outcomes(envelopes, digests, first_copy, answers, encoded, state.firsts, now)


def _outcomes(
    envelopes: Sequence[Envelope],
    digests: list[str],
    first_copy: dict[str, int],
    answers: dict[str, dict[str, Any]],
    encoded: dict[str, bytes],
    earlier: dict[str, First],
    now: datetime,
) -> list[Ingested | EventConflict]:
    """Each event's outcome: applied now, a repeat of a copy applied now or earlier, or a
    conflict with that copy."""
    results: list[Ingested | EventConflict] = []
    for index, envelope in enumerate(envelopes):
        first = first_copy[envelope.id]
        if envelope.id in answers:
            if index == first:
                results.append(Ingested(answers[envelope.id], False, encoded[envelope.id]))
            elif digests[index] == digests[first]:
                results.append(Ingested(answers[envelope.id], True, encoded[envelope.id]))
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
_STORE = """
    WITH stored AS (
        INSERT INTO events (id, seller_id, source, event_id, type, occurred_at, received_at, order_id, marketplace,
                            data, body_hash, case_ids)
        SELECT e.id, $1, $2, e.event_id, e.type, e.occurred_at, $3, e.order_id, e.marketplace, e.data::jsonb,
               e.body_hash, '{}'
        FROM unnest($4::uuid[], $5::text[], $6::text[], $7::timestamptz[], $8::text[], $9::text[], $10::text[],
                    $11::text[])
             AS e(id, event_id, type, occurred_at, order_id, marketplace, data, body_hash)
        ON CONFLICT (seller_id, source, event_id) DO NOTHING
        RETURNING id, event_id, order_id
    ), locked AS (
        SELECT count(pg_advisory_xact_lock(key)) AS orders
        FROM (SELECT DISTINCT order_lock_key($1, order_id) AS key FROM stored ORDER BY key) AS keys
    ), previous AS (
        SELECT current_setting('plan_cache_mode') AS mode
    ), generic AS (
        SELECT set_config('plan_cache_mode', 'force_generic_plan', true) FROM previous
    )
    SELECT new.id, new.event_id, previous.mode
    FROM previous CROSS JOIN generic LEFT JOIN (SELECT stored.* FROM stored, locked) AS new ON true
"""


async def _store(
    connection: asyncpg.Connection,
    seller_id: uuid.UUID,
    source: str,
    envelopes: list[Envelope],
    digests: list[str],
    now: datetime,
) -> tuple[dict[str, uuid.UUID], str]:
    """Insert the events not stored before and lock their orders: the new ones' row ids, and the
    caller's plan setting, to put back."""
    rows = await connection.fetch(
        _STORE, seller_id, source, now,
        [new_id() for _ in envelopes],
        [e.id for e in envelopes],
        [e.type for e in envelopes],
        [e.occurred_at for e in envelopes],
        [e.order_id for e in envelopes],
        [e.marketplace for e in envelopes],
        [as_json(e.data.model_dump(mode="json", exclude_none=True)) for e in envelopes],  # type: ignore[attr-defined]
        digests,
    )  # fmt: skip
    stored: dict[str, uuid.UUID] = {}
    for row_id, event_id, _ in rows:
        if row_id is not None:
            stored[event_id] = row_id
    return stored, rows[-1][2] if rows else ""


async def _driver(session: AsyncSession) -> asyncpg.Connection:
    """The session's own asyncpg connection, in its transaction: SQLAlchemy begins one with the
    first statement it runs, so one runs first if none has (an API request's key lookup has)."""
    connection = await session.connection()
    driver: asyncpg.Connection = (await connection.get_raw_connection()).driver_connection
    if not driver.is_in_transaction():
        await connection.exec_driver_sql("SELECT 1")
    return driver
