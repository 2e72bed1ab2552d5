"""Inbound adapters: each producer kind's signature check and translation into our events."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from services.core.producers.adapters import amazon, helpdesks, signed, zendesk
from services.core.producers.adapters.common import (
    BadSignature,
    Hints,
    Translated,
    Unmatched,
    Untranslatable,
    ci,
)

DEFAULT_SECRET_HEADER = "X-Aftersales-Secret"


@dataclass(frozen=True)
class Adapter:
    # (producer, the secrets that may sign now, headers, body, the wall clock's now)
    verify: Callable[[Any, list[str], Mapping[str, str], bytes, datetime], None]
    # (producer, headers, the parsed body, hints): kept deliveries are translated again on attach
    translate: Callable[[Any, Mapping[str, str], Any, Hints], Translated]
    role: str  # helpdesk or amazon: the side of the gap check
    # The headers the translation reads, kept with an unmatched delivery; never a secret.
    keeps: tuple[str, ...] = ()


def _standard_translate(producer: Any, headers: Mapping[str, str], payload: Any, hints: Hints) -> Translated:
    key = headers.get("webhook-id", "")
    return Translated(key, str(ci(payload, "type") or "unknown"), [payload])


def _amazon_translate(producer: Any, headers: Mapping[str, str], payload: Any, hints: Hints) -> Translated:
    translated = amazon.notification(producer, headers, payload)
    if translated.events:
        return translated
    why = f"{translated.kind}: a notification that changes nothing we keep"
    return Translated(translated.delivery_key, translated.kind, unmatched=Unmatched("unused-type", why))


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
    "standard": Adapter(_verify_standard, _standard_translate, "helpdesk", ("webhook-id",)),
    "helpscout": Adapter(_verify_helpscout, helpdesks.helpscout, "helpdesk", ("x-helpscout-event",)),
    "zendesk": Adapter(_verify_zendesk, zendesk.zendesk, "helpdesk"),
    "freshdesk": Adapter(_verify_header, helpdesks.freshdesk, "helpdesk"),
    "amazon": Adapter(_verify_header, _amazon_translate, "amazon"),
}

__all__ = [
    "ADAPTERS",
    "DEFAULT_SECRET_HEADER",
    "Adapter",
    "BadSignature",
    "Hints",
    "Translated",
    "Unmatched",
    "Untranslatable",
]
