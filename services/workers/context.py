"""What every job works with: the worker's typed context, kept in arq's ctx under one key."""

import asyncio
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from typing import Any

import httpx
from arq.connections import ArqRedis
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from services.core.kit.clock import Clock
from services.core.kit.config import Settings
from services.core.kit.unit_of_work import Work, unit_of_work
from services.core.operations import liveness

KEY = "aftersales"


@dataclass
class Watch:
    """A worker's one clock follower: cron runs that find one following only push its horizon on."""

    until: float = 0.0
    # The run following now, if any; a run that hands over, or ends, clears only itself.
    follower: object | None = None

    @property
    def running(self) -> bool:
        return self.follower is not None


@dataclass
class WorkerContext:
    """Made once at the worker's start-up; arq hands every job a copy of its ctx dict, and the
    copies share this one object (so the worker's one `sweep_watch` is seen by every run)."""

    settings: Settings
    clock: Clock
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    http: httpx.AsyncClient
    redis: ArqRedis
    sweep_batch: int
    sweep_concurrency: int
    sweep_watch: Watch = field(default_factory=Watch)
    # Which worker this is on /readyz/workers, and the task that beats for it.
    worker_id: str = field(default_factory=liveness.worker_id)
    beating: asyncio.Task[None] | None = None

    @classmethod
    def of(cls, ctx: dict[str, Any]) -> "WorkerContext":
        """The context of the job arq called with `ctx`."""
        context = ctx[KEY]
        if not isinstance(context, cls):
            raise TypeError(f"arq's ctx[{KEY!r}] holds {type(context).__name__}, not a WorkerContext")
        return context

    def store_in(self, ctx: dict[str, Any]) -> None:
        ctx[KEY] = self

    def unit_of_work(self) -> AbstractAsyncContextManager[Work]:
        """A transaction judged by the time all workers agree on; its jobs rung after the commit."""
        return unit_of_work(self.sessions, self.clock, self.redis)
