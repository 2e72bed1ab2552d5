"""the sweep's bookmarks move from clocks to clock_bookmarks

The sweep moves a running clock's bookmark (next_fire_at, fired_through) at every firing. On
the clock's own row each move wrote a new version of some 300 bytes and an entry in every index
of clocks; a narrow row of its own costs a few dozen bytes and two index entries. A bookmark
exists while its clock runs with a threshold still to fire, as next_fire_at was not null.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-01 07:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "clock_bookmarks",
        sa.Column("clock_id", sa.UUID(), nullable=False),
        sa.Column("next_fire_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("fired_through", sa.Integer(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(
            ["clock_id"], ["clocks.id"], name=op.f("fk_clock_bookmarks_clock_id_clocks"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("clock_id", name=op.f("pk_clock_bookmarks")),
    )
    op.execute("""
        INSERT INTO clock_bookmarks (clock_id, next_fire_at, fired_through)
        SELECT id, next_fire_at, fired_through FROM clocks WHERE next_fire_at IS NOT NULL
    """)
    op.create_index("ix_clock_bookmarks_next_fire_at", "clock_bookmarks", ["next_fire_at"])
    op.drop_index(
        "ix_clocks_next_fire_at", table_name="clocks", postgresql_where=sa.text("next_fire_at IS NOT NULL")
    )
    op.drop_column("clocks", "next_fire_at")
    op.drop_column("clocks", "fired_through")


def downgrade() -> None:
    op.add_column("clocks", sa.Column("fired_through", sa.Integer(), server_default="0", nullable=False))
    op.add_column("clocks", sa.Column("next_fire_at", sa.DateTime(timezone=True), nullable=True))
    # A clock without a bookmark has fired through its breach, or stopped: only a breach is known.
    op.execute("UPDATE clocks SET fired_through = 100 WHERE state = 'breached'")
    op.execute("""
        UPDATE clocks SET next_fire_at = b.next_fire_at, fired_through = b.fired_through
        FROM clock_bookmarks b WHERE b.clock_id = clocks.id
    """)
    op.create_index(
        "ix_clocks_next_fire_at",
        "clocks",
        ["next_fire_at"],
        postgresql_where=sa.text("next_fire_at IS NOT NULL"),
    )
    op.drop_index("ix_clock_bookmarks_next_fire_at", table_name="clock_bookmarks")
    op.drop_table("clock_bookmarks")
