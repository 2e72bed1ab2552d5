"""How the hosts of links and e-mail addresses are written: the top-level domains sellers
use, dots written as words, signs or in brackets in every language, and the host patterns built
from them; shared by the link rule (contact.py) and the e-mail rule (emails.py)."""

import re

# Top-level domains a seller's own shop or mailbox is likely to use. A closed list keeps
# "e.g.", "25.99" and "photo.jpg" from looking like domains.
_COUNTRY_TLDS = (
    "ae at au be br ca ch cl cn co cz de dk ee eg es eu fi fr gr hk ie in it jp kr mx my nl no "
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

LATIN = r"a-z0-9\u00c0-\u024f"
LABEL = rf"[{LATIN}](?:[{LATIN}-]{{0,61}}[{LATIN}])?"
NOT_LABEL_AFTER = rf"(?![{LATIN}-])"
# A capitalised last label ("order.It arrived") is a missing space after a full stop.
TLD = r"(?!(?-i:[A-Z][a-z]))(?:" + "|".join(sorted(_TLDS, key=len, reverse=True)) + f"){NOT_LABEL_AFTER}"
_UNAMBIGUOUS_TLD = "(?:" + "|".join(_UNAMBIGUOUS_TLDS) + f"){NOT_LABEL_AFTER}"
WORD_DOT = r"dot|d0t|punkt|pünktchen|point|punto|puntito|puntino|ponto"
# Country TLDs that are no word in a language we check, for "shop dot de", "shop punkt de".
_SPELLED_DOT_COUNTRY_TLD = f"(?:de|fr|uk|co|jp|cn|nl|pl|se|ca|eu|ch|mx|br){NOT_LABEL_AFTER}"
# Country TLDs that are no word after the Romance words for dot ("point de vue", "punto de
# venta" rule out de), and TLDs that follow "dot" in no English sentence.
_ROMANCE_DOT_TLD = f"(?:fr|co|jp|cn|nl|pl|ch|mx|br|sg|hk|tw|kr|ru|cz|ie|pt|dk|fi|eu){NOT_LABEL_AFTER}"
_DOT_WORD_TLD = (
    "(?:"
    + "|".join(
        sorted(_TLDS - {"in", "it", "at", "be", "me", "my", "no", "us", "se", "to"}, key=len, reverse=True)
    )
    + f"){NOT_LABEL_AFTER}"
)
# A dot said in Chinese or Japanese ("点", "ドット", "てん"), only ever between Latin labels here.
CJK_DOT = "点|點|ドット|どっと|てん|テン"
# Brackets around a written dot or at sign ("(dot)", "[.]", "（アット）", "【点】").
OPEN = r"\[({<（【「［〔《"
CLOSE = r"\])}>）】」］〕》"
# Middle dots and bullets typed for a dot ("www·atelier·be"), and after "www" a comma too.
_ODD_DOT = r"\s*[·•∙・‧]\s*"
SPELLED_DOT = rf"\s+(?:{WORD_DOT})\s+|\s*(?:{CJK_DOT})\s*"
_LOOSE_DOT = rf"\s+\.\s*|\s*\.\s+|{SPELLED_DOT}"
SPELLED_SLASH = r"\s+(?:slash|schrägstrich|barre(?: oblique)?|barra|スラッシュ|斜杠)\s+"
# Spaced or spelled-out dots ("shop . com", "shop dot com") also occur in ordinary sentences
# ("at this point in time", "point de vue"), so they count only after www or before a TLD
# that is no word; bracketed ones ("shop[.]de", "shop(dot)de") are never ordinary writing.
DOT = (
    r"(?:\."
    rf"|\s*[{OPEN}]\s*(?:\.|{WORD_DOT}|{CJK_DOT})\s*[{CLOSE}]\s*"
    rf"|(?<=www)(?:{_LOOSE_DOT})"
    rf"|(?:{_LOOSE_DOT})(?={_UNAMBIGUOUS_TLD})"
    rf"|\s+(?:dot|punkt)\s+(?={_SPELLED_DOT_COUNTRY_TLD})"
    rf"|\s+dot\s+(?={_DOT_WORD_TLD})"
    rf"|\s+(?:point|punto|ponto)\s+(?={_ROMANCE_DOT_TLD})"
    rf"|\s*(?:{CJK_DOT})\s*(?={TLD})"
    # an ideographic full stop typed for a dot between Latin labels ("teahouse。com")
    rf"|(?<=[{LATIN}])。(?={TLD})"
    # a middle dot or bullet typed for one ("savonnerie·be"), in lower case ("PC・TV" lists two
    # things); not before "es", where French writes the plural of both genders ("client·es")
    rf"|(?<=(?-i:[a-z0-9]))[·•∙・‧](?!es{NOT_LABEL_AFTER})(?=(?-i:[a-z]))(?={TLD}))"
)
HOST = rf"{LABEL}(?:{DOT}{LABEL})*{DOT}{TLD}"
# Any dot, however written: after "www" (also "w w w") and after an at sign, and before a
# word-like TLD when the name has a hyphen or a digit ("jardineria-lopez punto es") or a
# spelled-out path follows ("... punto es barra manuales"), a spelled dot is no sentence.
ANY_DOT_SOURCE = rf"\.|{_LOOSE_DOT}|\s*[{OPEN}]\s*(?:\.|{WORD_DOT}|{CJK_DOT})\s*[{CLOSE}]\s*"
FREE_HOST = rf"{LABEL}(?:(?:{ANY_DOT_SOURCE}){LABEL})*(?:{ANY_DOT_SOURCE}){TLD}"
_WWW_DOT_SOURCE = rf"{ANY_DOT_SOURCE}|{_ODD_DOT}|[,，](?=[{LATIN}])"
WWW_HOST = rf"(?:www|w\s+w\s+w|w\.w\.w)(?:{_WWW_DOT_SOURCE}){LABEL}(?:(?:{_WWW_DOT_SOURCE}){LABEL})*"
# A name with a hyphen or digit before a spelled dot: a full stop and a space after it end a
# sentence or an abbreviation ("USt-IdNr. DE 812", "am 03.12. in"), they write no dot.
_NAME_DOT_SOURCE = (
    rf"\.(?!\s)|\s+\.\s*|{SPELLED_DOT}|\s*[{OPEN}]\s*(?:\.|{WORD_DOT}|点|點|ドット)\s*[{CLOSE}]\s*"
)
_NAME_HOST = rf"{LABEL}(?:(?:{_NAME_DOT_SOURCE}){LABEL})*(?:{_NAME_DOT_SOURCE}){TLD}"
SPELLED_HOST = rf"(?=[{LATIN}-]*[-0-9]){_NAME_HOST}|{FREE_HOST}(?={SPELLED_SLASH}|\s*/\s*[{LATIN}])"
_ANY_DOT = re.compile(_WWW_DOT_SOURCE, re.IGNORECASE)
# Top-level domains read in kana ("ドット コム", "どっと じぇいぴー"): no Japanese word.
KANA_TLD = (
    r"コム|こむ|ネット|ねっと|ジェーピー|ジェイピー|じぇーぴー|じぇいぴー|ショップ|しょっぷ|オルグ|おるぐ"
    r"|シーエヌ|しーえぬ|コーエンジェーピー|ドットジェーピー"
)
_AMAZON_NAMES = frozenset({"amazon", "amzn"})


def is_amazon_host(host: str) -> bool:
    """amazon.<any TLD>, amzn.to, amzn.com, a.co and their subdomains."""
    labels = host.lower().strip(".").split(".")
    if labels[-2:] == ["a", "co"]:
        return True
    return any(
        label in _AMAZON_NAMES and all(part in _TLDS for part in labels[index + 1 :])
        for index, label in enumerate(labels[:-1])
    )


def normalized_domain(domain: str) -> str:
    return domain.strip().lower().strip(".").removeprefix("www.")


def host_of(written: str) -> str:
    """The host as a plain dotted name, whatever dots the seller wrote."""
    host = ".".join(part.strip() for part in _ANY_DOT.split(written)).lower()
    return re.sub(r"^w\s+w\s+w\b", "www", host)
