"""Rules about what a reply offers or asks: marketing (including goods offered on another
marketplace or site, and messengers and social networks), inducement (anything of value
traded for the buyer's claim, feedback or review) and review requests (asking for a good
review, for a rating to be changed or removed, or only of happy buyers), with negation
("we would never ask you to ...") taking a request or a trade back (DOMAIN.md section 6)."""

import re

from services.core.domain.compliance.channels import declined, its_video_link, social_spans
from services.core.domain.compliance.disclaimers import GIVEN_RATING, NEGATED
from services.core.domain.compliance.intent import DONE_AFTER, THANKED, has, sentence_at, sentences_of
from services.core.domain.compliance.lexicon import Vocabulary, hanzi_simplified
from services.core.domain.compliance.promotion import (
    CHANNEL,
    NEW_GOODS,
    NOT_OURS,
    promotion_spans,
    remedy_only,
    told_of_the_past,
)
from services.core.domain.compliance.ratings import NOT_RATING_STARS, not_needed, on_a_scale, rating_changes
from services.core.domain.compliance.text import (
    Span,
    inside_any,
    overlaps_any,
    sentences,
    spans_of,
    without_overlaps,
)
from services.core.domain.compliance.trades import SENT, not_an_offer


def marketing_spans(
    text: str,
    vocabulary: Vocabulary,
    marketplaces: list[Span],
    links: list[Span],
    payments: list[Span],
    trades: list[Span],
) -> list[Span]:
    """Promotions, messengers and social networks, and sentences that offer the seller's
    goods on another marketplace or on a linked site. A messenger named as the way money
    is paid (WeChat Pay) is a payment service instead, a network's name inside a link
    (a video on youtube.com) is the link's finding, and a discount on a next order that is
    the price of a trade (`trades`, the inducement findings) is that trade's benefit."""
    social = [
        span
        for span in social_spans(text)
        if not _paid_through(text, span, payments)
        and not overlaps_any(span, links)
        and not its_video_link(text, span, links)
        and not declined(text, span)
    ]
    offers: list[Span] = []
    for sentence in sentences(text):
        if NOT_OURS.search(text, sentence.start, sentence.end):
            continue
        inside = [s for s in marketplaces if sentence.start <= s.start < sentence.end]
        linked = [s for s in links if sentence.start <= s.start < sentence.end]
        names = inside + linked
        # the seller's name to search for there is its shop too: "Just search 'CrispChef Official' on Noon"
        sold_there = _cue(text, sentence, vocabulary.sells_elsewhere, names) or has(CHANNEL, text, sentence)
        if (inside and sold_there) or (
            linked
            and _cue(text, sentence, vocabulary.sale, names)
            and not remedy_only(text, sentence)
            and not told_of_the_past(text, sentence)
        ):
            offers.append(sentence)
    promotions = [
        p
        for p in spans_of(vocabulary.marketing, text)
        if not _traded(text, p, trades, vocabulary)
        and not told_of_the_past(text, p)
        and not _applied_to_this_order(text, p)
        and not _amazons_own(text, p)
        and (_MESSENGER.search(text, p.start, p.end) or not remedy_only(text, sentence_at(text, p.start)))
    ]
    promoted = [
        span
        for span in promotion_spans(text, marketplaces + links + social, payments)
        if not NOT_OURS.search(text, span.start, span.end)
        and not _traded(text, span, trades, vocabulary)
        and not _amazons_own(text, span)
    ]
    return without_overlaps(promotions + social + offers + promoted)


# A messenger described in the tables ("the green chat app", "加个V") is a channel, with a
# replacement offered over it or not.
_MESSENGER = re.compile(
    r"green (?:chat|messag\w*|messenger)|grünen? (?:messenger|chat|app)|papierflieger|paper[- ]plane"
    r"|appli(?:cation)? verte|messagerie verte|app(?:licación|licazione)? verde|chat verde"
    r"|緑色?の(?:アプリ|メッセンジャー|チャットアプリ)|加(?:个|我|我们)?[vV](?![a-zA-Z])|TG|售后群",
    re.IGNORECASE,
)


