"""drop ix_clocks_case_id: the unique (case_id, kind, started_by_event) index serves its lookups

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-23 15:20:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_index("ix_clocks_case_id", table_name="clocks")


def downgrade() -> None:
    op.create_index("ix_clocks_case_id", "clocks", ["case_id"], unique=False)
