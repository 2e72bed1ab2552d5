"""E-mail addresses in a reply, however written: at signs and dots as words or nicknames in
every language ("arobas", "小老鼠", "(at)"), providers written as they sound ("gee mail",
"じーめーる"), an address given as an account and its provider, or in pieces with the at sign
named between them. Amazon's own addresses are found but not reported."""

import re

from services.core.domain.compliance.hosts import (
    ANY_DOT_SOURCE,
    CJK_DOT,
    CLOSE,
    FREE_HOST,
    KANA_TLD,
    LATIN,
    NOT_LABEL_AFTER,
    OPEN,
    SPELLED_DOT,
    SPELLED_SLASH,
    TLD,
    WORD_DOT,
    host_of,
    is_amazon_host,
)
from services.core.domain.compliance.intent import sentence_at
from services.core.domain.compliance.text import Span, overlaps_any, spans_of

_PROVIDER_NAMES = r"gmail|googlemail|yahoo|hotmail|outlook|gmx|icloud|libero|proton(?:mail)?|aol"
# An at sign written as a word in some language ("chiocciola", "arroba") is never anything
# else; the short ones ("at", "bei", "chez", "on", "su") are ordinary words too.
# Nicknames count too: "arobas" in Quebec, "小老鼠" (little mouse) in Taiwan.
_AT_WORDS = (
    r"arroba|arobase|arobas|arrobe|chiocciolina|chiocciola|klammeraffe|affenschwanz|at-zeichen|@-zeichen"
    r"|アットマーク|アット|あっとまーく|あっと|艾特|小老鼠"
)
_AT_SIGN = (
    rf"\s*@\s*|\s*[{OPEN}]\s*(?:at|ät|a|@|{_AT_WORDS})\s*[{CLOSE}]\s*"
    rf"|\s*(?:{_AT_WORDS})\s*"
    # "kirei.shop★gmail.com (replace ★ with @)", a Japanese habit against address harvesters
    r"|[★☆]"
)
_WORD_AT = r"\s+(?:at|ät|bei|chez|on|su|auf|en|presso)\s+"
# A mailbox provider's name written as it sounds ("gee mail", "proton mail", "じーめーる"),
# maybe with a spelled dot and a TLD after it.
_SPOKEN_PROVIDERS = (
    r"(?:gee|g|ji)[\s-]?mail|hot[\s-]mail|proton[\s-]mail|out[\s-]look|ya[\s-]hoo"
    r"|ジーメール|じーめーる|Gメール|ホットメール|ほっとめーる|ヤフーメール|やふーめーる"
)
_SPOKEN_PROVIDER_HOST = (
    rf"(?P<spoken>{_SPOKEN_PROVIDERS}){NOT_LABEL_AFTER}"
    rf"(?:(?:{ANY_DOT_SOURCE})(?:{KANA_TLD}|{TLD}(?:(?:{ANY_DOT_SOURCE}){TLD})?))?"
)
_EMAIL = re.compile(
    r"(?<![a-z0-9._%+-])(?P<local>[a-z0-9._%+-]+)"
    rf"(?:{_AT_SIGN}|(?P<word_at>{_WORD_AT}))"
    rf"(?P<host>{FREE_HOST}|{_SPOKEN_PROVIDER_HOST}|(?P<provider>{_PROVIDER_NAMES}){NOT_LABEL_AFTER})",
    re.IGNORECASE,
)
# An address given in pieces, the at sign named between them: "unser Shopname, dann das
# At-Zeichen, dann gmx.net", "le nom de la boutique, arobase, gmail point com".
_NAMED_AT = (
    r"at[\s-]?(?:sign|symbol)|@[\s-]?(?:sign|symbol|zeichen)|signe arobase|símbolo de arroba|simbolo della chiocciola"
    rf"|@符号|@マーク|{_AT_WORDS}"
)
_THEN = (
    r"then|and|dann|und|danach|puis|ensuite|et|luego|después|y|poi|quindi|e|然后|然後|次に|その後に|その後"
)
_NAMED_AT_ADDRESS = re.compile(
    rf"(?<![a-z0-9])(?:{_NAMED_AT})(?:\s*[,:;–—、，：-]\s*|\s+)(?:(?:{_THEN})\s*[,:、，：]?\s*)?"
    rf"(?P<host>{FREE_HOST}|{_SPOKEN_PROVIDER_HOST}|(?:{_PROVIDER_NAMES}){NOT_LABEL_AFTER})",
    re.IGNORECASE,
)
# An address dictated piece by piece with commas: "atencion.cliente, arroba, mueblesgaudi,
# punto, es", "shop, at, gmail, dot, com".
_COMMA_PIECES = re.compile(
    rf"(?<![a-z0-9._-])[a-z0-9._-]+\s*[,，、]\s*(?:{_AT_WORDS}|at|@)\s*[,，、]\s*[{LATIN}-]+"
    rf"(?:\s*[,，、]\s*(?:{WORD_DOT}|{CJK_DOT}|\.)\s*[,，、]\s*[{LATIN}-]+)*"
    rf"\s*[,，、]\s*(?:{WORD_DOT}|{CJK_DOT}|\.)\s*[,，、]?\s*{TLD}",
    re.IGNORECASE,
)
# An address dictated as instructions, the at sign named and the ending spelled further on:
# "my first name, then the little curly 'at' sign, then the mail service run by the search
# giant. Dot com at the end", "后面接@，再接企鹅家的那个点com". The address is the sentence the at
# sign is in, up to the ending, so the name or number before it is no phone number or link.
_DICTATED = re.compile(
    rf"(?:{_NAMED_AT}|['‘’\"“”]at['‘’\"“”][\s-]?(?:sign|symbol)|@(?![\w.]))"
    rf"[^\n]{{0,140}}?(?<![{LATIN}])(?:{WORD_DOT}|ドット|どっと|点|點)[\s\u3000-]*(?:{KANA_TLD}|シーオー|康姆|{TLD})",
    re.IGNORECASE,
)
# An address with another sign for the at and a key that says so: "kefu#lixing-tools.sg
# （把#换成@）", "shop#mail.de (# = @)".
_SIGN_FOR_AT = re.compile(r"(?<![\w.@+-])[\w.+-]+(?P<sign>[#$%&*~^])[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
_SIGN_KEY = (
    r"{sign}\s*(?:换成|改成|替换成|替换为|换为|を|→|->|=|with|by|durch|par|por|con|mit)\s*[@＠]"
    r"|[@＠]\s*(?:instead of|statt|anstelle von|au lieu de|en vez de|invece di|代替)\s*{sign}"
)
_AT_TOKEN = re.compile(r"(?<![\w.@+-])[\w.+-]+@[\w.-]+(?![\w@])")
# A host with a path after it is a page, not a mailbox: "the guide is up at shop dot net slash x2".
_PATH_AFTER = re.compile(rf"\s*/\s*[{LATIN}_-]|{SPELLED_SLASH}", re.IGNORECASE)
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
_SPELLED_LOCAL = re.compile(rf"[a-z0-9._%+-]+(?:{SPELLED_DOT})$", re.IGNORECASE)
# "visit us at shop.com" is a link, not an address: a written "at" makes an address only when
# it is in capitals ("sara AT shop.com"), the local part is shaped like one ("j.doe", "info",
# "support"), the domain is a mailbox provider's, or the dot is written out and the local part
# is not one of the words that come before "at" in a sentence.
_MAILBOX_NAMES = frozenset(
    "info support service sales billing contact hello team orders office admin returns "
    "kundenservice kontakt assistenza servicio atencion".split()
)
_SENTENCE_WORDS = frozenset(
    "up us me it them him her you here there less more cheaper online available ticket store "
    "shop website site page look find found sold listed buy order directly visit price "
    "prices stock offer deals are is was were be been am located hosted posted published "
    "uploaded everything all details sie uns mich dich ihn ihnen wir nous vous moi toi usted ustedes "
    "nosotros noi voi lei ci ti".split()
)
# "have a squiz at shop dot com dot au", "take a peek at": a look taken, not a mailbox
_LOOK_TAKEN = re.compile(
    r"\b(?:have|has|had|having|take|takes|took|taking)\s+(?:a|another)\s+$", re.IGNORECASE
)
_MAILBOX_PROVIDERS = frozenset(
    "gmail googlemail yahoo hotmail outlook live msn aol icloud me gmx web t-online "
    "freenet orange free laposte libero virgilio tiscali qq 163 126 sina yandex proton "
    "protonmail mail".split()
)


def find_emails(text: str) -> tuple[list[Span], list[Span]]:
    """E-mail addresses to report, and the spans of all addresses (Amazon's included)."""
    reported: list[Span] = []
    every: list[Span] = []
    position = 0
    while (match := _EMAIL.search(text, position)) is not None:
        position = match.end()
        host = host_of(match["host"])
        if match["word_at"] and (
            host.startswith("www")
            or not _looks_like_address(match, host)
            or _PATH_AFTER.match(text, match.end())
            or _LOOK_TAKEN.search(text, max(0, match.start() - 20), match.start())
        ):
            # the host may start an address of its own: "email me at tanhome.sg@gmail.com"
            position = match.start("host")
            continue
        if _NETWORK_BEFORE_HANDLE.fullmatch(match["local"]) and text[match.end("local")].isspace():
            continue  # "Instagram @teahouse.sg": a network and its handle
        start = match.start()
        while spelled := _SPELLED_LOCAL.search(text, 0, start):  # "mario punto rossi chiocciola ..."
            start = spelled.start()
        span = Span(start, match.end())
        every.append(span)
        if not is_amazon_host(host):
            reported.append(span)
    for written in _AT_TOKEN.finditer(text):  # "ku.oc.oohay@troppus": an address read backwards
        backwards = _EMAIL.fullmatch(written.group()[::-1])
        span = Span(written.start(), written.end())
        if backwards is not None and not overlaps_any(span, every) and not is_amazon_host(backwards["host"]):
            every.append(span)
            reported.append(span)
    pieces = (
        spans_of(_NAMED_AT_ADDRESS, text)
        + spans_of(_ACCOUNT_AND_PROVIDER, text)
        + spans_of(_COMMA_PIECES, text)
    )
    pieces += [Span(sentence_at(text, span.start).start, span.end) for span in spans_of(_DICTATED, text)]
    pieces += [
        Span(m.start(), m.end())
        for m in _SIGN_FOR_AT.finditer(text)
        if re.search(_SIGN_KEY.format(sign=re.escape(m["sign"])), text, re.IGNORECASE)
    ]
    for account in pieces:
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
    provider = bool(match["provider"] or match["spoken"]) or (
        host.count(".") >= 1 and host.split(".")[-2] in _MAILBOX_PROVIDERS
    )
    if match["word_at"].strip().lower() not in ("at", "ät"):  # "bei gmx", "chez gmail", "on gmail": a mailbox
        return provider and local not in _SENTENCE_WORDS
    if match["provider"] or match["spoken"]:
        return local not in _SENTENCE_WORDS
    return (
        match["word_at"].strip() == "AT"
        or shaped
        or provider
        or (written_dot and local not in _SENTENCE_WORDS)
    )
