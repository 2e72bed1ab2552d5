"""Reading and versioning a seller's policy."""

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Text, bindparam, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from services.core.domain.policy import Policy
from services.core.kit.errors import Conflict
from services.core.models import PolicyVersion
from services.core.sellers import audit
from services.core.sellers.audit import Actor


class PolicyConflict(Conflict):
    """Another policy version was saved at the same moment."""


@dataclass(frozen=True)
class VersionedPolicy:
    version: int
    policy: Policy


_CACHE = "aftersales.policies"


async def current(session: AsyncSession, seller_id: uuid.UUID) -> VersionedPolicy:
    """The version in force, read once per unit of work (a batch of events reads it once)."""
    cache: dict[uuid.UUID, VersionedPolicy] = session.info.setdefault(_CACHE, {})
    if seller_id not in cache:
        cache[seller_id] = await _load(session, seller_id)
    return cache[seller_id]


# Every sweep batch reads it: built once. The digest is how ingest, which reads only it with
# the order's state, knows its parsed copy is still the version's document.
_LATEST = (
    select(
        PolicyVersion.version,
        PolicyVersion.document,
        func.md5(PolicyVersion.document.cast(Text)).label("digest"),
    )
    .where(PolicyVersion.seller_id == bindparam("seller_id"))
    .order_by(PolicyVersion.version.desc())
    .limit(1)
)


async def _load(session: AsyncSession, seller_id: uuid.UUID) -> VersionedPolicy:
    row = (await session.execute(_LATEST, {"seller_id": seller_id})).first()
    if row is None:
        raise LookupError(f"seller {seller_id} has no policy")
    return VersionedPolicy(row.version, _parsed(seller_id, row.version, row.digest, row.document))


def known(seller_id: uuid.UUID, version: int, digest: str) -> VersionedPolicy | None:
    """The parsed version, if this process has parsed exactly that document."""
    cached = _PARSED.get((seller_id, version))
    return VersionedPolicy(version, cached[1]) if cached is not None and cached[0] == digest else None


def _parsed(seller_id: uuid.UUID, version: int, digest: str, document: dict[str, Any]) -> Policy:
    # Validated once per process, not once per event: a saved version never changes. The
    # document's digest is compared all the same, so a database restored to an older state,
    # whose version n says something else, is still read right.
    key = (seller_id, version)
    cached = _PARSED.get(key)
    if cached is None or cached[0] != digest:
        if len(_PARSED) >= _PARSED_MAX:
            _PARSED.pop(next(iter(_PARSED)))
        cached = _PARSED[key] = (digest, Policy.model_validate(document))
    return cached[1]


_PARSED: dict[tuple[uuid.UUID, int], tuple[str, Policy]] = {}
_PARSED_MAX = 1024


def _view(found: VersionedPolicy) -> dict[str, Any]:
    return {"version": found.version, "policy": found.policy.model_dump(mode="json")}


async def create_first(session: AsyncSession, seller_id: uuid.UUID) -> None:
    session.add(PolicyVersion(seller_id=seller_id, version=1, document=Policy().model_dump(mode="json")))


async def replace(
    session: AsyncSession, seller_id: uuid.UUID, policy: Policy, actor: Actor
) -> tuple[VersionedPolicy, bool]:
    """Save `policy` as the next version; the same document again makes no new version.

    Two concurrent writers both aiming at version n+1 meet the unique (seller, version)
    constraint, and the second is told to retry.
    """
    now = await current(session, seller_id)
    if now.policy == policy:
        return now, False
    try:
        async with session.begin_nested():
            session.add(
                PolicyVersion(
                    seller_id=seller_id, version=now.version + 1, document=policy.model_dump(mode="json")
                )
            )
    except IntegrityError as error:
        raise PolicyConflict(
            f"policy version {now.version + 1} was saved by another request; read and retry"
        ) from error
    saved = VersionedPolicy(now.version + 1, policy)
    session.info.setdefault(_CACHE, {})[seller_id] = saved
    audit.record(session, seller_id, actor, "policy.changed", ("policy", seller_id), _view(now), _view(saved))
    return saved, True
