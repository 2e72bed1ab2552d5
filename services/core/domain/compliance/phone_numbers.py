"""Phone numbers in a reply, in any country's format (read with phonenumbers, the field's
standard), spelled in words (spelled.py), or with odd separators; order ids, tracking and
tax numbers, dates and prices are not phone numbers, and Amazon's own lines are allowed."""

import re

import phonenumbers
from phonenumbers import Leniency, PhoneNumberFormat, PhoneNumberMatcher

from services.core.domain.compliance.dictated_numbers import dictated_number_spans
from services.core.domain.compliance.spelled import SEPARATOR_MARKS, spelled_phone_spans
from services.core.domain.compliance.text import (
    WORD_START,
    Span,
    overlaps_any,
    sentences,
    spans_of,
    without_overlaps,
)

# Amazon's customer service lines, which a seller may point a buyer to; a number in a
# sentence that gives it as Amazon's customer service is Amazon's too.
_AMAZON_PHONE_NUMBERS = frozenset(
    {"+18882804331", "+12062662992", "+18775863230", "+448002797234", "+498003638469"}
)
_AMAZON_SERVICE = re.compile(
    r"amazon(?:'s|s)?[\s-]*(?:customer |kunden)?(?:service|support|help|hotline|kundendienst|kundenservice)"
    r"|(?:service client|service clients|service à la clientèle|servicio de atención al cliente"
    r"|atención al cliente|servicio al cliente|servizio clienti"
    r"|assistenza clienti|kundenservice|kundendienst)\s+(?:de\s+|d'|di\s+|von\s+)?amazon"
    r"|amazon\s*(?:の)?(?:カスタマーサービス|カスタマーサポート)|(?:亚马逊|亞馬遜)的?(?:客服|客户服务|客戶服務)",
    re.IGNORECASE,
)


