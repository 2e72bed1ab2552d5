"""the clocks' health index holds only the two kinds health reads

Return dissatisfaction reads return.decide clocks and the ODR forecast claim.decision ones;
the sweep moves every clock's bookmark, and each move of any other kind's clock inserted an
entry here, at a random page of an index as large as the table.

Revision ID: 0017
Revises: 0016
Create Date: 2026-11-23 19:32:09.197851
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = ["seller_id", "kind", "started_at"]
INCLUDE = ["marketplace", "state", "due_at"]


def upgrade() -> None:
    op.drop_index("ix_clocks_seller_id_kind_started_at", table_name="clocks")
    op.create_index(
        "ix_clocks_seller_id_kind_started_at",
        "clocks",
        COLUMNS,
        postgresql_include=INCLUDE,
        postgresql_where=sa.text("kind IN ('return.decide', 'claim.decision')"),
    )


def downgrade() -> None:
    op.drop_index("ix_clocks_seller_id_kind_started_at", table_name="clocks")
    op.create_index("ix_clocks_seller_id_kind_started_at", "clocks", COLUMNS, postgresql_include=INCLUDE)
