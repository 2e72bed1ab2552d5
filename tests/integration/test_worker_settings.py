"""The worker's start-up checks."""

import pytest
import structlog
from redis.asyncio import Redis

from services.core.kit.config import Settings
from services.workers.settings import check_redis_policy


async def test_warns_when_redis_may_evict_the_queue(settings: Settings) -> None:
    redis = Redis.from_url(settings.redis_url or "")
    before = (await redis.config_get("maxmemory-policy"))["maxmemory-policy"]
    try:
        await redis.config_set("maxmemory-policy", "allkeys-lru")
        with structlog.testing.capture_logs() as logs:
            assert await check_redis_policy(redis) == "allkeys-lru"
        assert [entry["log_level"] for entry in logs] == ["warning"]
        assert "noeviction" in logs[0]["event"]
    finally:
        await redis.config_set("maxmemory-policy", before)
    with structlog.testing.capture_logs() as logs:
        assert await check_redis_policy(redis) == "noeviction"
    assert logs == []
    await redis.aclose()


def test_worker_needs_its_urls() -> None:
    from services.workers.settings import build_worker

    with pytest.raises(RuntimeError, match="AFTERSALES_DATABASE_URL"):
        build_worker(Settings(database_url=None, redis_url=None))
