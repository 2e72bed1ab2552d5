"""Orders per seller, marketplace and UTC day, so a 90-day denominator sums 90 rows, not 400,000.

A trigger on `orders` (migration 0010) appends each change of an order's day to
`order_day_changes`: appends never wait on each other, so ingest takes no shared lock. The
worker folds those changes into `order_days` each minute; readers add both tables up.
"""

import uuid
from datetime import date

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from services.core.models.base import Base


class OrderDay(Base):
    __tablename__ = "order_days"

    seller_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("sellers.id", ondelete="CASCADE"), primary_key=True
    )
    marketplace: Mapped[str] = mapped_column(String(2), primary_key=True)
    day: Mapped[date] = mapped_column(primary_key=True)
    orders: Mapped[int] = mapped_column(BigInteger)


class OrderDayChange(Base):
    __tablename__ = "order_day_changes"
    # No foreign key: the trigger may still append for an order whose seller is being deleted;
    # the fold drops changes of sellers that no longer exist.
    __table_args__ = (Index("ix_order_day_changes_seller_id_day", "seller_id", "day"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    seller_id: Mapped[uuid.UUID]
    marketplace: Mapped[str] = mapped_column(String(2))
    day: Mapped[date]
    orders: Mapped[int] = mapped_column(Integer)
