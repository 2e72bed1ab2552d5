"""The migrations build exactly the schema the models describe, and undo it cleanly."""

from datetime import datetime

import asyncpg
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from services.core.kit import migrate
from services.core.kit.db import async_url, create_engine
from services.core.models import Base


async def _tables(url: str) -> set[str]:
    engine = create_engine(url, pool_size=1)
    async with engine.connect() as conn:
        names = await conn.run_sync(lambda c: set(inspect(c).get_table_names()))
    await engine.dispose()
    return names - {"alembic_version"}


async def _diff(url: str) -> list[object]:
    engine = create_engine(url, pool_size=1)
    async with engine.connect() as conn:
        diff = await conn.run_sync(
            lambda c: compare_metadata(
                MigrationContext.configure(c, opts={"compare_type": True}), Base.metadata
            )
        )
        version = await conn.scalar(text("SELECT version_num FROM alembic_version"))
    await engine.dispose()
    assert version is not None
    return list(diff)


async def test_upgrade_downgrade_upgrade_and_no_drift(fresh_database: str) -> None:
    migrate.upgrade(fresh_database)
    assert await _tables(fresh_database) == set(Base.metadata.tables)
    migrate.downgrade(fresh_database, "base")
    assert await _tables(fresh_database) == set()
    migrate.upgrade(fresh_database)
    assert await _diff(fresh_database) == [], "models and migrations differ: add a revision"


async def test_bookmarks_leave_the_clocks_table_with_what_they_said(fresh_database: str) -> None:
    """0018 moves each running clock's bookmark to clock_bookmarks, and back on a downgrade."""
    migrate.upgrade(fresh_database, "0017")
    connection = await asyncpg.connect(async_url(fresh_database).replace("+asyncpg", ""))
    try:
        seller = await connection.fetchval(
            "INSERT INTO sellers (id, name, marketplaces) VALUES (gen_random_uuid(), 's', '{US}') RETURNING id"
        )
        case = await connection.fetchval(
            """
            INSERT INTO cases (id, seller_id, order_id, marketplace, kind, key, status, is_open, band, opened_at, sort_due_at, facts)
            VALUES (gen_random_uuid(), $1, '111-1', 'US', 'message', 't', 'awaiting_reply', true, 4, now(), now(), '{}')
            RETURNING id""",
            seller,
        )
        clocks = {}
        for state, fired, next_fire in (
            ("running", 75, "2026-12-02T09:00:00Z"),
            ("met", 50, None),
            ("breached", 100, None),
        ):
            clocks[state] = await connection.fetchval(
                """
                INSERT INTO clocks (id, seller_id, case_id, marketplace, kind, state, started_at, due_at, window_seconds,
                                    warning_percents, policy_version, started_by_event, started_by_type, fired_through,
                                    next_fire_at)
                VALUES (gen_random_uuid(), $1, $2, 'US', 'message.reply', $3, now(), now() + interval '1 day', 86400,
                        '{50,75,90}', 1, $3, 'message.received', $4, $5::timestamptz)
                RETURNING id""",
                seller,
                case,
                state,
                fired,
                next_fire and datetime.fromisoformat(next_fire),
            )
        migrate.upgrade(fresh_database)
        marks = await connection.fetch("SELECT clock_id, next_fire_at, fired_through FROM clock_bookmarks")
        assert [(m["clock_id"], m["next_fire_at"].isoformat(), m["fired_through"]) for m in marks] == [
            (clocks["running"], "2026-12-02T09:00:00+00:00", 75)
        ], "only a running clock with a threshold to fire keeps a bookmark"
        migrate.downgrade(fresh_database, "0017")
        back = {
            r["state"]: (r["fired_through"], r["next_fire_at"])
            for r in await connection.fetch("SELECT state, fired_through, next_fire_at FROM clocks")
        }
        assert back["running"] == (75, datetime.fromisoformat("2026-12-02T09:00:00Z"))
        assert back["breached"] == (100, None) and back["met"][1] is None
    finally:
        await connection.close()
