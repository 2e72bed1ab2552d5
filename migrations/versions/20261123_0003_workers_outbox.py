"""workers: firings, tasks, outbox, deliveries

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 11:36:15.642523
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "outbound_events",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("seller_id", sa.UUID(), nullable=False),
        sa.Column("message_id", sa.String(length=40), nullable=False),
        sa.Column("type", sa.String(length=60), nullable=False),
        sa.Column("case_id", sa.UUID(), nullable=True),
        sa.Column("payload", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["seller_id"],
            ["sellers.id"],
            name=op.f("fk_outbound_events_seller_id_sellers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbound_events")),
        sa.UniqueConstraint("message_id", name=op.f("uq_outbound_events_message_id")),
    )
    op.create_index(op.f("ix_outbound_events_case_id"), "outbound_events", ["case_id"], unique=False)
    op.create_index(
        "ix_outbound_events_seller_id_created_at",
        "outbound_events",
        ["seller_id", "created_at"],
        unique=False,
    )
    op.create_table(
        "webhook_endpoints",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("seller_id", sa.UUID(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("event_types", postgresql.ARRAY(sa.String(length=60)), nullable=False),
        sa.Column("secret", sa.String(length=100), nullable=False),
        sa.Column("previous_secret", sa.String(length=100), nullable=True),
        sa.Column("previous_secret_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("disabled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("disabled_reason", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.ForeignKeyConstraint(
            ["seller_id"],
            ["sellers.id"],
            name=op.f("fk_webhook_endpoints_seller_id_sellers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_webhook_endpoints")),
    )
    op.create_index(op.f("ix_webhook_endpoints_seller_id"), "webhook_endpoints", ["seller_id"], unique=False)
    op.create_table(
        "deliveries",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("seller_id", sa.UUID(), nullable=False),
        sa.Column("endpoint_id", sa.UUID(), nullable=False),
        sa.Column("event_id", sa.UUID(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("attempt", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_status", sa.Integer(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["endpoint_id"],
            ["webhook_endpoints.id"],
            name=op.f("fk_deliveries_endpoint_id_webhook_endpoints"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["outbound_events.id"],
            name=op.f("fk_deliveries_event_id_outbound_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["seller_id"], ["sellers.id"], name=op.f("fk_deliveries_seller_id_sellers"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deliveries")),
    )
    op.create_index(op.f("ix_deliveries_endpoint_id"), "deliveries", ["endpoint_id"], unique=False)
    op.create_index(op.f("ix_deliveries_event_id"), "deliveries", ["event_id"], unique=False)
    op.create_index(
        "ix_deliveries_seller_id_created_at", "deliveries", ["seller_id", "created_at"], unique=False
    )
    op.create_index(
        "ix_deliveries_state_next_attempt_at", "deliveries", ["state", "next_attempt_at"], unique=False
    )
    op.create_table(
        "tasks",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("seller_id", sa.UUID(), nullable=False),
        sa.Column("case_id", sa.UUID(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("details", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_tasks_case_id_cases"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["seller_id"], ["sellers.id"], name=op.f("fk_tasks_seller_id_sellers"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tasks")),
        sa.UniqueConstraint("case_id", "kind", name=op.f("uq_tasks_case_id_kind")),
    )
    op.create_index(op.f("ix_tasks_seller_id"), "tasks", ["seller_id"], unique=False)
    op.create_table(
        "clock_firings",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("seller_id", sa.UUID(), nullable=False),
        sa.Column("clock_id", sa.UUID(), nullable=False),
        sa.Column(
            "threshold", sa.Integer(), nullable=False, comment="percent of the window; 100 is the breach"
        ),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("fired_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("skipped", sa.Boolean(), nullable=False),
        sa.Column("actions", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.ForeignKeyConstraint(
            ["clock_id"], ["clocks.id"], name=op.f("fk_clock_firings_clock_id_clocks"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["seller_id"], ["sellers.id"], name=op.f("fk_clock_firings_seller_id_sellers"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clock_firings")),
        sa.UniqueConstraint("clock_id", "threshold", name=op.f("uq_clock_firings_clock_id_threshold")),
    )
    op.add_column("cases", sa.Column("band_raise", sa.Integer(), server_default="0", nullable=False))
    op.add_column("cases", sa.Column("escalation_level", sa.Integer(), server_default="0", nullable=False))
    op.add_column("clocks", sa.Column("fired_through", sa.Integer(), server_default="0", nullable=False))
    op.add_column("clocks", sa.Column("next_fire_at", sa.DateTime(timezone=True), nullable=True))
    op.drop_index(op.f("ix_clocks_state_due_at"), table_name="clocks")
    op.create_index(
        "ix_clocks_next_fire_at",
        "clocks",
        ["next_fire_at"],
        unique=False,
        postgresql_where=sa.text("next_fire_at IS NOT NULL"),
    )

    # Running clocks from before the sweep existed: due for a look now; the sweep finds the
    # next threshold from there.
    op.execute("UPDATE clocks SET next_fire_at = started_at WHERE state = 'running'")


def downgrade() -> None:
    op.drop_index(
        "ix_clocks_next_fire_at", table_name="clocks", postgresql_where=sa.text("next_fire_at IS NOT NULL")
    )
    op.create_index(op.f("ix_clocks_state_due_at"), "clocks", ["state", "due_at"], unique=False)
    op.drop_column("clocks", "next_fire_at")
    op.drop_column("clocks", "fired_through")
    op.drop_column("cases", "escalation_level")
    op.drop_column("cases", "band_raise")
    op.drop_table("clock_firings")
    op.drop_index(op.f("ix_tasks_seller_id"), table_name="tasks")
    op.drop_table("tasks")
    op.drop_index("ix_deliveries_state_next_attempt_at", table_name="deliveries")
    op.drop_index("ix_deliveries_seller_id_created_at", table_name="deliveries")
    op.drop_index(op.f("ix_deliveries_event_id"), table_name="deliveries")
    op.drop_index(op.f("ix_deliveries_endpoint_id"), table_name="deliveries")
    op.drop_table("deliveries")
    op.drop_index(op.f("ix_webhook_endpoints_seller_id"), table_name="webhook_endpoints")
    op.drop_table("webhook_endpoints")
    op.drop_index("ix_outbound_events_seller_id_created_at", table_name="outbound_events")
    op.drop_index(op.f("ix_outbound_events_case_id"), table_name="outbound_events")
    op.drop_table("outbound_events")
