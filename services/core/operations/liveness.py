"""Which workers are alive: each worker beats into one Redis hash, worker id -> its last beat.

Redis rather than Postgres: a beat is worth nothing once the next one is due, every worker
writes one every interval, and /readyz already reaches Redis. A Redis flush forgets the beats
for at most one interval, which /readyz/workers shows as no worker alive until they beat again.
"""

import os
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from redis.exceptions import RedisError

from services.core.kit.errors import Unavailable

WORKERS_KEY = "aftersales:workers"
# A worker killed without its shutdown (kill -9, a lost host) never removes its own entry; one
# silent this long is dropped from the report.
FORGET_AFTER = timedelta(days=1)


def worker_id() -> str:
    """This process, as operators find it: host and pid."""
    return f"{socket.gethostname()}:{os.getpid()}"


async def beat(redis: Any, worker: str, at: datetime) -> None:
    await redis.hset(WORKERS_KEY, worker, at.isoformat())


async def forget(redis: Any, worker: str) -> None:
    """A worker that stops cleanly leaves the report at once."""
    await redis.hdel(WORKERS_KEY, worker)


@dataclass(frozen=True)
class WorkerBeat:
    worker: str
    last_beat: datetime
    seconds_ago: float
    alive: bool


async def beats(redis: Any, now: datetime, stale_seconds: int) -> list[WorkerBeat]:
    """Every worker heard from within FORGET_AFTER, freshest first; older entries are dropped."""
    found, forgotten = [], []
    for raw_worker, raw_at in (await redis.hgetall(WORKERS_KEY)).items():
        worker, at = _text(raw_worker), datetime.fromisoformat(_text(raw_at))
        ago = (now - at).total_seconds()
        if ago > FORGET_AFTER.total_seconds():
            forgotten.append(worker)
            continue
        found.append(WorkerBeat(worker, at, round(ago, 3), ago <= stale_seconds))
    if forgotten:
        await redis.hdel(WORKERS_KEY, *forgotten)
    return sorted(found, key=lambda b: b.seconds_ago)


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value


class NoWorkerAlive(Unavailable):
    """No worker has beaten recently: clocks are not firing and deliveries are not going out."""

    slug = "not-ready"

    def __init__(self, stale_seconds: int, workers: list[WorkerBeat]) -> None:
        super().__init__(
            f"no worker has beaten in the last {stale_seconds} s: clocks do not fire and "
            "webhooks do not go out until one runs",
            workers=workers,
        )


class BeatsUnknown(Unavailable):
    slug = "not-ready"


async def ready_workers(redis: Any, now: datetime, stale_seconds: int) -> list[WorkerBeat]:
    """Each worker's last beat; refused when none has beaten within `stale_seconds`."""
    try:
        found = await beats(redis, now, stale_seconds)
    except (RedisError, OSError) as error:
        raise BeatsUnknown(f"the workers' heartbeats cannot be read: redis: {error}"[:300]) from error
    if not any(b.alive for b in found):
        raise NoWorkerAlive(stale_seconds, found)
    return found
