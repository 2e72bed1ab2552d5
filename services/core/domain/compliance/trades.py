"""Inducements read by structure (round four): something of value AND a condition or an
exchange AND a target (a changed or good rating, a review written, a claim, case, dispute or
chargeback withdrawn) within a sentence and the next one; negation and "regardless" guard.
The detectors of a rating and its target are intent.py's."""

import re

from services.core.domain.compliance.disclaimers import NEGATED, NEUTRAL
from services.core.domain.compliance.intent import (
    AMAZON_CLOSES,
    GOOD,
    RATING,
    guarded,
    has,
    matches,
    rating_target,
    sentences_of,
    taken_back,
    windows,
)
from services.core.domain.compliance.lexicon import Vocabulary, hanzi_simplified
from services.core.domain.compliance.ratings import NOT_RATING_STARS
from services.core.domain.compliance.referred import IT_REMOVED, RATING_GONE, rating_named_before
from services.core.domain.compliance.text import NUMBERED, Span

_I = re.IGNORECASE

# Something of value: a benefit word, an amount of money, a code, a gift, keeping the item.
VALUE = re.compile(
    # a new item sent as the price: "dann schicke ich Ihnen ein neues Ladegerät", "otro cargador nuevo"
    r"\b(?:a|another) (?:brand[- ])?new (?:\w+ )?(?:one|unit|charger|item)\b|\bein(?:en)? neue[ns]? \w+"
    r"|\bun(?:e)? \w+ neu(?:f|ve)\b|\botr[oa] \w+ nuev[oa]\b|\bun(?:o|a)? \w+ nuov[oa]\b|新しい\w*+(?<!で)|新的|新品|"
    r"\brefund\w*|\bmoney[- ]back\b|\bthe (?:full|whole) amount\b|全額|\bback to your card\b|\bte regres\w*|\b(?:una )?parte del pago\b"
    r"|\brestitu\w*|\buna parte di quanto pagato\b|お?振り?込(?:み|む|ませ)|差額|倍額|退(?:给|還|还)(?:您|你)|全款|全额"
    # a surprise sent as the price: "and a little surprise will find its way to your mailbox"
    r"|\bsurprise\b|\bsorpresa\b|\bdetallito\b|\bpensierino\b|\büberraschung\b|サプライズ|惊喜"
    r"|\bvoucher\b|\bgift(?! ?wrap| message| note| receipt| box)\w*|\bcoupon\b|\bcode\b|\bdiscount\w*|(?<!feel )\bfree\b(?! to\b)|\b\d+ ?%(?! ?(?:satisf|sure|happy|zufrieden|satisfait|satisfech|soddisfatt|sicher|cotton|baumwoll|coton|algod|cotone|wool|wolle|laine|lana|silk|seide|soie|seda|seta|polyester|linen|leinen|lin\b|lino|natur|fruit|frucht|pure|rein|recycl|organic|vegan|charged|geladen|charg|cargad|caricat|waterproof|wasserdicht|humid|feucht|alcohol|alkohol))"
    r"|\b(?:dollar|euro|pound)s? (?:gift )?card\b|\bcover (?:the )?(?:full |whole )?(?:cost|price|shipping)\b|\bsomething extra\b|\blittle something\b|\bcomplimentary\b|\bon the house\b|\bkeep (?:it|the)\b|\bcashback\b|\bknock \d+"
    r"|[$€£¥₹]\s?\d+|\b(?:gbp|usd|eur|aud|cad|sgd|aed|chf|mxn|inr)\s?\d+|\brs\.? ?\d+|\d+(?:[.,]\d+)? ?(?:€|\$|£|eur|euro|usd|dollars?|dólares|dolares|pesos|pesitos|franken|francs?|chf|inr|rupees|円|元|美元|美金)"
    # a longer guarantee: "die Garantie von 2 auf 4 Jahre verlängert", "保証期間を延長"
    r"|\b(?:extended|longer) (?:warranty|guarantee)\b|\bgarantie\w* (?:\w+ ){0,5}verlänger\w*|\bgarantie prolongée\b"
    r"|\bextensión de (?:la )?garantía\b|\bgaranzia (?:estesa|prolungata)\b|保証(?:期間)?を?延長|延保|延长保修"
    r"|\b(?:erstatt|rückerstatt|gutschein|gutschrift|geschenk(?!verpack|papier)|gratis|kostenlos|kostenfrei|umsonst|rabatt|überweisen)\w*|\bgeld zurück\b|\bdankeschön\b"
    r"|\b(?:rembours|bon d['’]achat|(?<!emballage )(?<!papier )(?<!paquet )cadeau|offert|offr|réduction|remise)\w*|\bgratuit(?:e|s|es|ement)?\b|\bcarte cadeau\b"
    r"|\b(?:le|la) garder\b"
    # a thing that is then the buyer's: "la housse assortie est pour vous", "es tuya si ..."
    r"|(?<!choice )(?<!decision )(?<!call )\b(?:is|are) yours\b|\b(?<!choix )(?<!décision )est pour vous\b"
    r"|(?<!decisión )\bes (?:tuy|suy)[oa]\b|(?<!scelta )\bè (?:su|tu)[oa]\b|\bgehört ihnen\b"
    # the item kept, no return asked: "tenga pure la macchinetta", "东西就不用退了", "そのままお使いください"
    r"|\bbehalten sie\b|\bgardez(?:-le|-la)?\b|\bqu[eé]d(?:ese|ate) con\b|\bqu[eé]d(?:eselo|atelo|esela|atela)\b"
    # ... and said with a modal: "dürften Sie die Kopfhörer kostenfrei behalten", "lasciarLe tenere le cuffie"
    r"|\b(?:dürfen|dürften|können|könnten) sie (?:\w+ ){0,4}behalten\b|\blasciar(?:le|ti|vi|gli) tenere\b"
    r"|\b(?:può|potrà|potrebbe|potete|potrete|puoi) (?:pure )?tenere\b|\bgratuitamente\b"
    r"|\btenga(?:lo|la)? pure\b|\bse l[ao] tenga\b|そのままお使い|返品(?:は)?不要|(?:东西|商品)[^，。]{0,3}(?:不用|不必|无需)退"
    # gift-wrapped is no gift: "se envolvió para regalo", "confezione regalo", "emballage cadeau"
    r"|\b(?:reembols|(?<!para )(?<!papel de )(?<!envoltura de )(?<!confezione )(?<!carta )(?<!come )(?<!como )regalo|regalamos|tarjeta regalo|descuento|gratis)\w*|\bvales? (?:de|por|regalo)\b"
    # money given back by the seller, not an item returned by the buyer ("devolverla a través de Amazon")
    r"|\b(?:le|te|les|se lo|se la) dev(?:ol|ue)v\w*|\bdevuelvo\b|\bdevolver(?:le|te|les)\b\w*|\bdevolv(?:emos|eremos|ería\w*)\b|\bcéntimo\b"
    r"|\b(?:rimbors|regalino|omaggio|buono|sconto|gratis)\w*|\bcodic[ei] (?:sconto|promo\w*|coupon|regalo)\b"
    # a longer warranty in other words: "stretch its 24-month warranty to 36 months", "ampliar la garantía"
    r"|\b(?:stretch|extend)\w* (?:[\w-]+ ){0,4}warranty\b|\bverlänger\w* (?:\w+ ){0,3}garantie\b"
    r"|\bampli\w* (?:\w+ ){0,2}garantía\b|\b(?:estend|prolung)\w* (?:\w+ ){0,2}garanzia\b|\bprolong\w* (?:\w+ ){0,2}garantie\b"
    r"|保証期間?を?[^。]{0,10}延長|延长[^。，]{0,6}保修|保修[^。，]{0,6}延长"
    r"|返金|ギフト券|ギフトカード|クーポン|割引|プレゼント|無料|お礼の品|特典|差し上げ|キャッシュバック"
    r"|退款|返现|红包|优惠券|折扣|八折|九折|[一二三四五六七八九]折券|礼品|赠品|免费|送您|返\d|多退|退返|退(?:你|您)?一半|一半(?:的)?钱",
    _I,
)
# A condition or an exchange between the value and the target.
CONDITION = re.compile(
    r"\bif\b|\bonce\b|\bas soon as\b|\bwhen\b|\bin return\b|\bin exchange\b|\bthen\b|\bas a thank[- ]you\b|\bafter\b"
    # an imperative and what the seller does next: "annulez-la et je vous renvoie un chargeur neuf"
    r"|\bon your (?:side|end) and\b|\bet je (?:vous|te)\b|\bund ich (?:schicke|sende|überweise|erstatte)\b|\by (?:yo )?(?:te|le|les) (?:mando|envío|devuelvo|enviamos|mandamos|regalamos|devolvemos|damos)\b"
    r"|\be (?:io )?(?:le|ti) (?:mando|spedisco|rimborso)\b|\band i(?:'ll| will) (?:send|refund)\b"
    # a rating and the prize that is then the buyer's: "Un avis 5 étoiles et la housse assortie est pour vous"
    r"|\band (?:\w+ ){0,3}(?:is|are) yours\b|\bund (?:\w+ ){0,3}(?:gehört|gehören) (?:ihnen|dir)\b"
    r"|\bet (?:\w+ ){0,3}(?:est|sont) (?:à|pour) (?:vous|toi)\b|\by (?:\w+ ){0,3}(?:es|son) (?:tuy|suy)[oa]s?\b"
    r"|\be (?:\w+ ){0,3}(?:è|sono) (?:tu|su)[oaie]\b"
    r"|\bdo (?:that|this|it) and\b|\band keep\b|\bund behalten sie\b|\bet gardez\b|\by qu[eé]d(?:ese|ate)\b|\be tenga\b|\b(?:and|et|y|e|und) (?:a |une |un |una |eine )?(?:\w+ )?(?:surprise|sorpresa|detallito|pensierino|überraschung)\b"
    r"|\bcondition\b|\bà (?:une seule )?condition\b|ただし|後となります|\bfür eine\b|\bsolo (?:deje|tiene que)\b"
    # a condition said without "if": "Sollten Sie bereit sein", "Qualora accettasse", "dès la parution de
    # vos mots", "待您的评价发布后", and thanks that are the price: "as our token of thanks", "en modeste
    # marque de notre reconnaissance"
    r"|\bil suffit que\b|\bbasta (?:che|con que)\b|\ball (?:it takes|you need to do|we ask) is\b|\bwas halten sie davon\b|その代わり"
    r"|\bsollten sie\b|\bqualora\b|\bnel caso (?:in cui|che)\b|\ben caso de que\b|待[^，。！？]{1,12}后"
    r"|\bdès (?:la|le|l['’]|votre|vos|réception|publication|parution)\b"
    r"|\bas (?:a|our) (?:small |little |modest )?token of (?:our )?(?:thanks|gratitude|appreciation)\b"
    r"|\ben (?:\w+ )?(?:marque|signe|gage|témoignage) de (?:notre )?(?:reconnaissance|gratitude)\b"
    # a request and the seller's promise after a comma: "give 5 stars and share the screenshot, we will send you"
    r"|,\s*(?:and\s+)?we(?:'ll| will| shall) (?:\w+ )?(?:send|give|transfer|credit)\b"
    r"|\band (?:i|we)(?:'ll| will) (?:\w+ )?(?:register|extend|apply|add|give)\b|\by (?:la|lo) registro\b"
    # an order and what the buyer gets next: "Ziehen Sie den Antrag zurück, und Sie erhalten ..."
    r"|\bund sie (?:erhalten|bekommen)\b|\bet vous (?:recevez|recevrez|obtenez)\b"
    r"|\by (?:usted )?recib\w+\b|\be (?:lei )?ricever\w*\b|\band you(?:'ll| will)? (?:get|receive)\b"
    r"|\bprovided\b|\bfor (?:every|each|any|an?|your) (?:\w+ )?(?:review|rating|feedback)\b|\band we\b|\bdeal\b"
    # the price of a review, said with "for": "pour un bon commentaire avec photo on offre ..."
    r"|\bpour (?:un|une|votre|chaque) (?:\w+ ){0,2}(?:avis|commentaire|évaluation|note)\b|\bet on vous\b"
    r"|\bpor (?:un|una|su|tu|cada) (?:\w+ ){0,2}(?:reseña|opinión|valoración|calificación|comentario)\b"
    r"|\bper (?:un|una|la sua|ogni) (?:\w+ ){0,2}(?:recensione|valutazione|opinione|commento)\b"
    r"|\bwenn\b|\bfalls\b|\bsobald\b|\bim gegenzug\b|\bdann\b|\bals dankeschön für\b|\bnachdem\b|\bfür (?:jede|ihre) \w*"
    r"|\bcontre\b|\bgegen\b|\ba cambio de\b|\bin cambio di\b|作为交换|換わりに"
    r"|\bsi\b|\bs['’]il\b|\bdès qu(?:e\b|['’])|\blorsqu['’]|\bune fois\b|\bquand\b|\ben échange\b|\ben remerciement\b|\bpour (?:tout|chaque)\b|\bet nous\b"
    r"|\bpor cada\b|\bper ogni\b|\ben cuanto\b|\bcuando\b|\ba cambio\b|\bcomo agradecimiento\b|\ba quienes\b|\bnecesitamos\b|\by nosotros\b|\bpropongo\b"
    r"|\bse\b|\be (?:le|ti|vi|gli) \w+iamo\b|\bappena\b|\bquando\b|\bin cambio\b|\bcome ringraziamento\b|\bchi\b|\bcondizione\b|\bfacciamo così\b"
    r"|(?<=\w)ndol[ao]\b|たら|れば|(?:方|お客様|皆様)(?:全員)?に|代わりに|お礼として|条件|只要|的话|如果|就(?!此|这)|之后|作为感谢|即可|^\s*(?:五星)?好评"
    # a draw among the buyers who review, and "whoever reviews gets": conditions by who
    r"|\b(?:raffle|prize draw|among all (?:buyers|customers))\b|\bverlos\w*|\bunter allen\b|\btirage au sort\b"
    r"|\bparmi (?:tous )?les (?:clients|acheteurs)\b|\bsorte(?:o|amos)\b|\bentre (?:todos )?los (?:clientes|compradores)\b"
    r"|\bestrazione\b|\bsorteggi\w*|\btra (?:tutti )?i (?:clienti|acquirenti)\b|抽選|抽奖"
    r"|\b(?:wer|anyone who|whoever|quiconque|quien(?:es)?|chiunque)\b(?=[^.!?]{0,80}\b(?:bekommt|erhält|gets|receives|reçoit|recibe|reciben|riceve|ottiene)\b)"
    # a Chinese condition without a conjunction: "您把它撤了，…"
    r"|把[它这那][^，。]{0,4}了[，,]",
    _I,
)
# A claim, case, complaint, dispute or chargeback, and its withdrawal.
CLAIM = re.compile(
    r"\b(?:claim|case|complaint|dispute|chargeback|a-to-z)\w*|\ba ?(?:2|to) ?z\b|\b(?:antrag|fall|reklamation|beschwerde|rückbuchung)\w*"
    r"|\b\w+(?:antrag|reklamation|beschwerde)\b|\brücklastschrift\w*|\brétrofacturation\b|\bcontestation\b"
    # the guarantee by its name on each marketplace: "A-bis-z-Garantie", "garantie A à Z",
    # "garantía de la A a la Z", "garanzia dalla A alla Z", and "从A到Z", "AではじまってZで終わる"
    r"|\ba[- ]?(?:bis|à)[- ]?z\b|\bgarant\w+ (?:de la |dalla )?a (?:a la|alla) z\b|从A到Z|A(?:で(?:はじ|始)まって|から)Z"
    r"|\b(?:réclamation|litige|dossier|plainte|opposition)\b|\b(?:reclamaci[oó]n|disputa|queja|caso|contracargo)\b"
    r"|\b(?:reclamo|pratica|segnalazione|storno|contestazione|richiesta|garanzia)\b|申し立て|保証申請|マケプレ保証|マーケットプレイス保証|申請(?=を?[^。]{0,4}(?:取り下げ|取り消))|ケース|チャージバック|索赔|投诉|纠纷|拒付"
    # a support inquiry the buyer is asked to close: "お問い合わせをクローズしていただけたら"
    r"|問い合わせ(?=[^。]{0,8}(?:クローズ|取り下げ|取り消)し?て?(?:いただ|頂|くださ))",
    _I,
)
# The claim gone or off the table, said of the claim itself ("once that's off the table", "se
# la segnalazione sparisce"): a withdrawal only right after a condition (_gone).
_GONE = (
    r"\boff the table\b|\bdisappear\w*|\bgo(?:ne|es)? away\b|\bgone\b|\bverschw[iu]nd\w*|\bvom tisch\b|\bdispara[iî]\w*"
    r"|\bdesapare[cz]\w*|\bspari(?:sc|t|re)\w*|\bsvanisc\w*|\bdisparu\w*|\bvanish\w*|消え|消失"
)
_IF = re.compile(
    r"^(?:once|if|when|as soon as|sobald|wenn|falls|dès|si|quand|lorsque?|une fois|cuando|cuanto|se|appena|quando)$",
    _I,
)
_PRONOUN = re.compile(
    r"^(?:as|soon|that(?:'s)?|it(?:'s)?|this|is|has|been|der|die|das|er|es|ist|qu['’](?:il|elle)|il|elle|est|cela|ça"
    r"|lo|la|una|vez|que|cuanto|esta|está|questa|è|the|your|ihr\w*|votre|su|sua|la)$",
    _I,
)
# A parcel dropped off at the post office is no claim dropped.
_DROPPED_PARCEL = (
    r"(?!\s+(?:it|them)\s+off\b)(?!\s+(?:the|a|your|this)\s+(?:\w+\s+)?(?:parcel|package|box|item|return)\w*)"
)
WITHDRAWN = re.compile(
    r"\b(?:withdraw|close|cancel|retract|revoke|scrap|ditch|remov|delet)\w*|\btake (?:it |that )?back\b"
    rf"|\bdrop\w*{_DROPPED_PARCEL}"
    r"|\bnehmen sie (?:\w+ ){0,3}zurück\b|\bziehen sie (?:\w+ ){0,5}zurück\b"
    r"|\b(?:lösch|entfern)\w*|\b(?:supprim|enlev)\w*|\b(?:quit|borr|elimin)\w*|\b(?:togli|rimuov|cancell)\w*"
    r"|\b(?:zurückzieh|zurückzuzieh|zurückgezogen|zurücknehm|zurückzunehm|storniert|stornieren|schließen|geschlossen)\w*"
    r"|\b(?:retir|annul|clôtur|ferm|abandonn)\w*|\b(?:cancel|retir|cerr|cierr|anul|desist)\w*"
    r"|\b(?:ritir|annull|chiud|archivi)\w*|取り下げ|取り消|クローズ|撤销|撤回|关闭|取消|撤了|撤掉|撤下"
    rf"|(?P<gone>{_GONE})",
    _I,
)
# A review written: "for every review posted", "a quienes comparten su opinión", "写评价".
WRITTEN = re.compile(
    r"\b(?:leav|writ|post|publish|shar)\w*|\b(?:schreib|hinterlass|veröffentlich)\w*|\b(?:publié|écri|laiss)\w*"
    r"|\b(?:escrib|dej|publica|compart)\w*|\b(?:scriv|lasci|pubblic)\w*|書いて|投稿|写|留下|发布|发表"
    # a review the value thanks for: "as a thank-you for an honest review"
    r"|\bfor (?:an?|your|every|each|any) (?:\w+ )?(?:review|rating|feedback)|\bfür (?:ihre|jede|eine) (?:\w+ )?(?:rezension|bewertung)"
    r"|\bd['’]un avis|\bpour (?:un|une|votre|chaque) (?:\w+ ){0,2}(?:avis|commentaire|évaluation)"
    r"|\bpor (?:un|una|su|tu|cada) (?:\w+ ){0,2}(?:reseña|opinión|valoración|comentario)"
    r"|\bper (?:un|una|la sua|ogni) (?:\w+ ){0,2}(?:recensione|valutazione|commento)"
    # the proof of a review written: "send us a screenshot of your review"
    r"|\bscreenshot\b|\bcapture d['’]écran\b|\bcaptura\b|スクリーンショット|截图|晒图|晒单|(?:评价|评论)(?:之)?后",
    _I,
)
# "Good or bad", "qualunque sia il voto": the review's content left free, the review still the
# price, so no guard for a trade (the honest-review ask it guards is review_request's).
_ANY_RATING = re.compile(
    r"\bgood or bad\b|\bpositive or negative\b|\b(?:ob )?gut oder schlecht\b|\bpositiv oder negativ\b|\bpositif ou négatif\b"
    r"|\bbuena o mala\b|\bpositiva o negativa\b|\bqualunque sia (?:il )?(?:voto|giudizio)\b"
    r"|好评(?:还是|或|和|、)?差评都|好评差评|良い評価も悪い評価も|高評価でも低評価でも",
    _I,
)
EITHER_WAY = re.compile(r"\beither way\b|\bwhatever you decide\b|\bwelcome to\b|\bso oder so\b", _I)
_SELLER_SIDE = re.compile(
    r"\b(?:is|est|è|ist|está) (?:closed|clos|chiuso|geschlossen|cerrad[oa]) (?:on our (?:end|side)|de notre côté|dal nostro lato|unsererseits|por nuestra parte)"
    r"|\b(?:is|ist|est|è|está) (?:\w+ )?(?:for us|für uns|pour nous|per noi|para nosotros) (?:done|settled|closed|erledigt|abgeschlossen|réglé|clos|chiuso|risolto|cerrad[oa]|resuelt[oa])\b"
    r"|\bnothing (?:else )?(?:for you )?to do\b|\brien d['’]autre à faire\b|\bnon deve fare altro\b|\bno tiene que hacer nada\b",
    _I,
)


