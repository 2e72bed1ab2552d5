"""idempotency keys bound to their first request, and expiring

A key was a note's column (unique per seller) or part of a reply's event id, so one key on two
cases replayed the first case's answer and did nothing on the second. Keys now have their own
table: bound to the operation, the target and the body's fingerprint, with the first answer, for
a set lifetime. Note keys of the day before the upgrade are not carried over: a note retried
across the upgrade with such a key is added again.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-01 18:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "idempotency_keys",
        sa.Column("seller_id", sa.UUID(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("operation", sa.String(length=40), nullable=False, comment="e.g. case.reply, case.note"),
        sa.Column(
            "target",
            sa.String(length=200),
            nullable=False,
            comment="what the operation acted on, e.g. a case id",
        ),
        sa.Column("fingerprint", sa.String(length=64), nullable=False, comment="SHA-256 of the request body"),
        sa.Column("answer", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["seller_id"],
            ["sellers.id"],
            name=op.f("fk_idempotency_keys_seller_id_sellers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("seller_id", "key", name=op.f("pk_idempotency_keys")),
    )
    op.create_index(
        "ix_idempotency_keys_seller_id_expires_at", "idempotency_keys", ["seller_id", "expires_at"]
    )
    op.drop_constraint("uq_case_notes_seller_id_idempotency_key", "case_notes", type_="unique")
    op.drop_column("case_notes", "idempotency_key")


def downgrade() -> None:
    op.add_column("case_notes", sa.Column("idempotency_key", sa.String(length=200), nullable=True))
    op.create_unique_constraint(
        "uq_case_notes_seller_id_idempotency_key", "case_notes", ["seller_id", "idempotency_key"]
    )
    op.drop_index("ix_idempotency_keys_seller_id_expires_at", table_name="idempotency_keys")
    op.drop_table("idempotency_keys")