# A coupon or discount said to be taken off this order already: "the 15 % coupon on the product
# page was applied automatically at checkout", "已经自动使用", "適用されたため".
_APPLIED = re.compile(
    r"\b(?:was|were|has been|have been|got|is|are) (?:\w+ )?(?:applied|deducted|taken off|included)\b"
    r"|\balready (?:applied|included|deducted)\b"
    r"|\b(?:wurde|wurden|ist|sind) (?:\w+ ){0,3}(?:abgezogen|angewendet|angerechnet|eingelöst|berücksichtigt)\b"
    r"|\bbereits (?:\w+ )?(?:enthalten|abgezogen)\b"
    r"|\b(?:a|ont) été (?:\w+ ){0,2}(?:appliqu|dédui)\w*|\bdéjà (?:inclus|appliqu\w*|dédui\w*)"
    r"|\bse (?:aplicó|descontó)\b|\b(?:fue|fueron) (?:\w+ )?(?:aplicad|descontad)\w*|\bya (?:está )?(?:incluid|aplicad)\w*"
    r"|\b(?:è|sono) stat[oiae] (?:\w+ ){0,2}(?:applicat|scontat|detratt)\w*|\bgià (?:inclus|applicat)\w*"
    r"|自動(?:的に)?適用|適用され|適用済み|反映済み|差し引かれ"
    r"|已经?(?:自动)?(?:使用|抵扣|扣除|包含)|已經?(?:自動)?(?:使用|抵扣|扣除|包含)|自动抵扣"
    r"|已(?:经|經)?按.{0,30}(?:结算|結算)",
    re.IGNORECASE,
)
_NEXT_ORDER = re.compile(
    r"\bnext (?:order|purchase|time)\b|\bnächste\w* (?:bestellung|einkauf|kauf)\b|\bprochain\w* (?:commande|achat)\b"
    r"|\bpróxim[oa] (?:pedido|compra)\b|\bprossim[oa] (?:ordine|acquisto)\b|次回|下次|下一次|下回",
    re.IGNORECASE,
)


def _applied_to_this_order(text: str, promotion: Span) -> bool:
    sentence = sentence_at(text, promotion.start)
    within = (text, sentence.start, sentence.end)
    return bool(_APPLIED.search(*within)) and not _NEXT_ORDER.search(*within)


def _amazons_own(text: str, promotion: Span) -> bool:
    """Amazon's own coupon or deal on the listing, or its Subscribe & Save, explained: "the 15%
    coupon you saw on the product page has to be clipped before you check out",
    "商品页面上的秒杀（Lightning Deal）已经结束"; not a code for a next order."""
    sentence = sentence_at(text, promotion.start)
    previous = next((s for s in reversed(sentences_of(text)) if s.end <= sentence.start), sentence)
    return bool(_AMAZONS_OWN.search(text, previous.start, sentence.end)) and not _NEXT_ORDER.search(
        text, previous.start, sentence.end
    )


_AMAZONS_OWN = re.compile(
    r"\bproduct page\b|\bproduktseite\b|\bpage (?:du |de )?produit\b|\bpágina del producto\b"
    r"|\bpagina (?:del )?prodotto\b|商品ページ|商品页面|\bsubscribe (?:&|and) save\b|\bspar-abo\b"
    r"|\bprévoyez et économisez\b|\bsuscríbete y ahorra\b|\biscriviti e risparmia\b|定期おトク便",
    re.IGNORECASE,
)


def _traded(text: str, promotion: Span, trades: list[Span], vocabulary: Vocabulary) -> bool:
    """The promotion names a benefit inside a trade: "se lo annulla le facciamo il 20% di sconto
    sul prossimo ordine" offers the discount for the claim, it advertises nothing else."""
    inside = any(t.start <= promotion.start and promotion.end <= t.end for t in trades)
    if vocabulary.benefit.search(text, promotion.start, promotion.end) is not None:
        return inside
    # new goods that are the gift itself: "新商品のスムージー試供品セットを無料でお送り"
    sentence = sentence_at(text, promotion.start)
    gift = vocabulary.benefit.search(text, sentence.start, sentence.end) is not None
    return inside and gift and NEW_GOODS.search(text, promotion.start, promotion.end) is not None


