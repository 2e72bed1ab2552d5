"""Names that are the same in every language: competing marketplaces and payment services
(by market) and off-Amazon bank payments. The text they are matched in is folded (fold.py),
so full-width and look-alike letters need no entries of their own; `brand_names` also reads
names split, spaced or written with digits for letters ("Pay-Pal", "P@yP@l")."""

import re
from dataclasses import dataclass

from services.core.domain.compliance.described_brands import described_marketplaces
from services.core.domain.compliance.ibans import IBAN, iban_length_fits
from services.core.domain.compliance.outside_payments import outside_payment_spans, wechat_payments
from services.core.domain.compliance.text import (
    WORD_END,
    WORD_START,
    Span,
    clause_around,
    sentences,
    spans_of,
)

_MARKETPLACES = (
    # worldwide and US
    r"e-?bay",
    # nicknames and spelled-out forms: "on the 'bay", "in der Bucht", "la baia elettronica", "E . B . A . Y"
    r"the ['’]bay",
    r"in der bucht",
    r"baia elettronica",
    r"e ?\. ?b ?\. ?a ?\. ?y",
    r"wal ?mart",
    r"etsy",
    r"creema",
    r"ali ?express",
    r"alibaba",
    r"temu",
    r"shein",
    r"shopify(?: store)?",
    r"newegg",
    r"craigslist",
    r"offerup",
    r"poshmark",
    r"depop",
    r"mercari",
    r"facebook marketplace",
    r"tik ?tok shop",
    r"mercado ?libre",
    r"mercado ?pago",
    # Europe
    r"cdiscount",
    r"zalando",
    r"kaufland",
    r"(?:ebay[- ])?kleinanzeigen",
    r"idealo",
    r"check24",
    r"galaxus",
    r"vinted",
    r"(?<!dans )le ?bon ?coin(?! d)",
    r"rue du commerce",
    r"back ?market",
    r"fnac",
    r"darty",
    r"manomano",
    r"wallapop",
    r"milanuncios",
    r"pccomponentes",
    r"eprice",
    r"bol\.com",
    r"fruugo",
    r"onbuy",
    r"emag",
    # Asia
    r"rakuten",
    r"yahoo!? ?(?:shopping|auctions?)",
    r"zozo(?:town)?",
    r"qoo10",
    r"flipkart",
    r"snapdeal",
    r"meesho",
    r"lazada",
    r"shopee",
    r"carousell",
    r"zalora",
    r"tokopedia",
    r"coupang",
    r"taobao",
    r"tmall",
    r"pinduoduo",
    r"jd\.com",
    r"trendyol",
    r"hepsiburada",
    r"jumia",
)
_PAYMENT_SERVICES = (
    r"pay ?pal",
    # misspelt on purpose: "PeiPal", "Paypall", "Bísum"
    r"p[ae]i ?pal",
    r"pay ?pall",
    r"pay ?pa[1i|]",
    r"b[ií][sz]+[uú]m",
    r"venmo",
    r"cash ?app",
    r"western union",
    r"moneygram",
    r"ali ?pay",
    r"we ?chat ?pay",
    r"weixin ?pay",
    r"line ?pay",
    r"klarna",
    r"afterpay",
    r"clearpay",
    r"sezzle",
    r"payoneer",
    r"skrill",
    r"neteller",
    r"paysafecard",
    r"revolut",
    r"transferwise",
    r"apple ?pay",
    r"apple ?cash",
    r"google ?pay",
    r"gpay",
    r"samsung ?pay",
    r"bizum",
    r"twint",
    r"satispay",
    r"payme",
    r"postepay",
    r"paylib",
    r"(?-i:Wero)",
    r"payconiq",
    r"giropay",
    r"paydirekt",
    r"sofort ?(?:überweisung|banking)",
    r"interac",
    r"e-?transfer",
    r"paytm",
    r"phonepe",
    r"paynow",
    r"paylah!?",
    r"grab ?pay",
    r"paypay",
    r"bitcoin",
    r"(?-i:BTC)",
    r"usdt",
    r"crypto(?:currency)?",
    r"(?-i:iDEAL)",
    # pay later and wallets by market
    r"scalapay",
    r"pagolight",
    r"heylight",
    r"oney",
    r"floa ?pay",
    r"aplazame",
    r"sequra",
    r"ratepay",
    r"riverty",
    r"zip ?pay",
    r"laybuy",
    r"paidy",
    r"mobilepay",
    r"vipps",
    r"nequi",
    r"yape",
    r"monzo",
    r"paysera",
)
# Paying outside Amazon by bank transfer: words, not brands, so a sentence that rules it out
# ("we will never ask you for a bank transfer", "不会私下转账") names no payment service.
_BANK_TRANSFER = (
    r"(?:bank|wire|direct) transfer",
    r"wire (?:you|it|the money|the difference)",
    r"(?:pay|send|paid|sent) (?:\w+ )?(?:by|via) wire",
    r"bank details",
    r"routing number",
    r"sort code",
    r"(?:bank)?überweisung",
    r"bankverbindung",
    r"kontodaten",
    r"virement(?: bancaire)?",
    r"(?-i:RIB)",
    r"coordonnées bancaires",
    r"transferencia(?: bancaria)?",
    r"datos bancarios",
    r"número de cuenta",
    r"bonifico(?: bancario)?",
    r"coordinate bancarie",
    r"conto corrente",
    r"(?-i:IBAN)",
    r"(?-i:CLABE)",
    # cash paid in outside Amazon: at a shop till, by deposit, straight to the seller
    r"(?:pagarme|pagarnos|p[áa]game|p[áa]ganos|me pagas|nos pagas) (?:directamente|en efectivo|en (?:un )?oxxo)",
    r"dep[óo]sito en (?:efectivo|oxxo)",
    r"referencia de dep[óo]sito",
    r"cash deposit",
    r"pay (?:me|us) (?:directly|in cash|cash)",
    r"bareinzahlung",
    r"dépôt (?:d['’]|en )espèces",
    r"mandat cash",
    r"versamento in contanti",
)
_CJK_MARKETPLACES = (
    "淘宝|淘寶|天猫|天貓|京东|京東|拼多多|拼夕夕|闲鱼|閒魚|咸鱼|唯品会|苏宁|得物|抖音商城|速卖通|阿里巴巴"
    "|马云家|馬雲家|东哥家|東哥家|某宝|某东|某猫|某多多|某夕夕|狗东|猫超|某寶|某東|某貓|蝦皮|露天拍賣|唯品會|蘇寧|(?<=在)(?:PDD|TB|JD)|(?:PDD|TB|JD)(?=上|的|店|买|里)"
    "|メ.カリ|ヤ.オク|楽.市場|ラ[〇○●＊*]マ|ヤフショ|(?i:yahoo)!?\\s?(?:ショッピング|オークション)"
    "|虾皮|來贊達|来赞达|楽天|メルカリ|ヤフオク|ヤフーショッピング|ラクマ|ペイペイフリマ|イーベイ|沃尔玛|希音"
)
_CJK_PAYMENTS = (
    "支付宝|支付寶|微信支付|微信转账|微信轉帳|微信红包|微信付款|微信收款|贝宝|ペイパル|ペイペイ|楽天ペイ"
    "|d払い|メルペイ|ラインペイ|LINEペイ|ペイディー|ファミペイ|ゆうちょペイ|(?<![A-Za-z])(?i:au ?pay)(?![A-Za-z])|auペイ|ペイパール"
    # pinyin initials and nicknames: "zfb" for 支付宝, "vx转账" for a WeChat transfer
    "|(?<![A-Za-z])(?i:zfb|zhi ?fu ?bao)(?![A-Za-z])|支付bao|支fu宝|ペ[〇○●＊*]ペイ|ペ[〇○●＊*]パル|某付宝|云闪付|雲閃付|花呗|花唄"
    "|(?<![A-Za-z])(?i:vx|wx)(?=转账|轉帳|支付|付款|收款|红包|紅包)"
    # Hong Kong's: "用PayMe或者轉數快過數俾我"
    "|轉數快|转数快"
)
_CJK_BANK_TRANSFER = (
    "銀行振込|お振込|振込先|振り込み|口座番号|当店口座|弊社口座|银行转账|銀行轉帳|转账|轉帳|汇款|匯款|银行卡号"
    "|银行账号|打款|現金書留|私下付款|私下转账|私下轉帳|线下付款|線下付款|過數|过数"
)
# Brand names that are also ordinary words or names ("I wish", "Zelle" is German for cell,
# "subito" Italian for at once) count only capitalised and after a preposition ("on Wish",
# "bei Otto", "su Subito") or used as a verb ("I can Zelle you"), in the languages where they
# are words; elsewhere a capitalised one is the brand.
_AMBIGUOUS_IN: dict[str, frozenset[str]] = {
    "Wish": frozenset({"en"}),
    "Otto": frozenset({"en", "de", "fr", "es", "it", "ja", "zh"}),
    "Zelle": frozenset({"de"}),
    "Stripe": frozenset({"en"}),
    "Square": frozenset({"en"}),
    "Allegro": frozenset({"it", "es", "en"}),
    "Subito": frozenset({"it"}),
    "Target": frozenset({"en"}),
    "Best Buy": frozenset({"en"}),
    "Wise": frozenset({"en"}),
    "Affirm": frozenset({"en"}),
    "Lydia": frozenset({"en", "de", "fr", "es", "it", "ja", "zh"}),
    "Bol": frozenset({"fr", "es", "it"}),
    "Noon": frozenset({"en"}),
    # a short name: "por Zel"
    "Zel": frozenset({"en", "de", "fr", "es", "it", "ja", "zh"}),
}
_AMBIGUOUS_PAYMENT_NAMES = frozenset({"zelle", "stripe", "square", "wise", "affirm", "lydia", "zel"})
_PREPOSITIONS = (
    r"on|via|through|at|from|with|using|auf|bei|über|von|mit|per|sur|chez|avec|par|en|su"
    r"|tramite|con|por|na|w|z"
)


