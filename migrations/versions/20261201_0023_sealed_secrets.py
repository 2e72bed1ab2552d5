"""producer and endpoint secrets widened to text, to hold them sealed

A secret sealed with Fernet (services/core/kit/sealed.py) is some 2.3 times as long as the
secret and carries a prefix; the rows are not rewritten here: `aftersales secrets seal` seals
the plaintext ones once AFTERSALES_SECRETS_KEY is set, and every write seals its own.

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-01 18:20:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0023"
down_revision: str | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = {"producers": 200, "webhook_endpoints": 100}


def upgrade() -> None:
    for table, length in COLUMNS.items():
        for column in ("secret", "previous_secret"):
            op.alter_column(table, column, type_=sa.Text(), existing_type=sa.String(length=length))


def downgrade() -> None:
    # Sealed values do not fit the old widths: open them first (unset the key and run
    # `aftersales secrets seal`, which writes them back in plaintext).
    for table, length in COLUMNS.items():
        for column in ("secret", "previous_secret"):
            op.alter_column(table, column, type_=sa.String(length=length), existing_type=sa.Text())