def _paid_through(text: str, span: Span, payments: list[Span]) -> bool:
    """A messenger named as the way money is paid (WeChat Pay), or a handle that is a payment
    account ("Venmo me at @john-doe"), belongs to the payment service."""
    if overlaps_any(span, payments):
        return True
    return text[span.start] == "@" and any(0 <= span.start - p.end <= 12 for p in payments)


def _cue(text: str, sentence: Span, pattern: re.Pattern[str], names: list[Span]) -> bool:
    """A cue in the sentence that does not start inside a name or link ("lumacraft.shop for"
    is no "shop for")."""
    cues = spans_of(pattern, text, sentence.start, sentence.end)
    return any(not any(n.start <= cue.start < n.end for n in names) for cue in cues)


def review_request_spans(text: str, vocabulary: Vocabulary) -> list[Span]:
    """Per sentence: asking for a good review, asking for a rating or review to be changed
    or removed, asking only a satisfied buyer, or steering an unhappy one away from
    reviewing. Thanking for a review, and sentences that disclaim the request, are fine."""
    text = hanzi_simplified(text)
    found: list[Span] = []
    for sentence in sentences(text):
        if vocabulary.negation.search(text, sentence.start, sentence.end):
            continue
        found += _requests_in(text, sentence, vocabulary)
    return found


def _requests_in(text: str, sentence: Span, vocabulary: Vocabulary) -> list[Span]:
    thanked = spans_of(vocabulary.thanks_for_review, text, sentence.start, sentence.end)
    found: list[Span] = []
    decorative = NOT_RATING_STARS.search(text, sentence.start, sentence.end) is not None
    asks_for_good = (
        [] if decorative else spans_of(vocabulary.review_request, text, sentence.start, sentence.end)
    )
    for request in asks_for_good:
        positive = vocabulary.review_positive.search(text, request.start, request.end)
        if positive is None:
            continue
        good = Span(positive.start(), positive.end())
        if not on_a_scale(text, good) and not _received(text, sentence, good, thanked, vocabulary):
            found.append(request)
    # A rating change a benefit is traded for is asked for, however the trade is worded: "A$15
    # back once the review is edited", "un rimborso in cambio della rimozione della recensione".
    asked = _asks(text, sentence, vocabulary) or _trades(text, sentence, vocabulary)
    for change in rating_changes(text, sentence, vocabulary):
        if inside_any(change, thanked) or not_needed(text, sentence, change):
            continue
        if asked or _leads(text, sentence, change, vocabulary):
            found.append(change)
    found += spans_of(vocabulary.satisfied_review, text, sentence.start, sentence.end)
    found += spans_of(vocabulary.divert, text, sentence.start, sentence.end)
    return found


def _received(text: str, sentence: Span, good: Span, thanked: list[Span], vocabulary: Vocabulary) -> bool:
    """The good rating is thanked for ("grazie di cuore per le belle parole") or reported as
    received in a sentence that asks nothing ("abbiamo appena letto la sua recensione a cinque
    stelle"), not asked for."""
    if inside_any(good, thanked) or THANKED.search(text, max(sentence.start, good.start - 24), good.start):
        return True
    return GIVEN_RATING.search(text, sentence.start, sentence.end) is not None and not _asks(
        text, sentence, vocabulary
    )


def _trades(text: str, span: Span, vocabulary: Vocabulary) -> bool:
    """The stretch names a benefit and says it comes on a condition or in exchange."""
    within = (text, span.start, span.end)
    if vocabulary.benefit.search(*within) is None:
        return False
    return bool(vocabulary.trade_marker.search(*within) or vocabulary.exchange.search(*within))


