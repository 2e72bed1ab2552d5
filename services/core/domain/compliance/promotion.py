"""Marketing read by structure (round four): a promotion cue (new products, more or other
goods, a lower price, offers) AND a channel cue (a marketplace, a link or a network in the
stretch, the seller's shop hinted at, "search our store name", "schauen Sie vorbei") within a
sentence and the next one; and cues that promote on their own (a newsletter or mailing list,
ordering directly from the seller, a code for a next order). A spare part or a remedy sent
with the link is no promotion unless a price or an offer is named (docs/COMPLIANCE.md)."""

import re

from services.core.domain.compliance.disclaimers import BUYER_QUESTION
from services.core.domain.compliance.intent import has, sentence_at, windows
from services.core.domain.compliance.text import REPLY_PREFIX, Span

_I = re.IGNORECASE

_NEW = (
    r"\bjust (?:launched|released|dropped|brought out)\b|\bnew(?:est)? (?:[\w-]+ ){0,3}(?:collection|line|arrivals?|products?|range|designs?)\b"
    r"|\blaunch(?:es|ing)? (?:this|next) (?:week|month)\b|\bnuovo modello\b|\bnuevo modelo\b|\bnouveau modèle\b|\bneues modell\b"
    r"|\bacabamos de (?:lanzar|sacar)\b|\babbiamo appena lanciato\b|\bvenons de lancer\b|\bneu (?:eingeführt|erschienen)\b"
    r"|\bvient de sortir\b|\bvenons de sortir\b|\bnouveaut\w*|\bnouvelle collection\b"
    r"|\bjetzt auch\b[^.!?]{0,60}\bim sortiment\b|\bneu im sortiment\b|\bneuheiten\b"
    r"|\bneue[snmr]? (?:produkt\w*|kollektion|modell\w*|serie)\b|\bnouveaux? (?:produits?|modèles?)\b"
    r"|\bnovedades\b|\bnuevos? productos?\b|\bnovità\b|\bnuov[aoie] (?:collezion\w*|prodott\w*|linea)\b"
    # not a new unit sent ("补发新品") or a new wheel put on ("装上新轮子")
    r"|新作|新商品|新品(?:上市|上架|发布|推荐|系列|预售|到货)|(?<![装换穿戴贴放盖配加补])上新|新発売|新登場|新推出|新上市"
    r"|新モデル|後継(?:機|モデル)|本周上市|即将上市|全新升级"
    # goods announced: "we've just launched", "Ab nächsten Monat gibt es bei uns auch Honig", "on lance aussi"
    r"|\bwe(?:'ve| have)? (?:just )?launched\b|\bwe['’]re launching\b|\bgibt es bei uns (?:jetzt |bald )?auch\b"
    r"|\b(?:on lance|nous lançons|nous lancerons)\b|\b(?:lanzamos|lanzaremos|vamos a lanzar)\b|\b(?:lanciamo|lanceremo)\b"
    r"|発売(?:する)?予定|発売いたします|新柄|(?:会|将|即将)推出|新礼盒|新款"
)
_MORE = (
    r"\b(?:heaps|loads|lots|plenty|tons) (?:more|of other)\b|\bmore (?:stuff|products|items|styles|colou?rs)\b|\bbundles\b"
    # goods that match or complete the order: "a juego", "passende Stifteköcher", "in 12 colori"
    r"|\ba juego\b|\btodo el catálogo\b|\btoute ma collection\b|\bassortie?s\b|\bpassende[n]? \w+(?:halter|köcher|sets?)\b"
    r"|配套的|\bmatching\b|\bcoordinat[ei]\b|\babbinat[ei]\b|\bin \d+ (?:colou?rs|farben|couleurs|colores|colori)\b"
    r"|\bplein d['’]autres\b|\bviele weitere\b|\bmuchos más\b|\btanti altri\b|\bother (?:products|items)\b"
    r"|限定|他の商品|他にも|多数の商品|品揃え|更多(?!信息|资讯|详情|细节|帮助|问题)"
    # the whole range, and goods not sold here: "our complete seasonal collection, including pieces not
    # presently listed here", "unser vollständiges Sortiment", "在此处暂无法上架的珍藏款式"
    r"|\b(?:complete|full|whole|entire) (?:[\w-]+ ){0,2}(?:collection|range|assortment)\b"
    r"|\b(?:pieces|styles|items|products|designs|models) not (?:\w+ )?(?:listed|available|sold|offered) (?:here|on amazon)\b"
    r"|\b(?:vollständige[snmr]?|gesamte[snmr]?|komplette[snmr]?) (?:\w+ )?(?:sortiment|kollektion|angebot)\b"
    r"|\bhier (?:\w+ ){0,2}nicht (?:anbieten|erhältlich|gelistet)\b"
    r"|\b(?:toute|l['’]ensemble de) (?:notre|nos|la) (?:\w+ )?(?:gamme|collection|catalogue)\b"
    r"|\btoda (?:nuestra|la) (?:colección|gama)\b|\btutt[ao] (?:il |la )?(?:nostr[ao] )?(?:catalogo|collezione|gamma)\b"
    r"|全部系列|全系列|(?:暂|暫)(?:时)?无法上架|未上架|全ラインナップ"
)
_PRICE = (
    r"安い|安め|\bcheaper\b|\blower prices?\b|\bprezz[oi] più bass[oi]\b|\bprecios? más baj[oa]s?\b|\bprix plus bas\b"
    r"|\bniedrigere[nm]? preis\w*|\bfew bucks\b|\bgünstiger\w*|\bbilliger\w*|\bmoins chers?\b|\bmás barat[oa]s?\b"
    r"|\ba meno\b|\bcosta(?:no)? (?:anche )?(?:un po['’] )?meno\b|包邮|满\s*\d+\s*\S{0,3}(?:减|包邮|送)|\bpiù economic\w*|\bmeno caro\b|お得|安く|便宜|更低|更优惠|更實惠|更实惠"
    r"|\bofertas\b|\boffres\b|\bangebote\b|\bofferte\b|\bdeals\b|\bpromo\w*|\bsale\b|\bsoldes\b|\brebajas\b|\bsaldi\b"
    r"|\bhalf price\b|\bhalber preis\b|\bmoitié prix\b|\bmitad de precio\b|\bmetà prezzo\b|\d+ ?% (?:off|rabatt|de réduction|de descuento|di sconto)"
    r"|半額|半价|打折|セール|[一二三四五六七八九][一二三四五六七八九]?折|\d(?:\.\d)? ?折|\d+ ?[%％] ?(?:オフ|off)"
    # a launch price: "in offerta di lancio al 30% in meno", "発売記念価格", "首发价"
    r"|\blaunch (?:offer|price|discount)\b|\bofferta di lancio\b|\boferta de lanzamiento\b|\boffre de lancement\b"
    r"|\beinführungs(?:angebot|preis|rabatt)\w*|発売記念|首发价"
    r"|\b\d+ ?% (?:auf|sur|en|su|on) (?:alle|tous|toutes|todos|todas|tutti|tutte|all|every)\b"
)
PROMOTION = re.compile(f"{_NEW}|{_MORE}|{_PRICE}", _I)
_GOODS = re.compile(f"{_NEW}|{_MORE}", _I)
_PRICED = re.compile(_PRICE, _I)
# Where to go or look: the seller's shop hinted at, an invitation to come and see.
CHANNEL = re.compile(
    r"\bsearch (?:for )?(?:our|my|['‘\"])|\bstore name\b|\bshop name\b|\bnach [\w-]+ suchen\b|\bsuchen sie nach\b"
    r"|\bbúsc(?:ame|anos|uenos|arnos)\b|\bcerch(?:i|ateci|ici)\b|\bstesso nome\b|\bmi trova\b|\bci trova\b"
    r"|\bfind us\b|\bfinden sie uns\b|\bnous trouver\b|\bencuéntr(?:ame|enos|anos)\b"
    # the same seller there: "moins chers sur Bol, même vendeur", "店名一样"
    r"|\bsame (?:seller|shop|store)\b|\b(?:gleicher|selber|derselbe) (?:verkäufer|shop)\b|\bmême (?:vendeur|boutique)\b"
    r"|\bmismo vendedor\b|\bmisma tienda\b|\bstesso (?:venditore|negozio)\b|同じ(?:ショップ|店舗|ストア)名?|店名一样|同一(?:个|家)?店"
    r"|\bcheck (?:us|it) out\b|\bworth a look\b|\byou might like\b|\bgoes perfectly\b|\bpassend zu\b"
    r"|\bschauen sie (?:\w+ ){0,3}vorbei\b|\bvous allez adorer\b|\bvitrine\b|\bte va a encantar\b|\ble piacerà\b"
    r"|\bvisit (?:our|us)\b|\bcome (?:and )?(?:visit|see)\b|\bin our (?:store|shop)\b|\bnotre boutique\b"
    r"|\bnuestra tienda\b|\bnostro negozio\b|\bnostro sito\b|\bnuestro sitio\b|\bnotre site\b|\bour (?:own )?(?:web)?site\b|\bunserem shop\b|店名は|\bon amazon\b|\bauf amazon\b|ご覧(?:いただけ|ください)|ぜひ|欢迎"
    # the seller's own shop on a marketplace: "auf unserer OTTO-Shopseite", "我们的 Shopee 官方店"
    r"|\b(?:our|my) (?:[\w-]+ ){0,2}(?:shop|store|storefront)\b|\bmeine[mnr]? [\w-]*shop\w*|\bmi tienda\b|\bma boutique\b"
    r"|\bil mio negozio\b|我的[^，。]{0,10}(?:店|店铺)|\bunsere[rnms]? (?:\w+ )?[\w-]*(?:shop|laden)\w*"
    r"|(?:独立|自己的|本店的)(?:官网|网站|网店)"
    r"|我们的[^，。]{0,20}(?:官方店|旗舰店|店铺|网店)"
    # an invitation to watch for what is coming: "keep an eye out for them", "Tenga d'occhio le novità"
    r"|\bkeep an eye out\b|\bstay tuned\b|\bwatch this space\b|\bdon['’]t miss\b|\bhalten sie (?:\w+ )?(?:die )?augen offen\b"
    r"|\bmerken sie sich\b|\bgardez l['’]œil ouvert\b|\brestez à l['’]affût\b|\bno se lo pierda\b|\best[eé] atent[oa]\b"
    r"|\btenga d['’]occhio\b|\bnon perdetev\w*|楽しみにしていてください|お見逃しなく|别错过|敬请期待",
    _I,
)
# The seller found elsewhere under its name: "Mi trova anche sulla baia elettronica ... stesso nome negozio".
FIND_US = re.compile(
    r"\bfind us\b|\bfinden sie uns\b|\bnous trouver(?:ez)?\b|\bencuéntr(?:ame|enos|anos)\b|\bmi trova\b|\bci trova\b"
    r"|\bbúsc(?:ame|anos|uenos)\b|\bsame (?:store|shop) name\b|\bstesso nome\b|\bsearch our (?:store|shop)\b"
    r"|\bunter (?:unserem|dem gleichen) namen\b|\bmême nom\b|\bmismo nombre\b"
    # the seller's name there to search for: "Cherchez 'maison_lila'", "店名「…」で検索", "搜店名“…”"
    r"|\b(?:search(?: for)?|cherchez|busca|buscad|cerca|cercate|suchen sie(?: nach)?|such(?:e|t)? (?:\w+ )?nach)\s+['‘\"“«„][\w.-]{3,30}['’\"”»“]"
    r"|店名\s*[「『“\"]?[\w.-]{3,30}[」』”\"]?\s*で検索|搜(?:索)?店名|で(?:ご)?検索(?:して|ください|いただけ)",
    _I,
)
# The place just named, pointed back to: "Dort alles etwas günstiger", "Tout y est moins cher".
_THERE = re.compile(
    r"\b(?:there|over there|dort|drüben|là-bas|allí|allá|lì|là)\b|\b(?:tout )?y (?:est|sont)\b|こちらより|あちら|そっち|那边|那里",
    _I,
)
NEW_GOODS = re.compile(_NEW, _I)
_INTEREST = re.compile(
    r"\binterest(?:ed|s you)\b|\binteressier\w*|\bintéress\w*|\binteres(?:a|ado|ada|an)\b|\binteress(?:a|ato|ata|ano)\b"
    r"|ご?興味|感兴趣|有兴趣",
    _I,
)
# ... and in the past, or about goods: "you asked about matching towels", "Sie fragten, ob"
_BUYER_ASKED = re.compile(
    rf"{BUYER_QUESTION}|\byou (?:asked|wondered|wanted to know) (?:us )?(?:about|for|whether|if)\b"
    r"|\bsie (?:fragten|haben gefragt),? ob\b|\bvous (?:nous )?(?:avez demandé|demandiez) si\b"
    r"|\b(?:me|nos) (?:preguntó|preguntaba),? si\b|\b(?:mi|ci) (?:ha chiesto|chiedeva) se\b"
    r"|(?:が|は)あるか(?:と|どうか)?(?:の)?お問い合わせ|您问(?:我们)?(?:有没有|是否)",
    _I,
)
# A marketplace named to warn of copies or resellers, or to set the seller's genuine article
# against what is found there ("ma il nostro è originale"), is no offer of the seller's goods.
NOT_OURS = re.compile(
    r"(?:ours|our \w+) (?:is|are) (?:the )?(?:original|genuine|authentic|real)|unser\w* (?:ist|sind) (?:das |die |der )?original"
    r"|(?:le|la|les) nôtres? (?:est|sont) (?:l['’])?(?:original|authentique)|(?:el|la|los|las) nuestr[oa]s? (?:es|son) (?:el |la )?(?:original|auténtic)"
    r"|(?:il|la|i|le) nostr[oaie] (?:è|sono) (?:l['’])?(?:original|autentic)|正規品|正品"
    r"|knock-?offs?|fakes?\b|counterfeit|copycat|not (?:ours|affiliated)|nothing to do with us|fälschung|nachahmung"
    r"|(?:d['’]un|an?) (?:autre vendeur|other seller)|another seller|anderen? verkäufer\w*|otro vendedor|altro venditore|他の出品者|其他卖家"
    r"|garantir son origine|guarantee (?:its|the) origin"
    r"|not us\b|nicht von uns|nicht wir|contrefaçon|pas (?:de|à) nous|n['’]est pas nous|falsificaci|imitaci|no (?:es|son) nuestr|contraffa|imitazion"
    r"|non (?:è|sono) (?:nostr|un nostro)|転売|偽物|偽造|コピー品|模倣品|無関係|仿品|假货|贴牌|山寨|与我们无关|不是我们",
    _I,
)
# Promotions on their own: a newsletter, ordering directly from the seller, a code for next time.
_ORDER = r"(?:nachbestell|bestell|kauf|order|buy|achet|command|compr|pedid|ordin|acquist)\w*"
STANDALONE = re.compile(
    r"\bnewsletter\b|\binfolettre\b|\bmailing list\b|\bmail con le novità\b|\bentrare nella lista\b|\bliste de diffusion\b"
    r"|\blista de correo\b|\bverteiler\b|\bmail(?:ing)? (?:with|mit|avec|con) (?:our |unseren |nos |nuestras |le )?(?:news|neuheiten|nouveautés|novedades|novità)"
    rf"|\b{_ORDER}[^.!?]{{0,30}}\b(?:directly (?:from|with) us|direkt bei uns|directement chez nous"
    r"|directamente (?:a|con) nosotros|direttamente da noi)\b"
    rf"|\b(?:direkt bei uns|directement chez nous|directamente (?:a|con) nosotros|direttamente da noi)\s+{_ORDER}"
    # ordering on the seller's own site: "acquistarlo direttamente dal nostro sito"
    rf"|\b{_ORDER}[^.!?]{{0,30}}\b(?:directly|direkt|directement|directamente|direttamente) (?:on|from|through|in|über|auf"
    r"|sur|en|dal|sul|nel) (?:our|unserem|unserer|notre|nuestra|nuestro|nostro) (?:own |eigenen )?(?:website|site|web ?shop"
    r"|shop|online-?shop|boutique|tienda|web|sito|negozio)\b"
    r"|\bdirekt (?:in|über|auf) unserem (?:eigenen )?(?:web-?shop|online-?shop|shop) (?:\w+ )?(?:kaufen|bestellen)\b"
    r"|(?:公式サイト|自社サイト|当店サイト)から直接|直接(?:在)?(?:我们的)?(?:官网|网店|小程序)(?:下单|购买)"
    r"|\b(?:next|nächste\w*|prochaine|próxima|prossim\w) (?:order|purchase|bestellung|einkauf|commande|achat|compra|pedido"
    r"|ordine|acquisto|spesa|time|mal|fois|vez|volta)\b[^.!?]{0,40}(?:\bcode\b|\bcódigo\b|\bcodice\b|%)"
    # the discount first: "avrà il 20 % sulla prossima spesa", "20% off your next order"
    r"|\d+ ?%[^.!?]{0,25}\b(?:next|nächste\w*|prochaine|próxima|prossim\w) (?:order|purchase|bestellung|einkauf"
    r"|commande|achat|compra|pedido|ordine|acquisto|spesa|time|mal|fois|vez|volta)\b"
    r"|下次购物|下次购买|次回(?:の)?(?:ご)?購入",
    _I,
)
# A remedy sent with the link or name: spare parts, a replacement, a manual.
REMEDY = re.compile(
    # a thing sent to the buyer: "Zusätzlich schicken wir Ihnen ein neues Gerät", "le enviamos un cepillo"
    r"\b(?:we(?:'ll| will)? send you|wir (?:schicken|senden) ihnen|nous vous (?:envoyons|enverrons)|le enviamos|le enviaremos"
    r"|le (?:spediamo|invieremo|inviamo))\b|"
    r"\bspare parts?\b|\breplacement\b|\bmanual\b|\bersatzteil\w*|\bersatz\b|\banleitung\b|\bpièces? détachées?\b"
    r"|\bremplacement\b|\breemplazo\b|\brepuestos?\b|\brecambios?\b|\bricambi\w*|\bsostituzion\w*|部品|交換品|配件|补发|说明书"
    # another size of the same item for an exchange: "Lサイズは在庫がございますので…お取り置き"
    r"|(?<![A-Za-z])[SMLＳＭＬ]{1,2}サイズ|サイズ(?:交換|違い)|\b(?:right|other|correct) size\b|\b(?:richtige|andere|passende) größe\b"
    r"|\b(?:bonne|autre) taille\b|\b(?:talla (?:correcta|adecuada)|otra talla)\b|\b(?:taglia giusta|altra taglia)\b",
    _I,
)


