"""account health facts

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 12:00:08.427920
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "buyer_messages",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("seller_id", sa.UUID(), nullable=False),
        sa.Column("case_id", sa.UUID(), nullable=False),
        sa.Column("marketplace", sa.String(length=2), nullable=False),
        sa.Column("order_id", sa.String(length=64), nullable=False),
        sa.Column("event_id", sa.String(length=200), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("answered_by", sa.String(length=200), nullable=True),
        sa.Column("no_response_needed", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_buyer_messages_case_id_cases"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["seller_id"],
            ["sellers.id"],
            name=op.f("fk_buyer_messages_seller_id_sellers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_buyer_messages")),
        sa.UniqueConstraint("case_id", "event_id", name=op.f("uq_buyer_messages_case_id_event_id")),
    )
    op.create_index(
        "ix_buyer_messages_seller_id_marketplace_received_at",
        "buyer_messages",
        ["seller_id", "marketplace", "received_at"],
        unique=False,
    )
    op.add_column("orders", sa.Column("ordered_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("orders", sa.Column("negative_feedback_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("orders", sa.Column("claim_opened_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("orders", sa.Column("claim_outcome", sa.String(length=40), nullable=True))
    op.add_column("orders", sa.Column("claim_closed_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("orders", sa.Column("chargeback_at", sa.DateTime(timezone=True), nullable=True))
    op.create_index(
        "ix_orders_seller_id_marketplace_ordered_at",
        "orders",
        ["seller_id", "marketplace", "ordered_at"],
        unique=False,
    )

    # Orders from before: their date from the order itself or their first event. Defects are
    # filled in by the next event of each order.
    op.execute(
        "UPDATE orders o SET ordered_at = COALESCE((o.facts->>'purchased_at')::timestamptz, "
        "(SELECT min(e.occurred_at) FROM events e WHERE e.seller_id = o.seller_id AND e.order_id = o.order_id))"
    )


def downgrade() -> None:
    op.drop_index("ix_orders_seller_id_marketplace_ordered_at", table_name="orders")
    op.drop_column("orders", "chargeback_at")
    op.drop_column("orders", "claim_closed_at")
    op.drop_column("orders", "claim_outcome")
    op.drop_column("orders", "claim_opened_at")
    op.drop_column("orders", "negative_feedback_at")
    op.drop_column("orders", "ordered_at")
    op.drop_index("ix_buyer_messages_seller_id_marketplace_received_at", table_name="buyer_messages")
    op.drop_table("buyer_messages")