# No value offered to the buyer: a service said to be free in general ("Unser Support ist und
# bleibt kostenlos"), or the buyer's gift to the seller ("si nos regala unas estrellas", "se ci
# regala qualche stella").
_FREE_SERVICE = re.compile(
    r"(?:support|assistance|aide|hilfe|ayuda|aiuto|asistencia|assistenza|kundendienst|service|サポート|协助|支援)"
    r"[^.!?。\n]{0,30}$",
    _I,
)
_TO_US = re.compile(r"\b(?:nos|ci)\s+$", _I)


def not_an_offer(text: str, start: int) -> bool:
    before = text[max(0, start - 40) : start]
    gift_to_us = _TO_US.search(before) is not None and text[start : start + 5].lower() == "regal"
    return gift_to_us or _FREE_SERVICE.search(before) is not None


# A value already given is no offer: "we have refunded the delivery charge".
GIVEN = re.compile(
    r"\b(?:have|has|had|was|were|been|haben|hat|wurde|avons|avez|a été|hemos|ha sido|abbiamo|è stato)\s+"
    r"(?:\w+\s+)?\w+(?:ed|et|ado|ato|é)\b"
    # the German perfect around the value: "Wir haben Ihnen kostenlos einen Deckel geschickt"
    r"|\b(?:haben|hat)\s+(?:\w+\s+){0,6}ge\w+[tn]\b",
    _I,
)


