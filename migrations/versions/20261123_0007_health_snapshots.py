"""health snapshots

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23 12:03:11.423219
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "health_snapshots",
        sa.Column("seller_id", sa.UUID(), nullable=False),
        sa.Column("marketplace", sa.String(length=2), nullable=False),
        sa.Column("window_days", sa.Integer(), nullable=False),
        sa.Column("metric", sa.String(length=60), nullable=False),
        sa.Column("percent", sa.Double(), nullable=True),
        sa.Column("numerator", sa.Integer(), nullable=False),
        sa.Column("denominator", sa.Integer(), nullable=False),
        sa.Column("computed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["seller_id"],
            ["sellers.id"],
            name=op.f("fk_health_snapshots_seller_id_sellers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "seller_id", "marketplace", "window_days", "metric", name=op.f("pk_health_snapshots")
        ),
    )


def downgrade() -> None:
    op.drop_table("health_snapshots")
