import importlib
import pkgutil
import re
from collections.abc import Iterator
from pathlib import Path

import asyncpg

from services.api.errors import STATUS, field_path
from services.core.kit.db import is_overloaded, is_unavailable
from services.core.kit.errors import AftersalesError, Failure

PROBLEMS = Path(__file__).resolve().parents[3] / "docs" / "PROBLEMS.md"
errors_module = AftersalesError.__module__


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


def _subclasses(cls: type) -> Iterator[type]:
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def test_every_error_the_core_raises_is_a_documented_problem() -> None:
    import services.core

    for module in pkgutil.walk_packages(services.core.__path__, "services.core."):
        importlib.import_module(module.name)
    documented = set(re.findall(r"`/problems/([a-z-]+)`", PROBLEMS.read_text()))
    raised = {c.__qualname__: c.slug for c in _subclasses(AftersalesError) if c.__module__ != errors_module}
    assert len(raised) > 20, "the walk found the core's errors"
    assert {name: slug for name, slug in raised.items() if slug not in documented} == {}
    assert set(STATUS) == set(Failure), "every kind of failure answers with a status"
