"""producers, inbound webhooks, gaps

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-23 12:14:21.171855
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "gaps",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("seller_id", sa.UUID(), nullable=False),
        sa.Column("order_id", sa.String(length=64), nullable=False),
        sa.Column(
            "event_id", sa.String(length=200), nullable=False, comment="the Amazon-side message.received"
        ),
        sa.Column("source", sa.String(length=60), nullable=False),
        sa.Column("message_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("detected_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_by_event", sa.String(length=200), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["seller_id"], ["sellers.id"], name=op.f("fk_gaps_seller_id_sellers"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_gaps")),
        sa.UniqueConstraint("seller_id", "event_id", name=op.f("uq_gaps_seller_id_event_id")),
    )
    op.create_index("ix_gaps_seller_id_order_id", "gaps", ["seller_id", "order_id"], unique=False)
    op.create_table(
        "producers",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("seller_id", sa.UUID(), nullable=False),
        sa.Column(
            "kind",
            sa.String(length=20),
            nullable=False,
            comment="standard, helpscout, zendesk, freshdesk or amazon",
        ),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False, comment="helpdesk or amazon"),
        sa.Column(
            "marketplace", sa.String(length=2), nullable=False, comment="for payloads that do not name one"
        ),
        sa.Column("secret", sa.String(length=200), nullable=False),
        sa.Column("previous_secret", sa.String(length=200), nullable=True),
        sa.Column("previous_secret_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "secret_header",
            sa.String(length=100),
            nullable=True,
            comment="freshdesk and amazon relays: where the secret comes",
        ),
        sa.Column(
            "mapping",
            postgresql.JSONB(astext_type=sa.Text()),
            nullable=False,
            comment="where the order id sits, e.g. in the subject",
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("disabled_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["seller_id"], ["sellers.id"], name=op.f("fk_producers_seller_id_sellers"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_producers")),
    )
    op.create_index(op.f("ix_producers_seller_id"), "producers", ["seller_id"], unique=False)
    op.create_table(
        "inbound_webhooks",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("seller_id", sa.UUID(), nullable=False),
        sa.Column("producer_id", sa.UUID(), nullable=False),
        sa.Column("delivery_key", sa.String(length=300), nullable=False),
        sa.Column("body_hash", sa.String(length=64), nullable=False),
        sa.Column(
            "kind", sa.String(length=60), nullable=False, comment="the sender's event or notification type"
        ),
        sa.Column("payload", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("answer", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["producer_id"],
            ["producers.id"],
            name=op.f("fk_inbound_webhooks_producer_id_producers"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["seller_id"],
            ["sellers.id"],
            name=op.f("fk_inbound_webhooks_seller_id_sellers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inbound_webhooks")),
        sa.UniqueConstraint(
            "producer_id", "delivery_key", name=op.f("uq_inbound_webhooks_producer_id_delivery_key")
        ),
    )
    op.alter_column(
        "events",
        "source",
        existing_type=sa.VARCHAR(length=40),
        type_=sa.String(length=60),
        existing_nullable=False,
    )


def downgrade() -> None:
    op.alter_column(
        "events",
        "source",
        existing_type=sa.String(length=60),
        type_=sa.VARCHAR(length=40),
        existing_nullable=False,
    )
    op.drop_table("inbound_webhooks")
    op.drop_index(op.f("ix_producers_seller_id"), table_name="producers")
    op.drop_table("producers")
    op.drop_index("ix_gaps_seller_id_order_id", table_name="gaps")
    op.drop_table("gaps")
