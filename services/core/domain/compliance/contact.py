"""Contact details that lead a buyer away from Amazon: links and bare domains here, e-mail
addresses through emails.py and phone numbers through phone_numbers.py, including the
obfuscated ways sellers write them: written dots in every language (hosts.py), spaced "www",
spaced schemes and link shorteners, spelled paths. These rules work the same in every language."""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from services.core.domain.compliance.emails import find_emails
from services.core.domain.compliance.hosts import (
    CJK_DOT,
    DOT,
    HOST,
    KANA_TLD,
    LABEL,
    LATIN,
    NOT_LABEL_AFTER,
    SPELLED_HOST,
    SPELLED_SLASH,
    TLD,
    WORD_DOT,
    WWW_HOST,
    host_of,
    is_amazon_host,
    normalized_domain,
)
from services.core.domain.compliance.phone_numbers import phone_spans
from services.core.domain.compliance.text import (
    Span,
    overlaps_any,
    sentences,
)

_URL = re.compile(r"(?:(?:https?|ftp)://|www\d?\.)[!-~]+", re.IGNORECASE)
_URL_TRAILER = ".,;:!?'\"”’)]}>"
_BARE_DOMAIN = re.compile(
    rf"(?<![{LATIN}@.-])(?P<host>{WWW_HOST}(?<=[{LATIN}])(?={NOT_LABEL_AFTER})|{HOST}|{SPELLED_HOST})"
    rf"(?P<path>/[!-~]*|(?:{SPELLED_SLASH}[{LATIN}_-]+)+|(?:\s+/\s*|\s*/\s+)[{LATIN}_-]+)?",
    re.IGNORECASE,
)

_PUNTO_IT = re.compile(
    rf"(?<![{LATIN}@.-])(?P<host>{LABEL}(?:{DOT}{LABEL})*\s+punto\s+it{NOT_LABEL_AFTER})"
    rf"(?P<path>/[!-~]*|(?:{SPELLED_SLASH}[{LATIN}_-]+)+)?",
    re.IGNORECASE,
)

# A shop's name and a spelled dot before a word-like TLD that closes the clause ("toda nuestra
# colección en ceramicasluna punto es, ¡hay ..."): "el punto es que" goes on, a domain stops.
_SPELLED_DOMAIN_AT_END = re.compile(
    rf"(?<![{LATIN}@.-])(?P<host>(?!(?:primer|segundo|tercer|último|ultimo|mismo|nuestro|nostro|premier)\s)"
    rf"[{LATIN}0-9-]{{6,}}\s+(?:dot|punkt|point|punto)\s+(?:es|it|at|be|com|net|org|shop|store|info)"
    rf"(?=\s*(?:[,;:!?¡¿)）]|\.(?:\s|$)|$)))(?P<path>)",
    re.IGNORECASE,
)

# A shop's name in kana or hanzi and a spelled dot before a TLD, itself maybe read in kana
# ("おちゃのしずく ドット コム", "かぐや どっと じぇいぴー", "茶香 点 com"): the readings of a TLD
# are no Japanese word, so they need no Latin name before them; particles end the name.
_CJK_NAME_DOMAIN = re.compile(
    r"(?P<host>(?:(?![はをがでにへ])[\u3040-\u30ff\u3400-\u9fff]){2,20}[\s\u3000]*"
    r"(?:[（(](?:ローマ字|ろーまじ|romaji|ローマじ|拼音|pinyin)[）)][\s\u3000]*)?(?:ドット|どっと|点|點)[\s\u3000]*"
    rf"(?:{KANA_TLD}|(?:com|net|org|shop|store|jp|cn|com\.cn|com\.sg|sg){NOT_LABEL_AFTER}))(?P<path>)",
    re.IGNORECASE,
)
# A link typed with spaces to slip past a filter: a spaced scheme ("h t t p s : / / bit . ly /
# guide") is never ordinary writing; nor is a link shortener's name, its letters maybe spaced,
# a dot however written and a path ("b i t . l y / cleaning").
_SPACED_SCHEME = r"h\s*t\s*t\s*p\s*s?\s*:\s*/\s*/"
_SPACED_LABEL = rf"[{LATIN}](?:\s?[{LATIN}-])*"
_SHORTENERS = (
    "bit.ly tinyurl.com goo.gl rb.gy cutt.ly is.gd ow.ly shorturl.at t.ly tiny.cc linktr.ee lnk.bio "
    "s.id t.cn url.cn dwz.cn"
).split()
_SPACED_DOT = rf"\s*(?:\.|{WORD_DOT}|{CJK_DOT}|[·•,，。])\s*"


def _spaced(name: str) -> str:
    """A shortener's name, its letters maybe spaced and its dots however written."""
    return _SPACED_DOT.join(r"\s?".join(re.escape(c) for c in label) for label in name.split("."))


