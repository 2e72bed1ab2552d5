"""Seller accounts and their API keys. Every other table that holds seller data points here."""

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from services.core.models.base import Base, server_now, uuid_pk


class Seller(Base):
    __tablename__ = "sellers"

    id: Mapped[uuid.UUID] = uuid_pk()
    name: Mapped[str] = mapped_column(Text)
    marketplaces: Mapped[list[str]] = mapped_column(ARRAY(String(2)))
    created_at: Mapped[datetime] = server_now()


class ApiKey(Base):
    __tablename__ = "api_keys"

    id: Mapped[uuid.UUID] = uuid_pk()
    seller_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sellers.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(Text)
    # The first characters of the key, shown in listings so a person can tell keys apart.
    prefix: Mapped[str] = mapped_column(String(16))
    # Keys are 256-bit random tokens, so a plain SHA-256 is enough: nothing to brute-force.
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    scopes: Mapped[list[str]] = mapped_column(ARRAY(Text))
    created_at: Mapped[datetime] = server_now()
    revoked_at: Mapped[datetime | None]
