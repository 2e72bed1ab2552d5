"""the reminder run's index: running return.ship clocks per seller

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-23 14:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_clocks_running_return_ship",
        "clocks",
        ["seller_id", "started_at"],
        unique=False,
        postgresql_where=sa.text("kind = 'return.ship' AND state = 'running'"),
    )


def downgrade() -> None:
    op.drop_index("ix_clocks_running_return_ship", table_name="clocks")
