"""The one error base of the core: what kind of failure it is, a problem slug and extra fields.

Core code raises these and knows nothing of HTTP; `services/api/errors.py` turns each into an
RFC 9457 problem document (the kind picks the status), and the workers log them with their ids.
A slug names a section of docs/PROBLEMS.md, so a seller's engineer can look the failure up.
"""

from enum import StrEnum
from typing import Any, ClassVar


class Failure(StrEnum):
    INVALID = "invalid"  # the request cannot be carried out as sent
    NOT_FOUND = "not_found"  # no such thing on this seller account
    CONFLICT = "conflict"  # it does not fit the state of the thing, or a repeat differs
    UNAUTHENTICATED = "unauthenticated"  # who sent it is not proven
    FORBIDDEN = "forbidden"  # proven, but not allowed
    UNAVAILABLE = "unavailable"  # a dependency is down; retrying later can succeed
    RATE_LIMITED = "rate_limited"  # too many requests of one caller; retry after `retry_after` seconds


class AftersalesError(Exception):
    """Raise a subclass; `extra` becomes extra members of the problem document."""

    failure: ClassVar[Failure] = Failure.INVALID
    slug: str = "validation"
    # An authentication scheme the caller should use, for failures of authentication.
    challenge: ClassVar[str | None] = None

    def __init__(self, detail: str, *, slug: str | None = None, **extra: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        if slug is not None:
            self.slug = slug
        self.extra = extra


class Invalid(AftersalesError):
    failure = Failure.INVALID
    slug = "validation"


class NotFound(AftersalesError):
    failure = Failure.NOT_FOUND
    slug = "not-found"


class Conflict(AftersalesError):
    failure = Failure.CONFLICT
    slug = "conflict"


class NotAllowed(Conflict):
    """An action asked of us that the case's state does not allow; names the state."""

    slug = "action-not-allowed"

    def __init__(self, detail: str, state: str) -> None:
        super().__init__(detail, state=state)
        self.state = state


class Unauthenticated(AftersalesError):
    failure = Failure.UNAUTHENTICATED
    slug = "unauthenticated"


class Forbidden(AftersalesError):
    failure = Failure.FORBIDDEN
    slug = "forbidden"


class Unavailable(AftersalesError):
    failure = Failure.UNAVAILABLE
    slug = "service-unavailable"
