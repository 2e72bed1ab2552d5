"""`aftersales up`: the whole service in one command, API and worker as child processes (and
the amazon-sqs reader when a producer has a queue).

With no URLs configured it starts the embedded Postgres and Redis first and stops them last,
so Ctrl-C leaves no process behind.
"""

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable

import structlog

from services.core.kit import embedded, migrate
from services.core.kit.config import Settings
from services.workers.amazon_sqs import any_queue

log = structlog.get_logger("aftersales.up")

STOP_SECONDS = 30


def _port_free(host: str, port: int) -> bool:
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True


def _spawn(role: str, env: dict[str, str]) -> subprocess.Popen[bytes]:
    # A session of its own: a Ctrl-C in the terminal reaches `up` only, which then stops
    # the children in order instead of all of them dying at once.
    return subprocess.Popen([sys.executable, "-m", "services.cli", role], env=env, start_new_session=True)


def _stop(children: list[subprocess.Popen[bytes]]) -> None:
    for child in children:
        if child.poll() is None:
            child.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + STOP_SECONDS
    for child in children:
        try:
            child.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


def run(settings: Settings, on_ready: Callable[[Settings], None]) -> int:
    if not _port_free(settings.host, settings.port):
        log.error("port in use; set AFTERSALES_PORT", host=settings.host, port=settings.port)
        return 2
    servers = None
    if not settings.database_url or not settings.redis_url:
        servers = embedded.start(settings.data_dir)
        settings = settings.model_copy(
            update={
                "database_url": settings.database_url or servers.database_url,
                "redis_url": settings.redis_url or servers.redis_url,
            }
        )
    assert settings.database_url and settings.redis_url
    stopping = False

    def request_stop(signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    children: list[subprocess.Popen[bytes]] = []
    code = 0
    try:
        migrate.upgrade(settings.database_url)
        env = {
            **os.environ,
            "AFTERSALES_DATABASE_URL": settings.database_url,
            "AFTERSALES_REDIS_URL": settings.redis_url,
            "AFTERSALES_HOST": settings.host,
            "AFTERSALES_PORT": str(settings.port),
        }
        children = [_spawn("api", env), _spawn("worker", env)]
        if asyncio.run(any_queue(settings.database_url)):
            # Amazon's notifications come only through SQS: read the producers' queues too.
            children.append(_spawn("amazon-sqs", env))
        on_ready(settings)
        while not stopping:
            dead = [c for c in children if c.poll() is not None]
            if dead:
                log.error("a child process exited; stopping", args=dead[0].args, code=dead[0].returncode)
                code = 1
                break
            time.sleep(0.2)
    finally:
        log.info("stopping")
        _stop(children)
        if servers is not None:
            servers.stop()
        log.info("stopped")
    return code
