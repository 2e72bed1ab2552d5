"""Messengers and social networks in every market: a reply that names one, or gives a handle,
takes the conversation off Amazon (marketing). Names that are words ("line", "signal",
"x") count only written as the brand."""

import re

from services.core.domain.compliance.brands import brand_names
from services.core.domain.compliance.intent import sentence_at
from services.core.domain.compliance.text import WORD_START, Span, sentences, spans_of

_SOCIAL = (
    r"insta ?gram",
    r"insta",
    r"face ?book",
    r"fb (?:page|group|messenger)",
    r"tik ?tok",
    r"you ?tube",
    r"twitter",
    r"pinterest",
    r"linkedin",
    r"snapchat",
    r"discord",
    r"weibo",
    r"xiaohongshu",
    r"douyin",
    r"social media",
    r"social networks?",
    r"réseaux sociaux",
    r"redes sociales",
    r"social ?(?:media|netzwerke?n?)",
    r"sozialen (?:medien|netzwerken)",
    r"soziale (?:medien|netzwerke)",
    r"social network\w*",
    r"the ['’]gram",
)
_MESSENGERS = (
    r"whats ?app",
    r"what'?s ?app",
    r"wasap+",
    # "escríbeme x whats al 55 …": WhatsApp cut short before its number
    r"whats(?=\s+(?:al|a|au|to|on|unter|\+?\d))",
    r"guasap+",
    r"uozz?app?",
    r"wozz?app?",
    r"wasa",
    r"telegramm",
    r"telegram",
    r"tele[-‐‑–]gramm?",
    r"whats[-‐‑–]app",
    r"viber",
    r"kakao ?(?:talk)?",
    r"we ?chat",
    r"weixin",
    r"skype",
    r"imessage",
    r"facetime",
    r"wa\.me|t\.me|line\.me|m\.me",
)
# Messenger and network names that are words ("line", "signal", "x") count written as the
# brand: capitalised after a preposition, or beside an ID, a handle or Japanese text.
_MESSENGER_PREPOSITIONS = (
    r"on|via|through|with|using|in|auf|über|per|bei|sur|par|en|por|su|tramite|con|am|sobre"
)
_AMBIGUOUS_MESSENGERS = (
    rf"{WORD_START}(?i:{_MESSENGER_PREPOSITIONS}|add us on|follow us on)\s+"
    r"(?P<name>(?-i:LINE|Line|Signal|X|Messenger|Threads|FB))(?![\w-])"
    r"|(?P<id>(?-i:LINE))(?=\s*(?:ID|@|公式|アカウント|で|に|の|から|[（(:：]))|(?P<line>(?-i:Line))(?=\s*(?:ID|@))"
    r"|(?<=[\u3040-\u30ff\u4e00-\u9fff])(?P<cjk>(?-i:LINE))|(?P<cjk_before>(?-i:LINE|Line))(?=[\u3040-\u30ff\u4e00-\u9fff])"
    r"|(?P<app>(?-i:Signal|Line))[- ](?i:app|messenger|gruppe|group|groupe|grupo|gruppo|chat|kanal|channel|canal|canale)"
    # WhatsApp, Instagram and Telegram by their short names ("ping us on WA"); not after "in",
    # where WA is a state
    r"|(?<![\w-])(?i:on|via|über|per|su|sur|por|en|tramite|auf|am)\s+(?P<abbr>(?-i:WA|IG|TG|Insta|Tele|Face|FB))(?![\w-])"
    r"|(?<![A-Za-z0-9])(?P<x>(?-i:X))(?=\s*(?:[（(]旧|/\s*Twitter|で|のアカウント|アカウント|公式|账号|上))"
    r"|(?-i:Twitter)\s*/\s*(?P<x_after>(?-i:X))(?![\w])"
    # nicknames after a verb of writing or a preposition: "ping me on wa", "al whats", "sur Snap"
    r"|(?i:ping|message|text|msg|hit)\s+(?i:me|us)\s+(?:up\s+)?on\s+(?P<nick>wa)(?![\w-])"
    r"|(?<![\w-])(?i:al|por el|por|on|via|sur|su|auf|per)\s+(?P<nick_word>(?i:whats|snap))(?![\w'-])(?!\s*(?i:app|up|shot|chat))"
    # beside another messenger ("WhatsApp oder Signal", "Telegram / Line")
    r"|(?i:whats ?app|telegramm?|viber|insta\w*|we ?chat|kakao\w*)\s*(?:,|/|(?i:or|oder|ou|o|oppure|und|and|et|y|e))\s*"
    r"(?P<conj>(?-i:Signal|Line|LINE|X|Threads|Messenger))(?![\w-])"
)
_CJK_SOCIAL = (
    "インスタ|インスタグラム|フェイスブック|ツイッター|ティックトック|ユーチューブ|ワッツアップ|テレグラム"
    "|カカオトーク|(?<![ァ-ヺー])ライン(?=で|に(?!沿)|ID|の(?:ID|アカウント)|公式|アカウント|追加|友だち|友達)"
    "|脸书|臉書|抖音|小红书|小紅書|快手|微博|微信|威信|薇信|电报|電報|纸飞机|推特|油管|钉钉"
    "|(?<=加)(?:VX|vx|V|v|wx|WX)|(?:VX|vx|wx|WX)(?=号|：|:)|QQ(?=号|群|：|:)|(?<=加)QQ"
    "|(?-i:SNS)(?=で|に|を|の|アカウント)"
)
SOCIAL_MEDIA = re.compile(
    f"{brand_names(_SOCIAL + _MESSENGERS)}"
    rf"|{_CJK_SOCIAL}"
    # a handle ("@ourshop"), not the @ of an e-mail address
    r"|(?<![A-Za-z0-9_@.])@[A-Za-z][A-Za-z0-9_.]{2,}[A-Za-z0-9_]",
    re.IGNORECASE,
)
_AMBIGUOUS_SOCIAL = re.compile(_AMBIGUOUS_MESSENGERS)
_GROUPS = (
    "name",
    "id",
    "line",
    "cjk",
    "cjk_before",
    "app",
    "abbr",
    "x",
    "x_after",
    "conj",
    "nick",
    "nick_word",
)


