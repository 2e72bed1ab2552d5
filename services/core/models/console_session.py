"""Console sign-ins: a person's session in the web console, bound to the API key they signed in with."""

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from services.core.models.base import Base, uuid_pk


class ConsoleSession(Base):
    __tablename__ = "console_sessions"

    id: Mapped[uuid.UUID] = uuid_pk()
    seller_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sellers.id", ondelete="CASCADE"))
    # Revoking the key ends its sessions: a session is only as good as its key.
    key_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("api_keys.id", ondelete="CASCADE"), index=True)
    # Only the hash of the cookie's token is stored, as for API keys.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    person: Mapped[str] = mapped_column(Text, comment="the name notes, outcomes and assignments carry")
    csrf: Mapped[str] = mapped_column(String(64), comment="the token every form of this session carries")
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
