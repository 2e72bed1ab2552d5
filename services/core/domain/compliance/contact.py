"""Contact details that lead a buyer away from Amazon: links and bare domains, e-mail
addresses (and, through phone_numbers.py, phone numbers), including the obfuscated ways
sellers write them: written dots and at signs in every language, spaced "www", spelled
paths. These rules work the same in every language."""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from services.core.domain.compliance.phone_numbers import phone_spans
from services.core.domain.compliance.text import (
    Span,
    overlaps_any,
    spans_of,
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
# A dot said in Chinese or Japanese ("点", "ドット", "てん"), only ever between Latin labels here.
_CJK_DOT = "点|點|ドット|どっと|てん|テン"
# Brackets around a written dot or at sign ("(dot)", "[.]", "（アット）", "【点】").
_OPEN = r"\[({<（【「"
_CLOSE = r"\])}>）】」"
_SPELLED_DOT = rf"\s+(?:{_WORD_DOT})\s+|\s*(?:{_CJK_DOT})\s*"
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
    rf"|\s*(?:{_CJK_DOT})\s*(?={_TLD})"
    # an ideographic full stop typed for a dot between Latin labels ("teahouse。com")
    rf"|(?<=[{_LATIN}])。(?={_TLD}))"
)
_HOST = rf"{_LABEL}(?:{_DOT}{_LABEL})*{_DOT}{_TLD}"
# Any dot, however written: after "www" (also "w w w") and after an at sign, and before a
# word-like TLD when the name has a hyphen or a digit ("jardineria-lopez punto es") or a
# spelled-out path follows ("... punto es barra manuales"), a spelled dot is no sentence.
_ANY_DOT_SOURCE = rf"\.|{_LOOSE_DOT}|\s*[{_OPEN}]\s*(?:\.|{_WORD_DOT}|点|點|ドット)\s*[{_CLOSE}]\s*"
_FREE_HOST = rf"{_LABEL}(?:(?:{_ANY_DOT_SOURCE}){_LABEL})*(?:{_ANY_DOT_SOURCE}){_TLD}"
_WWW_HOST = rf"(?:www|w\s+w\s+w|w\.w\.w)(?:{_ANY_DOT_SOURCE}){_LABEL}(?:(?:{_ANY_DOT_SOURCE}){_LABEL})*"
# A name with a hyphen or digit before a spelled dot: a full stop and a space after it end a
# sentence or an abbreviation ("USt-IdNr. DE 812", "am 03.12. in"), they write no dot.
_NAME_DOT_SOURCE = (
    rf"\.(?!\s)|\s+\.\s*|{_SPELLED_DOT}|\s*[{_OPEN}]\s*(?:\.|{_WORD_DOT}|点|點|ドット)\s*[{_CLOSE}]\s*"
)
_NAME_HOST = rf"{_LABEL}(?:(?:{_NAME_DOT_SOURCE}){_LABEL})*(?:{_NAME_DOT_SOURCE}){_TLD}"
_SPELLED_HOST = rf"(?=[{_LATIN}-]*[-0-9]){_NAME_HOST}|{_FREE_HOST}(?={_SPELLED_SLASH})"
_ANY_DOT = re.compile(_ANY_DOT_SOURCE, re.IGNORECASE)

_URL = re.compile(r"(?:(?:https?|ftp)://|www\d?\.)[!-~]+", re.IGNORECASE)
_URL_TRAILER = ".,;:!?'\"”’)]}>"
_BARE_DOMAIN = re.compile(
    rf"(?<![{_LATIN}@.-])(?P<host>{_WWW_HOST}(?<=[{_LATIN}])(?={_NOT_LABEL_AFTER})|{_HOST}|{_SPELLED_HOST})"
    rf"(?P<path>/[!-~]*|(?:{_SPELLED_SLASH}[{_LATIN}_-]+)+|(?:\s+/\s*|\s*/\s+)[{_LATIN}_-]+)?",
    re.IGNORECASE,
)

_PUNTO_IT = re.compile(
    rf"(?<![{_LATIN}@.-])(?P<host>{_LABEL}(?:{_DOT}{_LABEL})*\s+punto\s+it{_NOT_LABEL_AFTER})"
    rf"(?P<path>/[!-~]*|(?:{_SPELLED_SLASH}[{_LATIN}_-]+)+)?",
    re.IGNORECASE,
)

# A shop's name and a spelled dot before a word-like TLD that closes the clause ("toda nuestra
# colección en ceramicasluna punto es, ¡hay ..."): "el punto es que" goes on, a domain stops.
_SPELLED_DOMAIN_AT_END = re.compile(
    rf"(?<![{_LATIN}@.-])(?P<host>(?!(?:primer|segundo|tercer|último|ultimo|mismo|nuestro|nostro|premier)\s)"
    rf"[{_LATIN}0-9-]{{6,}}\s+(?:dot|punkt|point|punto)\s+(?:es|it|at|be|com|net|org|shop|store|info)"
    rf"(?=\s*(?:[,;:!?¡¿)）]|\.(?:\s|$)|$)))(?P<path>)",
    re.IGNORECASE,
)

