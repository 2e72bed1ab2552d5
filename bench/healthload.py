"""The rows of bench/health: a seller's orders with their health facts, cases, clocks, buyer
messages and ratings, written with set-based SQL.

Per 1,000 orders (spread over 180 days): ~10 with negative feedback, ~5 with an A-to-Z claim
(seven in ten closed, with an outcome), ~2 chargebacks; and ~200 cases, each with its clock:
a feedback, claim or chargeback case for each such order, returns (4 %), cancellations (1 %)
and buyer-message threads (13 %) with one to four messages each (~325 messages), a tenth of
the threads rated by the buyer (a message.rated event).
"""

import uuid
from dataclasses import dataclass

from bench.bulk import run_sql

DAYS = 180


@dataclass(frozen=True)
class Shape:
    orders: int
    # Share of orders on the US marketplace; the rest split between CA and MX.
    us_share: float


def _orders(shape: Shape) -> str:
    """Stage table `o`: one row per order with its health facts (relative to now())."""
    ca = shape.us_share + (1 - shape.us_share) * 0.6
    return f"""
CREATE TEMP TABLE o ON COMMIT DROP AS
SELECT n, order_id, marketplace, ordered_at,
       CASE WHEN r_feedback < 0.01 THEN ordered_at + (now() - ordered_at) * random() END AS negative_feedback_at,
       claim_opened_at,
       CASE WHEN claim_closed THEN CASE
            WHEN r_claim < 0.0035 * 0.4 THEN 'refunded'
            WHEN r_claim < 0.0035 * 0.6 THEN 'granted_seller_funded'
            WHEN r_claim < 0.0035 * 0.8 THEN 'withdrawn'
            ELSE 'closed_for_seller' END END AS claim_outcome,
       CASE WHEN claim_closed THEN claim_opened_at + (now() - claim_opened_at) * random() END AS claim_closed_at,
       CASE WHEN r_chargeback < 0.002 THEN ordered_at + (now() - ordered_at) * random() END AS chargeback_at
FROM (
    SELECT *,
           CASE WHEN r_claim < 0.005 THEN ordered_at + (now() - ordered_at) * random() * 0.5 END AS claim_opened_at,
           r_claim < 0.0035 AS claim_closed
    FROM (
        SELECT n, '112-' || lpad(n::text, 7, '0') || '-' || lpad((n::bigint * 7919 % 10000000)::text, 7, '0') AS order_id,
               CASE WHEN r_market < {shape.us_share} THEN 'US' WHEN r_market < {ca} THEN 'CA' ELSE 'MX' END AS marketplace,
               now() - interval '{DAYS} days' * random() AS ordered_at,
               random() AS r_feedback, random() AS r_claim, random() AS r_chargeback
        FROM (SELECT n, random() AS r_market FROM generate_series(1, {shape.orders}) AS n) g
    ) s
) t
"""


_INSERT_ORDERS = """
INSERT INTO orders (id, seller_id, order_id, marketplace, facts, created_at, updated_at, ordered_at,
                    negative_feedback_at, claim_opened_at, claim_outcome, claim_closed_at, chargeback_at)
SELECT gen_random_uuid(), $1, order_id, marketplace, '{}', ordered_at, ordered_at, ordered_at,
       negative_feedback_at, claim_opened_at, claim_outcome, claim_closed_at, chargeback_at
FROM o
"""

