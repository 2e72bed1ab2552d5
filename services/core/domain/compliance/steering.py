"""Reviews asked of happy buyers only, said as two conditions side by side: "If everything was
perfect, the product page loves hearing it, stars and all. If something wasn't quite right,
please don't go there, come to us first." Neither half names a request the phrase tables know;
the pair is the steering Amazon forbids, in any of the seven languages."""

import re

from services.core.domain.compliance.intent import RATING
from services.core.domain.compliance.text import Span, sentences

_I = re.IGNORECASE

# The buyer is happy: "if everything was perfect", "wenn alles gepasst hat", "满意的话".
_HAPPY = re.compile(
    r"\bif (?:everything|all|it)(?:'s| is| was| went| has been)? (?:\w+ ){0,2}(?:perfect|great|good|fine|well|right|ok(?:ay)?)\b"
    r"|\bif you(?:'re| are| were)? (?:\w+ )?(?:happy|satisfied|pleased)\b|\blove it\?|\bhappy with (?:it|them)\?"
    # asked as a question: "All good? Leave a review.", "Tout roule ?"
    r"|\b(?:all good|everything (?:ok|okay|fine|good))\s*\?|\btout (?:roule|va bien|est ok|est parfait)\s*\?"
    r"|\balles (?:gut|okay|ok|prima|in ordnung)\s*\?|\btodo bien\s*\?|\btutto (?:bene|ok|a posto)\s*\?"
    r"|\bwenn (?:alles|es) (?:\w+ ){0,2}(?:gepasst|passt|gut|perfekt|in ordnung|geklappt)\w*|\bwenn sie (?:\w+ )?zufrieden\b"
    r"|\bsi vous (?:l['’])?(?:aimez|appréciez)\b|\bif you (?:like|love) it\b|\bsi (?:te|le) gusta\b|\bse (?:le|ti) piace\b"
    r"|\bsi tout (?:\w+ ){0,2}(?:parfait|bien|ok)\b|\bsi vous (?:êtes|étiez) (?:\w+ )?(?:satisfaite?s?|contente?s?)\b"
    r"|\bsi todo (?:\w+ ){0,2}(?:perfecto|bien)\b|\bsi (?:estás|está|quedaste|quedó) (?:\w+ )?(?:content[oa]|satisfech[oa])\b"
    r"|\bse (?:è andato )?tutto (?:\w+ ){0,2}(?:bene|perfetto|ok)\b|\bse (?:è|sei) (?:\w+ )?(?:soddisfatt[oa]|content[oa])\b"
    r"|(?:満足|問題なけれ|気に入っ)[^。]{0,10}(?:たら|ら|ば)|满意的话|如果(?:您)?(?:很|还)?满意|没问题的话"
    # happy buyers as a kind: "Nos clients contents ...", "Chi rimane soddisfatto ...", "ご満足いただけたお客様"
    r"|\b(?:customers|clients|buyers|kunden|clientes|clienti)\s+(?:who are |que quedan |che rimangono |qui sont )?"
    r"(?:happy|satisfied|contents|zufriedene?n?|contentos|satisfechos|soddisfatti)\b|\bzufriedene kunden\b"
    r"|\bchi (?:rimane|è|resta) soddisfatt[oa]\b|\bse ne sarà soddisfatt[oa]\b|\bse (?:sarà|sarete) soddisfatt\w*"
    r"|ご満足いただけた|满意的(?:顾客|客户|买家)",
    _I,
)
# The buyer is not: "if something wasn't quite right", "wenn nicht", "si quelque chose cloche".
_UNHAPPY = re.compile(
    r"\bif (?:not|something|anything)\b|\bsomething (?:off|wrong|not right)\b|\botherwise\b"
    # asked as a question: "A problem? Talk to us first.", "Un souci ?"
    r"|\b(?:a |any )?problems?\s*\?|\bun (?:souci|problème)\s*\?|\bein problem\s*\?|\bprobleme\s*\?"
    r"|\balgún problema\s*\?|\bqualche problema\s*\?|\bun problema\s*\?|問題がありましたら|有问题[？?]"
    r"|\bwenn (?:nicht|etwas|was)\b|\bansonsten\b|\bsonst\b|\bandernfalls\b"
    r"|\bsi (?:quelque chose|qqch|ce n['’]est pas|non|pas)\b|\bsinon\b|\bsi (?:algo|no)\b|\bde lo contrario\b"
    r"|\bse (?:qualcosa|no|non|invece)\b|\bin caso contrario\b|\ben caso contrario\b|\bdans le cas contraire\b|\baltrimenti\b"
    r"|(?:不満|不具合|問題が?あ|気になる点)[^。]{0,8}(?:たら|ら|ば)|不满意的话|如果(?:有)?(?:问题|不满意)|有问题的话",
    _I,
)
# ... is sent to the seller instead of the review: "come to us first", "direkt uns", "先联系我们".
_TO_US = re.compile(
    r"\b(?:come|write|talk|message|contact|tell|email)(?: to)? us (?:here )?(?:first|directly|instead)\b|\bdon['’]t go there\b"
    r"|\bhold off on posting\b"
    r"|\bbetween us\b|\b(?:direkt|zuerst|erst) (?:an )?uns\b|\bnicht dort\b|\bunter uns\b"
    r"|\b(?:écrivez|contactez|parlez)[- ]nous (?:d['’]abord|directement|plutôt)\b|\bn['’]allez pas là-bas\b|\bentre nous\b"
    r"|\b(?:escríbenos|contáctanos|escríbanos|contáctenos) (?:primero|directamente|antes)\b|\bno vayas? allí\b|\bentre nosotros\b"
    r"|\b(?:scriva|scrivi|contatti|contatta) (?:prima |direttamente )?(?:a )?noi\b|\bnon scriv[ai] lì\b|\btra di noi\b"
    # asked to come before the review: "before posting anything", "avant de publier", "投稿される前に"
    r"|\b(?:meglio )?scrivere a noi\b|\bbefore (?:you )?post(?:ing)?\b|\bavant de publier\b|\bantes de publicar\b|\bprima di pubblicare\b"
    r"|\bbevor sie (?:etwas )?(?:veröffentlichen|posten|schreiben)\b|投稿(?:される|する)前に|发布(?:之前|前)"
    r"|まず(?:は)?(?:当店|私たち|こちら)|直接(?:当店|こちら)|先(?:联系|找|告诉)我们|直接(?:联系|找)我们",
    _I,
)
# Where a review is left, named instead of the review: "the product page loves hearing it".
_REVIEW_PLACE = re.compile(
    r"\bproduct page\b|\bproduktseite\b|\bpage (?:du )?produit\b|\bpágina del producto\b|\bpagina del prodotto\b"
    r"|商品ページ|商品页面?",
    _I,
)


