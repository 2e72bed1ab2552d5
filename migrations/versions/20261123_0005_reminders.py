"""return reminders and contacts

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 11:56:47.637722
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "contacts",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("seller_id", sa.UUID(), nullable=False),
        sa.Column("order_id", sa.String(length=64), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("agent", sa.String(length=200), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["seller_id"], ["sellers.id"], name=op.f("fk_contacts_seller_id_sellers"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contacts")),
    )
    op.create_index("ix_contacts_seller_id_order_id", "contacts", ["seller_id", "order_id"], unique=False)
    op.create_table(
        "reminders",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("seller_id", sa.UUID(), nullable=False),
        sa.Column("case_id", sa.UUID(), nullable=False),
        sa.Column("order_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False, comment="call or message"),
        sa.Column(
            "reason", sa.String(length=40), nullable=False, comment="scheduled, delivery_failed or agent"
        ),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column(
            "details",
            postgresql.JSONB(astext_type=sa.Text()),
            nullable=False,
            comment="call script, or the message sent",
        ),
        sa.Column("outcome", sa.String(length=20), nullable=True),
        sa.Column("outcome_by", sa.String(length=200), nullable=True),
        sa.Column("outcome_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_reminders_case_id_cases"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["seller_id"], ["sellers.id"], name=op.f("fk_reminders_seller_id_sellers"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminders")),
        sa.UniqueConstraint("case_id", name=op.f("uq_reminders_case_id")),
    )
    op.create_index(op.f("ix_reminders_seller_id"), "reminders", ["seller_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_reminders_seller_id"), table_name="reminders")
    op.drop_table("reminders")
    op.drop_index("ix_contacts_seller_id_order_id", table_name="contacts")
    op.drop_table("contacts")
