"""Engine, session factory and the errors that mean 'the database is not reachable'."""

import asyncio
import socket
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from functools import lru_cache
from typing import Any

import asyncpg
from sqlalchemy import bindparam, text
from sqlalchemy import exc as sa_exc
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from services.core.kit.ids import new_id


def async_url(url: str) -> str:
    """Accept the usual postgres:// and postgresql:// forms and pick the asyncpg driver."""
    parsed = make_url(url)
    if parsed.drivername in ("postgres", "postgresql", "postgresql+psycopg", "postgresql+psycopg2"):
        parsed = parsed.set(drivername="postgresql+asyncpg")
    return parsed.render_as_string(hide_password=False)


def create_engine(url: str, *, pool_size: int = 10, statement_timeout_ms: int = 30_000) -> AsyncEngine:
    return create_async_engine(
        async_url(url),
        pool_size=pool_size,
        max_overflow=pool_size,
        # A connection that died with the server is noticed and replaced, so the service
        # recovers by itself when Postgres comes back.
        pool_pre_ping=True,
        pool_timeout=5,
        connect_args={
            "timeout": 5,
            "server_settings": {
                "statement_timeout": str(statement_timeout_ms),
                "application_name": "aftersales",
                "timezone": "UTC",
            },
        },
    )


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


@asynccontextmanager
async def transaction(factory: async_sessionmaker[AsyncSession]) -> AsyncIterator[AsyncSession]:
    """Commit on success, roll back on any error. Work that may ask for jobs (an outbound event
    asks for its deliveries) opens a `unit_of_work`, which rings them after this commits."""
    async with factory() as session, session.begin():
        yield session


async def ping(engine: AsyncEngine) -> None:
    """A round trip to Postgres; raises when it cannot be made."""
    async with engine.connect() as connection:
        await connection.execute(text("SELECT 1"))


UNAVAILABLE_ERRORS: tuple[type[BaseException], ...] = (
    ConnectionError,
    socket.gaierror,
    asyncio.TimeoutError,
    asyncpg.exceptions.CannotConnectNowError,
    asyncpg.exceptions.ConnectionDoesNotExistError,
    asyncpg.exceptions.AdminShutdownError,
    asyncpg.exceptions.TooManyConnectionsError,
    asyncpg.exceptions.ConnectionFailureError,
    asyncpg.exceptions.InterfaceError,
    sa_exc.TimeoutError,
)


def _chain(error: BaseException) -> Iterator[BaseException]:
    """The error and what caused it, each once: SQLAlchemy wraps the driver's error in its own."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def is_unavailable(error: BaseException) -> bool:
    """True when the error says Postgres cannot be reached, not that the query was wrong."""
    return any(
        isinstance(e, UNAVAILABLE_ERRORS)
        or (isinstance(e, sa_exc.DBAPIError) and e.connection_invalidated)
        # A missing unix socket (FileNotFoundError) or a refused port both mean 'down'.
        or isinstance(e, OSError)
        for e in _chain(error)
    )


def is_overloaded(error: BaseException) -> bool:
    """True when Postgres refused for want of a resource (SQLSTATE class 53 but too many
    connections, which is 'unreachable'): out of shared memory for locks, out of disk."""
    return any(isinstance(e, asyncpg.exceptions.InsufficientResourcesError) for e in _chain(error))


def is_unstorable_text(error: BaseException) -> bool:
    """True when Postgres refused a text it cannot store: a NUL character (U+0000), in a text
    column or a JSON string; what was sent, not the database, is at fault."""
    refused = (
        asyncpg.exceptions.CharacterNotInRepertoireError,
        asyncpg.exceptions.UntranslatableCharacterError,
    )
    return any(isinstance(e, refused) for e in _chain(error))


async def insert_once(
    session: AsyncSession, model: Any, unique: list[str], **values: Any
) -> uuid.UUID | None:
    """Insert a row unless its unique key exists already: the new id, or None.

    A concurrent insert of the same key waits for the other transaction, then yields None: the
    constraint decides, never a check-then-insert, so "exactly once" holds under any race.
    """
    statement = _insert_once_statement(model, tuple(unique), tuple(values))
    found: uuid.UUID | None = await session.scalar(
        statement, {f"{column}_": value for column, value in {"id": new_id(), **values}.items()}
    )
    return found


@lru_cache(maxsize=64)
def _insert_once_statement(model: Any, unique: tuple[str, ...], columns: tuple[str, ...]) -> Any:
    # Built once per shape (every event's first statement is one): bind names differ from the
    # columns', which SQLAlchemy keeps for itself.
    return (
        insert(model)
        .values({column: bindparam(f"{column}_") for column in ("id", *columns)})
        .on_conflict_do_nothing(index_elements=list(unique))
        .returning(model.id)
    )
