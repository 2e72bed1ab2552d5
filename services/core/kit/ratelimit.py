"""Rate limits per API key and per producer, counted in Redis with the `limits` library.

A fixed window per limit: one Lua INCR-and-EXPIRE round trip a request, and a second one only
when a request is refused, to say when the window ends. Redis is the doorbell, not the truth:
when it is unreachable the limiter lets every request through (fails open) and does not try it
again for `pause_seconds`, so an outage costs requests neither a refusal nor a wait for a
timeout each.
"""

import math
import time

import structlog
from limits import RateLimitItem, parse_many
from limits.aio.storage import RedisStorage
from limits.aio.strategies import FixedWindowRateLimiter
from limits.errors import StorageError
from redis.asyncio import ConnectionPool

from services.core.kit.errors import AftersalesError, Failure

log = structlog.get_logger(__name__)


class RateLimited(AftersalesError):
    failure = Failure.RATE_LIMITED
    slug = "rate-limited"

    def __init__(self, who: str, limit: str, retry_after: int) -> None:
        super().__init__(
            f"too many requests from this {who} (limit {limit}); retry after {retry_after} s",
            limit=limit,
            retry_after=retry_after,
        )


def parse(limits: str) -> list[RateLimitItem]:
    """'100/second; 3000/minute' as the library reads it; empty: no limit."""
    return parse_many(limits) if limits.strip() else []


class Limiter:
    """Counts hits per (kind, identity) against the kind's limits."""

    def __init__(
        self,
        redis_url: str,
        limits: dict[str, str],
        *,
        timeout_seconds: float = 0.25,
        pause_seconds: float = 5.0,
    ) -> None:
        self._limits = {kind: parse(value) for kind, value in limits.items()}
        # redis-py reads the URL (default port, unix socket, TLS, password) into a pool; the
        # library's own URL parser wants an explicit host and port, so it gets a stand-in.
        self._pool = pool = ConnectionPool.from_url(
            redis_url, socket_connect_timeout=timeout_seconds, socket_timeout=timeout_seconds
        )
        storage = RedisStorage(
            "async+redis://pool:6379", implementation="redispy", wrap_exceptions=True, connection_pool=pool
        )
        self._strategy = FixedWindowRateLimiter(storage)
        self._pause_seconds = pause_seconds
        self._paused_until = 0.0

    async def aclose(self) -> None:
        await self._pool.aclose()

    async def hit(self, kind: str, identity: object) -> None:
        """Count one request; raises RateLimited when one of the kind's limits is spent."""
        limits = self._limits.get(kind)
        if not limits or time.monotonic() < self._paused_until:
            return
        try:
            for item in limits:
                if not await self._strategy.hit(item, kind, str(identity)):
                    reset, _ = await self._strategy.get_window_stats(item, kind, str(identity))
                    raise RateLimited(
                        kind.replace("_", " "), str(item), max(1, math.ceil(reset - time.time()))
                    )
        except StorageError as error:
            self._paused_until = time.monotonic() + self._pause_seconds
            log.warning(
                "rate limits paused: redis unreachable, requests pass unlimited",
                pause_seconds=self._pause_seconds,
                error=str(error.storage_error),
            )