def promotion_spans(text: str, channels: list[Span], payments: list[Span]) -> list[Span]:
    """Sentences that promote: a standalone cue, or a promotion cue with a channel cue or one
    of `channels` (marketplaces, links, networks found by the other rules) or `payments` in the
    window. The seller found by name on a payment app is the payee, not a shop: "ci trova come
    «Bottega Lario»" next to Satispay."""
    found = [sentence_at(text, m.start()) for m in STANDALONE.finditer(text)]
    whole = Span(0, len(text))
    if not (has(PROMOTION, text, whole) or (channels and has(FIND_US, text, whole))):
        return found
    for window in windows(text):
        named = any(window.start <= c.start < window.end for c in channels)
        finding = has(FIND_US, text, window)
        if named and finding and not any(window.overlaps(f) for f in found):
            found.append(sentence_at(text, finding.start()))
    for window in windows(text):
        promotion = has(PROMOTION, text, window)
        if promotion is None or any(window.overlaps(f) for f in found):
            continue
        named = any(window.start <= c.start < window.end for c in channels + payments)
        cued = has(CHANNEL, text, window) is not None
        # a lower price elsewhere is the seller's offer only with a way to find the seller there:
        # "cheaper at Walmart, but we can't match those prices" offers nothing
        goods = has(_GOODS, text, window) is not None
        there = has(_THERE, text, window) is not None
        # new goods and the buyer's interest asked, or a price for them: "neue Produkt: die
        # Solarlampe ... Vielleicht Sie auch interessiert?", "新发売のグリルプレートも20％オフ"
        pitched = has(NEW_GOODS, text, window) is not None and (
            has(_INTEREST, text, window) is not None or has(_PRICED, text, window) is not None
        )
        if not (cued or pitched or (named and (goods or there))):
            continue
        # the buyer's own question answered on Amazon: "you asked whether matching pillowcases
        # exist: yes, they're in our Amazon storefront"
        if not named and has(_BUYER_ASKED, text, window):
            continue
        if remedy_only(text, window):
            continue
        found.append(sentence_at(text, promotion.start()))
    return found