# A benefit said sent or arrived already, before anything is asked: "the replacement kettle went
# out this morning", "新的充電器已經寄出了。收到後如果…", "交換品もう届いてるかと".
SENT = re.compile(
    r"\b(?:shipped|went out|was sent|has been sent|is on (?:its|the) way|dispatched)\b"
    r"|\b(?:rausgegangen|verschickt|versandt|abgeschickt|unterwegs)\b|\b(?:expédiée?s?|envoyée?s?|est parti)\b"
    r"|\b(?:enviad[oa]s?|salió)\b|\b(?:spedit[oa]|inviat[oa]|partit[oa])\b"
    r"|(?:発送|お届け|到着)(?:いたしました|しました|済み)|もう届い|已(?:经)?(?:发出|寄出|发货|补发|送达|签收)",
    re.IGNORECASE,
)
# the new item and its sending in one clause: "新的充電器已經寄出了"
_SENT_CLAUSE = re.compile(rf"[^，。！？、]{{0,8}}?(?:{SENT.pattern})", re.IGNORECASE)


def _offered(text: str, window: Span) -> bool:
    values = (v for v in matches(VALUE, text) if window.start <= v.start() and v.end() <= window.end)
    for value in values:
        if not_an_offer(text, value.start()):
            continue
        given = GIVEN.search(text, max(window.start, value.start() - 30), min(window.end, value.end() + 40))
        if (not given or given.start() > value.start()) and not _SENT_CLAUSE.match(
            text, value.end(), window.end
        ):
            return True
    return False


