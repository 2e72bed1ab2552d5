"""Account-health snapshots: the live figures of every window and marketplace, stored by the
worker, and exposed to Prometheus as gauges, one series per seller, marketplace, window and figure."""

import uuid
from collections.abc import Iterator
from datetime import datetime

from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from services.core.account_health.figures import account_health
from services.core.domain.metrics import WINDOWS, Figure
from services.core.domain.policy import Policy
from services.core.models import HealthSnapshot

FIGURES = (
    "order_defect_rate",
    "negative_feedback",
    "a_to_z_claims",
    "chargebacks",
    "response_under_24h",
    "customer_service_dissatisfaction",
    "return_dissatisfaction",
    "no_response_needed",
)


async def snapshot(
    session: AsyncSession,
    seller_id: uuid.UUID,
    marketplaces: list[str],
    policy: Policy,
    now: datetime,
    lag_days: int = 0,
) -> int:
    """Store the live figures of every window and marketplace; Prometheus reads these."""
    rows = []
    for marketplace in marketplaces:
        for days in WINDOWS:
            health = await account_health(session, seller_id, marketplace, days, lag_days, now, policy)
            for name in FIGURES:
                fig: Figure = getattr(health, name)
                rows.append(
                    {
                        "seller_id": seller_id,
                        "marketplace": marketplace,
                        "window_days": days,
                        "metric": name,
                        "percent": fig.percent,
                        "numerator": fig.numerator,
                        "denominator": fig.denominator,
                        "computed_at": now,
                    }
                )
    if rows:
        statement = insert(HealthSnapshot).values(rows)
        await session.execute(
            statement.on_conflict_do_update(
                index_elements=["seller_id", "marketplace", "window_days", "metric"],
                set_={
                    c: statement.excluded[c] for c in ("percent", "numerator", "denominator", "computed_at")
                },
            )
        )
    return len(rows)


LABELS = ["seller_id", "marketplace", "window_days", "metric"]


class SellerHealth(Collector):
    """The stored figures, one series per seller, marketplace, window and figure: seller data,
    shown only to the metrics token."""

    def __init__(self, rows: list[HealthSnapshot]) -> None:
        self.rows = rows

    def collect(self) -> Iterator[GaugeMetricFamily]:
        percent = GaugeMetricFamily(
            "aftersales_health_percent", "Account-health figure, percent", labels=LABELS
        )
        count = GaugeMetricFamily(
            "aftersales_health_denominator", "What the figure is a share of", labels=LABELS
        )
        for row in self.rows:
            labels = [str(row.seller_id), row.marketplace, str(row.window_days), row.metric]
            if row.percent is not None:
                percent.add_metric(labels, row.percent)
            count.add_metric(labels, row.denominator)
        yield percent
        yield count


async def collector(session: AsyncSession) -> SellerHealth:
    return SellerHealth(list(await session.scalars(select(HealthSnapshot))))
