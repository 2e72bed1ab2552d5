"""Idempotency keys of actions asked of us (replies, notes): what each key was first used for,
and the answer a repeat gets."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from services.core.models.base import Base


class IdempotencyKey(Base):
    __tablename__ = "idempotency_keys"
    # The purge of a seller's expired keys reads them by expiry.
    __table_args__ = (Index("ix_idempotency_keys_seller_id_expires_at", "seller_id", "expires_at"),)

    seller_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("sellers.id", ondelete="CASCADE"), primary_key=True
    )
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    operation: Mapped[str] = mapped_column(String(40), comment="e.g. case.reply, case.note")
    target: Mapped[str] = mapped_column(String(200), comment="what the operation acted on, e.g. a case id")
    fingerprint: Mapped[str] = mapped_column(String(64), comment="SHA-256 of the request body")
    # Null only inside the transaction that first uses the key; committed with the answer.
    answer: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
