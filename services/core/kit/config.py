"""Settings, read from the environment with the prefix AFTERSALES_ (see the README's table)."""

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, AwareDatetime, Field, SecretStr
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
    # Group commit (services/core/ingest/group.py): single events and inbound deliveries arriving
    # within the window, up to max_events, are applied in one transaction; either set to 0 turns
    # it off. At most `concurrency` groups of one API process are in flight at once: one makes the
    # largest groups, but a group waiting on an order lock (a batch holds a thousand until it
    # commits) would hold up every single event of the process; two keep the others moving.
    group_commit_window_ms: float = Field(default=2.0, ge=0, le=1000)
    group_commit_max_events: int = Field(default=200, ge=0, le=1000)
    group_commit_concurrency: int = Field(default=2, ge=1, le=64)
    retry_after_seconds: int = Field(default=5, ge=1)
    # Requests a window, per API key (every /v1 route) and per producer (its inbound webhook URL),
    # in the `limits` library's notation, e.g. "100/second; 3000/minute"; empty: no limit. As
    # generous as Stripe's live-mode default (100 a second): they stop a runaway loop, not work.
    rate_limit_per_key: str = "100/second"
    rate_limit_per_producer: str = "100/second"
    # Fernet keys, comma-separated, that seal producer and endpoint secrets at rest (the first
    # seals, all open); unset, those secrets are stored in plaintext. See services/core/kit/sealed.py.
    secrets_key: SecretStr | None = None
    # How long an Idempotency-Key is remembered (Stripe keeps them 24 hours).
    idempotency_key_hours: float = Field(default=24, gt=0, le=24 * 30)
    worker_heartbeat_seconds: int = Field(default=30, ge=1)
    # /readyz/workers fails when no worker has beaten for this long: three missed beats.
    worker_stale_seconds: int = Field(default=90, ge=1)
    # Webhook receivers (and any outbound call) on loopback, private or link-local addresses,
    # and over plain http: for a self-hosted setup whose receivers share its network, and tests.
    allow_private_receivers: bool = False
    # Presented as `Authorization: Bearer <token>`, /metrics adds the per-seller series.
    metrics_token: SecretStr | None = None
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
    # `aftersales amazon-sqs`: AWS credentials come from AWS's own chain (AWS_ACCESS_KEY_ID and
    # AWS_SECRET_ACCESS_KEY, AWS_PROFILE, an instance role), never from our settings or database.
    # The endpoint is for an SQS-compatible server (LocalStack, moto); unset, AWS's own for the
    # queue's region.
    sqs_endpoint_url: str | None = None
    sqs_wait_seconds: int = Field(default=20, ge=0, le=20)
    sqs_reload_seconds: float = Field(default=30, gt=0, le=3600)
    # A clock that runs `clock_scale` times faster than real time from `clock_epoch`, the same
    # in every process: for bench/soak only (services/core/kit/clock.py ScaledClock).
    clock_scale: float | None = Field(default=None, gt=0)
    clock_epoch: AwareDatetime | None = None


@lru_cache
def get_settings() -> Settings:
    return Settings()
