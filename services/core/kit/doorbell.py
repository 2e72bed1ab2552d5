"""Ringing arq after a commit: job ids only, and never a reason to fail the work itself."""

import structlog
from arq.connections import ArqRedis
from redis.exceptions import RedisError

log = structlog.get_logger(__name__)


async def ring(redis: ArqRedis | None, job: str, *ids: object) -> None:
    """Enqueue `job` once per id. Redis is only the doorbell: when it is down, the reconciler
    finds the same work in Postgres, so a failure here is logged, not raised."""
    if redis is None:
        return
    for id_ in ids:
        try:
            await redis.enqueue_job(job, str(id_), _job_id=f"{job}:{id_}")
        except (RedisError, OSError) as error:
            log.warning(
                "doorbell not rung; the reconciler will find the work",
                job=job,
                id=str(id_),
                error=repr(error),
            )
