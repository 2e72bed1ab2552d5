"""Cases, their clocks and their notes."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from services.core.models.base import Base, server_now, uuid_pk

# Cases with no running clock sort after every dated one; a real timestamp keeps the
# (band, sort_due_at, id) keyset simple.
NO_DUE = datetime.fromisoformat("9999-12-31T00:00:00+00:00")


class Case(Base):
    __tablename__ = "cases"
    __table_args__ = (
        UniqueConstraint("seller_id", "order_id", "kind", "key"),
        Index("ix_cases_seller_id_band_sort_due_at_id", "seller_id", "band", "sort_due_at", "id"),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    seller_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sellers.id", ondelete="CASCADE"))
    order_id: Mapped[str] = mapped_column(String(64))
    marketplace: Mapped[str] = mapped_column(String(2))
    kind: Mapped[str] = mapped_column(String(20))
    key: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(40))
    is_open: Mapped[bool]
    band: Mapped[int] = mapped_column(Integer)
    assignee: Mapped[str | None] = mapped_column(String(200))
    opened_at: Mapped[datetime]
    closed_at: Mapped[datetime | None]
    sort_due_at: Mapped[datetime] = mapped_column(default=NO_DUE)
    # Escalation raises a case above its kind's band; the fold never lowers it again.
    band_raise: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    escalation_level: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    facts: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    created_at: Mapped[datetime] = server_now()
    updated_at: Mapped[datetime] = server_now()


class Clock(Base):
    __tablename__ = "clocks"
    __table_args__ = (
        UniqueConstraint("case_id", "kind", "started_by_event"),
        # The reminder run reads only running return.ship clocks, oldest first, per seller.
        Index(
            "ix_clocks_running_return_ship",
            "seller_id",
            "started_at",
            postgresql_where=text("kind = 'return.ship' AND state = 'running'"),
        ),
        # Return dissatisfaction counts a window's return.decide clocks from this index alone, and
        # the ODR forecast reads running claim.decision clocks. Only those two kinds: each new
        # version of another kind's clock (ingest's writes, a breach) would insert here too.
        Index(
            "ix_clocks_seller_id_kind_started_at",
            "seller_id",
            "kind",
            "started_at",
            postgresql_include=["marketplace", "state", "due_at"],
            postgresql_where=text("kind IN ('return.decide', 'claim.decision')"),
        ),
    )

    id: Mapped[uuid.UUID] = uuid_pk()
    seller_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sellers.id", ondelete="CASCADE"))
    # Looked up through uq_clocks_case_id_kind_started_by_event, whose first column it is: one
    # index fewer for every write of a clock.
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    # The case's, copied so per-marketplace health needs no join (a case never changes marketplace).
    marketplace: Mapped[str] = mapped_column(String(2))
    kind: Mapped[str] = mapped_column(String(40))
    state: Mapped[str] = mapped_column(String(20))
    started_at: Mapped[datetime]
    due_at: Mapped[datetime]
    window_seconds: Mapped[int]
    warning_percents: Mapped[list[int]] = mapped_column(ARRAY(Integer))
    policy_version: Mapped[int]
    started_by_event: Mapped[str] = mapped_column(String(200))
    started_by_type: Mapped[str] = mapped_column(String(60))
    stopped_at: Mapped[datetime | None]
    stopped_by_event: Mapped[str | None] = mapped_column(String(200))
    stopped_by_type: Mapped[str | None] = mapped_column(String(60))
    # Only a team target's clock (kind "team:..."): thresholds on working hours, as seconds after
    # its start in firing order, and the zone its calendar counts in.
    fire_offsets: Mapped[list[int] | None] = mapped_column(ARRAY(Integer))
    time_zone: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = server_now()
    updated_at: Mapped[datetime] = server_now()


class ClockBookmark(Base):
    """The sweep's bookmark on a running clock: when its next threshold is due, and the highest
    fired so far. A clock has one while it runs and its breach has not fired.

    A narrow row of its own, because the sweep moves it at every firing: on the clock's row
    each move rewrote some 300 bytes and an entry in each of the clock's indexes (31 µs a row
    in Postgres, against 13 µs here, over a million clocks).
    """

    __tablename__ = "clock_bookmarks"
    __table_args__ = (Index("ix_clock_bookmarks_next_fire_at", "next_fire_at"),)

    clock_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("clocks.id", ondelete="CASCADE"), primary_key=True)
    next_fire_at: Mapped[datetime]
    fired_through: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class CaseNote(Base):
    __tablename__ = "case_notes"

    id: Mapped[uuid.UUID] = uuid_pk()
    seller_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sellers.id", ondelete="CASCADE"))
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    author: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]