def remedy_only(text: str, span: Span) -> bool:
    """The stretch sends a spare part, a replacement or a manual and names no price or offer:
    "Ersatzteile gibt's unter gartenprofi[.]de/ersatzteile" is the link's finding only."""
    return (
        bool(has(REMEDY, text, span))
        and not has(_PRICED, text, span)
        and not has(NEW_GOODS, text, span)
        and not has(_VOUCHER, text, span)
    )


# A coupon or a code sent is an offer, not a remedy: "Le enviamos un cupón de 10 € para su próxima compra".
_VOUCHER = re.compile(
    r"\b(?:coupons?|cup[oó]n(?:es)?|gutschein\w*|rabattcodes?|vouchers?|bon d['’]achat|buono sconto)\b"
    r"|\b(?:discount|promo) codes?\b|\bcodes? (?:promo|de réduction)\b|\bc[oó]digos? (?:de descuento|promocional)\b"
    r"|\bcodice (?:sconto|promo)\b|クーポン|优惠券|折扣码",
    _I,
)


def sold_at(subject_links: list[Span], body: str, sale: re.Pattern[str]) -> list[Span]:
    """A subject that gives the seller's site and a body that sells there without a link of its
    own ("cozyhaus-store.com" / "Same throw, 20% less"): the links are the promotion too."""
    whole = Span(0, len(body))
    if not subject_links or not (has(sale, body, whole) or has(PROMOTION, body, whole)):
        return []
    return [] if remedy_only(body, whole) else subject_links


