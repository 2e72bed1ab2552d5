"""covering indexes for account health

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-23 13:03:50.713042
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


ORDER_HEALTH = [
    "negative_feedback_at",
    "claim_opened_at",
    "claim_outcome",
    "claim_closed_at",
    "chargeback_at",
]
MESSAGE_HEALTH = ["answered_at", "no_response_needed"]


def upgrade() -> None:
    # Autogenerate does not see INCLUDE columns: these two are written by hand.
    op.drop_index("ix_orders_seller_id_marketplace_ordered_at", table_name="orders")
    op.create_index(
        "ix_orders_seller_id_marketplace_ordered_at",
        "orders",
        ["seller_id", "marketplace", "ordered_at"],
        postgresql_include=ORDER_HEALTH,
    )
    op.drop_index("ix_buyer_messages_seller_id_marketplace_received_at", table_name="buyer_messages")
    op.create_index(
        "ix_buyer_messages_seller_id_marketplace_received_at",
        "buyer_messages",
        ["seller_id", "marketplace", "received_at"],
        postgresql_include=MESSAGE_HEALTH,
    )
    op.create_index(
        "ix_clocks_seller_id_kind_started_at", "clocks", ["seller_id", "kind", "started_at"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_clocks_seller_id_kind_started_at", table_name="clocks")
    op.drop_index("ix_buyer_messages_seller_id_marketplace_received_at", table_name="buyer_messages")
    op.create_index(
        "ix_buyer_messages_seller_id_marketplace_received_at",
        "buyer_messages",
        ["seller_id", "marketplace", "received_at"],
    )
    op.drop_index("ix_orders_seller_id_marketplace_ordered_at", table_name="orders")
    op.create_index(
        "ix_orders_seller_id_marketplace_ordered_at", "orders", ["seller_id", "marketplace", "ordered_at"]
    )