# A shop's name in kana or hanzi and a spelled dot before a TLD, itself maybe read in kana
# ("おちゃのしずく ドット コム", "かぐや どっと じぇいぴー", "茶香 点 com"): the readings of a TLD
# are no Japanese word, so they need no Latin name before them; particles end the name.
_KANA_TLD = (
    r"コム|こむ|ネット|ねっと|ジェーピー|ジェイピー|じぇーぴー|じぇいぴー|ショップ|しょっぷ|オルグ|おるぐ"
    r"|シーエヌ|しーえぬ|コーエンジェーピー|ドットジェーピー"
)
_CJK_NAME_DOMAIN = re.compile(
    r"(?P<host>(?:(?![はをがでにへ])[\u3040-\u30ff\u3400-\u9fff]){2,20}[\s\u3000]*(?:ドット|どっと|点|點)[\s\u3000]*"
    rf"(?:{_KANA_TLD}|(?:com|net|org|shop|store|jp|cn|com\.cn|com\.sg|sg){_NOT_LABEL_AFTER}))(?P<path>)",
    re.IGNORECASE,
)
_AMAZON_IN_KANA = re.compile(r"アマゾン|あまぞん|亚马逊|亞馬遜")

_PROVIDER_NAMES = r"gmail|googlemail|yahoo|hotmail|outlook|gmx|icloud|libero|proton(?:mail)?|aol"
# An at sign written as a word in some language ("chiocciola", "arroba") is never anything
# else; the short ones ("at", "bei", "chez", "on", "su") are ordinary words too.
_AT_WORDS = r"arroba|arobase|chiocciola|klammeraffe|アットマーク|アット|あっとまーく|あっと|艾特"
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
# An address given as an account and its provider: "账号是 shop_tang，gmail 的", "my gmail
# address is kirei.shop", "gmail のアドレスは kirei_shop".
_PROVIDER_WORDS = r"gmail|googlemail|yahoo|hotmail|outlook|gmx|icloud|libero|qq|163|126|proton(?:mail)?"
_ACCOUNT_AND_PROVIDER = re.compile(
    rf"(?<![a-z0-9._-])[a-z0-9._-]{{3,}}\s*[，,、]?\s*(?:(?:是|在|用)\s*)?(?:{_PROVIDER_WORDS})\s*(?:的|邮箱|郵箱|のアドレス|のメール)"
    rf"|(?<![a-z0-9])(?:{_PROVIDER_WORDS})\s*(?:address|account|id|邮箱|郵箱|のアドレス|アドレス|账号|帳號)\s*(?:is|:|：|是|は)\s*"
    r"[a-z0-9._-]{3,}"
    # "sur mon gmail : atelier.sable", "Gメール（kobo.hinata）": the mailbox, then its account name
    rf"|(?<![a-z0-9])(?:{_PROVIDER_WORDS}|Gメール|ジーメール)\s*(?:[:：]|[（(](?=[a-z0-9._-]{{3,}}[）)]))\s*"
    r"(?=[a-z0-9._-]*[a-z])(?=[a-z0-9_-]*[._])[a-z0-9._-]{3,}"
    # a QQ mailbox given by its number: "QQ 邮箱…号码就是 2 8 7 7 6 5 1 0 3"
    r"|QQ\s*(?:邮箱|郵箱)[^。！？\n]{0,20}?(?:号码|號碼|号)\s*(?:就是|是|为|：|:)\s*[0-9](?:\s*[0-9]){4,11}",
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
    phones = phone_spans(text, (region, *home_regions), exclude=[*every_email, *every_link])
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
        if match["word_at"] and (host.startswith("www") or not _looks_like_address(match, host)):
            continue
        if _NETWORK_BEFORE_HANDLE.fullmatch(match["local"]) and text[match.end("local")].isspace():
            continue  # "Instagram @teahouse.sg": a network and its handle
        start = match.start()
        while spelled := _SPELLED_LOCAL.search(text, 0, start):  # "mario punto rossi chiocciola ..."
            start = spelled.start()
        span = Span(start, match.end())
        every.append(span)
        if not _is_amazon_host(host):
            reported.append(span)
    for account in spans_of(_ACCOUNT_AND_PROVIDER, text):
        if not overlaps_any(account, every):
            every.append(account)
            reported.append(account)
    return reported, every


_NETWORK_BEFORE_HANDLE = re.compile(
    r"instagram|insta|ig|facebook|fb|tiktok|twitter|x|threads|youtube|telegram|pinterest|snapchat|line",
    re.IGNORECASE,
)


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
    spelled = _bare_domains(text, _SPELLED_DOMAIN_AT_END) + _cjk_named_domains(text)
    for span, host in _urls(text) + _bare_domains(text, _BARE_DOMAIN) + _italian(text, italian) + spelled:
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


def _cjk_named_domains(text: str) -> list[tuple[Span, str]]:
    """Domains whose name is in kana or hanzi; their host is only known to be Amazon's or not."""
    found: list[tuple[Span, str]] = []
    for match in _CJK_NAME_DOMAIN.finditer(text):
        host = "amazon.com" if _AMAZON_IN_KANA.search(match["host"]) else "shop.invalid"
        found.append((Span(match.start(), match.end("host")), host))
    return found


def _bare_domains(text: str, pattern: re.Pattern[str]) -> list[tuple[Span, str]]:
    found: list[tuple[Span, str]] = []
    for match in pattern.finditer(text):
        path = _without_trailer(match["path"] or "")
        found.append((Span(match.start(), match.end("host") + len(path)), _host_of(match["host"])))
    return found