_SPACED_LINK = re.compile(
    rf"(?P<host>{_SPACED_SCHEME}\s*{_SPACED_LABEL}(?:{_SPACED_DOT}{_SPACED_LABEL})+"
    rf"|(?<![{LATIN}])(?:{'|'.join(_spaced(name) for name in _SHORTENERS)})(?=\s*/))"
    rf"(?P<path>(?:\s*/\s*[{LATIN}_-]+)*)",
    re.IGNORECASE,
)
# A domain given as a recipe: the name in quotes, then "add the usual dot de" ("'toepferei' und
# 'am see' zusammenschreiben ... und hinten das übliche Punkt-de dranhängen", "店名拼音 xiaomuwu
# 再加老规矩的“点康姆”"). A spelled ending, a verb of adding and a name in one sentence.
_SPELLED_ENDING = re.compile(
    rf"(?<![{LATIN}])(?:dot|d0t|punkt|pünktchen)[-\s]*(?:{TLD})|(?<![{LATIN}])(?:point|punto|ponto)[-\s]*(?!de\b)(?:{TLD})"
    rf"|(?:ドット|どっと|点|點)[\s\u3000]*(?:{KANA_TLD}|康姆|{TLD})",
    re.IGNORECASE,
)
_ADDING = re.compile(
    r"\b(?:add|append|attach|stick|tack)\w*|\b(?:anhäng|dranhäng|häng|hinzufüg|anfüg|zusammenschreib)\w*|\bzusammen\b"
    r"|\b(?:ajout|rajout)\w*|\bcoll(?:ez|er|ant|é\w*)\b|\b(?:añad|agreg|junt|pones?)\b\w*|\b(?:aggiung|attacc|unisc)\w*|付け|つけ|再加|加上|接上",
    re.IGNORECASE,
)
_GIVEN_NAME = re.compile(
    rf"['‘\"“«「『][{LATIN}_. -]{{3,30}}['’\"”»」』]"
    rf"|(?:(?<=[\u3040-\u9fff])|(?<=[\u3040-\u9fff][ \u3000]))[{LATIN}_-]{{4,}}(?=[\u3000-\u9fff\s])",
    re.IGNORECASE,
)
_AMAZON_IN_KANA = re.compile(r"アマゾン|あまぞん|亚马逊|亞馬遜")
# An emoji or a drawn sign typed for the dot and the slash, the writer's key beside it or not
# ("brackethelp 🔵 net 🔸 video3", "regalprofi ⚫ de ➗ aufbau"): a name, a sign, a TLD and a
# sign again (or a slash) is no sentence.
_SIGN = r"[\u2190-\u21ff\u2300-\u23ff\u25a0-\u27bf\u2900-\u2bff\u3030\U0001f000-\U0001faff]"
_SIGN_DOTTED = re.compile(
    rf"(?<![{LATIN}@.-])(?P<name>{LABEL})\s*{_SIGN}\s*(?P<tld>{TLD})"
    rf"(?=\s*(?:{_SIGN}|/|(?:slash|schrägstrich|barre|barra|スラッシュ|斜杠)\b))"
    rf"(?P<path>\s*(?:{_SIGN}\s*(?:(?:slash|barra|barre)\s*{_SIGN}\s*)?|/\s*)[{LATIN}_-]+)?",
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
    allowed = tuple(normalized_domain(domain) for domain in allowed_domains)
    emails, every_email = find_emails(text)
    links, every_link = _links(text, allowed, exclude=every_email, italian=language == "it")
    phones = phone_spans(text, (region, *home_regions), exclude=[*every_email, *every_link])
    return Contacts(links=links, emails=emails, phones=phones)


def _is_allowed(host: str, allowed: tuple[str, ...]) -> bool:
    return is_amazon_host(host) or any(host == d or host.endswith("." + d) for d in allowed)


def _links(
    text: str, allowed: tuple[str, ...], exclude: list[Span], italian: bool
) -> tuple[list[Span], list[Span]]:
    """Links and domains to report, and the spans of all of them (allowed ones included)."""
    reported: list[Span] = []
    every: list[Span] = []
    spelled = (
        _bare_domains(text, _SPELLED_DOMAIN_AT_END)
        + _cjk_named_domains(text)
        + _bare_domains(text, _SPACED_LINK)
        + _sign_dotted(text)
        + _assembled(text)
        + _spoken_urls(text)
    )
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


def _assembled(text: str) -> list[tuple[Span, str]]:
    found: list[tuple[Span, str]] = []
    for sentence in sentences(text):
        ending = _SPELLED_ENDING.search(text, sentence.start, sentence.end)
        name = _GIVEN_NAME.search(text, sentence.start, ending.start()) if ending else None
        if ending and name and _ADDING.search(text, sentence.start, sentence.end):
            found.append((Span(name.start(), ending.end()), "shop.invalid"))
    return found


# A web address read out from its scheme, the signs said as words (a scheme typed with its signs,
# "https : / / part of the address", is the written rule's): "h t t p s dos puntos diagonal diagonal bit punto l y
# ...", "エイチティーティーピーエス コロン スラッシュ スラッシュ ...", "h t t p s 冒号 斜杠 斜杠 ...".
_SPOKEN_SCHEME = re.compile(
    r"(?:\bh\s?t\s?t\s?p\s?s?|エイチティーティーピー(?:エス)?)\s*"
    r"(?:colon|dos puntos|deux[- ]points|doppelpunkt|due punti|コロン|冒号)\s*"
    r"(?:(?:slash|barra|diagonal|schrägstrich|スラッシュ|斜杠)\s*){2}[^.!?。\n]{1,60}",
    re.IGNORECASE,
)


def _spoken_urls(text: str) -> list[tuple[Span, str]]:
    """Read-out addresses; their host is only known to be Amazon's or not."""
    return [
        (Span(m.start(), m.end()), "amazon.com" if "amazon" in m.group().lower() else "shop.invalid")
        for m in _SPOKEN_SCHEME.finditer(text)
    ]


def _sign_dotted(text: str) -> list[tuple[Span, str]]:
    found: list[tuple[Span, str]] = []
    for match in _SIGN_DOTTED.finditer(text):
        end = match.end("path") if match["path"] else match.end("tld")
        found.append((Span(match.start(), end), f"{match['name']}.{match['tld']}".lower()))
    return found


def _bare_domains(text: str, pattern: re.Pattern[str]) -> list[tuple[Span, str]]:
    found: list[tuple[Span, str]] = []
    for match in pattern.finditer(text):
        path = _without_trailer(match["path"] or "")
        found.append((Span(match.start(), match.end("host") + len(path)), host_of(match["host"])))
    return found
