"""Competitors hinted at rather than named: a marketplace or payment app described by its
colour, its logo or its kind ("the orange marketplace, the handmade one", "the big auction
site", "sull'app arancione", "赤いロゴのフリマアプリ", "the app with the blue P"), and a
marketplace by a nickname after a preposition ("beim Ali", "en MeLi"). Amazon is no auction
site, flea-market app or classifieds site, so naming one is naming a competitor."""

import re

from services.core.domain.compliance.text import WORD_END, WORD_START, Span, spans_of

_COLOURS = {
    "en": r"orange|red|blue|yellow|green|purple|pink",
    "de": r"orangen?e?n?|rote?n?|blaue?n?|gelbe?n?|grüne?n?|lila",
    "fr": r"orange|rouge|bleue?|jaune|verte?|violette?",
    "es": r"naranja|anaranjad[oa]|roj[oa]|azul|amarill[oa]|verde|morad[oa]",
    "it": r"arancione|arancio|ross[oa]|blu|azzurr[oa]|giall[oa]|verde|viola",
}
_CJK_COLOURS = r"赤|青|オレンジ|黄色|緑|紫|橙色|橘色|红色|紅色|黄色|黃色|蓝色|藍色|绿色|綠色|紫色"
_LETTER = r"(?-i:[A-Z])"

_DESCRIBED = (
    # English: by colour or logo, and by kind
    rf"(?:the|that)\s+(?:big\s+|little\s+|other\s+)?(?:{_COLOURS['en']})(?:[\s-]and[\s-]white)?\s+"
    r"(?:online\s+)?(?:marketplace|market\s?place|shopping\s+app|bargain\s+app|site|website)"
    r"|(?:the|that)\s+(?:[a-z]+\s+){0,2}(?:auction|flea[\s-]market|classifieds)\s+(?:site|website|app|platform|marketplace)"
    r"|(?:the|that)\s+(?:[a-z]+\s+){0,2}(?:bargain|second[\s-]?hand|resale|handmade|craft)\s+"
    r"(?:site|website|app|platform|marketplace)"
    rf"|(?:app|site|platform)\s+with\s+the\s+(?:{_COLOURS['en']})\s+(?:{_LETTER}|logo)\b"
    # German
    rf"|(?:dem|der|den|die|das|im|beim|vom|am|auf)\s+(?:großen\s+|bekannten\s+|anderen\s+)?(?:{_COLOURS['de']})\s+"
    r"(?:Marktplatz|Plattform|Portal|Auktionshaus|Schnäppchen-?App|Shopping-?App)"
    r"|Auktions-?(?:seite|plattform|portal|app)|Kleinanzeigen-?(?:portal|seite|app|plattform)"
    r"|Flohmarkt-?(?:app|seite|plattform)"
    rf"|App\s+mit\s+dem\s+(?:{_COLOURS['de']})\s+{_LETTER}\b"
    # French
    r"|(?:site|appli(?:cation)?|app|plateforme)\s+(?:de\s+petites\s+annonces|d['’]enchères|de\s+seconde\s+main"
    r"|de\s+vente\s+entre\s+particuliers)"
    rf"|(?:site|plateforme)\s+(?:{_COLOURS['fr']})(?:\s+et\s+(?:blanc|blanche))?\b"
    rf"|appli\s+au\s+{_LETTER}\s+(?:{_COLOURS['fr']})"
    # Spanish
    rf"|(?:mercadito|plataforma|sitio|página)\s+(?:{_COLOURS['es']})\b"
    r"|(?:sitio|página|app|aplicación|plataforma)\s+de\s+(?:subastas|anuncios|segunda\s+mano|compraventa)"
    r"|el\s+del\s+apretón\s+de\s+manos"
    rf"|app\s+de\s+la\s+{_LETTER}\s+(?:{_COLOURS['es']})"
    # Italian
    rf"|(?:sito|piattaforma)\s+(?:{_COLOURS['it']})\b"
    # an app by its colour alone may be a messenger ("l'appli verte"): it needs its bargains
    rf"|(?:app|appli|aplicación)\s+(?:{'|'.join(_COLOURS.values())})\s+(?:dei|degli|delle|des|de|del|of)\s+"
    r"(?:\w+\s+)?(?:prezzi|affari|offerte|prix|bonnes\s+affaires|precios|ofertas|gangas|bargains?|deals)"
    r"|(?:sito|app|piattaforma)\s+(?:di|d['’])\s*(?:annunci|aste|compravendita)|(?:sito|app|piattaforma)\s+dell['’]usato"
    rf"|con\s+la\s+{_LETTER}\s+(?:{_COLOURS['it']})\b"
)
_CJK_DESCRIBED = (
    rf"(?:{_CJK_COLOURS})(?:い|色の|の|的)?(?:ロゴ|アイコン)の(?:(?:フリマ|オークション|通販|ショッピング)アプリ|サイト)"
    r"|フリマ(?:アプリ|サイト)|(?:ネット)?オークション(?:アプリ|サイト)"
    # a payment app by the letter of its logo: "青いPのアプリ", "蓝色P的那个app"
    rf"|(?:{_CJK_COLOURS})(?:い|色の|的)?{_LETTER}(?:の|的)?(?:那个|那個)?(?:アプリ|app|APP|软件|軟件)"
    rf"|(?:{_CJK_COLOURS})(?:的)?(?:那个|那個|嗰個|那家)?(?:(?:购物|購物|二手|拍卖|拍賣)?(?:平台|网站|網站)"
    r"|(?:购物|購物|二手)(?:app|APP|软件|軟件))"
    r"|二手(?:平台|网站|網站)|闲置(?:平台|网站)|拍卖(?:网站|平台)|拍賣(?:網站|平台)"
    # a mall or platform by its logo or colour and a riddle: "「楽」の字で始まる赤いロゴの大きなショッピ
    # ングモール", "那个橙色购物袋、名字像一种海鲜的平台"
    rf"|(?:{_CJK_COLOURS})い?ロゴの(?:(?!アマゾン)[^。、]){{0,10}}(?:ショッピングモール|モール)"
    rf"|(?:{_CJK_COLOURS})(?:(?!亚马逊|亞馬遜)[^。，,]){{1,15}}(?:的)?(?:平台|网站|網站)"
)
# Nicknames that are also names or words count after a preposition of place.
_NICKNAMES = (
    r"(?<![\w-])(?i:beim|auf|on|sur|su|sul|en|no)\s+(?P<name>(?-i:Ali|AliEx|Aliexp|MeLi|Meli|Walla|Wally\s?World|LBC))"
    rf"{WORD_END}(?!['’])"
)
_DESCRIPTION = re.compile(rf"{WORD_START}(?i:{_DESCRIBED}){WORD_END}|{_CJK_DESCRIBED}")
_NICKNAME = re.compile(_NICKNAMES)


def described_marketplaces(text: str) -> list[Span]:
    """Marketplaces and payment apps described or nicknamed rather than named."""
    return spans_of(_DESCRIPTION, text) + [
        Span(m.start("name"), m.end("name")) for m in _NICKNAME.finditer(text)
    ]