def cleared(text: str, span: Span, vocabulary: Vocabulary) -> bool:
    """The offer is taken back, or the claim is closed on the seller's side with nothing
    left for the buyer to do: no trade, whichever rule found it."""
    text = hanzi_simplified(text)
    return taken_back(text, span) or bool(has(_SELLER_SIDE, text, span) or has(AMAZON_CLOSES, text, span))


def inducement_spans(text: str, vocabulary: Vocabulary) -> list[Span]:
    """Windows that tie a value to a rating, a review or a withdrawn claim by a condition."""
    text = hanzi_simplified(text)
    found: list[Span] = []
    # most replies offer nothing: one pass of each cue over the whole text decides that
    whole = Span(0, len(text))
    if not (has(VALUE, text, whole) and (has(CONDITION, text, whole) or NUMBERED.search(text))):
        return found
    for window in windows(text):
        # numbered steps are a condition of their own: "1. Retire la reclamación ... 3. Le reembolsamos"
        conditioned = (
            has(CONDITION, text, window) or len(NUMBERED.findall(text, window.start, window.end)) >= 2
        )
        if not (_offered(text, window) and conditioned):
            continue
        if (
            (guarded(text, window, vocabulary) and not _any_rating_only(text, window, vocabulary))
            or has(_SELLER_SIDE, text, window)
            or has(EITHER_WAY, text, window)
            or _neutral_ask_after(text, window)
        ):
            continue
        # a sentence that is a trade alone is the finding, not the pair it is part of
        if _targets(text, window, vocabulary) and not any(window.overlaps(f) for f in found):
            found.append(window)
    return found


