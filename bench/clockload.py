"""The rows of bench/clocks: orders, cases and running clocks, written with set-based SQL.

Every clock has its case and every case its order (same seller and order id), as ingest and
the sweep would leave them: six kinds of clock whose windows run from 24 hours to 30 days, each
started in the past and part-way through its window, its bookmark (`clock_bookmarks`) past its
earlier thresholds (`fired_through`) and on the next one (`next_fire_at`: a warning at 50, 75 or
90 % of the window, or the breach). No next threshold comes within `lead` of the load, so none
falls due while the bench runs. Authorized returns whose shipping reminder would be due by then
have had it, as the reminder dispatcher would have seen to.

Each group of clocks is told apart by its `started_by_event` prefix, so a phase can move its own
group's times ("arm" it) without touching the rest.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

import asyncpg

from bench.bulk import run_sql

# The threshold a clock waits for next, and the one it fired last.
NEXT_THRESHOLDS = ((50, 0), (75, 50), (90, 75), (100, 90))
# DOMAIN.md 4 and the policy's default: a return's one reminder goes out this long after the
# return was authorized with no scan since.
REMINDER_AFTER = timedelta(days=7)


@dataclass(frozen=True)
class Group:
    """Clocks numbered `first`..`first + count - 1`, whose events are `bench-<name>-<n>`."""

    name: str
    first: int
    count: int

    @property
    def like(self) -> str:
        return f"bench-{self.name}-%"


# case kind, clock kind, window (h), case status, band, the event that starts the clock,
# and the prefix of the case key: what ingest makes of each starting event.
KINDS = (
    ("message", "message.reply", 24, "awaiting_reply", 4, "message.received", "thread-"),
    ("cancellation", "cancellation.act", 24, "requested", 1, "cancellation.requested", ""),
    ("return", "return.decide", 48, "requested", 2, "return.requested", "rma-"),
    ("return", "return.ship", 30 * 24, "authorized", 2, "return.authorized", "rma-"),
    ("claim", "claim.decision", 14 * 24, "open", 3, "claim.opened", "claim-"),
    ("chargeback", "chargeback.respond", 7 * 24, "open", 3, "chargeback.opened", "cb-"),
)


def _kinds_values() -> str:
    rows = ", ".join(
        f"({k}, '{case}', '{clock}', {hours * 3600}, '{status}', {band}, '{event}', '{key}')"
        for k, (case, clock, hours, status, band, event, key) in enumerate(KINDS)
    )
    return f"(VALUES {rows}) AS k(k, case_kind, clock_kind, window_seconds, status, band, started_by_type, key_prefix)"


def _thresholds_values() -> str:
    rows = ", ".join(f"({t}, {p}, {prev})" for t, (p, prev) in enumerate(NEXT_THRESHOLDS))
    return f"(VALUES {rows}) AS t(t, next_percent, fired_through)"


def min_gap() -> timedelta:
    """The shortest time between two thresholds of any clock: the most `lead` may be."""
    hours = min(kind[2] for kind in KINDS)
    return timedelta(hours=hours) * min(p - prev for p, prev in NEXT_THRESHOLDS) / 100


def _stage(group: Group, now: datetime, lead: timedelta) -> str:
    """The group's rows, one per clock, to copy into the tables in the same transaction.

    A clock waiting for threshold p, having fired prev, is due at random between now + lead and
    now + the time from prev to p: so prev's time has passed and the clock started in the past.
    Thresholds fall on whole seconds (windows are whole hours), so the sweep's own arithmetic
    (started_at + window * p / 100) gives exactly next_fire_at. CREATE TABLE AS takes no bind
    parameters, so the values go into the text; all of them are the bench's own numbers.
    """
    if lead >= min_gap():
        raise ValueError(f"lead {lead} must be shorter than {min_gap()}, the shortest gap between thresholds")
    last = group.first + group.count - 1
    lead_s = int(lead.total_seconds())
    return f"""
CREATE TEMP TABLE stage ON COMMIT DROP AS
SELECT x.*, gen_random_uuid() AS case_id, gen_random_uuid() AS clock_id,
       '111-' || lpad(n::text, 7, '0') || '-' || lpad((n::bigint * 7919 % 10000000)::text, 7, '0') AS order_id,
       fire_at - make_interval(secs => window_seconds * next_percent / 100) AS started_at,
       fire_at + make_interval(secs => window_seconds * (100 - next_percent) / 100) AS due_at
