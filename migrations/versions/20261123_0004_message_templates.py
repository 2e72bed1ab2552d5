"""message templates; events by type

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 11:50:37.986481
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "message_templates",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("seller_id", sa.UUID(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("texts", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["seller_id"],
            ["sellers.id"],
            name=op.f("fk_message_templates_seller_id_sellers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_message_templates")),
        sa.UniqueConstraint("seller_id", "name", name=op.f("uq_message_templates_seller_id_name")),
    )
    op.create_index(
        "ix_events_seller_id_type_occurred_at", "events", ["seller_id", "type", "occurred_at"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_events_seller_id_type_occurred_at", table_name="events")
    op.drop_table("message_templates")