@dataclass(frozen=True)
class Competitors:
    marketplaces: list[Span]
    payments: list[Span]

    @property
    def all(self) -> list[Span]:
        return self.marketplaces + self.payments


def brand_names(names: tuple[str, ...]) -> str:
    """Names as whole words; where a name may be split ("pay ?pal"), a dot, hyphen or
    underscore may split it too ("Pay-Pal", "pay_pal"), and a digit or sign may stand for a
    vowel or an s ("P@yP@l", "3bay", "Vinted" as "V1nted", "S*bito")."""
    alternation = "|".join(_leet(name) for name in names).replace(" ?", r"[\s._-]?")
    return rf"{WORD_START}(?i:{alternation}){WORD_END}"


# a masked vowel too: "S*bito", "eB*y", "P•yP•l"
_LEET = {"a": "[a@4*•]", "e": "[e3*•]", "i": "[i1!*•]", "o": "[o0*•]", "u": "[u*•]", "s": "[s$5]"}


def _leet(source: str) -> str:
    """The name's plain letters a, e, i, o and s as classes of their look-alikes; escapes,
    classes, group openings and case-sensitive names stay as written."""
    if "(?-i:" in source:
        return source
    out: list[str] = []
    index = 0
    while index < len(source):
        character = source[index]
        if character == "\\":
            out.append(source[index : index + 2])
            index += 2
        elif character == "[":
            end = source.index("]", index + 1)
            out.append(source[index : end + 1])
            index = end + 1
        elif source.startswith("(?", index):
            end = index + 2
            while source[end] not in ":=!<":
                end += 1
            out.append(source[index : end + 1])
            index = end + 1
        else:
            out.append(_LEET.get(character, character))
            index += 1
    return "".join(out)


