"""IBANs as sellers type them into a message: the shape, for the countries of the markets served,
and each country's length."""

import re

# An IBAN as written in a message, with or without its spaces.
# Only the countries that issue IBANs in the markets served: a tracking number such as
# "YT2212345678901234" has the shape but no country.
_IBAN_COUNTRIES = "DE|AT|CH|LI|LU|FR|MC|BE|NL|ES|AD|PT|IT|SM|VA|GB|IE|PL|CZ|SK|SE|DK|FI|NO|HU|HR|SI|GR|RO|BG"
IBAN = rf"(?-i:(?:{_IBAN_COUNTRIES})\d{{2}}(?: ?[A-Z0-9]{{4}}){{3,7}}(?: ?[A-Z0-9]{{1,3}})?)"
_IBAN_ONLY = re.compile(IBAN)
# Each country's IBAN length, from SWIFT's IBAN registry: a registration number that starts like
# an IBAN, such as the Italian producer register's "IT18020000010452", has another length. The
# check digits are not tested, since an IBAN typed into a message is an ask for a transfer
# whether or not its checksum holds.
_IBAN_LENGTH = {
    country: int(length)
    for country, length in (
        pair.split(":")
        for pair in (
            "DE:22 AT:20 CH:21 LI:21 LU:20 FR:27 MC:27 BE:16 NL:18 ES:24 AD:24 PT:25 IT:27 SM:27 VA:22 "
            "GB:22 IE:22 PL:28 CZ:24 SK:24 SE:24 DK:18 FI:18 NO:15 HU:28 HR:21 SI:19 GR:27 RO:24 BG:22"
        ).split()
    )
}


def iban_length_fits(found: str) -> bool:
    """True for a transfer named in words; for an IBAN, whether it has its country's length."""
    if not _IBAN_ONLY.fullmatch(found):
        return True
    compact = found.replace(" ", "")
    return _IBAN_LENGTH.get(compact[:2]) == len(compact)
