"""The load generators of bench/ingest: wrk against the HTTP servers, pgbench against Postgres.

Each run of either gives one `Step`: a fixed connection count held for a fixed time, with
throughput, latency percentiles and every kind of error counted.
"""

import json
import os
import re
import shutil
import statistics
import subprocess
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import httpx

from bench.cpu import DISTURBED_CORES
from bench.servers import DATABASE, Backend, HttpServer

BENCH = Path(__file__).resolve().parent
WRK_SCRIPT = BENCH / "wrk" / "ingest.lua"
PGBENCH_SCRIPT = BENCH / "pgbench" / "insert_event.sql"
# One load-generator thread: the 2 cores are shared with the server and Postgres, and one
# wrk (or pgbench) thread drives tens of thousands of requests a second, far above any figure here.
THREADS = 1
SLO_P99_MS = 50.0


class WrkUnavailable(RuntimeError):
    """wrk is not installed and could not be installed."""


@dataclass(frozen=True)
class Step:
    """One connection count held for a while against one target."""

    connections: int
    seconds: float
    requests: int
    events_per_request: int
    p50_ms: float
    p99_ms: float
    # Non-2xx answers, failed batch items, socket errors, timeouts, failed transactions.
    errors: int
    # Cores that processes outside the bench kept busy meanwhile (see bench/cpu.py).
    cores_elsewhere: float = 0.0
    # CPU milliseconds per event of the server under test (none for pgbench) and of Postgres:
    # where an event's cost goes, whatever the machine's speed that hour.
    server_cpu_ms: float | None = None
    postgres_cpu_ms: float = 0.0
    # Resident memory of the server under test as the step ended (none for pgbench).
    server_rss_mb: float | None = None
    # The p99 a step must stay under: a single event's 50 ms, a 1,000-event batch's 1 s.
    slo_ms: float = SLO_P99_MS

    @property
    def events(self) -> int:
        return self.requests * self.events_per_request

    @property
    def events_per_second(self) -> float:
        return self.events / self.seconds if self.seconds else 0.0

    @property
    def valid(self) -> bool:
        """No error, and at least one answer within the step (a slow batch may have none)."""
        return self.errors == 0 and self.requests > 0

    @property
    def disturbed(self) -> bool:
        return self.cores_elsewhere > DISTURBED_CORES

    @property
    def within_slo(self) -> bool:
        return self.valid and self.p99_ms < self.slo_ms


def best_within_slo(steps: list[Step]) -> Step | None:
    """The highest throughput whose p99 is under the SLO, among runs without errors."""
    return max((s for s in steps if s.within_slo), key=lambda s: s.events_per_second, default=None)


def best_throughput(steps: list[Step]) -> Step | None:
    return max((s for s in steps if s.valid), key=lambda s: s.events_per_second, default=None)


def ensure_wrk() -> str:
    """The wrk binary, installed from Debian's packages when missing (the bench runs as root)."""
    found = shutil.which("wrk")
    if found:
        return found
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        raise WrkUnavailable("wrk is not on PATH; install it (e.g. `apt-get install -y wrk`) and run again")
    install = ["apt-get", "install", "-y", "-q", "wrk"]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    # A fresh machine has no package lists yet: update once and try again.
    if subprocess.run(install, check=False, env=env, capture_output=True).returncode != 0:
        subprocess.run(["apt-get", "update", "-q"], check=False, env=env, capture_output=True)
        result = subprocess.run(install, check=False, env=env, capture_output=True, text=True)
        if result.returncode != 0:
            raise WrkUnavailable(f"`apt-get install -y wrk` failed:\n{result.stderr[-2000:]}")
    found = shutil.which("wrk")
    if found is None:
        raise WrkUnavailable("wrk was installed but is not on PATH")
    return found


def wrk_version(wrk: str) -> str:
    # `wrk -v` prints its banner ("wrk 4.1.0 [epoll] Copyright ...") and exits 1.
    result = subprocess.run([wrk, "-v"], check=False, capture_output=True, text=True)
    return (result.stdout or result.stderr).splitlines()[0].split(" Copyright")[0].strip()


def sample_events(prefix: str, count: int) -> list[dict[str, object]]:
    """Events shaped like the wrk script's, for checking a server before loading it."""
    return [
        {
            "id": f"{prefix}-e{n}",
            "type": "message.received",
            "occurred_at": "2026-01-05T09:00:00Z",
            "order_id": f"{prefix}-o{n}",
            "marketplace": "US",
            "data": {"thread_id": "t1"},
        }
        for n in range(count)
    ]


