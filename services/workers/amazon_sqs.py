"""The worker role `aftersales amazon-sqs`: read the amazon producers' SQS queues until told to
stop (SIGTERM or SIGINT). Stopping at any point loses nothing (see core/producers/sqs.py)."""

import asyncio
import signal

import structlog
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.core.kit.clock import Clock, SystemClock
from services.core.kit.config import Settings
from services.core.kit.db import create_engine, session_factory
from services.core.producers.sqs import Reader, queues

log = structlog.get_logger("aftersales.amazon_sqs")


def reader(
    settings: Settings, sessions: async_sessionmaker[AsyncSession], clock: Clock | None = None
) -> Reader:
    return Reader(
        sessions,
        clock or SystemClock(),
        endpoint_url=settings.sqs_endpoint_url,
        wait_seconds=settings.sqs_wait_seconds,
        reload_seconds=settings.sqs_reload_seconds,
    )


async def serve(settings: Settings) -> None:
    if not settings.database_url:
        raise RuntimeError("the amazon-sqs role needs AFTERSALES_DATABASE_URL")
    engine = create_engine(
        settings.database_url, pool_size=2, statement_timeout_ms=settings.db_statement_timeout_ms
    )
    task = asyncio.create_task(reader(settings, session_factory(engine)).run())
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, task.cancel)
    log.info("amazon-sqs started", endpoint=settings.sqs_endpoint_url or "AWS")
    try:
        await task
    except asyncio.CancelledError:
        log.info("amazon-sqs stopped")
    finally:
        await engine.dispose()


async def any_queue(database_url: str) -> bool:
    """Whether a producer has a queue for this role to read (`aftersales up` asks)."""
    engine = create_engine(database_url, pool_size=1)
    try:
        async with session_factory(engine)() as session:
            return bool(await queues(session))
    finally:
        await engine.dispose()
