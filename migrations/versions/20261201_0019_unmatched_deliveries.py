"""inbound deliveries that become no event are kept as unmatched

A correctly signed delivery that names no order, carries a type we do not use, or is a
helpdesk's test ping is kept with its reason instead of refused, so the sender never retries it
into deactivating the webhook. A person can attach an order to one that named none, in our API
or through the helpdesk field the producer's mapping names: the headers its translation reads
and its conversation are kept beside the payload for that.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-01 18:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "inbound_webhooks",
        sa.Column(
            "headers",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default="{}",
            nullable=False,
            comment="the sender's headers its translation reads; never a secret",
        ),
    )
    op.add_column(
        "inbound_webhooks",
        sa.Column(
            "unmatched_reason",
            sa.String(length=40),
            nullable=True,
            comment="why it became no event: no-order-id, unused-type, test, unreadable, invalid",
        ),
    )
    op.add_column(
        "inbound_webhooks",
        sa.Column(
            "thread_key", sa.String(length=200), nullable=True, comment="the helpdesk conversation or ticket"
        ),
    )
    op.add_column("inbound_webhooks", sa.Column("unmatched_detail", sa.Text(), nullable=True))
    op.add_column("inbound_webhooks", sa.Column("attached_order_id", sa.String(length=64), nullable=True))
    op.add_column("inbound_webhooks", sa.Column("attached_at", sa.DateTime(timezone=True), nullable=True))
    op.create_index(
        "ix_inbound_webhooks_unmatched",
        "inbound_webhooks",
        ["seller_id", "received_at", "id"],
        postgresql_where=sa.text("unmatched_reason IS NOT NULL"),
    )
    # A helpdesk field naming a conversation's order finds the conversation's kept messages.
    op.create_index(
        "ix_inbound_webhooks_waiting_for_order",
        "inbound_webhooks",
        ["producer_id", "thread_key"],
        postgresql_where=sa.text("unmatched_reason = 'no-order-id' AND attached_at IS NULL"),
    )


def downgrade() -> None:
    op.drop_index(
        "ix_inbound_webhooks_waiting_for_order",
        table_name="inbound_webhooks",
        postgresql_where=sa.text("unmatched_reason = 'no-order-id' AND attached_at IS NULL"),
    )
    op.drop_index(
        "ix_inbound_webhooks_unmatched",
        table_name="inbound_webhooks",
        postgresql_where=sa.text("unmatched_reason IS NOT NULL"),
    )
    for column in (
        "attached_at",
        "attached_order_id",
        "unmatched_detail",
        "unmatched_reason",
        "thread_key",
        "headers",
    ):
        op.drop_column("inbound_webhooks", column)
