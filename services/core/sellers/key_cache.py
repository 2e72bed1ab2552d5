"""API keys known to this process, so a single event's request needs no statement to learn its
seller and scopes.

Only live keys are kept: an unknown secret is looked up every time, so a key made a moment ago
works at once. A kept key is never trusted alone: the group commit checks in its own
transaction that every key it acts for is still live (`ingest/group.py`), so a revocation
refuses the next request, however long this process has known the key. A key's scopes and
seller never change after it is made.
"""

import time
import uuid
from collections import OrderedDict

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.core.kit.db import transaction
from services.core.sellers.service import KEY_PREFIX, LiveKey, authenticate, hash_key


class KeyCache:
    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], *, size: int = 10_000, seconds: float = 300.0
    ) -> None:
        self._sessions = sessions
        self._size, self._seconds = size, seconds
        self._keys: OrderedDict[str, tuple[LiveKey, float]] = OrderedDict()

    async def authenticate(self, secret: str) -> LiveKey | None:
        """The live key for a presented secret, or None for a wrong or revoked one."""
        if not secret.startswith(KEY_PREFIX):
            return None
        digest = hash_key(secret)
        kept = self._keys.get(digest)
        if kept is not None and kept[1] > time.monotonic():
            self._keys.move_to_end(digest)
            return kept[0]
        async with transaction(self._sessions) as session:
            key = await authenticate(session, secret)
        if key is None:
            self._keys.pop(digest, None)
            return None
        self._keys[digest] = (key, time.monotonic() + self._seconds)
        self._keys.move_to_end(digest)
        while len(self._keys) > self._size:
            self._keys.popitem(last=False)
        return key

    def forget(self, key_id: uuid.UUID) -> None:
        """Drop a key found revoked, so its next request asks the database."""
        for digest, (key, _) in list(self._keys.items()):
            if key.id == key_id:
                del self._keys[digest]
