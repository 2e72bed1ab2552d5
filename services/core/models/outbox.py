"""The transactional outbox: outbound events, the endpoints that want them, and each delivery."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from services.core.kit.sealed import SealedSecret
from services.core.models.base import Base, server_now, uuid_pk


class WebhookEndpoint(Base):
    __tablename__ = "webhook_endpoints"

    id: Mapped[uuid.UUID] = uuid_pk()
    seller_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sellers.id", ondelete="CASCADE"), index=True)
    url: Mapped[str] = mapped_column(Text)
    # Empty: every outbound event type.
    event_types: Mapped[list[str]] = mapped_column(ARRAY(String(60)))
    # Sealed at rest when AFTERSALES_SECRETS_KEY is set.
    secret: Mapped[str] = mapped_column(SealedSecret)
    # During a rotation both secrets sign, so receivers can switch without downtime.
    previous_secret: Mapped[str | None] = mapped_column(SealedSecret)
    previous_secret_until: Mapped[datetime | None]
    disabled_at: Mapped[datetime | None]
    disabled_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = server_now()


class OutboundEvent(Base):
    # Read by id (a delivery's event) and by message id (GET /v1/deliveries?event_id=) only:
    # every change of every seller writes here, so no other index is kept up.
    __tablename__ = "outbound_events"

    id: Mapped[uuid.UUID] = uuid_pk()
    # No key to sellers: every change of every seller writes here (the sweep thousands a
    # second), and a key would share-lock that seller's one row for each; the writer is always
    # acting for the seller it names, and sellers are never deleted.
    seller_id: Mapped[uuid.UUID]
    # The Standard Webhooks message id: the same on every attempt of every delivery.
    message_id: Mapped[str] = mapped_column(String(40), unique=True)
    type: Mapped[str] = mapped_column(String(60))
    case_id: Mapped[uuid.UUID | None]
    payload: Mapped[dict[str, Any]] = mapped_column(JSONB)
    created_at: Mapped[datetime]


class Delivery(Base):
    __tablename__ = "deliveries"
    __table_args__ = (
        Index("ix_deliveries_state_next_attempt_at", "state", "next_attempt_at"),
        Index("ix_deliveries_seller_id_created_at", "seller_id", "created_at"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    seller_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sellers.id", ondelete="CASCADE"))
    endpoint_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("webhook_endpoints.id", ondelete="CASCADE"), index=True
    )
    event_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("outbound_events.id", ondelete="CASCADE"), index=True
    )
    state: Mapped[str] = mapped_column(String(20))
    # Incremented at each claim; a result is written only with the attempt it was claimed
    # with, so a worker presumed dead cannot overwrite its successor's result.
    attempt: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime]
    lease_until: Mapped[datetime | None]
    last_status: Mapped[int | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    delivered_at: Mapped[datetime | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