def probe(server: HttpServer, path: str, body: object, api_key: str) -> float:
    """One request ahead of the load, so a wrong key or a refused body fails loudly, not as a
    figure. Returns how long it took, in seconds."""
    started = time.perf_counter()
    answer = httpx.post(
        f"{server.base_url}{path}",
        json=body,
        headers={"Authorization": f"Bearer {api_key}"},
        timeout=600,
    )
    elapsed = time.perf_counter() - started
    failed = answer.json().get("failed", 0) if path.endswith(":batch") and answer.status_code == 200 else 0
    if answer.status_code not in (200, 201) or failed:
        raise RuntimeError(f"{server.name} answered {path} with {answer.status_code}: {answer.text[:2000]}")
    return elapsed


def run_wrk(
    wrk: str,
    server: HttpServer,
    api_key: str,
    scenario: str,
    connections: int,
    seconds: float,
    batch_size: int = 1,
    timeout_seconds: float = 10,
) -> Step:
    # Letters and digits only: the prefix becomes part of order ids, which must match
    # ^[A-Za-z0-9][A-Za-z0-9_-]*$.
    prefix = f"{scenario}{connections}x{uuid.uuid4().hex[:10]}"
    command = [
        wrk, "-t", str(THREADS), "-c", str(connections), "-d", f"{seconds:g}s", "--timeout", f"{timeout_seconds:g}s",
        "-s", str(WRK_SCRIPT), server.base_url, "--", prefix, scenario, str(batch_size),
    ]  # fmt: skip
    result = subprocess.run(
        command,
        check=False,
        env={**os.environ, "BENCH_KEY": api_key},
        capture_output=True,
        text=True,
        timeout=seconds + 120,
    )
    line = next((ln for ln in result.stdout.splitlines() if ln.startswith("BENCH ")), None)
    if result.returncode != 0 or line is None:
        raise RuntimeError(
            f"wrk failed ({result.returncode}):\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
        )
    figures = json.loads(line.removeprefix("BENCH "))
    return Step(
        connections=connections,
        seconds=figures["duration_us"] / 1e6,
        requests=figures["requests"],
        events_per_request=batch_size,
        p50_ms=figures["p50_us"] / 1000,
        p99_ms=figures["p99_us"] / 1000,
        errors=figures["non2xx"] + figures["failed_items"] + figures["socket_errors"] + figures["timeouts"],
    )


_PROCESSED = re.compile(r"number of transactions actually processed: (\d+)")
_FAILED = re.compile(r"number of failed transactions: (\d+)")


def _pgbench() -> Path:
    """The pgbench that ships inside pgserver, beside the Postgres the bench runs."""
    import pgserver

    return Path(pgserver.__file__).parent / "pginstall" / "bin" / "pgbench"


def run_pgbench(backend: Backend, clients: int, seconds: float) -> Step:
    """The same INSERT straight from pgbench: the ceiling no HTTP server on this machine can pass."""
    with tempfile.TemporaryDirectory(prefix="pgbench-") as logs:
        command = [
            str(_pgbench()), "-h", backend.socket_dir, "-p", str(backend.port), "-U", "postgres",
            "-n", "-M", "prepared", "-c", str(clients), "-j", str(THREADS), "-T", f"{seconds:g}",
            "-D", f"seller_id={backend.seller_id}", "-f", str(PGBENCH_SCRIPT),
            # A line per transaction, for percentiles pgbench itself does not print.
            "-l", f"--log-prefix={logs}/tx",
            DATABASE,
        ]  # fmt: skip
        result = subprocess.run(command, check=False, capture_output=True, text=True, timeout=seconds + 120)
        processed, failed = _PROCESSED.search(result.stdout), _FAILED.search(result.stdout)
        if result.returncode != 0 or processed is None:
            raise RuntimeError(
                f"pgbench failed ({result.returncode}):\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
            )
        latencies_us = [
            int(fields[2])
            for path in Path(logs).glob("tx.*")
            for fields in (line.split() for line in path.read_text().splitlines())
            if fields[2].isdigit()
        ]
    percentiles = (
        statistics.quantiles(latencies_us, n=100, method="inclusive") if len(latencies_us) > 1 else [0.0] * 99
    )
    return Step(
        connections=clients,
        seconds=seconds,
        requests=int(processed.group(1)),
        events_per_request=1,
        p50_ms=percentiles[49] / 1000,
        p99_ms=percentiles[98] / 1000,
        errors=int(failed.group(1)) if failed else 0,
    )
