"""outbound events without a seller index

No query reads outbound events by seller and time (deliveries have their own index), and the
sweep and ingest write one for every change: an index insert each, for nothing.

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-23 18:21:23.014259
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_index(op.f("ix_outbound_events_seller_id_created_at"), table_name="outbound_events")


def downgrade() -> None:
    op.create_index(
        op.f("ix_outbound_events_seller_id_created_at"),
        "outbound_events",
        ["seller_id", "created_at"],
        unique=False,
    )