FROM (
    SELECT g.n, k.*, t.*,
           '{now.isoformat()}'::timestamptz + make_interval(secs => {lead_s}
               + floor(random() * (k.window_seconds * (t.next_percent - t.fired_through) / 100 - {lead_s})))
           AS fire_at
    FROM (SELECT n, n % {len(KINDS)} AS kind_no, n / {len(KINDS)} % {len(NEXT_THRESHOLDS)} AS threshold_no
          FROM generate_series({group.first}, {last}) AS n) g
    JOIN {_kinds_values()} ON k.k = g.kind_no
    JOIN {_thresholds_values()} ON t.t = g.threshold_no
) x
"""


_ORDERS = """
INSERT INTO orders (id, seller_id, order_id, marketplace, facts, created_at, updated_at, ordered_at)
SELECT gen_random_uuid(), $1, order_id, 'US', '{}', started_at, started_at, started_at - interval '2 days'
FROM stage
"""

_CASES = """
INSERT INTO cases (id, seller_id, order_id, marketplace, kind, key, status, is_open, band, opened_at,
                   sort_due_at, facts, created_at, updated_at)
SELECT case_id, $1, order_id, 'US', case_kind, CASE WHEN key_prefix = '' THEN '' ELSE key_prefix || n END,
       status, true, band, started_at, due_at, '{}', started_at, started_at
FROM stage
"""


def _clocks(group: Group) -> str:
    return f"""
INSERT INTO clocks (id, seller_id, case_id, marketplace, kind, state, started_at, due_at, window_seconds,
                    warning_percents, policy_version, started_by_event, started_by_type, created_at, updated_at)
SELECT clock_id, $1, case_id, 'US', clock_kind, 'running', started_at, due_at, window_seconds, '{{50,75,90}}', 1,
       'bench-{group.name}-' || n, started_by_type, started_at, started_at
FROM stage
"""


_BOOKMARKS = """
INSERT INTO clock_bookmarks (clock_id, next_fire_at, fired_through)
SELECT clock_id, fire_at, fired_through FROM stage
"""


def _reminders(now: datetime, lead: timedelta) -> str:
    return f"""
INSERT INTO reminders (id, seller_id, case_id, order_id, kind, reason, created_by, created_at, details,
                       outcome, outcome_by, outcome_at)
SELECT gen_random_uuid(), $1, case_id, order_id, 'message', 'scheduled', 'aftersales', reminded_at,
       '{{"language": "en", "subject": "Your return", "body": "Please ship the return."}}', 'emailed',
       'aftersales', reminded_at
FROM (SELECT *, started_at + make_interval(secs => {REMINDER_AFTER.total_seconds():f}) AS reminded_at FROM stage
      WHERE clock_kind = 'return.ship') s
WHERE reminded_at <= '{now.isoformat()}'::timestamptz + make_interval(secs => {lead.total_seconds():f})
"""


async def load(database_url: str, seller_id: uuid.UUID, group: Group, now: datetime, lead: timedelta) -> None:
    """Write `group`'s orders, cases, clocks and reminders; no threshold due before now + lead."""
    seller = (seller_id,)
    await run_sql(
        database_url,
        [
            (_stage(group, now, lead), ()),
            (_ORDERS, seller),
            (_CASES, seller),
            (_clocks(group), seller),
            (_BOOKMARKS, ()),
            (_reminders(now, lead), seller),
        ],
    )


async def arm(connection: asyncpg.Connection, group: Group, first: datetime, span: timedelta) -> None:
    """Make `group`'s clocks wait for their first warning (50 %), due evenly over [first,
    first + span], each keeping its window. With `span` zero all are due in the same instant."""
    await connection.execute(
        """
        WITH f AS MATERIALIZED (
            SELECT id, $2::timestamptz + $3::interval * (row_number() OVER (ORDER BY id) - 1)
                                                      / greatest(count(*) OVER () - 1, 1) AS fire_at
            FROM clocks WHERE started_by_event LIKE $1
        ), armed AS (
            UPDATE clocks c
            SET started_at = f.fire_at - make_interval(secs => c.window_seconds / 2),
                due_at = f.fire_at + make_interval(secs => c.window_seconds / 2)
            FROM f WHERE c.id = f.id
        )
        UPDATE clock_bookmarks b SET fired_through = 0, next_fire_at = f.fire_at
        FROM f WHERE b.clock_id = f.id
        """,
        group.like,
        first,
        span,
    )


async def still_due(connection: asyncpg.Connection, until: datetime) -> bool:
    """Whether any clock's next threshold is due by `until` (the sweep's own index)."""
    return bool(
        await connection.fetchval(
            "SELECT EXISTS (SELECT 1 FROM clock_bookmarks WHERE next_fire_at <= $1)",
            until,
        )
    )


async def firing_count(connection: asyncpg.Connection) -> int:
    return int(await connection.fetchval("SELECT count(*) FROM clock_firings"))


async def lags(connection: asyncpg.Connection, group: Group) -> list[float]:
    """The lag (fired_at - due_at, seconds) of each firing of the group's clocks."""
    rows = await connection.fetch(
        """
        SELECT extract(epoch FROM f.fired_at - f.due_at)::float8
        FROM clock_firings f JOIN clocks c ON c.id = f.clock_id
        WHERE c.started_by_event LIKE $1
        """,
        group.like,
    )
    return [row[0] for row in rows]
