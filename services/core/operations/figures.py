"""The service's own figures, read at scrape time: the outbox's backlog and its oldest age, dead
deliveries, clock thresholds due and not yet fired and how late the oldest is, and each worker's
last heartbeat. Computed when Prometheus asks, so they are never older than the scrape.

None of them names a seller: who may see the per-seller series is decided here too
(`shows_sellers`), against AFTERSALES_METRICS_TOKEN.
"""

import hmac
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from pydantic import SecretStr
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.core.domain.retries import DeliveryState
from services.core.kit.errors import Unauthenticated
from services.core.models import ClockBookmark, Delivery
from services.core.operations.liveness import WorkerBeat

_WAITING = (DeliveryState.PENDING.value, DeliveryState.DELIVERING.value)


@dataclass(frozen=True)
class Figures:
    outbox_backlog: int
    outbox_oldest_seconds: float
    dead_deliveries: int
    clocks_due: int
    clock_fire_lag_seconds: float


async def read(session: AsyncSession, now: datetime) -> Figures:
    """One round trip; each part walks an index (deliveries by state, bookmarks by due time)."""
    waiting = Delivery.state.in_(_WAITING)
    row = (
        await session.execute(
            select(
                select(func.count()).where(waiting).scalar_subquery(),
                select(func.min(Delivery.created_at)).where(waiting).scalar_subquery(),
                select(func.count()).where(Delivery.state == DeliveryState.DEAD.value).scalar_subquery(),
                select(func.count()).where(ClockBookmark.next_fire_at <= now).scalar_subquery(),
                select(func.min(ClockBookmark.next_fire_at)).scalar_subquery(),
            )
        )
    ).one()
    backlog, oldest, dead, due, next_due = row
    return Figures(
        outbox_backlog=backlog,
        outbox_oldest_seconds=_age(oldest, now),
        dead_deliveries=dead,
        clocks_due=due,
        clock_fire_lag_seconds=_age(next_due, now),
    )


def _age(since: datetime | None, now: datetime) -> float:
    return max((now - since).total_seconds(), 0.0) if since is not None else 0.0


class ServiceFigures(Collector):
    """Gauges of what was read at this scrape."""

    def __init__(self, figures: Figures, beats: list[WorkerBeat]) -> None:
        self.figures = figures
        self.beats = beats

    def collect(self) -> Iterator[GaugeMetricFamily]:
        f = self.figures
        yield from (
            GaugeMetricFamily(name, text, value=value)
            for name, text, value in (
                ("aftersales_outbox_backlog", "Deliveries waiting to be sent or retried", f.outbox_backlog),
                (
                    "aftersales_outbox_oldest_age_seconds",
                    "Age of the oldest delivery still waiting (0 when none is)",
                    f.outbox_oldest_seconds,
                ),
                (
                    "aftersales_deliveries_dead",
                    "Deliveries dead-lettered after their last try",
                    f.dead_deliveries,
                ),
                ("aftersales_clocks_due", "Clock thresholds due and not yet fired", f.clocks_due),
                (
                    "aftersales_clock_fire_lag_seconds",
                    "How long the most overdue clock threshold has waited to fire (0 when none is due)",
                    f.clock_fire_lag_seconds,
                ),
            )
        )
        age = GaugeMetricFamily(
            "aftersales_worker_heartbeat_age_seconds",
            "Seconds since each worker's last heartbeat",
            labels=["worker"],
        )
        for beat in self.beats:
            age.add_metric([beat.worker], beat.seconds_ago)
        yield age
        yield GaugeMetricFamily(
            "aftersales_workers_alive",
            "Workers that beat within AFTERSALES_WORKER_STALE_SECONDS",
            value=sum(b.alive for b in self.beats),
        )


class MetricsTokenRefused(Unauthenticated):
    challenge = "Bearer"

    def __init__(self) -> None:
        super().__init__(
            "the metrics token does not match AFTERSALES_METRICS_TOKEN; send none for the service's "
            "own figures"
        )


def shows_sellers(presented: str | None, token: SecretStr | None) -> bool:
    """Per-seller series only for the metrics token; a wrong token is refused, not ignored, so a
    misconfigured scraper is noticed."""
    if presented is None:
        return False
    if token is None or not hmac.compare_digest(presented.encode(), token.get_secret_value().encode()):
        raise MetricsTokenRefused()
    return True
