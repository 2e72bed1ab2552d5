"""team targets: clocks on a calendar's working hours

A team target's clock (kind "team:<clock kind>") keeps its thresholds, worked out on its
calendar's working hours when it starts, as seconds after its start, and the calendar's time
zone for showing its due time as the team reads it. Amazon's clocks leave both empty.

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-01 19:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0025"
down_revision: str | None = "0024"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("clocks", sa.Column("fire_offsets", postgresql.ARRAY(sa.Integer()), nullable=True))
    op.add_column("clocks", sa.Column("time_zone", sa.String(length=64), nullable=True))


def downgrade() -> None:
    op.drop_column("clocks", "time_zone")
    op.drop_column("clocks", "fire_offsets")
