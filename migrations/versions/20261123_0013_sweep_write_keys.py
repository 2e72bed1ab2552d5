"""clock firings and outbound events without a seller key; outbound events without a case index

The sweep writes a firing and an outbound event for every threshold it fires, and each key
check share-locks the seller's one row: the firing's clock key already ties it to its seller,
sellers are never deleted, and no query reads outbound events by case.

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-23 16:32:33.630700
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_constraint(op.f("fk_clock_firings_seller_id_sellers"), "clock_firings", type_="foreignkey")
    op.drop_index(op.f("ix_outbound_events_case_id"), table_name="outbound_events")
    op.drop_constraint(op.f("fk_outbound_events_seller_id_sellers"), "outbound_events", type_="foreignkey")


def downgrade() -> None:
    op.create_foreign_key(
        op.f("fk_outbound_events_seller_id_sellers"),
        "outbound_events",
        "sellers",
        ["seller_id"],
        ["id"],
        ondelete="CASCADE",
    )
    op.create_index(op.f("ix_outbound_events_case_id"), "outbound_events", ["case_id"], unique=False)
    op.create_foreign_key(
        op.f("fk_clock_firings_seller_id_sellers"),
        "clock_firings",
        "sellers",
        ["seller_id"],
        ["id"],
        ondelete="CASCADE",
    )