def _asks(text: str, span: Span, vocabulary: Vocabulary) -> bool:
    """Whether the sentence asks or expects something of the buyer: a request phrase or a
    question mark."""
    question = "?" in text[span.start : span.end] or "？" in text[span.start : span.end]
    return question or vocabulary.request.search(text, span.start, span.end) is not None


def _leads(text: str, clause: Span, span: Span, vocabulary: Vocabulary) -> bool:
    """The span opens the clause but for two words at most, none of them the seller: an
    imperative ("Remove the claim", "Just close the claim", "ci lasci 5 stelle"), not "We
    can't change ratings"."""
    before = text[clause.start : span.start]
    return len(before.split()) <= 2 and vocabulary.first_person.search(before) is None


def mentions_claim(text: str, vocabulary: Vocabulary) -> bool:
    """Whether the message names a claim, case or chargeback, so that "once it is closed"
    can be about it."""
    text = hanzi_simplified(text)
    return vocabulary.claim.search(text) is not None


def inducement_spans(text: str, vocabulary: Vocabulary, claim_context: bool = False) -> list[Span]:
    """Clauses that offer a benefit for withdrawing a claim, changing or removing feedback,
    or leaving a review."""
    text = hanzi_simplified(text)
    clauses = _offer_clauses(text, vocabulary, claim_context)
    return [clause for clause in clauses if _is_trade(text, clause, vocabulary, claim_context)]


def _offer_clauses(text: str, vocabulary: Vocabulary, claim_context: bool) -> list[Span]:
    """Sentences; one that continues the previous offer ("Then we refund you.") or answers
    it with an order ("We can do 50% back. Just close the claim.") joins it."""
    clauses: list[Span] = []
    for sentence in sentences(text):
        continues = vocabulary.follow_on.search(text, sentence.start, sentence.end) is not None
        if clauses and (continues or _answers_offer(text, clauses[-1], sentence, vocabulary, claim_context)):
            clauses[-1] = Span(clauses[-1].start, sentence.end)
        else:
            clauses.append(sentence)
    return clauses


def _answers_offer(
    text: str, previous: Span, sentence: Span, vocabulary: Vocabulary, claim_context: bool
) -> bool:
    """An order to drop the claim right after a benefit ("We can do 50% back. Just close the
    claim.") trades one for the other, and so does a benefit promised right after the buyer
    is asked to drop it ("Can you close the claim? I will refund you."), and so does an ask to
    change a rating right after a benefit is offered ("We'd like to give you a voucher. Would
    you reconsider your feedback?"); a remedy already given and then an ask is no trade."""
    offered = vocabulary.benefit.search(text, previous.start, previous.end) is not None
    removals = spans_of(vocabulary.removal, text, sentence.start, sentence.end)
    if claim_context:
        removals += spans_of(vocabulary.claim_closed, text, sentence.start, sentence.end)
    if offered and any(_leads(text, sentence, removal, vocabulary) for removal in removals):
        return True
    withdrawn = spans_of(vocabulary.removal, text, previous.start, previous.end)
    asked = (withdrawn or rating_changes(text, previous, vocabulary)) and _asks(text, previous, vocabulary)
    promised = vocabulary.benefit.search(text, sentence.start, sentence.end) is not None
    if asked and promised and _ALREADY.search(text, sentence.start, sentence.end) is None:
        return True
    # "We'd like to give you a voucher. ... we'd ask you to reconsider your feedback."
    offering = offered and vocabulary.offer.search(text, previous.start, previous.end) is not None
    return offering and bool(rating_changes(text, sentence, vocabulary)) and _asks(text, sentence, vocabulary)


# A benefit already given is no promise: "Could you close the case? We have already refunded you."
_ALREADY = re.compile(
    r"\b(?:already|bereits|schon|déjà|ya|già|ormai)\b|既に|すでに|已经|已經|已(?:退|发|寄|补)",
    re.IGNORECASE,
)


