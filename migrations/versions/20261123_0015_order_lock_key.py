"""order_lock_key(seller, order_id): the advisory lock every change to an order's cases takes

The sweep took each fired clock's order row lock: a heap write, a WAL record and an index
lookup of the order per firing. A transaction-level advisory lock on this key serialises the
same writers (ingest, the sweep, assignment) in shared memory, without touching the row.

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-23 18:40:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("""
        CREATE FUNCTION order_lock_key(seller_id uuid, order_id text) RETURNS bigint
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        RETURN hashtextextended(seller_id::text || '/' || order_id, 0)
    """)


def downgrade() -> None:
    op.execute("DROP FUNCTION order_lock_key(uuid, text)")
