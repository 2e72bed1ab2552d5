"""Producers (helpdesks, Amazon relays, scripts) that post to us, what they sent, and the
message gaps between them."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from services.core.kit.sealed import SealedSecret
from services.core.models.base import Base, uuid_pk


class Producer(Base):
    __tablename__ = "producers"
    # One reader per queue: two producers reading one queue would each see some of its messages.
    __table_args__ = (
        Index(
            "uq_producers_sqs_queue_url",
            "sqs_queue_url",
            unique=True,
            postgresql_where=text("sqs_queue_url IS NOT NULL AND disabled_at IS NULL"),
        ),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    seller_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sellers.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20), comment="standard, helpscout, zendesk, freshdesk or amazon")
    name: Mapped[str] = mapped_column(String(200))
    # Which side of the gap check its buyer messages stand on.
    role: Mapped[str] = mapped_column(String(20), comment="helpdesk or amazon")
    marketplace: Mapped[str] = mapped_column(String(2), comment="for payloads that do not name one")
    # Sealed at rest when AFTERSALES_SECRETS_KEY is set.
    secret: Mapped[str] = mapped_column(SealedSecret)
    previous_secret: Mapped[str | None] = mapped_column(SealedSecret)
    previous_secret_until: Mapped[datetime | None]
    secret_header: Mapped[str | None] = mapped_column(
        String(100), comment="freshdesk and amazon relays: where the secret comes"
    )
    mapping: Mapped[dict[str, Any]] = mapped_column(
        JSONB, comment="where the order id sits, e.g. in the subject"
    )
    # Amazon's notifications come only through an SQS queue the seller owns; the worker role
    # `aftersales amazon-sqs` reads it with the AWS credentials of its environment.
    sqs_queue_url: Mapped[str | None] = mapped_column(String(1000), comment="amazon: the queue to read")
    sqs_region: Mapped[str | None] = mapped_column(String(40), comment="amazon: the queue's AWS region")
    created_at: Mapped[datetime]
    disabled_at: Mapped[datetime | None]


class InboundWebhook(Base):
    """Each accepted inbound request: its idempotency key, body hash, and our answer.

    One that could not become events is unmatched (DOMAIN.md, outside systems): kept with its
    reason for the seller to see, until a person attaches an order or the policy's days pass.
    """

    __tablename__ = "inbound_webhooks"
    __table_args__ = (
        UniqueConstraint("producer_id", "delivery_key"),
        Index(
            "ix_inbound_webhooks_unmatched",
            "seller_id",
            "received_at",
            "id",
            postgresql_where=text("unmatched_reason IS NOT NULL"),
        ),
        Index(
            "ix_inbound_webhooks_waiting_for_order",
            "producer_id",
            "thread_key",
            postgresql_where=text("unmatched_reason = 'no-order-id' AND attached_at IS NULL"),
        ),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    seller_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sellers.id", ondelete="CASCADE"))
    producer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("producers.id", ondelete="CASCADE"))
    delivery_key: Mapped[str] = mapped_column(String(300))
    body_hash: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(60), comment="the sender's event or notification type")
    payload: Mapped[dict[str, Any]] = mapped_column(JSONB)
    answer: Mapped[dict[str, Any]] = mapped_column(JSONB)
    received_at: Mapped[datetime]
    headers: Mapped[dict[str, Any]] = mapped_column(
        JSONB, server_default="{}", comment="the sender's headers its translation reads; never a secret"
    )
    thread_key: Mapped[str | None] = mapped_column(String(200), comment="the helpdesk conversation or ticket")
    unmatched_reason: Mapped[str | None] = mapped_column(
        String(40), comment="why it became no event: no-order-id, unused-type, test, unreadable, invalid"
    )
    unmatched_detail: Mapped[str | None] = mapped_column(Text)
    attached_order_id: Mapped[str | None] = mapped_column(String(64))
    attached_at: Mapped[datetime | None]


class Gap(Base):
    """A buyer message Amazon's side shows that the helpdesk has not delivered in time."""

    __tablename__ = "gaps"
    __table_args__ = (
        UniqueConstraint("seller_id", "event_id"),
        Index("ix_gaps_seller_id_order_id", "seller_id", "order_id"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    seller_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sellers.id", ondelete="CASCADE"))
    order_id: Mapped[str] = mapped_column(String(64))
    event_id: Mapped[str] = mapped_column(String(200), comment="the Amazon-side message.received")
    source: Mapped[str] = mapped_column(String(60))
    message_at: Mapped[datetime]
    detected_at: Mapped[datetime]
    closed_at: Mapped[datetime | None]
    closed_by_event: Mapped[str | None] = mapped_column(String(200))
    note: Mapped[str | None] = mapped_column(Text)
