"""Secrets at rest: producer and endpoint signing secrets, sealed with Fernet when a key is set.

The service must read these secrets back to sign and verify, so they cannot be hashed like API
keys; with `AFTERSALES_SECRETS_KEY` set they are encrypted (Fernet: AES-128-CBC and
HMAC-SHA256, from `cryptography`) before they reach the database, and a stolen dump or backup
does not reveal them. The key is a comma-separated list: the first seals, every one opens, so a
new key goes first and the old one stays until `aftersales secrets seal` has rewritten every row.

A sealed value carries the prefix `fernet:`; a value without it is plaintext from before a key
was set (or from a deployment without one), read as it is and sealed when next written. Without
a key, secrets are stored in plaintext, as they were.
"""

from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from pydantic import SecretStr
from sqlalchemy import Text
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

from services.core.kit.config import get_settings
from services.core.kit.errors import Unavailable

PREFIX = "fernet:"


class SecretUnreadable(Unavailable):
    slug = "secrets-unreadable"

    def __init__(self, reason: str) -> None:
        super().__init__(
            f"a stored signing secret is sealed, and {reason}: set AFTERSALES_SECRETS_KEY to the key "
            "(or list of keys) it was sealed with"
        )


class Sealer:
    """Seals and opens with the configured keys; without keys, stores and reads plaintext."""

    def __init__(self, keys: str | None) -> None:
        listed = [k.strip() for k in (keys or "").split(",") if k.strip()]
        try:
            self._fernet = MultiFernet([Fernet(k) for k in listed]) if listed else None
        except ValueError as error:
            raise ValueError(
                "AFTERSALES_SECRETS_KEY must be Fernet keys (32 url-safe base64-encoded bytes each), "
                "comma-separated; make one with `aftersales secrets new-key`"
            ) from error

    @property
    def sealing(self) -> bool:
        return self._fernet is not None

    def seal(self, plain: str) -> str:
        if self._fernet is None:
            return plain
        return PREFIX + self._fernet.encrypt(plain.encode()).decode()

    def open(self, stored: str) -> str:
        if not stored.startswith(PREFIX):
            return stored
        if self._fernet is None:
            raise SecretUnreadable("no key is set")
        try:
            return self._fernet.decrypt(stored[len(PREFIX) :].encode()).decode()
        except InvalidToken as error:
            raise SecretUnreadable("none of the keys set opens it") from error


_current: list[Sealer] = []


def configure(keys: SecretStr | None) -> Sealer:
    """Seal with these keys in this process from now on (the API and the worker call it at start)."""
    sealer = Sealer(keys.get_secret_value() if keys else None)
    _current[:] = [sealer]
    return sealer


def current() -> Sealer:
    if not _current:
        # A process that did not configure it (the command line) reads its own settings.
        configure(get_settings().secrets_key)
    return _current[0]


def new_key() -> str:
    return Fernet.generate_key().decode()


class SealedSecret(TypeDecorator[str]):
    """A text column whose value is sealed on the way in and opened on the way out."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        return None if value is None else current().seal(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> str | None:
        return None if value is None else current().open(value)
