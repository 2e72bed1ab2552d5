"""The migrations build exactly the schema the models describe, and undo it cleanly."""

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from services.core import migrate
from services.core.db import create_engine
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
            lambda c: compare_metadata(MigrationContext.configure(c, opts={"compare_type": True}), Base.metadata)
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
