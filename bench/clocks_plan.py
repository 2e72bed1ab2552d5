"""What bench/clocks runs and what it found: its plan, each burst's drain, the results."""

from dataclasses import dataclass, field

from bench.bulk import percentile
from bench.clockload import Group


@dataclass(frozen=True)
class Plan:
    """How many clocks each phase has, and for how long it runs."""

    pending: int
    steady: int
    steady_seconds: float
    burst: int
    idle_seconds: float
    # How far ahead of arming the burst is due: the UPDATE (or enqueue) must be done by then.
    burst_lead_seconds: int
    pgq_batch_sizes: tuple[int, ...]
    drain_timeout: float

    @property
    def groups(self) -> tuple[Group, Group, Group]:
        return (
            Group("pending", 1, self.pending),
            Group("steady", self.pending + 1, self.steady),
            Group("burst", self.pending + self.steady + 1, self.burst),
        )


FULL = Plan(1_000_000, 2_000, 60, 100_000, 30, 20, (10, 100), 1800)
QUICK = Plan(50_000, 200, 10, 5_000, 8, 8, (10, 100), 300)


@dataclass(frozen=True)
class Drain:
    """One burst: who drained it, in how long (None: not within the time-out), with what CPU."""

    label: str
    jobs: int
    seconds: float | None
    done: int
    process_cpu: float
    postgres_cpu: float
    cores_elsewhere: float
    # PgQueuer's batch size; None for ours.
    batch: int | None = None
    before_ours: bool = False

    @property
    def rate(self) -> float | None:
        return self.jobs / self.seconds if self.seconds else None


def pooled(drains: list[Drain]) -> Drain:
    """PgQueuer's drains at one batch size as one: their mean time, CPU and load. This VM's speed drifts by
    15-30 % between bursts minutes apart, so PgQueuer's best batch size drains before our burst
    and after it, and ours is compared with the mean."""
    if len(drains) == 1:
        return drains[0]
    count = len(drains)
    times = [d.seconds for d in drains]
    return Drain(
        label=f"PgQueuer, batch {drains[0].batch}, mean of {count}",
        jobs=drains[0].jobs,
        seconds=None if None in times else sum(t or 0.0 for t in times) / count,
        done=min(d.done for d in drains),
        process_cpu=sum(d.process_cpu for d in drains) / count,
        postgres_cpu=sum(d.postgres_cpu for d in drains) / count,
        cores_elsewhere=max(d.cores_elsewhere for d in drains),
        batch=drains[0].batch,
    )


@dataclass
class Results:
    date: str
    machine: str
    plan: Plan
    settings: list[str] = field(default_factory=list)
    load_seconds: float = 0.0
    idle_cpu: float = float("nan")
    idle_postgres_cpu: float = float("nan")
    idle_rss_mb: float = 0.0
    peak_rss_mb: float = 0.0
    idle_cores_elsewhere: float = 0.0
    lags: list[float] = field(default_factory=list)
    steady_fired: int = 0
    steady_cores_elsewhere: float = 0.0
    ours: Drain | None = None
    pgqueuer: list[Drain] = field(default_factory=list)

    def lag(self, q: float) -> float:
        return percentile(self.lags, q)

    @property
    def best_pgqueuer(self) -> Drain | None:
        """PgQueuer at its fastest batch size, its drains at that size pooled."""
        sizes = {d.batch for d in self.pgqueuer}
        done = [
            p for p in (pooled([d for d in self.pgqueuer if d.batch == size]) for size in sizes) if p.rate
        ]
        return max(done, key=lambda d: d.rate or 0.0) if done else None
