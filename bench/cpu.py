"""CPU that the rest of the machine used while a step ran.

The bench shares a small machine with whatever else runs on it (a test suite, an editor's
language server); a core busy elsewhere shows up as lower throughput and a longer tail. Each
step is therefore told how many cores other processes kept busy meanwhile, so a disturbed
figure is marked instead of trusted.
"""

import os
import time
from collections.abc import Callable
from dataclasses import dataclass

# psutil comes with pgserver, which the bench's embedded Postgres needs anyway.
import psutil

# More than this many cores busy elsewhere, on average over a step, marks it as disturbed.
DISTURBED_CORES = 0.25


@dataclass(frozen=True)
class Sample:
    wall: float
    machine_busy: float
    bench_busy: float


def _tree_sum(pid: int, read: Callable[[psutil.Process], float]) -> float:
    """`read` summed over a process and its live descendants (0 for one gone meanwhile)."""
    try:
        root = psutil.Process(pid)
        processes = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0.0
    total = 0.0
    for process in processes:
        try:
            total += read(process)
        except psutil.NoSuchProcess:
            continue
    return total


def _cpu_seconds(process: psutil.Process) -> float:
    times = process.cpu_times()
    return times.user + times.system + times.children_user + times.children_system


def tree_seconds(pid: int) -> float:
    """CPU seconds of a process and its live descendants, with the children each has reaped."""
    return _tree_sum(pid, _cpu_seconds)


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and its live descendants, in MiB."""
    return _tree_sum(pid, lambda process: process.memory_info().rss) / 2**20


def sample(other_roots: list[int]) -> Sample:
    """The machine's busy time and the bench's: this process's tree plus `other_roots`' trees
    (servers such as Postgres that daemonize away from it)."""
    machine = psutil.cpu_times()
    # Only the time that processes are charged with, so the two sides compare like with like.
    busy = machine.user + machine.nice + machine.system
    bench = tree_seconds(os.getpid()) + sum(tree_seconds(pid) for pid in other_roots)
    return Sample(time.monotonic(), busy, bench)


def cores_elsewhere(before: Sample, after: Sample) -> float:
    """Cores that processes outside the bench kept busy, on average, between two samples."""
    wall = after.wall - before.wall
    if wall <= 0:
        return 0.0
    elsewhere = (after.machine_busy - before.machine_busy) - (after.bench_busy - before.bench_busy)
    return max(0.0, elsewhere / wall)
