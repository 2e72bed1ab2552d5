"""event spine: orders, events, cases, clocks, notes, policies

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 11:26:33.762840
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "cases",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("seller_id", sa.UUID(), nullable=False),
        sa.Column("order_id", sa.String(length=64), nullable=False),
        sa.Column("marketplace", sa.String(length=2), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=40), nullable=False),
        sa.Column("is_open", sa.Boolean(), nullable=False),
        sa.Column("band", sa.Integer(), nullable=False),
        sa.Column("assignee", sa.String(length=200), nullable=True),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("sort_due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("facts", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.ForeignKeyConstraint(
            ["seller_id"], ["sellers.id"], name=op.f("fk_cases_seller_id_sellers"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cases")),
        sa.UniqueConstraint(
            "seller_id", "order_id", "kind", "key", name=op.f("uq_cases_seller_id_order_id_kind_key")
        ),
    )
    op.create_index(
        "ix_cases_seller_id_band_sort_due_at_id",
        "cases",
        ["seller_id", "band", "sort_due_at", "id"],
        unique=False,
    )
    op.create_table(
        "events",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("seller_id", sa.UUID(), nullable=False),
        sa.Column("source", sa.String(length=40), nullable=False),
        sa.Column("event_id", sa.String(length=200), nullable=False),
        sa.Column("type", sa.String(length=60), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("order_id", sa.String(length=64), nullable=False),
        sa.Column("marketplace", sa.String(length=2), nullable=False),
        sa.Column("data", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("body_hash", sa.String(length=64), nullable=False),
        sa.Column("case_ids", postgresql.ARRAY(sa.UUID()), nullable=False),
        sa.Column("answer", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["seller_id"], ["sellers.id"], name=op.f("fk_events_seller_id_sellers"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
        sa.UniqueConstraint(
            "seller_id", "source", "event_id", name=op.f("uq_events_seller_id_source_event_id")
        ),
    )
    op.create_index(
        "ix_events_seller_id_order_id_occurred_at",
        "events",
        ["seller_id", "order_id", "occurred_at"],
        unique=False,
    )
    op.create_table(
        "orders",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("seller_id", sa.UUID(), nullable=False),
        sa.Column("order_id", sa.String(length=64), nullable=False),
        sa.Column("marketplace", sa.String(length=2), nullable=False),
        sa.Column("facts", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("replacement_of", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.ForeignKeyConstraint(
            ["seller_id"], ["sellers.id"], name=op.f("fk_orders_seller_id_sellers"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_orders")),
        sa.UniqueConstraint("seller_id", "order_id", name=op.f("uq_orders_seller_id_order_id")),
    )
    op.create_index(
        "ix_orders_seller_id_replacement_of", "orders", ["seller_id", "replacement_of"], unique=False
    )
    op.create_table(
        "policy_versions",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("seller_id", sa.UUID(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("document", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.ForeignKeyConstraint(
            ["seller_id"],
            ["sellers.id"],
            name=op.f("fk_policy_versions_seller_id_sellers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_policy_versions")),
        sa.UniqueConstraint("seller_id", "version", name=op.f("uq_policy_versions_seller_id_version")),
    )
    op.create_table(
        "case_notes",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("seller_id", sa.UUID(), nullable=False),
        sa.Column("case_id", sa.UUID(), nullable=False),
        sa.Column("author", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("idempotency_key", sa.String(length=200), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_case_notes_case_id_cases"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["seller_id"], ["sellers.id"], name=op.f("fk_case_notes_seller_id_sellers"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_notes")),
        sa.UniqueConstraint(
            "seller_id", "idempotency_key", name=op.f("uq_case_notes_seller_id_idempotency_key")
        ),
    )
    op.create_index(op.f("ix_case_notes_case_id"), "case_notes", ["case_id"], unique=False)
    op.create_table(
        "clocks",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("seller_id", sa.UUID(), nullable=False),
        sa.Column("case_id", sa.UUID(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("window_seconds", sa.Integer(), nullable=False),
        sa.Column("warning_percents", postgresql.ARRAY(sa.Integer()), nullable=False),
        sa.Column("policy_version", sa.Integer(), nullable=False),
        sa.Column("started_by_event", sa.String(length=200), nullable=False),
        sa.Column("started_by_type", sa.String(length=60), nullable=False),
        sa.Column("stopped_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("stopped_by_event", sa.String(length=200), nullable=True),
        sa.Column("stopped_by_type", sa.String(length=60), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_clocks_case_id_cases"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["seller_id"], ["sellers.id"], name=op.f("fk_clocks_seller_id_sellers"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clocks")),
        sa.UniqueConstraint(
            "case_id", "kind", "started_by_event", name=op.f("uq_clocks_case_id_kind_started_by_event")
        ),
    )
    op.create_index(op.f("ix_clocks_case_id"), "clocks", ["case_id"], unique=False)
    op.create_index("ix_clocks_state_due_at", "clocks", ["state", "due_at"], unique=False)

    # Every seller has a policy; an empty document means "all defaults" (version 1).
    op.execute(
        "INSERT INTO policy_versions (id, seller_id, version, document, created_at) "
        "SELECT gen_random_uuid(), id, 1, '{}'::jsonb, now() FROM sellers"
    )


def downgrade() -> None:
    op.drop_index("ix_clocks_state_due_at", table_name="clocks")
    op.drop_index(op.f("ix_clocks_case_id"), table_name="clocks")
    op.drop_table("clocks")
    op.drop_index(op.f("ix_case_notes_case_id"), table_name="case_notes")
    op.drop_table("case_notes")
    op.drop_table("policy_versions")
    op.drop_index("ix_orders_seller_id_replacement_of", table_name="orders")
    op.drop_table("orders")
    op.drop_index("ix_events_seller_id_order_id_occurred_at", table_name="events")
    op.drop_table("events")
    op.drop_index("ix_cases_seller_id_band_sort_due_at_id", table_name="cases")
    op.drop_table("cases")
