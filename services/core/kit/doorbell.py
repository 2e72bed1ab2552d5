"""Ringing arq after a commit: job ids only, and never a reason to fail the work itself.

Code inside a unit of work asks for a job with `after_commit(session, job, *ids)`; the unit of
work (`kit/unit_of_work.py`) rings them once its transaction has committed. Never before: a job
sent earlier could run against rows that do not exist yet. Never for work rolled back: its
jobs go with its session. A savepoint rolled back inside committed work keeps the jobs it
asked for; each such job finds its row missing and does nothing, as every job may.
"""

from collections.abc import Iterable

import structlog
from arq.connections import ArqRedis
from redis.exceptions import RedisError
from sqlalchemy.ext.asyncio import AsyncSession

log = structlog.get_logger(__name__)

_JOBS = "aftersales.doorbell"

Job = tuple[str, object]


def after_commit(session: AsyncSession, job: str, *ids: object) -> None:
    """Run `job` once per id after this session's transaction commits."""
    session.info.setdefault(_JOBS, []).extend((job, id_) for id_ in ids)


def collected(session: AsyncSession) -> list[Job]:
    """The jobs asked for in this session, taken off it so none is rung twice."""
    jobs: list[Job] = session.info.pop(_JOBS, [])
    return jobs


async def ring(redis: ArqRedis | None, jobs: Iterable[Job]) -> None:
    """Enqueue each job, named by its id so a repeat while it waits is one job. Redis is only
    the doorbell: when it is down, the reconciler finds the same work in Postgres, so a failure
    here is logged, not raised."""
    if redis is None:
        return
    for job, id_ in jobs:
        try:
            await redis.enqueue_job(job, str(id_), _job_id=f"{job}:{id_}")
        except (RedisError, OSError) as error:
            log.warning(
                "doorbell not rung; the reconciler will find the work",
                job=job,
                id=str(id_),
                error=repr(error),
            )
