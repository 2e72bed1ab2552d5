"""CPU and memory of the processes under test, sampled in the background for a whole run.

Phases are then read off the samples by time: the CPU a process used in a window (as a
percentage of one core, as `top` shows it) and its largest resident set.
"""

import threading
import time
from dataclasses import dataclass
from typing import Self

import psutil

EVERY_SECONDS = 0.5


@dataclass(frozen=True)
class Sample:
    at: float  # time.monotonic()
    cpu_seconds: float
    rss_bytes: int


def tree_usage(pid: int) -> tuple[float, int]:
    """CPU seconds and resident bytes of a process and its live descendants (Postgres serves
    each connection from a child of the postmaster)."""
    try:
        root = psutil.Process(pid)
        processes = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0.0, 0
    cpu, rss = 0.0, 0
    for process in processes:
        try:
            with process.oneshot():
                times = process.cpu_times()
                cpu += times.user + times.system + times.children_user + times.children_system
                rss += process.memory_info().rss
        except psutil.NoSuchProcess:
            continue
    return cpu, rss


class Sampler:
    """Samples one process tree every half second from a thread of its own until stopped."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.samples: list[Sample] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.take()
            self._stop.wait(EVERY_SECONDS)

    def take(self) -> Sample:
        cpu, rss = tree_usage(self.pid)
        sample = Sample(time.monotonic(), cpu, rss)
        self.samples.append(sample)
        return sample

    def between(self, start: float, end: float) -> list[Sample]:
        return sorted((s for s in self.samples if start <= s.at <= end), key=lambda s: s.at)

    def cpu_percent(self, start: float, end: float) -> float:
        """Average CPU between two moments, in percent of one core."""
        inside = self.between(start, end)
        if len(inside) < 2 or inside[-1].at <= inside[0].at:
            return float("nan")
        return 100 * (inside[-1].cpu_seconds - inside[0].cpu_seconds) / (inside[-1].at - inside[0].at)

    def max_rss_mb(self, start: float = 0.0, end: float = float("inf")) -> float:
        inside = self.between(start, end)
        return max((s.rss_bytes for s in inside), default=0) / 2**20
