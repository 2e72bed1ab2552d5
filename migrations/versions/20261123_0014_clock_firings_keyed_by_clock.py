"""clock firings keyed by clock and threshold, without a surrogate id or a key to the clock

The sweep writes a firing for every threshold it fires, for a clock it holds locked; clocks are
never deleted, and nothing read a firing by its id. The unique (clock, threshold) key becomes
the primary key.

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-23 18:04:12.369991
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_constraint(op.f("fk_clock_firings_clock_id_clocks"), "clock_firings", type_="foreignkey")
    op.drop_column("clock_firings", "id")
    op.drop_constraint(op.f("uq_clock_firings_clock_id_threshold"), "clock_firings", type_="unique")
    op.create_primary_key(op.f("pk_clock_firings"), "clock_firings", ["clock_id", "threshold"])


def downgrade() -> None:
    op.drop_constraint(op.f("pk_clock_firings"), "clock_firings", type_="primary")
    op.create_unique_constraint(
        op.f("uq_clock_firings_clock_id_threshold"), "clock_firings", ["clock_id", "threshold"]
    )
    op.add_column(
        "clock_firings",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
    )
    op.alter_column("clock_firings", "id", server_default=None)
    op.create_primary_key(op.f("pk_clock_firings"), "clock_firings", ["id"])
    op.create_foreign_key(
        op.f("fk_clock_firings_clock_id_clocks"),
        "clock_firings",
        "clocks",
        ["clock_id"],
        ["id"],
        ondelete="CASCADE",
    )