_MARKETPLACE = re.compile(f"{brand_names(_MARKETPLACES)}|{_CJK_MARKETPLACES}")
# Mercado Pago as "MP" after a Spanish preposition: in French and Italian an MP is a private message.
_SHORT_PAYMENTS = r"(?<=(?i:por|vía) )MP(?![\w-])"
_PAYMENT = re.compile(f"{brand_names(_PAYMENT_SERVICES)}|{_CJK_PAYMENTS}|{_SHORT_PAYMENTS}")
_BANK = re.compile(f"{brand_names(_BANK_TRANSFER)}|{WORD_START}{IBAN}{WORD_END}|{_CJK_BANK_TRANSFER}")
_RULED_OUT = re.compile(
    r"\b(?:never|not|don't|won't|nicht|kein\w*|niemals|jamais|nunca|mai|non)\b|\bne\s|\bno\s(?!dude)"
    r"|不会|绝不|決不|决不|不(?:要|能|用)|从不|无需|无法|(?:いたし|し|致し)ません|行っておりません|いたしかねます|できかねます",
    re.IGNORECASE,
)

_TAX_ID_BEFORE = re.compile(
    r"\b(?:tva|vat|iva|ust|ust-idnr|intracom\w*|uid|eori)\b[^\n]{0,20}$", re.IGNORECASE
)
# The seller sending the buyer money by transfer ("le facciamo un bonifico", "お振込みいたします")
# asks the buyer to pay nothing outside Amazon: what it is offered for is the trade's finding.
_SELLER_PAYS = re.compile(
    r"\b(?:we|i)(?:'ll| will| can| could)? (?:send|make|do|issue|wire) (?:you )?(?:a |the )?(?:bank |wire )?transfer"
    r"|\b(?:wir|ich) (?:überweisen|überweise) (?:ihnen|dir)|\bnous vous (?:ferons|faisons|enverrons) un virement"
    r"|\ble (?:haremos|hacemos|enviaremos) una transferencia|\b(?:le|ti|vi) (?:facciamo|faremo|faccio) un bonifico"
    r"|お振り?込み?(?:いたします|致します|します|させていただきます)|(?:给|向)(?:您|你)(?:银行)?转账|转(?:账)?给(?:您|你)",
    re.IGNORECASE,
)