def _is_trade(text: str, clause: Span, vocabulary: Vocabulary, claim_context: bool) -> bool:
    within = (text, clause.start, clause.end)
    if vocabulary.automatic.search(*within) or vocabulary.negation.search(*within) or NEGATED.search(*within):
        return False
    removals = _removals(text, clause, vocabulary, claim_context)
    benefits = [
        b
        for b in spans_of(vocabulary.benefit, *within)
        if not _given(text, clause, b, vocabulary) and not not_an_offer(text, b.start)
    ]
    if not any(_apart(benefit, removal) for benefit in benefits for removal in removals):
        # A plain "leave a review" beside a benefit is a trade only when said as one ("write
        # a review and get 20% back"); "leave a review, and ask us for a refund if ..." is not.
        neutral = spans_of(vocabulary.review_solicit, *within)
        return bool(neutral and benefits and vocabulary.exchange.search(*within))
    asked = vocabulary.trade_marker.search(*within) or _asks(text, clause, vocabulary)
    parts = [s for s in sentences(text) if clause.start <= s.start < clause.end]
    return bool(asked) or any(
        _leads(text, part, r, vocabulary) for part in parts for r in removals if part.start <= r.start
    )


def _given(text: str, clause: Span, benefit: Span, vocabulary: Vocabulary) -> bool:
    """The benefit is a fact the request builds on, not an offer: "now that the replacement
    has arrived, would you ...", "nun, da das Ersatzteil angekommen ist"."""
    for done in spans_of(vocabulary.done, text, clause.start, benefit.start):
        between = text[done.end : benefit.start]
        if len(between) <= 40 and not re.search(r"[,;:，；：]", between):
            return True
    # its arrival said right after it: "补发的已经收到了吧", "交換品届きましたでしょうか"
    after = vocabulary.done.search(text, benefit.end, clause.end)
    if after is not None and after.start() - benefit.end <= 6:
        return True
    # sent already, before anything is asked: "the replacement kettle went out this morning"
    return SENT.search(text, benefit.end, min(clause.end, benefit.end + 60)) is not None


def _removals(text: str, clause: Span, vocabulary: Vocabulary, claim_context: bool) -> list[Span]:
    """What the benefit could be traded for: a claim withdrawn, a rating changed, a good
    review asked for; in a message about a claim, a bare "closed" or "withdrawn" too (but not a
    "cancel" or "remove", which more often is about the order or the item)."""
    within = (text, clause.start, clause.end)
    removals = spans_of(vocabulary.removal, *within) + rating_changes(text, clause, vocabulary)
    removals += spans_of(vocabulary.review_request, *within)
    removals += spans_of(vocabulary.satisfied_review, *within)
    thanked = spans_of(vocabulary.thanks_for_review, *within)
    removals += [p for p in spans_of(vocabulary.review_positive, *within) if not inside_any(p, thanked)]
    if claim_context:
        removals += spans_of(vocabulary.claim_closed, *within)
    return [removal for removal in removals if not _sellers_act(text, clause, removal, vocabulary)]


def _sellers_act(text: str, clause: Span, removal: Span, vocabulary: Vocabulary) -> bool:
    """The seller is the one who closes or changes: "we closed the case", "wir haben den
    Fall geschlossen", "我们已关闭"; the two words (four characters unspaced) before it."""
    before = text[max(clause.start, removal.start - 24) : removal.start]
    words = before.split()
    # Chinese or Japanese right before it reads unspaced, even after a space further back
    spaced = (len(words) > 1 or before[-1:].isspace()) and not _CJK.match(before[-1:])
    window = " ".join(words[-2:]) if spaced else before[-4:]
    # or reports it done: "お問い合わせはクローズいたしました"
    return (
        vocabulary.first_person.search(window) is not None or DONE_AFTER.match(text, removal.end) is not None
    )


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def _apart(benefit: Span, removal: Span) -> bool:
    """The benefit is not an end of the withdrawal phrase: in "Geld zurück, sobald die
    Reklamation ..." the "zurück" belongs to the refund, not to a withdrawn claim."""
    first, last = Span(removal.start, removal.start + 1), Span(removal.end - 1, removal.end)
    return not (benefit.overlaps(first) or benefit.overlaps(last))
