"""an amazon producer's SQS queue

Amazon sends its notifications (ORDER_CHANGE and the rest) only to an SQS queue the seller owns;
`aftersales amazon-sqs` reads each producer's queue. Only one active producer may read a queue.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-01 18:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "producers",
        sa.Column(
            "sqs_queue_url", sa.String(length=1000), nullable=True, comment="amazon: the queue to read"
        ),
    )
    op.add_column(
        "producers",
        sa.Column(
            "sqs_region", sa.String(length=40), nullable=True, comment="amazon: the queue's AWS region"
        ),
    )
    op.create_index(
        "uq_producers_sqs_queue_url",
        "producers",
        ["sqs_queue_url"],
        unique=True,
        postgresql_where=sa.text("sqs_queue_url IS NOT NULL AND disabled_at IS NULL"),
    )


def downgrade() -> None:
    op.drop_index(
        "uq_producers_sqs_queue_url",
        table_name="producers",
        postgresql_where=sa.text("sqs_queue_url IS NOT NULL AND disabled_at IS NULL"),
    )
    op.drop_column("producers", "sqs_region")
    op.drop_column("producers", "sqs_queue_url")
