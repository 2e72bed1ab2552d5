"""API shapes of the seller account and its keys."""

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from services.core.domain.events import MarketplaceCode
from services.core.sellers.audit import AUDITED_ACTIONS
from services.core.sellers.service import SCOPES


class SellerOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    name: str
    marketplaces: list[str]
    created_at: datetime


class SellerUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(default=None, min_length=1, max_length=200)
    marketplaces: list[MarketplaceCode] | None = Field(default=None, min_length=1)


class ApiKeyOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    name: str
    prefix: str
    scopes: list[str]
    created_at: datetime
    revoked_at: datetime | None


class ApiKeyCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(default="default", min_length=1, max_length=100)
    scopes: list[str] = Field(min_length=1, description=f"Any of: {', '.join(SCOPES)}.")


class ApiKeyIssued(ApiKeyOut):
    key: str = Field(description="The key itself; shown this once, only its hash is stored.")


class AuditEntryOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    at: datetime
    actor_key_id: uuid.UUID | None = Field(description="The API key that asked; null: the command line.")
    action: str = Field(description=f"One of: {', '.join(AUDITED_ACTIONS)}.")
    target_type: str
    target_id: str
    before: dict[str, Any] | None = Field(description="What changed, as it was (never a secret).")
    after: dict[str, Any] | None = Field(description="What changed, as it is now (never a secret).")


class AuditPage(BaseModel):
    items: list[AuditEntryOut]
    next_cursor: str | None
