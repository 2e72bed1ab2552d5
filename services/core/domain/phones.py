"""Buyer phone numbers, read in the marketplace's region and formatted for dialling."""

from dataclasses import dataclass

import phonenumbers

from services.core.domain.marketplaces import MARKETPLACES


@dataclass(frozen=True)
class Phone:
    e164: str
    dial: str  # as a person in the seller's team dials it: international format


def parse(raw: str | None, marketplace: str) -> Phone | None:
    """The number, or None when there is none or it is not a valid number for that region."""
    if not raw or not raw.strip():
        return None
    region = MARKETPLACES[marketplace].region if marketplace in MARKETPLACES else None
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return Phone(
        e164=phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164),
        dial=phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL),
    )
