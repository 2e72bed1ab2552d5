"""Return reminders (one per return, ever) and contacts made from the outbound contact list."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from services.core.models.base import Base, uuid_pk


class Reminder(Base):
    __tablename__ = "reminders"

    id: Mapped[uuid.UUID] = uuid_pk()
    seller_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sellers.id", ondelete="CASCADE"), index=True)
    # Unique: the second reminder for a return is impossible, whoever tries (DOMAIN.md 4).
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), unique=True)
    order_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(20), comment="call or message")
    reason: Mapped[str] = mapped_column(String(40), comment="scheduled, delivery_failed or agent")
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime]
    phone: Mapped[str | None] = mapped_column(String(40))
    details: Mapped[dict[str, Any]] = mapped_column(JSONB, comment="call script, or the message sent")
    outcome: Mapped[str | None] = mapped_column(String(20))
    outcome_by: Mapped[str | None] = mapped_column(String(200))
    outcome_at: Mapped[datetime | None]


class Contact(Base):
    """A person reached (or tried to reach) the buyer of an order on the contact list."""

    __tablename__ = "contacts"
    __table_args__ = (Index("ix_contacts_seller_id_order_id", "seller_id", "order_id"),)

    id: Mapped[uuid.UUID] = uuid_pk()
    seller_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sellers.id", ondelete="CASCADE"))
    order_id: Mapped[str] = mapped_column(String(64))
    outcome: Mapped[str] = mapped_column(String(20))
    agent: Mapped[str] = mapped_column(String(200))
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
