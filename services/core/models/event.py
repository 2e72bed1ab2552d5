"""The event log: every event a producer sent, unique per seller, source and producer id."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column

from services.core.models.base import Base, server_now, uuid_pk


class Event(Base):
    __tablename__ = "events"
    __table_args__ = (
        UniqueConstraint("seller_id", "source", "event_id"),
        Index("ix_events_seller_id_order_id_occurred_at", "seller_id", "order_id", "occurred_at"),
        Index("ix_events_seller_id_type_occurred_at", "seller_id", "type", "occurred_at"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    seller_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sellers.id", ondelete="CASCADE"))
    source: Mapped[str] = mapped_column(String(60))
    event_id: Mapped[str] = mapped_column(String(200))
    type: Mapped[str] = mapped_column(String(60))
    occurred_at: Mapped[datetime]
    received_at: Mapped[datetime] = server_now()
    order_id: Mapped[str] = mapped_column(String(64))
    marketplace: Mapped[str] = mapped_column(String(2))
    data: Mapped[dict[str, Any]] = mapped_column(JSONB)
    # SHA-256 of the canonical envelope: the same id with another body is a conflict.
    body_hash: Mapped[str] = mapped_column(String(64))
    case_ids: Mapped[list[uuid.UUID]] = mapped_column(ARRAY(UUID(as_uuid=True)), default=list)
    # Kept so that a repeat gets exactly the first answer.
    answer: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    note: Mapped[str | None] = mapped_column(Text)