def _neutral_ask_after(text: str, window: Span) -> bool:
    """A value in one sentence and, in the next, an honest review welcomed with nothing of value
    in it: "your refund is released as soon as the courier scans it. Honest feedback, good or
    bad, is always welcome." The refund waits on the courier, not on the review."""
    parts = [p for p in sentences_of(text) if window.start <= p.start < window.end]
    if len(parts) != 2:
        return False
    first, second = parts
    return bool(has(NEUTRAL, text, second) and not _offered(text, second) and not has(RATING, text, first))


def _any_rating_only(text: str, window: Span, vocabulary: Vocabulary) -> bool:
    """The only guard is the rating left free ("for any review, positive or negative"), said of
    a review written for the value."""
    if not (has(_ANY_RATING, text, window) and has(RATING, text, window) and has(WRITTEN, text, window)):
        return False
    if NEGATED.search(text, window.start, window.end) or has(AMAZON_CLOSES, text, window):
        return False
    free = [Span(m.start(), m.end()) for m in matches(_ANY_RATING, text)]
    return all(
        any(f.start <= n.start() < f.end for f in free)
        for n in vocabulary.negation.finditer(text, window.start, window.end)
    )


def _targets(text: str, window: Span, vocabulary: Vocabulary) -> bool:
    within = (text, window.start, window.end)
    # a five-star hotel is no good rating asked for (rating_target applies the same guard)
    good = has(GOOD, text, window) and not NOT_RATING_STARS.search(*within)
    if rating_target(text, window) is not None or good:
        return True
    if has(RATING, text, window) and has(WRITTEN, text, window):
        return True
    # a rating named in an earlier sentence and taken away by a pronoun in this one: "We saw
    # the comment you left. If it could simply vanish, a gift card ...", "Si la elimina, ..."
    if has(IT_REMOVED, text, window) and rating_named_before(text, window.start):
        return True
    # the rating itself gone: "the negative feedback you left is taken down first", "低評価を削除していただいた後"
    if has(RATING, text, window) and has(RATING_GONE, text, window):
        return True
    # the claim named in an earlier sentence and withdrawn by a pronoun in this one: "I saw
    # the A-to-z came through. ... once that's off the table, I'll refund you"
    if has(CLAIM, text, window) is None and CLAIM.search(text, 0, window.start) is None:
        return False
    return any(_buyers(text, window, w, vocabulary) for w in WITHDRAWN.finditer(*within))


