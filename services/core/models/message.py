"""Each buyer message and its first answer, for the response-time metric."""

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from services.core.models.base import Base, uuid_pk


class BuyerMessage(Base):
    __tablename__ = "buyer_messages"
    __table_args__ = (
        UniqueConstraint("case_id", "event_id"),
        Index(
            "ix_buyer_messages_seller_id_received_at",
            "seller_id",
            "received_at",
            postgresql_include=["marketplace", "answered_at", "no_response_needed"],
        ),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    seller_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sellers.id", ondelete="CASCADE"))
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    marketplace: Mapped[str] = mapped_column(String(2))
    order_id: Mapped[str] = mapped_column(String(64))
    event_id: Mapped[str] = mapped_column(String(200))
    received_at: Mapped[datetime]
    answered_at: Mapped[datetime | None]
    answered_by: Mapped[str | None] = mapped_column(String(200))
    no_response_needed: Mapped[bool]
