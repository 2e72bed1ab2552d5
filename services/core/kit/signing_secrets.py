"""Signing secrets that can be rotated without downtime: during an overlap, both sign."""

import base64
import secrets
from datetime import datetime, timedelta
from typing import Protocol


class HasSecret(Protocol):
    secret: str
    previous_secret: str | None
    previous_secret_until: datetime | None


def standard_webhooks_secret() -> str:
    """A Standard Webhooks secret: whsec_ and the base64 of 32 random bytes."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


def rotate(holder: HasSecret, new_secret: str, overlap: timedelta, now: datetime) -> None:
    """The new secret from now on; the old one too until the overlap ends (none: at once)."""
    keep = overlap > timedelta(0)
    holder.previous_secret = holder.secret if keep else None
    holder.previous_secret_until = now + overlap if keep else None
    holder.secret = new_secret


def in_force(holder: HasSecret, now: datetime) -> list[str]:
    """The secrets that sign (or may sign) now, newest first."""
    found = [holder.secret]
    if holder.previous_secret and holder.previous_secret_until and holder.previous_secret_until > now:
        found.append(holder.previous_secret)
    return found