# Stage table `c`: one case per row with its one clock. A clock whose window is still open
# runs (or was met early); an older one was met or, one time in ten, breached. Claims follow
# their order: the decision clock runs while the claim is open and is cancelled when it closes.
_CASES = """
CREATE TEMP TABLE c ON COMMIT DROP AS
SELECT *,
       CASE WHEN state IN ('met', 'cancelled')
                THEN least(coalesce(claim_closed_at, opened_at + (due_at - opened_at) * r), now())
            WHEN state = 'breached' AND kind <> 'claim' THEN least(due_at + (due_at - opened_at) * r, now())
       END AS stopped_at,
       extract(epoch FROM now() - opened_at) / (hours * 3600) AS elapsed
FROM (
SELECT *, gen_random_uuid() AS case_id, gen_random_uuid() AS clock_id,
       opened_at + make_interval(hours => hours) AS due_at,
       CASE WHEN kind = 'claim' THEN CASE WHEN claim_closed_at IS NOT NULL THEN 'cancelled'
                                          WHEN opened_at + make_interval(hours => hours) < now() THEN 'breached'
                                          ELSE 'running' END
            WHEN opened_at + make_interval(hours => hours) > now() THEN CASE WHEN r < 0.7 THEN 'running' ELSE 'met' END
            WHEN r < 0.9 THEN 'met' ELSE 'breached' END AS state
FROM (
    SELECT n, order_id, marketplace, 'claim' AS kind, 'claim-' || n AS key, claim_opened_at AS opened_at,
           'claim.decision' AS clock_kind, 14 * 24 AS hours, 'claim.opened' AS started_by_type, claim_closed_at, random() AS r
    FROM o WHERE claim_opened_at IS NOT NULL
    UNION ALL
    SELECT n, order_id, marketplace, 'chargeback', 'cb-' || n, chargeback_at, 'chargeback.respond', 7 * 24,
           'chargeback.opened', NULL, random() FROM o WHERE chargeback_at IS NOT NULL
    UNION ALL
    SELECT n, order_id, marketplace, 'feedback', '', negative_feedback_at, 'feedback.removal', 60 * 24,
           'feedback.received', NULL, random() FROM o WHERE negative_feedback_at IS NOT NULL
    UNION ALL
    SELECT n, order_id, marketplace, 'return', 'rma-' || n, least(ordered_at + interval '3 days' + interval '17 days' * random(), now()),
           'return.decide', 48, 'return.requested', NULL, random() FROM o WHERE n % 100 BETWEEN 10 AND 13
    UNION ALL
    SELECT n, order_id, marketplace, 'cancellation', '', least(ordered_at + interval '4 hours' * random(), now()),
           'cancellation.act', 24, 'cancellation.requested', NULL, random() FROM o WHERE n % 100 = 14
    UNION ALL
    SELECT n, order_id, marketplace, 'message', 'thread-' || n, least(ordered_at + interval '10 days' * random(), now()),
           'message.reply', 24, 'message.received', NULL, random() FROM o WHERE n % 100 BETWEEN 15 AND 27
) k
) s
"""

_INSERT_CASES = """
INSERT INTO cases (id, seller_id, order_id, marketplace, kind, key, status, is_open, band, opened_at, closed_at,
                   sort_due_at, facts, created_at, updated_at)
SELECT case_id, $1, order_id, marketplace, kind, key,
       CASE WHEN state = 'running' OR (kind = 'claim' AND state = 'breached') THEN
                CASE kind WHEN 'message' THEN 'awaiting_reply' WHEN 'cancellation' THEN 'requested'
                          WHEN 'return' THEN 'requested' ELSE 'open' END
            ELSE CASE kind WHEN 'message' THEN 'answered' WHEN 'return' THEN 'refunded' WHEN 'feedback' THEN 'removed'
                           ELSE 'closed' END END,
       state = 'running' OR (kind = 'claim' AND state = 'breached'),
       CASE kind WHEN 'cancellation' THEN 1 WHEN 'return' THEN 2 WHEN 'claim' THEN 3 WHEN 'chargeback' THEN 3 ELSE 4 END,
       opened_at,
       CASE WHEN NOT (state = 'running' OR (kind = 'claim' AND state = 'breached')) THEN stopped_at END,
       CASE WHEN state = 'running' THEN due_at ELSE '9999-12-31T00:00:00+00:00' END,
       '{}', opened_at, opened_at
FROM c
"""

_INSERT_CLOCKS = """
INSERT INTO clocks (id, seller_id, case_id, marketplace, kind, state, started_at, due_at, window_seconds,
                    warning_percents, policy_version, started_by_event, started_by_type, stopped_at, stopped_by_event,
                    stopped_by_type, created_at, updated_at)
SELECT clock_id, $1, case_id, marketplace, clock_kind, state, opened_at, due_at, hours * 3600, '{50,75,90}', 1,
       started_by_type || ':' || n, started_by_type,
       stopped_at, CASE WHEN stopped_at IS NOT NULL THEN 'stop:' || n END,
       CASE WHEN stopped_at IS NOT NULL THEN CASE kind WHEN 'message' THEN 'message.sent' WHEN 'return' THEN 'return.authorized'
            WHEN 'claim' THEN 'claim.closed' WHEN 'chargeback' THEN 'chargeback.responded' WHEN 'feedback' THEN 'feedback.removed'
            ELSE 'order.upserted' END END,
       opened_at, opened_at
FROM c
"""

