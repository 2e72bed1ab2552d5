"""orders per day for account health; indexes that read only the rows health needs

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-23 13:45:57.739184
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DEFECTS = "negative_feedback_at IS NOT NULL OR claim_opened_at IS NOT NULL OR claim_closed_at IS NOT NULL OR chargeback_at IS NOT NULL"
DEFECT_INCLUDE = [
    "marketplace",
    "negative_feedback_at",
    "claim_opened_at",
    "claim_closed_at",
    "chargeback_at",
    "claim_outcome",
]
ORDER_HEALTH = [
    "negative_feedback_at",
    "claim_opened_at",
    "claim_outcome",
    "claim_closed_at",
    "chargeback_at",
]

# Each change of an order's (marketplace, UTC day) is appended, never updated in place, so two
# ingests never wait on one counter row; the worker folds the changes into order_days.
COUNT_ORDER_DAYS = """
CREATE FUNCTION count_order_days() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.ordered_at IS NOT NULL THEN
        INSERT INTO order_day_changes (seller_id, marketplace, day, orders)
        VALUES (OLD.seller_id, OLD.marketplace, (OLD.ordered_at AT TIME ZONE 'UTC')::date, -1);
    END IF;
    IF NEW.ordered_at IS NOT NULL THEN
        INSERT INTO order_day_changes (seller_id, marketplace, day, orders)
        VALUES (NEW.seller_id, NEW.marketplace, (NEW.ordered_at AT TIME ZONE 'UTC')::date, 1);
    END IF;
    RETURN NULL;
END
$$
"""
TRIGGERS = [
    "CREATE TRIGGER orders_count_days_insert AFTER INSERT ON orders FOR EACH ROW"
    " WHEN (NEW.ordered_at IS NOT NULL) EXECUTE FUNCTION count_order_days()",
    "CREATE TRIGGER orders_count_days_update AFTER UPDATE OF ordered_at, marketplace ON orders FOR EACH ROW"
    " WHEN (OLD.ordered_at IS DISTINCT FROM NEW.ordered_at OR OLD.marketplace IS DISTINCT FROM NEW.marketplace)"
    " EXECUTE FUNCTION count_order_days()",
]


def upgrade() -> None:
    op.create_table(
        "order_day_changes",
        sa.Column("id", sa.BigInteger(), autoincrement=True, nullable=False),
        sa.Column("seller_id", sa.UUID(), nullable=False),
        sa.Column("marketplace", sa.String(length=2), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("orders", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_order_day_changes")),
    )
    op.create_index(
        "ix_order_day_changes_seller_id_day", "order_day_changes", ["seller_id", "day"], unique=False
    )
    op.create_table(
        "order_days",
        sa.Column("seller_id", sa.UUID(), nullable=False),
        sa.Column("marketplace", sa.String(length=2), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("orders", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["seller_id"], ["sellers.id"], name=op.f("fk_order_days_seller_id_sellers"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("seller_id", "marketplace", "day", name=op.f("pk_order_days")),
    )
    op.execute(
        "INSERT INTO order_days (seller_id, marketplace, day, orders)"
        " SELECT seller_id, marketplace, (ordered_at AT TIME ZONE 'UTC')::date, count(*) FROM orders"
        " WHERE ordered_at IS NOT NULL GROUP BY 1, 2, 3"
    )
    op.execute(COUNT_ORDER_DAYS)
    for trigger in TRIGGERS:
        op.execute(trigger)

    op.drop_index("ix_buyer_messages_seller_id_marketplace_received_at", table_name="buyer_messages")
    op.create_index(
        "ix_buyer_messages_seller_id_received_at",
        "buyer_messages",
        ["seller_id", "received_at"],
        unique=False,
        postgresql_include=["marketplace", "answered_at", "no_response_needed"],
    )

    op.add_column("clocks", sa.Column("marketplace", sa.String(length=2), nullable=True))
    op.execute("UPDATE clocks SET marketplace = cases.marketplace FROM cases WHERE cases.id = clocks.case_id")
    op.alter_column("clocks", "marketplace", nullable=False)
    op.drop_index("ix_clocks_seller_id_kind_started_at", table_name="clocks")
    op.create_index(
        "ix_clocks_seller_id_kind_started_at",
        "clocks",
        ["seller_id", "kind", "started_at"],
        unique=False,
        postgresql_include=["marketplace", "state", "due_at"],
    )

    op.drop_index("ix_orders_seller_id_marketplace_ordered_at", table_name="orders")
    op.create_index(
        "ix_orders_defects",
        "orders",
        ["seller_id", "ordered_at"],
        unique=False,
        postgresql_include=DEFECT_INCLUDE,
        postgresql_where=sa.text(DEFECTS),
    )
    op.create_index(
        "ix_orders_negative_feedback",
        "orders",
        ["seller_id", "negative_feedback_at"],
        unique=False,
        postgresql_where=sa.text("negative_feedback_at IS NOT NULL"),
    )
    op.create_index(
        "ix_orders_seller_id_ordered_at",
        "orders",
        ["seller_id", "ordered_at"],
        unique=False,
        postgresql_include=["marketplace"],
    )


def downgrade() -> None:
    op.drop_index("ix_orders_seller_id_ordered_at", table_name="orders")
    op.drop_index("ix_orders_negative_feedback", table_name="orders")
    op.drop_index("ix_orders_defects", table_name="orders")
    op.create_index(
        "ix_orders_seller_id_marketplace_ordered_at",
        "orders",
        ["seller_id", "marketplace", "ordered_at"],
        unique=False,
        postgresql_include=ORDER_HEALTH,
    )
    op.drop_index("ix_clocks_seller_id_kind_started_at", table_name="clocks")
    op.create_index(
        "ix_clocks_seller_id_kind_started_at", "clocks", ["seller_id", "kind", "started_at"], unique=False
    )
    op.drop_column("clocks", "marketplace")
    op.drop_index("ix_buyer_messages_seller_id_received_at", table_name="buyer_messages")
    op.create_index(
        "ix_buyer_messages_seller_id_marketplace_received_at",
        "buyer_messages",
        ["seller_id", "marketplace", "received_at"],
        unique=False,
        postgresql_include=["answered_at", "no_response_needed"],
    )
    op.execute("DROP TRIGGER orders_count_days_update ON orders")
    op.execute("DROP TRIGGER orders_count_days_insert ON orders")
    op.execute("DROP FUNCTION count_order_days()")
    op.drop_table("order_days")
    op.drop_index("ix_order_day_changes_seller_id_day", table_name="order_day_changes")
    op.drop_table("order_day_changes")
