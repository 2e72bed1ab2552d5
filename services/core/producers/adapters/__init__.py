"""Inbound adapters: each producer kind's signature check and translation into our events."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from services.core.producers.adapters import amazon, helpdesks, signed
from services.core.producers.adapters.common import BadSignature, Translated, Untranslatable, ci

DEFAULT_SECRET_HEADER = "X-Aftersales-Secret"


@dataclass(frozen=True)
class Adapter:
    # (producer, the secrets that may sign now, headers, body, the wall clock's now)
    verify: Callable[[Any, list[str], Mapping[str, str], bytes, datetime], None]
    translate: Callable[[Any, Mapping[str, str], Any], Translated]
    role: str  # helpdesk or amazon: the side of the gap check


def _standard_translate(producer: Any, headers: Mapping[str, str], payload: Any) -> Translated:
    key = headers.get("webhook-id", "")
    return Translated(key, str(ci(payload, "type") or "unknown"), [payload])


def _verify_standard(
    producer: Any, keys: list[str], headers: Mapping[str, str], body: bytes, wall: datetime
) -> None:
    signed.standard(keys, headers, body)


def _verify_helpscout(
    producer: Any, keys: list[str], headers: Mapping[str, str], body: bytes, wall: datetime
) -> None:
    signed.helpscout(keys, headers, body)


def _verify_zendesk(
    producer: Any, keys: list[str], headers: Mapping[str, str], body: bytes, wall: datetime
) -> None:
    signed.zendesk(keys, headers, body, wall)


def _verify_header(
    producer: Any, keys: list[str], headers: Mapping[str, str], body: bytes, wall: datetime
) -> None:
    signed.shared_secret(keys, headers, producer.secret_header or DEFAULT_SECRET_HEADER)


ADAPTERS: dict[str, Adapter] = {
    "standard": Adapter(_verify_standard, _standard_translate, "helpdesk"),
    "helpscout": Adapter(_verify_helpscout, helpdesks.helpscout, "helpdesk"),
    "zendesk": Adapter(_verify_zendesk, helpdesks.zendesk, "helpdesk"),
    "freshdesk": Adapter(_verify_header, helpdesks.freshdesk, "helpdesk"),
    "amazon": Adapter(_verify_header, amazon.notification, "amazon"),
}

__all__ = ["ADAPTERS", "DEFAULT_SECRET_HEADER", "Adapter", "BadSignature", "Translated", "Untranslatable"]