# Numbers in after-sales replies that phone parsers mistake for phone numbers.
_ORDER_ID = r"(?:[A-Z]\d{0,2}-)?\d{3}-\d{7}-\d{7}|S0\d-\d{7}-\d{7}"
_MIXED_TOKEN = r"(?<![A-Za-z0-9-])(?=[A-Za-z0-9-]*[A-Za-z])(?=[A-Za-z0-9-]*\d)[A-Za-z0-9][A-Za-z0-9-]*"
_LONG_DIGIT_RUN = r"(?<![\d+])(?!00)\d{13,}"
# Dates whose day and month could be ones (31.12.2026, 12/31/26, 2026-12-31, 03/04): "221.33.44"
# or "0.6.4.5" are phone numbers with odd separators, not dates.
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_MONTH = r"(?:0?[1-9]|1[0-2])"
_DATE = (
    rf"(?<![\d./-])(?:\d{{4}}[-/.]{_MONTH}[-/.]{_DAY}|{_DAY}[-/.]{_MONTH}[-/.](?:\d{{4}}|\d{{2}})"
    rf"|{_MONTH}[-/.]{_DAY}[-/.](?:\d{{4}}|\d{{2}})|{_DAY}[./]{_MONTH}\.?)(?![\d/-]|\.\d)"
)
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?"
_AMOUNT = r"\d{1,3}(?:[.,\s\u00a0\u202f']\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?"
_CURRENCY = (
    r"[$€£¥₹₺]|R\$|US\$|CA\$|A\$|S\$|zł|kr|CHF|EUR|USD|GBP|JPY|CAD|AUD|MXN|BRL|INR|SGD|AED"
    r"|SAR|EGP|TRY|SEK|PLN|円|元|euros?|dollars?|pounds?|yen"
)
_PRICE = rf"(?:{_CURRENCY})\s?(?:{_AMOUNT})|(?:{_AMOUNT})\s?(?:{_CURRENCY})(?!\w)"
_PERCENT = r"\d+(?:[.,]\d+)?\s?%"
# a device's address on the home network in a setup step ("rufen Sie 192.168.4.1 auf")
_IP_ADDRESS = r"(?<![\d.])(?:192\.168|10\.\d{1,3}|172\.(?:1[6-9]|2\d|3[01]))\.\d{1,3}\.\d{1,3}(?![\d.-])"
# A number right after one of these words (and "number", "#", "is" ...) names a thing.
_IDENTIFIER_WORDS = (
    r"orders?|tracking|track|shipments?|packages?|parcels?|cases?|claims?|invoices?|reference"
    r"|ref|rma|transaction|asin|sku|ean|upc|isbn|model|serial|items?|article|artikel"
    r"|bestellung|bestellnummer|sendung|sendungsnummer|paket|paketnummer|rechnung|rechnungsnummer"
    r"|fallnummer|fall(?=\s?(?:nr\.?|nummer))|guía|commande|suivi|colis|facture|pedido|seguimiento|envío|factura|ordine"
    # the case of a claim or an inquiry in each language: "Caso nº 9876543210", "dossier 88412"
    r"|caso|expediente|incidencia|reclamación|dossier|réclamation|ticket|pratica|segnalazione|reclamo"
    r"|tracciamento|spedizione|fattura|ups|usps|fedex|dhl|dpd|gls|hermes|evri|royal mail"
    r"|colissimo|chronopost|correos|seur|brt|sda|inpost|postnl|bpost|postnord|aramex|yamato"
    r"|sagawa|注文番号|追跡番号|お問い合わせ番号|伝票番号"
    r"|ヤマト|佐川|日本郵便"
    r"|订单号|跟踪号|追踪号|运单号|物流单号|快递单号|单号|发票号|案件编号|编号|工单号|案件番号|ケースid"
    r"|訂單號|追蹤號|運單號|單號|發票號|案件編號|編號|工單號|個案編號|問い合わせ番号|ケース番号"
    r"|案例(?:编号|編號|号|號)?|个案|個案|dhl express|fedex (?:express|ground)|ups (?:express|ground)"
    # tax and company numbers
    r"|vat|tva|iva|p\.\s?iva(?: e c\.\s?f\.)?|c\.\s?f\.|partita iva|codice fiscale|ust-?idnr|steuernummer|siret|siren|nif|cif"
    r"|abn|gst|税号|法人番号|登録番号"
    # product and spare-part codes
    r"|articolo|artículo|articulo|codice|código|codigo|référence|réf|referencia|riferimento|pièce|pieza"
    r"|ricambio|ersatzteil|teilenummer|part|品番|型番|部品番号|商品コード|货号|貨號|型号|型號|零件号|商品编码"
    # batches and compound article numbers: "numéro de lot 06-4418-2073", "Herstellerartikelnummer 0170-…"
    r"|lot|lotto|lote|batch|charge|\w*(?:artikel|teile|bestell)nummer"
)
_IDENTIFIER_LABEL = (
    r"number|no\.?|nr\.?|nº|n°|id|#|nummer|numéro|número|numero|code|番号|号"
    r"|de suivi|di tracciamento"
)
_IDENTIFIER_VERB = r"is|ist|lautet|est|es|è|は|为|是"
_IDENTIFIER = re.compile(
    rf"{WORD_START}(?:{_IDENTIFIER_WORDS})(?:\s+(?:del|de|du|des|of|della|dello)\s+\w+)?"
    rf"(?:[\s:#：.-]*(?:{_IDENTIFIER_LABEL}))?[\s:#：.-]*"
    # a carrier's prefix maybe spaced out before the digits: "追踪号 S G 5 5 1 2 …"
    rf"(?:(?:{_IDENTIFIER_VERB})[\s:：]*)?(?:[A-Z](?:\s?[A-Z]){{1,3}}\s?)?(?P<number>\d[\d\s-]{{4,}}\d)",
    re.IGNORECASE,
)
# A number after a bare "n.º", "nº", "n.", "No.", "Nr." or "#" names a thing ("reclamación (n.º
# 3-2201934478)", "reclamo n. 3-2209183347"), unless a phone word stands right before ("Tel.-Nr.").
_NUMBERED = re.compile(
    r"(?<![\w.-])(?:n\.\s?º|nº|n°|n\.|no\.|nr\.|#)\s?(?P<number>\d[\d\s-]{4,}\d)", re.IGNORECASE
)
_NOT_A_PHONE = re.compile(
    "|".join(
        f"(?:{p})"
        for p in (_ORDER_ID, _MIXED_TOKEN, _LONG_DIGIT_RUN, _IP_ADDRESS, _DATE, _TIME, _PRICE, _PERCENT)
    ),
    re.IGNORECASE,
)
# Dialling out with 00 works in most countries but not from the US or Japan; rewrite it as +
# (same length, so offsets hold) so the matcher reads it as an international number anywhere.
# Only at the start of a number: "138 0013 8000" has 00 inside a group.
_INTERNATIONAL_00 = re.compile(r"(?<![0-9A-Za-z+])(?<!\d[\s.-])00(?=\s?[1-9])")
# Mexican mobiles are still written with the 1 that dialling them once needed ("+52 1 33 1234
# 5678"); the numbering plan dropped it, so the matcher reads the number without it.
_MEXICAN_MOBILE_1 = re.compile(r"(?<=\+52)(?:\s?1(?=\s?\d{2}[\s.-]?\d{4}[\s.-]?\d{4}(?!\d)))")


# A slash, dot, bullet, middle dot or dash between digit groups ("+32 4 / 221.33.44",
# "0.6.4.5-2.3", "06 ‧ 12 ‧ 34", "0176 • 123") is a separator the phone matcher does not take;
# a space stands in for it (same length, so offsets hold).
_DIGIT_SEPARATOR = re.compile(rf"(?<=\d)\s*[{SEPARATOR_MARKS}]\s*(?=\d)")
# A number that only has a phone number's length (a reserved or fictional range) counts when
# the sentence says it is one: "WhatsApp me on 07700 900 482", "07700 900 412 (my mobile)".
_PHONE_CUE = re.compile(
    r"\b(?:call|ring|phone|tel|mobile|cell|text (?:me|us)|whats ?app|sms|anruf\w*|ruf\w*|telefon\w*|handy"
    r"|mobil\w*|appel\w*|téléphone|portable|joindre|llam\w*|teléfono|móvil|chiam\w*|cellulare)\b"
    r"|電話|携帯|电话|手机|致电|打给",
    re.IGNORECASE,
)


