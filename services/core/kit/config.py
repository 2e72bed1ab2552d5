"""Settings, read from the environment with the prefix AFTERSALES_ (see the README's table)."""

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, AwareDatetime, Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="AFTERSALES_", env_file=".env", extra="ignore")

    # Unset: `aftersales up` starts the embedded Postgres and Redis under data_dir.
    # The plain DATABASE_URL / REDIS_URL names are read too, as hosted platforms set them.
    database_url: str | None = Field(
        default=None, validation_alias=AliasChoices("AFTERSALES_DATABASE_URL", "DATABASE_URL")
    )
    redis_url: str | None = Field(
        default=None, validation_alias=AliasChoices("AFTERSALES_REDIS_URL", "REDIS_URL")
    )
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    data_dir: Path = Path(".data")
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    log_format: Literal["json", "console"] = "json"
    max_body_bytes: int = Field(default=5 * 1024 * 1024, ge=1024)
    db_pool_size: int = Field(default=10, ge=1)
    db_statement_timeout_ms: int = Field(default=30_000, ge=0)
    # Batches each API process applies at once; more wait their turn. A batch of 1,000 new
    # orders holds 1,000 order locks until it commits, and Postgres's lock table has room for
    # max_locks_per_transaction (64) x max_connections (100) in all: twenty at once ran it out.
    batch_concurrency: int = Field(default=4, ge=1, le=64)
    retry_after_seconds: int = Field(default=5, ge=1)
    worker_heartbeat_seconds: int = Field(default=30, ge=1)
    sweep_interval_seconds: int = Field(default=1, ge=1, le=60)
    reconcile_interval_seconds: int = Field(default=5, ge=1, le=60)
    # Clocks claimed a transaction, and drains side by side in one worker. Since the bookmarks
    # have their own narrow table, one drain of 1,000 a transaction drains a burst fastest:
    # two bursts of 100,000 in 13.2-13.3 s, against 14.2-14.8 s for two drains of 500 or 1,000
    # and 15.7 s for three of 250 (interleaved on one database, as bench/sweep_settings runs
    # them). Drains side by side skip each other's locked bookmarks at the head of the due
    # index, and each pays its own round trips and commit per batch.
    sweep_batch: int = Field(default=1000, ge=1, le=10_000)
    sweep_concurrency: int = Field(default=1, ge=1, le=16)
    # A clock that runs `clock_scale` times faster than real time from `clock_epoch`, the same
    # in every process: for bench/soak only (services/core/kit/clock.py ScaledClock).
    clock_scale: float | None = Field(default=None, gt=0)
    clock_epoch: AwareDatetime | None = None


@lru_cache
def get_settings() -> Settings:
    return Settings()
