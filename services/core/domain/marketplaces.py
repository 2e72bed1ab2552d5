"""Amazon marketplaces: the code sellers use, the phone region and the currency of each."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Marketplace:
    code: str
    region: str  # ISO 3166 region for phone numbers; Amazon says UK where ISO says GB
    currency: str


MARKETPLACES: dict[str, Marketplace] = {
    m.code: m
    for m in (
        Marketplace("US", "US", "USD"),
        Marketplace("CA", "CA", "CAD"),
        Marketplace("MX", "MX", "MXN"),
        Marketplace("BR", "BR", "BRL"),
        Marketplace("UK", "GB", "GBP"),
        Marketplace("IE", "IE", "EUR"),
        Marketplace("DE", "DE", "EUR"),
        Marketplace("FR", "FR", "EUR"),
        Marketplace("IT", "IT", "EUR"),
        Marketplace("ES", "ES", "EUR"),
        Marketplace("NL", "NL", "EUR"),
        Marketplace("BE", "BE", "EUR"),
        Marketplace("SE", "SE", "SEK"),
        Marketplace("PL", "PL", "PLN"),
        Marketplace("TR", "TR", "TRY"),
        Marketplace("AE", "AE", "AED"),
        Marketplace("SA", "SA", "SAR"),
        Marketplace("EG", "EG", "EGP"),
        Marketplace("IN", "IN", "INR"),
        Marketplace("JP", "JP", "JPY"),
        Marketplace("AU", "AU", "AUD"),
        Marketplace("SG", "SG", "SGD"),
    )
}


def normalize(code: str) -> str:
    """Upper-case a marketplace code and accept GB for UK; raise ValueError for unknown codes."""
    upper = code.strip().upper()
    upper = "UK" if upper == "GB" else upper
    if upper not in MARKETPLACES:
        known = ", ".join(sorted(MARKETPLACES))
        raise ValueError(f"unknown marketplace {code!r}; known: {known}")
    return upper
