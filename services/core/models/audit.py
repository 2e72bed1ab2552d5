"""The audit log: each admin action on a seller account, who asked, and what it changed."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from services.core.models.base import Base, server_now, uuid_pk


class AuditEntry(Base):
    __tablename__ = "audit_log"
    # GET /v1/audit-log reads a seller's entries newest first.
    __table_args__ = (Index("ix_audit_log_seller_id_at_id", "seller_id", "at", "id"),)

    id: Mapped[uuid.UUID] = uuid_pk()
    seller_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sellers.id", ondelete="CASCADE"))
    at: Mapped[datetime] = server_now()
    # Keys are revoked, never deleted, so the id keeps naming who it was.
    actor_key_id: Mapped[uuid.UUID | None] = mapped_column(comment="null: the aftersales command on the host")
    action: Mapped[str] = mapped_column(String(60), comment="e.g. api_key.created, policy.changed")
    target_type: Mapped[str] = mapped_column(String(40))
    target_id: Mapped[str] = mapped_column(String(200))
    # Never a secret: the views in services/core/sellers/audit.py leave them out.
    before: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
