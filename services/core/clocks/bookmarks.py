"""The sweep's bookmarks on running clocks (`clock_bookmarks`), as the sweep writes them.

A clock has a bookmark while it runs with a threshold still to fire: ingest sets one when a
clock starts and drops it when the clock stops (in its write statement, `ingest/writes.py`);
the sweep moves it past each threshold it fires and drops it with the breach. Both write under
the order's lock, so each sees the other's last word. Plain statements over arrays: the sweep
moves hundreds a transaction.
"""

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

_MOVE = text("""
    UPDATE clock_bookmarks SET next_fire_at = b.next_fire_at, fired_through = b.fired_through
    FROM unnest(CAST(:clocks AS uuid[]), CAST(:next AS timestamptz[]), CAST(:fired AS int[]))
         AS b(clock_id, next_fire_at, fired_through)
    WHERE clock_bookmarks.clock_id = b.clock_id
""")
_DROP = text("DELETE FROM clock_bookmarks WHERE clock_id = ANY(CAST(:clocks AS uuid[]))")


async def move(session: AsyncSession, moves: Sequence[tuple[uuid.UUID, datetime, int]]) -> None:
    """(clock, next threshold due, fired through) for clocks whose bookmark the caller holds locked."""
    if moves:
        clocks, following, fired = (list(column) for column in zip(*moves, strict=True))
        await session.execute(_MOVE, {"clocks": clocks, "next": following, "fired": fired})


async def drop(session: AsyncSession, clock_ids: Sequence[uuid.UUID]) -> None:
    if clock_ids:
        await session.execute(_DROP, {"clocks": list(clock_ids)})
