"""Contact details that lead a buyer away from Amazon: links and bare domains, e-mail
addresses and phone numbers, including the obfuscated ways sellers write them. These rules
work the same in every language."""

import re
from collections.abc import Iterable
from dataclasses import dataclass

import phonenumbers
from phonenumbers import Leniency, PhoneNumberFormat, PhoneNumberMatcher

from services.core.domain.compliance.spelled import spelled_phone_spans
from services.core.domain.compliance.text import (
    WORD_START,
    Span,
    overlaps_any,
    sentences,
    spans_of,
    without_overlaps,
)

# Top-level domains a seller's own shop or mailbox is likely to use. A closed list keeps
# "e.g.", "25.99" and "photo.jpg" from looking like domains.
_COUNTRY_TLDS = (
    "ae at au be br ca ch cl cn co cz de dk eg es eu fi fr gr hk ie in it jp kr mx my nl no "
    "nz ph pl pt ro ru sa se sg th tr tw uk us vn za"
).split()
_GENERIC_TLDS = (
    "com net org info biz shop store online site website xyz top club app dev io me tv ly "
    "asia link page blog tech space life live world today fun art design email global pro "
    "name mobi cc ws"
).split()
_TLDS = frozenset(_COUNTRY_TLDS + _GENERIC_TLDS)
# TLDs that are not words in any language we check.
_UNAMBIGUOUS_TLDS = ("com", "net", "org", "info", "biz", "xyz")

_LATIN = r"a-z0-9\u00c0-\u024f"
_LABEL = rf"[{_LATIN}](?:[{_LATIN}-]{{0,61}}[{_LATIN}])?"
_NOT_LABEL_AFTER = rf"(?![{_LATIN}-])"
# A capitalised last label ("order.It arrived") is a missing space after a full stop.
_TLD = r"(?!(?-i:[A-Z][a-z]))(?:" + "|".join(sorted(_TLDS, key=len, reverse=True)) + f"){_NOT_LABEL_AFTER}"
_UNAMBIGUOUS_TLD = "(?:" + "|".join(_UNAMBIGUOUS_TLDS) + f"){_NOT_LABEL_AFTER}"
_WORD_DOT = r"dot|punkt|point|punto|ponto"
# Country TLDs that are no word in a language we check, for "shop dot de", "shop punkt de".
_SPELLED_DOT_COUNTRY_TLD = f"(?:de|fr|uk|co|jp|cn|nl|pl|se|ca|eu|ch|mx|br){_NOT_LABEL_AFTER}"
# Country TLDs that are no word after the Romance words for dot ("point de vue", "punto de
# venta" rule out de), and TLDs that follow "dot" in no English sentence.
_ROMANCE_DOT_TLD = f"(?:fr|co|jp|cn|nl|pl|ch|mx|br|sg|hk|tw|kr|ru|cz|ie|pt|dk|fi){_NOT_LABEL_AFTER}"
_DOT_WORD_TLD = (
    "(?:"
    + "|".join(
        sorted(_TLDS - {"in", "it", "at", "be", "me", "my", "no", "us", "se", "to"}, key=len, reverse=True)
    )
    + f"){_NOT_LABEL_AFTER}"
)
# Brackets around a written dot or at sign ("(dot)", "[.]", "（アット）", "【点】").
_OPEN = r"\[({<（【「"
_CLOSE = r"\])}>）】」"
_SPELLED_DOT = rf"\s+(?:{_WORD_DOT})\s+|\s*(?:点|點|ドット)\s*"
_LOOSE_DOT = rf"\s+\.\s*|\s*\.\s+|{_SPELLED_DOT}"
_SPELLED_SLASH = r"\s+(?:slash|schrägstrich|barre(?: oblique)?|barra|スラッシュ|斜杠)\s+"
# Spaced or spelled-out dots ("shop . com", "shop dot com") also occur in ordinary sentences
# ("at this point in time", "point de vue"), so they count only after www or before a TLD
# that is no word; bracketed ones ("shop[.]de", "shop(dot)de") are never ordinary writing.
_DOT = (
    r"(?:\."
    rf"|\s*[{_OPEN}]\s*(?:\.|{_WORD_DOT}|点|點|ドット)\s*[{_CLOSE}]\s*"
    rf"|(?<=www)(?:{_LOOSE_DOT})"
    rf"|(?:{_LOOSE_DOT})(?={_UNAMBIGUOUS_TLD})"
    rf"|\s+(?:dot|punkt)\s+(?={_SPELLED_DOT_COUNTRY_TLD})"
    rf"|\s+dot\s+(?={_DOT_WORD_TLD})"
    rf"|\s+(?:point|punto|ponto)\s+(?={_ROMANCE_DOT_TLD})"
    rf"|\s*(?:点|點|ドット|どっと)\s*(?={_TLD}))"
)
_HOST = rf"{_LABEL}(?:{_DOT}{_LABEL})*{_DOT}{_TLD}"
# Any dot, however written: after "www" (also "w w w") and after an at sign, and before a
# word-like TLD when the name has a hyphen or a digit ("jardineria-lopez punto es") or a
# spelled-out path follows ("... punto es barra manuales"), a spelled dot is no sentence.
_ANY_DOT_SOURCE = rf"\.|{_LOOSE_DOT}|\s*[{_OPEN}]\s*(?:\.|{_WORD_DOT}|点|點|ドット)\s*[{_CLOSE}]\s*"
_FREE_HOST = rf"{_LABEL}(?:(?:{_ANY_DOT_SOURCE}){_LABEL})*(?:{_ANY_DOT_SOURCE}){_TLD}"
_WWW_HOST = rf"(?:www|w\s+w\s+w|w\.w\.w)(?:{_ANY_DOT_SOURCE}){_LABEL}(?:(?:{_ANY_DOT_SOURCE}){_LABEL})*"
_SPELLED_HOST = rf"(?=[{_LATIN}-]*[-0-9]){_FREE_HOST}|{_FREE_HOST}(?={_SPELLED_SLASH})"
_ANY_DOT = re.compile(_ANY_DOT_SOURCE, re.IGNORECASE)

