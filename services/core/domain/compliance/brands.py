"""Names that are the same in every language: competing marketplaces and payment services,
and social networks and messengers (which a reply may not advertise)."""

import re

from services.core.domain.compliance.text import WORD_END, WORD_START

_MARKETPLACES = (
    r"e-?bay",
    r"walmart",
    r"etsy",
    r"ali ?express",
    r"alibaba",
    r"temu",
    r"shein",
    r"shopify(?: store)?",
    r"rakuten",
    r"mercado ?libre",
    r"mercado ?pago",
    r"cdiscount",
    r"zalando",
    r"kaufland",
    r"kleinanzeigen",
    r"vinted",
    r"leboncoin",
    r"wallapop",
    r"fnac",
    r"manomano",
    r"flipkart",
    r"lazada",
    r"shopee",
    r"trendyol",
    r"hepsiburada",
    r"jumia",
    r"mercari",
    r"qoo10",
    r"poshmark",
    r"depop",
    r"newegg",
    r"taobao",
    r"tmall",
    r"pinduoduo",
    r"yahoo!? ?(?:shopping|auctions?)",
)
_PAYMENT_SERVICES = (
    r"pay ?pal",
    r"venmo",
    r"cash ?app",
    r"western union",
    r"moneygram",
    r"ali ?pay",
    r"we ?chat(?: ?pay)?",
    r"klarna",
    r"afterpay",
    r"payoneer",
    r"skrill",
    r"revolut",
    r"apple pay",
    r"google pay",
    r"bizum",
    r"satispay",
    r"paytm",
    r"phonepe",
    r"paypay",
    r"line ?pay",
)
_CJK_NAMES = (
    "淘宝",
    "淘寶",
    "天猫",
    "京东",
    "拼多多",
    "速卖通",
    "阿里巴巴",
    "支付宝",
    "支付寶",
    "微信",
    "贝宝",
    "易贝",
    "沃尔玛",
    "希音",
    "楽天",
    "メルカリ",
    "ヤフオク",
    "ペイペイ",
    "ペイパル",
    "イーベイ",
)
# Brand names that are also ordinary words ("I wish", "Zelle" is German for cell, "allegro"
# Italian for cheerful) count only capitalised and after a preposition ("on Wish", "bei
# Otto") or used as a verb ("I can Zelle you").
_AMBIGUOUS_NAMES = r"Wish|Otto|Zelle|Stripe|Allegro|Target|Best Buy|Wise|Affirm"
_PREPOSITIONS = (
    r"on|via|through|at|from|with|using|auf|bei|über|von|mit|per|sur|chez|avec|par|en|su"
    r"|tramite|con|por|na|w|z"
)

COMPETITOR = re.compile(
    rf"{WORD_START}(?i:{'|'.join(_MARKETPLACES + _PAYMENT_SERVICES)}){WORD_END}"
    rf"|{'|'.join(_CJK_NAMES)}"
    rf"|{WORD_START}(?i:{_PREPOSITIONS})\s+(?P<ambiguous>{_AMBIGUOUS_NAMES}){WORD_END}"
    rf"|{WORD_START}(?P<verb>{_AMBIGUOUS_NAMES})\s+(?=(?i:you|me|him|her|them)\b)",
)

_SOCIAL = (
    r"instagram",
    r"insta",
    r"facebook",
    r"fb page",
    r"tik ?tok",
    r"youtube",
    r"twitter",
    r"pinterest",
    r"linkedin",
    r"snapchat",
    r"whatsapp",
    r"telegram",
    r"social media",
    r"réseaux sociaux",
    r"redes sociales",
    r"social network\w*",
    r"sozialen medien",
)
_CJK_SOCIAL = (
    "インスタ",
    "フェイスブック",
    "ツイッター",
    "脸书",
    "臉書",
    "抖音",
    "小红书",
)
SOCIAL_MEDIA = re.compile(
    rf"{WORD_START}(?:{'|'.join(_SOCIAL)}){WORD_END}"
    rf"|{'|'.join(_CJK_SOCIAL)}"
    # a handle ("@ourshop"), not the @ of an e-mail address
    r"|(?<![A-Za-z0-9_@.])@[A-Za-z][A-Za-z0-9_.]{2,}[A-Za-z0-9_]",
    re.IGNORECASE,
)