# What is cancelled is the order, not the claim: "if you cancel the order instead".
_ORDER = re.compile(
    r"^\W*(?:\w+\W+){0,2}(?:order|bestellung|commande|pedido|ordine)\b|^[^。，]{0,4}(?:注文|订单)", _I
)


_CJK_CONDITION = re.compile(r"(?:ました|まし|て|し)?(?:たら|ら|れば)|了?(?:之后|以后|后|就)")


def _gone(text: str, window: Span, withdrawal: re.Match[str]) -> bool:
    """A claim going away by itself is a withdrawal only as a condition about the claim: "if the
    dispute disappears", "once that's off the table", not "if the noise goes away"."""
    before = re.split(
        r"[,;:.!?，。、；：]", text[max(window.start, withdrawal.start() - 80) : withdrawal.start()]
    )[-1]
    # Chinese and Japanese put the condition after the verb: "例の申請が…消えましたら", "撤掉之后"
    if _CJK_CONDITION.match(text, withdrawal.end()):
        return CLAIM.search(before) is not None
    words = before.split()
    starts = [i for i, word in enumerate(words) if _IF.match(word)]
    if not starts:
        return False
    between = words[starts[-1] + 1 :]
    return bool(CLAIM.search(" ".join(between))) or all(_PRONOUN.match(word) for word in between)


def _buyers(text: str, window: Span, withdrawal: re.Match[str], vocabulary: Vocabulary) -> bool:
    """The withdrawal is the buyer's, of the claim: not the seller's own act ("we closed the
    case"), not the order's."""
    if withdrawal.group("gone") and not _gone(text, window, withdrawal):
        return False
    before = text[max(window.start, withdrawal.start() - 16) : withdrawal.start()]
    closer = " ".join(before.split()[-2:])
    # Amazon closing it, not a claim opened on Amazon ("che ha aperto su Amazon sparisce")
    amazon = re.search(
        r"(?<!\bon )(?<!\bsu )(?<!\bsur )(?<!\bauf )(?<!\ben )(?:amazon|亚马逊|アマゾン)", closer, _I
    )
    if vocabulary.first_person.search(closer) or amazon:
        return False
    return _ORDER.search(text[withdrawal.end() : withdrawal.end() + 30]) is None
