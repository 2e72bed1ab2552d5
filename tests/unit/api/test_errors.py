import asyncpg

from services.api.errors import field_path
from services.core.kit.db import is_overloaded, is_unavailable


def test_field_path_reads_like_the_json_it_points_at() -> None:
    assert field_path(("body", "data", "items", 0, "qty")) == "body.data.items[0].qty"
    assert field_path(("query", "limit")) == "query.limit"
    assert field_path(("body",)) == "body"


def test_postgres_short_of_a_resource_is_told_apart_from_unreachable() -> None:
    out_of_locks = asyncpg.exceptions.OutOfMemoryError("out of shared memory")
    # As SQLAlchemy raises it: its own error, caused by the driver's.
    wrapped = RuntimeError("(sqlalchemy.dialects.postgresql.asyncpg.Error) out of shared memory")
    wrapped.__cause__ = out_of_locks
    assert is_overloaded(out_of_locks) and is_overloaded(wrapped)
    assert not is_unavailable(out_of_locks)
    assert not is_overloaded(asyncpg.exceptions.UniqueViolationError("duplicate key"))
    # Too many connections is a resource too, but the middleware asks "unreachable?" first.
    assert is_unavailable(asyncpg.exceptions.TooManyConnectionsError("too many clients"))