# A rating asked of happy buyers alone: "Please only review us if everything is fine",
# "Bitte nur bewerten, wenn alles passt".
_ONLY_IF = re.compile(
    r"\bonly\b[^.!?\n]{0,40}\bif\b|\bnur\b[^.!?\n]{0,40}\b(?:wenn|falls)\b|\b(?:seulement|uniquement) si\b|\bque si\b"
    r"|\b(?:solo|sólo|solamente|únicamente) si\b|\b(?:solo|soltanto|solamente) se\b|場合(?:のみ|だけ)|(?:時|とき)だけ|才(?:给|评|留)",
    _I,
)
_RATED = re.compile(
    r"\breview\w*|\brat(?:e|ing)\b|\bbewert\w*|\brezensi\w*|\bévalu\w*|\bnot(?:er|ez)\b|\bvalor\w*|\brecens\w*"
    r"|\bvalut\w*|評価|レビュー|评价|好评",
    _I,
)


def steering_spans(text: str) -> list[Span]:
    """Sentences that ask a rating of happy buyers only, or send a happy buyer to review (the
    review named there or in the next sentence) and, within three sentences before or after, an
    unhappy one to the seller."""
    parts = sentences(text)
    found = [
        part
        for part in parts
        if _ONLY_IF.search(text, part.start, part.end)
        and _HAPPY.search(text, part.start, part.end)
        and (_reviewed(text, part) or _RATED.search(text, part.start, part.end))
    ]
    for i, first in enumerate(parts):
        happy = _HAPPY.search(text, first.start, first.end)
        # a template puts the question and the answer on lines of their own: "Love it? → leave us a review"
        if not happy or first in found or not any(_reviewed(text, s) for s in parts[i : i + 2]):
            continue
        for j, second in enumerate(parts[max(0, i - 3) : i + 4], start=max(0, i - 3)):
            unhappy = _UNHAPPY.search(text, second.start, second.end)
            sent = any(_TO_US.search(text, s.start, s.end) for s in parts[j : j + 2])
            if unhappy and unhappy.start() != happy.start() and sent:
                found.append(first)
                break
    return found


def _reviewed(text: str, sentence: Span) -> bool:
    return bool(
        RATING.search(text, sentence.start, sentence.end)
        or _REVIEW_PLACE.search(text, sentence.start, sentence.end)
    )
