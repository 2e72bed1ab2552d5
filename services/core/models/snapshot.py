"""The latest account-health figures per seller, marketplace and window, for Prometheus."""

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from services.core.models.base import Base


class HealthSnapshot(Base):
    __tablename__ = "health_snapshots"

    seller_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("sellers.id", ondelete="CASCADE"), primary_key=True
    )
    marketplace: Mapped[str] = mapped_column(String(2), primary_key=True)
    window_days: Mapped[int] = mapped_column(primary_key=True)
    metric: Mapped[str] = mapped_column(String(60), primary_key=True)
    percent: Mapped[float | None]
    numerator: Mapped[int]
    denominator: Mapped[int]
    computed_at: Mapped[datetime]
