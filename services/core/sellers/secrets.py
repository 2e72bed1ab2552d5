"""Rewriting every stored signing secret with the secrets key in force: seals plaintext rows
from before a key was set, moves sealed rows to the newest key after a rotation, and (with no
key set) writes them back in plaintext."""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import flag_modified

from services.core.models import Producer, WebhookEndpoint


@dataclass(frozen=True)
class Resealed:
    producers: int
    endpoints: int


async def reseal(session: AsyncSession) -> Resealed:
    """Read each secret (opened with any key set) and write it again (sealed with the first)."""
    counts = []
    for model in (Producer, WebhookEndpoint):
        rows = list(await session.scalars(select(model).with_for_update()))
        for row in rows:
            # Unchanged values are not written by the ORM: mark them, so they are sealed anew.
            flag_modified(row, "secret")
            flag_modified(row, "previous_secret")
        counts.append(len(rows))
    await session.flush()
    return Resealed(*counts)