def social_spans(text: str) -> list[Span]:
    """Social networks, messengers and handles: each takes the conversation off Amazon."""
    found = spans_of(SOCIAL_MEDIA, text)
    for match in _AMBIGUOUS_SOCIAL.finditer(text):
        group = next(g for g in _GROUPS if match[g])
        found.append(Span(match.start(group), match.end(group)))
    return found


# A messenger the buyer asked for and the seller turns down: "I understand you'd prefer a
# WhatsApp chat. We can only help through Amazon's Buyer-Seller Messaging."
_DECLINED_CHANNEL = re.compile(
    r"\b(?:only|solely|exclusively) (?:\w+ )?(?:through|via|by|in|on) amazon\b|\bausschließlich über (?:das )?amazon"
    r"|\bnur über (?:das )?amazon|\bnicht anbieten\b|\buniquement (?:par|via) (?:la messagerie (?:d['’])?)?amazon"
    r"|\bsolo (?:podemos )?(?:\w+ )?(?:por|a través de) (?:la mensajería de )?amazon|\bsolo (?:tramite|attraverso) (?:la messaggistica di )?amazon"
    r"|amazonのメッセージ機能でのみ|只能通过亚马逊|只能在亚马逊",
    re.IGNORECASE,
)


def declined(text: str, network: Span) -> bool:
    parts = [s for s in sentences(text) if s.end > network.start][:2]
    return any(_DECLINED_CHANNEL.search(text, s.start, s.end) for s in parts)


def its_video_link(text: str, network: Span, links: list[Span]) -> bool:
    """A video site named beside a link to its video: "put them on YouTube: youtube dot com slash
    watch?v=..." is the link's finding (a profile to follow stays marketing)."""
    sentence = sentence_at(text, network.start)
    name = re.sub(r"\W", "", text[network.start : network.end]).lower()
    return name == "youtube" and any(
        sentence.start <= link.start < sentence.end
        and name in re.sub(r"\W", "", text[link.start : link.end]).lower()
        for link in links
    )