# A running clock's bookmark: the warnings (50/75/90 %) already passed, and the next one.
_INSERT_BOOKMARKS = """
INSERT INTO clock_bookmarks (clock_id, next_fire_at, fired_through)
SELECT clock_id,
       opened_at + make_interval(hours => hours) * CASE
           WHEN elapsed >= 0.9 THEN 1.0 WHEN elapsed >= 0.75 THEN 0.9 WHEN elapsed >= 0.5 THEN 0.75 ELSE 0.5 END,
       CASE WHEN elapsed >= 0.9 THEN 90 WHEN elapsed >= 0.75 THEN 75 WHEN elapsed >= 0.5 THEN 50 ELSE 0 END
FROM c WHERE state = 'running'
"""

# run_sql turns triggers off, the one that appends each order's day included: append them here.
_INSERT_ORDER_DAY_CHANGES = """
INSERT INTO order_day_changes (seller_id, marketplace, day, orders)
SELECT seller_id, marketplace, (ordered_at AT TIME ZONE 'UTC')::date, count(*) FROM orders
WHERE seller_id = $1 AND ordered_at IS NOT NULL GROUP BY 1, 2, 3
"""

# One to four messages a thread, six hours apart: most answered within 24 hours, some late,
# some marked as needing no response, a few not answered yet.
_INSERT_MESSAGES = """
INSERT INTO buyer_messages (id, seller_id, case_id, marketplace, order_id, event_id, received_at, answered_at,
                            answered_by, no_response_needed)
SELECT gen_random_uuid(), $1, case_id, marketplace, order_id, 'msg-' || n || '-' || m, received_at,
       CASE WHEN answered_at <= now() THEN answered_at END,
       CASE WHEN answered_at <= now() THEN 'agent-' || (n % 12) END,
       rm < 0.04
FROM (
    SELECT t.*, received_at, rm,
           CASE WHEN rm < 0.04 THEN NULL
                WHEN rm < 0.90 THEN received_at + interval '20 hours' * random()
                WHEN rm < 0.97 THEN received_at + interval '24 hours' + interval '48 hours' * random() END AS answered_at
    FROM (SELECT case_id, marketplace, order_id, n, opened_at, generate_series(1, 1 + n % 4) AS m
          FROM c WHERE kind = 'message') t
    CROSS JOIN LATERAL (SELECT least(t.opened_at + make_interval(hours => 6 * (t.m - 1)), now()) AS received_at,
                               random() AS rm) x
) s
"""

# A rating for a tenth of the threads, "no" one time in six.
_INSERT_RATINGS = """
INSERT INTO events (id, seller_id, source, event_id, type, occurred_at, received_at, order_id, marketplace, data,
                    body_hash, case_ids)
SELECT gen_random_uuid(), $1, 'helpdesk', 'rated-' || n, 'message.rated', occurred_at, occurred_at, order_id,
       marketplace, jsonb_build_object('thread_id', key, 'rating', CASE WHEN random() < 1.0 / 6 THEN 'no' ELSE 'yes' END),
       md5(n::text) || md5(order_id), ARRAY[case_id]
FROM (SELECT c.*, least(opened_at + interval '3 days' * random(), now()) AS occurred_at FROM c
      WHERE kind = 'message' AND (n / 100) % 10 = 3) s
"""


async def load(database_url: str, seller_id: uuid.UUID, shape: Shape) -> None:
    seller = (seller_id,)
    await run_sql(
        database_url,
        [
            (_orders(shape), ()),
            (_INSERT_ORDERS, seller),
            (_INSERT_ORDER_DAY_CHANGES, seller),
            (_CASES, ()),
            (_INSERT_CASES, seller),
            (_INSERT_CLOCKS, seller),
            (_INSERT_BOOKMARKS, ()),
            (_INSERT_MESSAGES, seller),
            (_INSERT_RATINGS, seller),
        ],
    )
