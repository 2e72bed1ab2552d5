"""clock firings without a seller key, outbound events without a case index

The sweep writes a firing and an outbound event for every threshold it fires: the firing's
clock key already ties it to its seller, and no query reads outbound events by case.

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-23 16:32:33.630700
"""

from collections.abc import Sequence

from alembic import op

revision: str = '0013'
down_revision: str | None = '0012'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_constraint(op.f('fk_clock_firings_seller_id_sellers'), 'clock_firings', type_='foreignkey')
    op.drop_index(op.f('ix_outbound_events_case_id'), table_name='outbound_events')


def downgrade() -> None:
    op.create_index(op.f('ix_outbound_events_case_id'), 'outbound_events', ['case_id'], unique=False)
    op.create_foreign_key(op.f('fk_clock_firings_seller_id_sellers'), 'clock_firings', 'sellers', ['seller_id'], ['id'], ondelete='CASCADE')