_URL = re.compile(r"(?:(?:https?|ftp)://|www\d?\.)[!-~]+", re.IGNORECASE)
_URL_TRAILER = ".,;:!?'\"”’)]}>"
_BARE_DOMAIN = re.compile(
    rf"(?<![{_LATIN}@.-])(?P<host>{_WWW_HOST}(?<=[{_LATIN}])(?={_NOT_LABEL_AFTER})|{_HOST}|{_SPELLED_HOST})"
    rf"(?P<path>/[!-~]*|(?:{_SPELLED_SLASH}[{_LATIN}_-]+)+)?",
    re.IGNORECASE,
)

_PUNTO_IT = re.compile(
    rf"(?<![{_LATIN}@.-])(?P<host>{_LABEL}(?:{_DOT}{_LABEL})*\s+punto\s+it{_NOT_LABEL_AFTER})"
    rf"(?P<path>/[!-~]*|(?:{_SPELLED_SLASH}[{_LATIN}_-]+)+)?",
    re.IGNORECASE,
)

_PROVIDER_NAMES = r"gmail|googlemail|yahoo|hotmail|outlook|gmx|icloud|libero|proton(?:mail)?|aol"
# An at sign written as a word in some language ("chiocciola", "arroba") is never anything
# else; the short ones ("at", "bei", "chez", "on", "su") are ordinary words too.
_AT_WORDS = r"arroba|arobase|chiocciola|klammeraffe|アットマーク|アット|あっとまーく|艾特"
_AT_SIGN = (
    rf"\s*@\s*|\s*[{_OPEN}]\s*(?:at|ät|@|{_AT_WORDS})\s*[{_CLOSE}]\s*"
    rf"|\s*(?:{_AT_WORDS})\s*"
    # "kirei.shop★gmail.com (replace ★ with @)", a Japanese habit against address harvesters
    r"|[★☆]"
)
_WORD_AT = r"\s+(?:at|ät|bei|chez|on|su|auf|en|presso)\s+"
_EMAIL = re.compile(
    r"(?<![a-z0-9._%+-])(?P<local>[a-z0-9._%+-]+)"
    rf"(?:{_AT_SIGN}|(?P<word_at>{_WORD_AT}))"
    rf"(?P<host>{_FREE_HOST}|(?P<provider>{_PROVIDER_NAMES}){_NOT_LABEL_AFTER})",
    re.IGNORECASE,
)
_SPELLED_LOCAL = re.compile(rf"[a-z0-9._%+-]+(?:{_SPELLED_DOT})$", re.IGNORECASE)
# "visit us at shop.com" is a link, not an address: a written "at" makes an address only when
# it is in capitals ("sara AT shop.com"), the local part is shaped like one ("j.doe", "info",
# "support"), the domain is a mailbox provider's, or the dot is written out and the local part
# is not one of the words that come before "at" in a sentence.
_MAILBOX_NAMES = frozenset(
    "info support service sales billing contact hello team orders office admin returns "
    "kundenservice kontakt assistenza servicio atencion".split()
)
_SENTENCE_WORDS = frozenset(
    "us me it them him her you here there less more cheaper online available ticket store "
    "shop website site page look find found sold listed buy order directly visit price "
    "prices stock offer deals are is was were be been am located hosted posted published "
    "uploaded everything all details sie uns mich dich ihn ihnen wir nous vous moi toi usted ustedes "
    "nosotros noi voi lei ci ti".split()
)
_MAILBOX_PROVIDERS = frozenset(
    "gmail googlemail yahoo hotmail outlook live msn aol icloud me gmx web t-online "
    "freenet orange free laposte libero virgilio tiscali qq 163 126 sina yandex proton "
    "protonmail mail".split()
)

