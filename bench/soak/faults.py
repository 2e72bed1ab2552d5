"""The faults of a soak run: what, when (seconds into the traffic) and for how long.

The full schedule spreads them over the run with time between them to recover; the short one
(the two-minute run in `make test`) packs the same kinds closer. Each fault is recorded with
its real start and end, so the checker can tell an explained 503 or a late firing from an
unexplained one, and the report can read latencies before, during and after it.
"""

import asyncio
import time
from dataclasses import asdict, dataclass
from typing import Any

from bench.soak.cluster import Cluster
from bench.soak.receivers import Receiver

# Faults that stop the sweep or the API from reaching a backend: firings due during them, and
# 503s, are explained until a little after they end.
OUTAGES = ("postgres-stopped", "redis-stopped")


@dataclass(frozen=True)
class Planned:
    name: str
    at: float  # fraction of the run
    seconds: float = 0.0  # how long the fault lasts, for the ones that last


@dataclass
class Injected:
    name: str
    start: float
    end: float
    ready_seconds: float = 0.0  # for kill -9: until the restarted process answers or runs
    skipped: str = ""


FULL = (
    Planned("receiver-down", 0.10, 300),
    Planned("kill-9-worker", 0.20),
    Planned("kill-9-api", 0.30),
    Planned("redis-flushed", 0.40),
    Planned("redis-stopped", 0.50, 15),
    Planned("postgres-stopped", 0.62, 20),
)
SHORT = (
    Planned("kill-9-worker", 0.12),
    Planned("receiver-down", 0.18, 15),
    Planned("kill-9-api", 0.25),
    Planned("redis-flushed", 0.35),
    Planned("postgres-stopped", 0.45, 10),
    Planned("redis-stopped", 0.65, 5),
)


def describe(plan: tuple[Planned, ...], seconds: float) -> list[str]:
    lines = []
    for fault in plan:
        lasting = f" for {fault.seconds:.0f} s" if fault.seconds else ""
        lines.append(f"  at {fault.at * seconds:6.0f} s: {fault.name}{lasting}")
    return lines


class Injector:
    def __init__(self, cluster: Cluster, receiver: Receiver) -> None:
        self.cluster = cluster
        self.receiver = receiver
        self.done: list[Injected] = []

    async def run(self, plan: tuple[Planned, ...], seconds: float, began: float) -> None:
        for fault in sorted(plan, key=lambda f: f.at):
            await asyncio.sleep(max(0.0, began + fault.at * seconds - time.time()))
            print(f"[soak] {time.time() - began:6.0f} s  fault: {fault.name}", flush=True)
            self.done.append(await self._inject(fault))

    async def _inject(self, fault: Planned) -> Injected:
        start = time.time()
        cluster = self.cluster
        if fault.name in ("postgres-stopped", "redis-stopped") and not cluster.embedded:
            return Injected(fault.name, start, start, skipped="the service runs on the URLs given")
        ready = 0.0
        if fault.name == "kill-9-worker":
            ready = await asyncio.to_thread(cluster.kill_9, "worker-1")
        elif fault.name == "kill-9-api":
            ready = await asyncio.to_thread(cluster.kill_9, "api-1")
        elif fault.name == "redis-flushed":
            await asyncio.to_thread(cluster.flush_redis)
        elif fault.name == "redis-stopped":
            await asyncio.to_thread(cluster.kill_redis)
            await asyncio.sleep(fault.seconds)
            await asyncio.to_thread(cluster.start_redis)
        elif fault.name == "postgres-stopped":
            await asyncio.to_thread(cluster.stop_postgres)
            await asyncio.sleep(fault.seconds)
            await asyncio.to_thread(cluster.start_postgres)
        elif fault.name == "receiver-down":
            # A start in the background: the run's other faults go on meanwhile.
            asyncio.create_task(self._receiver_down(fault.seconds))
            return Injected(fault.name, start, start + fault.seconds)
        return Injected(fault.name, start, time.time(), ready)

    async def _receiver_down(self, seconds: float) -> None:
        await self.receiver.stop()
        await asyncio.sleep(seconds)
        await self.receiver.start()

    def record(self) -> list[dict[str, Any]]:
        return [asdict(f) for f in self.done]
