"""API shapes of the operators' probes."""

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field


class WorkerBeatOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    worker: str = Field(description="host:pid of the worker process")
    last_beat: datetime
    seconds_ago: float
    alive: bool = Field(description="beaten within AFTERSALES_WORKER_STALE_SECONDS")


class WorkersOut(BaseModel):
    status: str = "ok"
    stale_after_seconds: int
    workers: list[WorkerBeatOut] = Field(
        description="every worker heard from in the last day, freshest first"
    )