_AMAZON_NAMES = frozenset({"amazon", "amzn"})
# Amazon's customer service lines, which a seller may point a buyer to; a number in a
# sentence that gives it as Amazon's customer service is Amazon's too.
_AMAZON_PHONE_NUMBERS = frozenset({"+18882804331", "+12062662992", "+448002797234", "+498003638469"})
_AMAZON_SERVICE = re.compile(
    r"amazon(?:'s|s)?[\s-]*(?:customer |kunden)?(?:service|support|help|hotline|kundendienst|kundenservice)"
    r"|(?:service client|service clients|servicio de atención al cliente|atención al cliente|servizio clienti"
    r"|assistenza clienti|kundenservice|kundendienst)\s+(?:de\s+|d'|di\s+|von\s+)?amazon"
    r"|amazon\s*(?:の)?(?:カスタマーサービス|カスタマーサポート)|亚马逊客服|亞馬遜客服",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Contacts:
    """Contact details to report. An address's domain is not also reported as a link, and
    digits inside a link or an address are not read as a phone number."""

    links: list[Span]
    emails: list[Span]
    phones: list[Span]


def find_contacts(
    text: str,
    region: str,
    allowed_domains: Iterable[str],
    home_regions: tuple[str, ...] = (),
    language: str | None = None,
) -> Contacts:
    """`home_regions` are where sellers writing in the message's language often live: a
    Chinese seller on amazon.sg gives a Chinese mobile number without +86. In Italian, "it"
    is no word, so "negozio punto it" is a domain."""
    allowed = tuple(_normalized_domain(domain) for domain in allowed_domains)
    emails, every_email = _emails(text)
    links, every_link = _links(text, allowed, exclude=every_email, italian=language == "it")
    phones = _phones(text, (region, *home_regions), exclude=[*every_email, *every_link])
    return Contacts(links=links, emails=emails, phones=phones)


def _is_amazon_host(host: str) -> bool:
    """amazon.<any TLD>, amzn.to, amzn.com, a.co and their subdomains."""
    labels = host.lower().strip(".").split(".")
    if labels[-2:] == ["a", "co"]:
        return True
    return any(
        label in _AMAZON_NAMES and all(part in _TLDS for part in labels[index + 1 :])
        for index, label in enumerate(labels[:-1])
    )


def _normalized_domain(domain: str) -> str:
    return domain.strip().lower().strip(".").removeprefix("www.")


def _is_allowed(host: str, allowed: tuple[str, ...]) -> bool:
    return _is_amazon_host(host) or any(host == d or host.endswith("." + d) for d in allowed)


def _host_of(written: str) -> str:
    """The host as a plain dotted name, whatever dots the seller wrote."""
    host = ".".join(part.strip() for part in _ANY_DOT.split(written)).lower()
    return re.sub(r"^w\s+w\s+w\b", "www", host)


def _emails(text: str) -> tuple[list[Span], list[Span]]:
    """E-mail addresses to report, and the spans of all addresses (Amazon's included)."""
    reported: list[Span] = []
    every: list[Span] = []
    for match in _EMAIL.finditer(text):
        host = _host_of(match["host"])
        if match["word_at"] and not _looks_like_address(match, host):
            continue
        start = match.start()
        while spelled := _SPELLED_LOCAL.search(text, 0, start):  # "mario punto rossi chiocciola ..."
            start = spelled.start()
        span = Span(start, match.end())
        every.append(span)
        if not _is_amazon_host(host):
            reported.append(span)
    return reported, every


def _looks_like_address(match: re.Match[str], host: str) -> bool:
    local = match["local"].lower()
    written_dot = host != match["host"].lower()
    shaped = bool(re.search(r"[._%+\d-]", local)) or local in _MAILBOX_NAMES
    provider = bool(match["provider"]) or (host.count(".") >= 1 and host.split(".")[-2] in _MAILBOX_PROVIDERS)
    if match["word_at"].strip().lower() not in ("at", "ät"):  # "bei gmx", "chez gmail", "on gmail": a mailbox
        return provider and local not in _SENTENCE_WORDS
    if match["provider"]:
        return local not in _SENTENCE_WORDS
    return (
        match["word_at"].strip() == "AT"
        or shaped
        or provider
        or (written_dot and local not in _SENTENCE_WORDS)
    )


def _links(
    text: str, allowed: tuple[str, ...], exclude: list[Span], italian: bool
) -> tuple[list[Span], list[Span]]:
    """Links and domains to report, and the spans of all of them (allowed ones included)."""
    reported: list[Span] = []
    every: list[Span] = []
    for span, host in _urls(text) + _bare_domains(text, _BARE_DOMAIN) + _italian(text, italian):
        if overlaps_any(span, exclude) or overlaps_any(span, every):
            continue
        every.append(span)
        if not _is_allowed(host, allowed):
            reported.append(span)
    return reported, every


def _without_trailer(url: str) -> str:
    """The URL without the punctuation of the sentence around it; a closing parenthesis
    stays when the URL opened one."""
    while url and url[-1] in _URL_TRAILER:
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        url = url[:-1]
    return url


def _urls(text: str) -> list[tuple[Span, str]]:
    found: list[tuple[Span, str]] = []
    for match in _URL.finditer(text):
        url = _without_trailer(match.group())
        without_scheme = re.sub(r"^(?:https?|ftp)://", "", url, flags=re.IGNORECASE)
        host = re.split(r"[/?#:]", without_scheme, maxsplit=1)[0].lower()
        found.append((Span(match.start(), match.start() + len(url)), host))
    return found


def _italian(text: str, italian: bool) -> list[tuple[Span, str]]:
    return _bare_domains(text, _PUNTO_IT) if italian else []


def _bare_domains(text: str, pattern: re.Pattern[str]) -> list[tuple[Span, str]]:
    found: list[tuple[Span, str]] = []
    for match in pattern.finditer(text):
        path = _without_trailer(match["path"] or "")
        found.append((Span(match.start(), match.end("host") + len(path)), _host_of(match["host"])))
    return found


# Numbers in after-sales replies that phone parsers mistake for phone numbers.
_ORDER_ID = r"(?:[A-Z]\d{0,2}-)?\d{3}-\d{7}-\d{7}|S0\d-\d{7}-\d{7}"
_MIXED_TOKEN = r"(?<![A-Za-z0-9-])(?=[A-Za-z0-9-]*[A-Za-z])(?=[A-Za-z0-9-]*\d)[A-Za-z0-9][A-Za-z0-9-]*"
_LONG_DIGIT_RUN = r"(?<![\d+])(?!00)\d{13,}"
_DATE = r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|\d{1,2}[./]\d{1,2}\.?(?!\d)"
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?"
_AMOUNT = r"\d{1,3}(?:[.,\s\u00a0\u202f']\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?"
_CURRENCY = (
    r"[$€£¥₹₺]|R\$|US\$|CA\$|A\$|S\$|zł|kr|CHF|EUR|USD|GBP|JPY|CAD|AUD|MXN|BRL|INR|SGD|AED"
    r"|SAR|EGP|TRY|SEK|PLN|円|元|euros?|dollars?|pounds?|yen"
)
_PRICE = rf"(?:{_CURRENCY})\s?(?:{_AMOUNT})|(?:{_AMOUNT})\s?(?:{_CURRENCY})(?!\w)"
_PERCENT = r"\d+(?:[.,]\d+)?\s?%"
# A number right after one of these words (and "number", "#", "is" ...) names a thing.
_IDENTIFIER_WORDS = (
    r"orders?|tracking|track|shipments?|packages?|parcels?|cases?|claims?|invoices?|reference"
    r"|ref|rma|transaction|asin|sku|ean|upc|isbn|model|serial|items?|article|artikel"
    r"|bestellung|bestellnummer|sendung|sendungsnummer|paket|paketnummer|rechnung|rechnungsnummer"
    r"|fallnummer|guía|commande|suivi|colis|facture|pedido|seguimiento|envío|factura|ordine"
    r"|tracciamento|spedizione|fattura|ups|usps|fedex|dhl|dpd|gls|hermes|evri|royal mail"
    r"|colissimo|chronopost|correos|seur|brt|sda|inpost|postnl|bpost|postnord|aramex|yamato"
    r"|sagawa|注文番号|追跡番号|お問い合わせ番号|伝票番号"
    r"|ヤマト|佐川|日本郵便"
    r"|订单号|跟踪号|追踪号|运单号|物流单号|快递单号|单号|发票号"
)
_IDENTIFIER_LABEL = (
    r"number|no\.?|nr\.?|nº|n°|id|#|nummer|numéro|número|numero|code|番号|号"
    r"|de suivi|di tracciamento"
)
_IDENTIFIER_VERB = r"is|ist|lautet|est|es|è|は|为|是"
_IDENTIFIER = re.compile(
    rf"{WORD_START}(?:{_IDENTIFIER_WORDS})(?:[\s:#：.-]*(?:{_IDENTIFIER_LABEL}))?[\s:#：.-]*"
    rf"(?:(?:{_IDENTIFIER_VERB})[\s:：]*)?(?P<number>\d[\d\s-]{{4,}}\d)",
    re.IGNORECASE,
)
_NOT_A_PHONE = re.compile(
    "|".join(f"(?:{p})" for p in (_ORDER_ID, _MIXED_TOKEN, _LONG_DIGIT_RUN, _DATE, _TIME, _PRICE, _PERCENT)),
    re.IGNORECASE,
)
# Dialling out with 00 works in most countries but not from the US or Japan; rewrite it as +
# (same length, so offsets hold) so the matcher reads it as an international number anywhere.
# Only at the start of a number: "138 0013 8000" has 00 inside a group.
_INTERNATIONAL_00 = re.compile(r"(?<![0-9A-Za-z+])(?<!\d[\s.-])00(?=\s?[1-9])")


def _phones(text: str, regions: tuple[str, ...], exclude: list[Span]) -> list[Span]:
    protected = spans_of(_NOT_A_PHONE, text) + [
        Span(m.start("number"), m.end("number")) for m in _IDENTIFIER.finditer(text)
    ]
    masked = list(text)
    for span in [*protected, *exclude]:
        masked[span.start : span.end] = " " * (span.end - span.start)
    searchable = _INTERNATIONAL_00.sub(" +", "".join(masked))
    found = spelled_phone_spans(text, [*protected, *exclude])
    for region in dict.fromkeys(regions):
        for match in PhoneNumberMatcher(searchable, region, leniency=Leniency.VALID):
            number = phonenumbers.format_number(match.number, PhoneNumberFormat.E164)
            if number in _AMAZON_PHONE_NUMBERS:
                continue
            rewritten_00 = searchable[match.start] == "+" and text[match.start] == "0"
            found.append(Span(match.start - 1 if rewritten_00 else match.start, match.end))
    amazons = [s for s in sentences(text) if _AMAZON_SERVICE.search(text, s.start, s.end)]
    return [span for span in without_overlaps(found) if not overlaps_any(span, amazons)]
