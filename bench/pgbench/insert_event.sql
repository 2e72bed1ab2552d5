-- B0 of bench/ingest: the INSERT that POST /v1/events starts with (services/core/ingest/),
-- run as a prepared statement like asyncpg does. Random event and order ids: no conflicts.
INSERT INTO events (id, seller_id, source, event_id, type, occurred_at, received_at, order_id,
                    marketplace, data, body_hash, case_ids)
VALUES (gen_random_uuid(), :seller_id, 'api', 'pgb-' || gen_random_uuid(), 'message.received',
        '2026-01-05T09:00:00Z', now(), 'pgb-' || gen_random_uuid(), 'US', '{"thread_id": "t1"}',
        md5(random()::text) || md5(random()::text), '{}')
ON CONFLICT (seller_id, source, event_id) DO NOTHING;
