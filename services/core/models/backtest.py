"""Policy backtests: the request, its progress and its result, kept for a while (Postgres is the
truth; the job that runs one only carries its id)."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from services.core.models.base import Base, server_now, uuid_pk


class Backtest(Base):
    __tablename__ = "backtests"
    # A seller's list, newest first; and the purge of expired results.
    __table_args__ = (
        Index("ix_backtests_seller_id_created_at", "seller_id", "created_at"),
        Index("ix_backtests_expires_at", "expires_at"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    seller_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sellers.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(20))  # queued, running, done, failed
    days: Mapped[int]
    since: Mapped[datetime]
    asof: Mapped[datetime]
    proposal: Mapped[dict[str, Any]] = mapped_column(JSONB)
    # The policy version the proposal is compared with ("now").
    policy_version: Mapped[int]
    orders_total: Mapped[int] = mapped_column(default=0)
    orders_done: Mapped[int] = mapped_column(default=0)
    result: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = server_now()
    finished_at: Mapped[datetime | None]
    expires_at: Mapped[datetime]