# A sale or a special price the buyer bought at, or that delayed the parcel, is told of, not
# offered: "you bought it at a special price", "这件是特价商品", "our Black Friday sale caused delays".
_SALE_OR_PRICE = re.compile(
    r"sale|black[- ]friday|prime[- ]day|cyber[- ]monday|special (?:price|rate)|sonderpreis|prix spécial|precio especial"
    r"|prezzo speciale|特価|特价|双十一|大促|セール"
    r"|soldes|rebajas|saldi|schlussverkauf|ausverkauf|liquidaci[oó]n"
    r"|バーゲン|促销|促銷|特卖|特賣|打折",
    re.IGNORECASE,
)
_PAST_OR_DELAY = re.compile(
    r"\byou (?:bought|purchased|ordered|paid)|\b(?:bought|purchased) (?:it|this|them)|gekauft|bestellt haben"
    r"|\byour (?:\w+ ){0,2}(?:deal|bargain)\b|ご購入いただ|购买的"
    r"|\b(?:avez|as) (?:\w+ )?(?:acheté|commandé)|l['’]avez acheté|\bcompr(?:ó|aste)\b|ha comprado|adquiri[óo]"
    r"|(?:ha|hai) (?:\w+ )?(?:acquistato|comprato|ordinato)|l['’]ha (?:acquistato|comprato)|購入された|お買い上げ|品のため"
    r"|(?:您|你)(?:购买|买)的|这件是|delay|\blate\b|verspät|verzöger|retard|retraso|atras|ritard|遅れ|遅延|延迟|延误"
    # the price on the day of this order: "era precio de rebajas el día del pedido"
    r"|(?:on|at) the (?:day|time) (?:of (?:the|your) order|you ordered)|when you ordered"
    r"|am tag (?:der|ihrer) bestellung|zum zeitpunkt (?:der|ihrer) bestellung"
    r"|(?:le )?jour de (?:la|votre) commande|au moment de (?:la|votre) commande"
    r"|(?:el )?día del pedido|(?:cuando|al) (?:hizo|hacer) (?:el|su) pedido"
    r"|(?:il )?giorno dell['’]ordine|al momento dell['’]ordine"
    r"|ご注文(?:時|の時点|当日)|注文時|下单时|下單時|下单当天|下單當天",
    re.IGNORECASE,
)


def told_of_the_past(text: str, promotion: Span) -> bool:
    """A sale this order was bought in or delayed by, or the buyer's own subject echoed by the
    reply ("RE: Rebajas"), advertises nothing."""
    if not _SALE_OR_PRICE.search(text, promotion.start, promotion.end):
        return False
    sentence = sentence_at(text, promotion.start)
    if REPLY_PREFIX.match(text, sentence.start) and "\n" not in text[: promotion.start]:
        return True
    return _PAST_OR_DELAY.search(text, sentence.start, sentence.end) is not None
