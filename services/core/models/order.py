"""Orders as their events describe them."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from services.core.models.base import Base, server_now, uuid_pk

# An order has a defect, or an open claim, once one of these is set.
DEFECT_DATES = ("negative_feedback_at", "claim_opened_at", "claim_closed_at", "chargeback_at")
DEFECT_COLUMNS = (*DEFECT_DATES, "claim_outcome")


class Order(Base):
    __tablename__ = "orders"
    __table_args__ = (
        UniqueConstraint("seller_id", "order_id"),
        Index("ix_orders_seller_id_replacement_of", "seller_id", "replacement_of"),
        # Account health reads only these indexes (bench/health, docs/PERFORMANCE.md): orders by
        # day for the edges of a window (whole days come from order_days), and the few orders
        # with a defect, which are all the ODR, the forecast and "leaving the window" look at.
        Index(
            "ix_orders_seller_id_ordered_at", "seller_id", "ordered_at", postgresql_include=["marketplace"]
        ),
        Index(
            "ix_orders_defects",
            "seller_id",
            "ordered_at",
            postgresql_include=["marketplace", *DEFECT_COLUMNS],
            postgresql_where=text(" OR ".join(f"{c} IS NOT NULL" for c in DEFECT_DATES)),
        ),
        Index(
            "ix_orders_negative_feedback",
            "seller_id",
            "negative_feedback_at",
            postgresql_where=text("negative_feedback_at IS NOT NULL"),
        ),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    seller_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sellers.id", ondelete="CASCADE"))
    order_id: Mapped[str] = mapped_column(String(64))
    marketplace: Mapped[str] = mapped_column(String(2))
    facts: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    replacement_of: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = server_now()
    updated_at: Mapped[datetime] = server_now()
    # Account-health facts, kept current by every event of the order so the metrics are
    # plain indexed counts (see domain/health_facts.py).
    ordered_at: Mapped[datetime | None]
    negative_feedback_at: Mapped[datetime | None]
    claim_opened_at: Mapped[datetime | None]
    claim_outcome: Mapped[str | None] = mapped_column(String(40))
    claim_closed_at: Mapped[datetime | None]
    chargeback_at: Mapped[datetime | None]
