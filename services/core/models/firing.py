"""Clock firings and tasks: what the sweep did, each at most once."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from services.core.models.base import Base, uuid_pk


class ClockFiring(Base):
    """One warning threshold or the breach of one clock; its key makes it once-only."""

    __tablename__ = "clock_firings"

    # Keyed by what it is, with no key to the clock: the sweep writes thousands of firings a
    # second, each for a clock it holds locked, and clocks are never deleted. A surrogate id
    # and a key check were two more lookups per firing that nothing read.
    clock_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    threshold: Mapped[int] = mapped_column(
        primary_key=True, comment="percent of the window; 100 is the breach"
    )
    # The clock's seller, copied for reading.
    seller_id: Mapped[uuid.UUID]
    due_at: Mapped[datetime]
    fired_at: Mapped[datetime]
    # A threshold already passed when a later one fired is recorded, not announced.
    skipped: Mapped[bool]
    actions: Mapped[list[dict[str, Any]]] = mapped_column(JSONB)


class Task(Base):
    """Work for a person that a rule created, e.g. 'appeal now' when a claim's contact window ends."""

    __tablename__ = "tasks"
    __table_args__ = (UniqueConstraint("case_id", "kind"),)

    id: Mapped[uuid.UUID] = uuid_pk()
    seller_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sellers.id", ondelete="CASCADE"), index=True)
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(Text)
    details: Mapped[dict[str, Any]] = mapped_column(JSONB)
    created_at: Mapped[datetime]
    done_at: Mapped[datetime | None]