# The buyer asked for bank details makes the seller's transfer a payment outside Amazon:
# "mi mandi l'IBAN", "麻烦发一下您的银行卡号".
_DETAILS_ASKED = re.compile(
    r"\b(?:send|give|need) (?:me |us )?(?:your )?(?:iban|bank details|account number)|\b(?:ihre|deine) (?:iban|bankverbindung)"
    r"|\bvotre (?:iban|rib)\b|\bsu (?:iban|número de cuenta)\b|\bmi (?:mandi|invii|dia) (?:l['’])?iban\b|\bil suo iban\b"
    r"|口座(?:番号|情報)を|(?:您|你)的银行卡号|银行卡号|收款账号",
    re.IGNORECASE,
)


def _ambiguous(names: list[str], ambiguous: bool) -> re.Pattern[str]:
    """Capitalised names, after a preposition (or as a verb) when they are words."""
    alternation = "|".join(re.escape(name) for name in names) or "(?!)"
    if not ambiguous:
        # in lower case too after a preposition, as a transcribed reply writes it: "por zelle"
        return re.compile(
            rf"{WORD_START}(?P<name>{alternation}){WORD_END}"
            rf"|{WORD_START}(?i:{_PREPOSITIONS})\s+(?P<lower>(?i:{alternation})){WORD_END}"
        )
    return re.compile(
        rf"{WORD_START}(?i:{_PREPOSITIONS})\s+(?P<name>{alternation}){WORD_END}"
        rf"|{WORD_START}(?P<verb>{alternation})\s+(?=(?i:you|me|him|her|them)\b)"
    )


def competitor_spans(text: str, language: str | None) -> Competitors:
    """Competing marketplaces and payment services named in the text. `language` decides
    which ambiguous names are words; without it, all of them are."""
    marketplaces = spans_of(_MARKETPLACE, text) + described_marketplaces(text)
    payments = (
        spans_of(_PAYMENT, text) + wechat_payments(text) + _bank_transfers(text) + outside_payment_spans(text)
    )
    for name, kind in _ambiguous_matches(text, language):
        (payments if kind == "payment" else marketplaces).append(name)
    return Competitors(marketplaces, payments)


def _bank_transfers(text: str) -> list[Span]:
    return [
        span
        for sentence in sentences(text)
        if not (_SELLER_PAYS.search(text, sentence.start, sentence.end) and not _DETAILS_ASKED.search(text))
        for span in spans_of(_BANK, text, sentence.start, sentence.end)
        # a negation rules out the transfer of its own clause only: "please don't claim it
        # through Amazon, ... or you can transfer the fee to IE64 BOFI ..." still asks for one
        if not _RULED_OUT.search(text, *clause_around(text, sentence, span))
        # a VAT number is no IBAN: "N° TVA intracommunautaire FR80433912700018"
        and not _TAX_ID_BEFORE.search(text, max(0, span.start - 30), span.start)
        and iban_length_fits(text[span.start : span.end])
    ]


def _ambiguous_matches(text: str, language: str | None) -> list[tuple[Span, str]]:
    found: list[tuple[Span, str]] = []
    for ambiguous in (True, False):
        names = [
            n
            for n, languages in _AMBIGUOUS_IN.items()
            if (language in languages or not language) == ambiguous
        ]
        for match in _ambiguous(names, ambiguous).finditer(text):
            group = next(g for g in ("verb", "lower", "name") if g in match.re.groupindex and match[g])
            kind = "payment" if match[group].lower() in _AMBIGUOUS_PAYMENT_NAMES else "marketplace"
            found.append((Span(match.start(group), match.end(group)), kind))
    return found