# A toll-free number spelled with letters ("1-800-LAMPFIX", "0800-LAMPEN"): six to ten
# capitals and digits after a toll-free prefix, four of them letters ("900 RPM" is a speed),
# not after a product or part word ("SKU 800-ABCD123").
_VANITY = re.compile(
    r"(?<![\w+-])(?:\+?1[\s.-]?)?\(?(?:8(?:00|88|77|66|55|44|33)|0800|0808|0805|0120)\)?[\s.-]?"
    r"(?P<rest>[A-Z0-9](?:[.-]?[A-Z0-9]){5,9})(?![\w-])"
)


_PRODUCT_WORD_BEFORE = re.compile(rf"{WORD_START}(?:{_IDENTIFIER_WORDS}|sku|code)\W*$", re.IGNORECASE)


def _vanity_numbers(text: str) -> list[Span]:
    return [
        Span(m.start(), m.end())
        for m in _VANITY.finditer(text)
        if sum(c.isalpha() for c in m["rest"]) >= 4
        and not _PRODUCT_WORD_BEFORE.search(text, max(0, m.start() - 15), m.start())
    ]


# A number read out after what it names: "the tracking number is a b one two three ...",
# "numéro de cas un quatre sept ...", "ケース番号 いちよんなな ...".
_NAMED = re.compile(rf"{WORD_START}(?:{_IDENTIFIER_WORDS}|cas)(?![a-z])[^.!?\n。]{{0,25}}$", re.IGNORECASE)


def _named_before(text: str, span: Span) -> bool:
    before = text[max(0, span.start - 40) : span.start]
    named = _NAMED.search(before)
    return named is not None and _PHONE_CUE.search(before, named.start()) is None


def _cued(text: str, match: phonenumbers.PhoneNumberMatch) -> bool:
    """A cue shortly before the number, or right after it ("07700 900 412 (my work mobile)")."""
    before = _PHONE_CUE.search(text, max(0, match.start - 40), match.start)
    return before is not None or _PHONE_CUE.search(text, match.end, match.end + 25) is not None


def phone_spans(text: str, regions: tuple[str, ...], exclude: list[Span]) -> list[Span]:
    """Phone numbers read in each region, numbers spelled in words, and numbers that only have
    a phone number's shape where the sentence calls them one; never order ids, dates, prices
    or tracking numbers, nothing in `exclude` (links, addresses) and never Amazon's lines."""
    protected = (
        spans_of(_NOT_A_PHONE, text)
        + [Span(m.start("number"), m.end("number")) for m in _IDENTIFIER.finditer(text)]
        + [
            Span(m.start("number"), m.end("number"))
            for m in _NUMBERED.finditer(text)
            if not _PHONE_CUE.search(text, max(0, m.start() - 15), m.start())
        ]
    )
    masked = list(text)
    for span in [*protected, *exclude]:
        masked[span.start : span.end] = " " * (span.end - span.start)
    searchable = _INTERNATIONAL_00.sub(" +", "".join(masked))
    searchable = _MEXICAN_MOBILE_1.sub(lambda one: " " * len(one.group()), searchable)
    searchable = _DIGIT_SEPARATOR.sub(lambda separator: " " * len(separator.group()), searchable)
    spelled = [s for s in spelled_phone_spans(text, [*protected, *exclude]) if not _named_before(text, s)]
    found = spelled + [
        span
        for span in _vanity_numbers(text) + dictated_number_spans(text)
        if not overlaps_any(span, exclude)
    ]
    for region in dict.fromkeys(regions):
        for leniency in (Leniency.VALID, Leniency.POSSIBLE):
            for match in PhoneNumberMatcher(searchable, region, leniency=leniency):
                number = phonenumbers.format_number(match.number, PhoneNumberFormat.E164)
                # a possible number needs a phone's length as well as a cue: "mit 31 kg ... ruft an"
                if number in _AMAZON_PHONE_NUMBERS or (
                    leniency == Leniency.POSSIBLE
                    and (not _cued(text, match) or sum(c.isdigit() for c in match.raw_string) < 6)
                ):
                    continue
                rewritten_00 = searchable[match.start] == "+" and text[match.start] == "0"
                found.append(Span(match.start - 1 if rewritten_00 else match.start, match.end))
    # a chat link is a number too: "wa.me/34611482097" is the link's finding and the phone's
    found += [Span(m.start("number"), m.end("number")) for m in _CHAT_LINK_NUMBER.finditer(text)]
    amazons = [s for s in sentences(text) if _AMAZON_SERVICE.search(text, s.start, s.end)]
    return [span for span in without_overlaps(found) if not overlaps_any(span, amazons)]


_CHAT_LINK_NUMBER = re.compile(
    r"(?:wa\.me/|whatsapp\.com/send/?\?phone=|viber://chat\?number=)\+?(?P<number>\d{7,15})(?!\d)",
    re.IGNORECASE,
)
