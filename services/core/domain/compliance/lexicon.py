"""The keyword tables of one language (Lexicon) and the patterns compiled from the tables of
the languages a message is checked in (Vocabulary)."""

import re
from dataclasses import dataclass

from services.core.domain.compliance.text import any_of, phrase_source

# Traditional Chinese and Cantonese characters the intent rules read, each as its simplified
# form (one character for one, so offsets stay those of the text as written): "改返個評價",
# "重新考慮". Japanese writes some of them too (評価, 問題), so a text with kana is left as is.
_TRADITIONAL = str.maketrans(
    "評價論說給顆幾們後會這個來請麼為煩謝關於銷訴賠糾紛還現紅優禮贈費張換貨質刪調錢讓應該問題經決慮單圖帶發佈亞馬遜對時間聯繫絡號碼網購買賣鋪種樣專屬團開從沒確認滿歡覺兒話無條絕並額補償當係嗎嘅咗唔俾啲喺冇嚟壞進實幫變寫過選見記與傳頁處錯讀議擇爭",
    "评价论说给颗几们后会这个来请么为烦谢关于销诉赔纠纷还现红优礼赠费张换货质删调钱让应该问题经决虑单图带发布亚马逊对时间联系络号码网购买卖铺种样专属团开从没确认满欢觉儿话无条绝并额补偿当系吗的了不给些在没来坏进实帮变写过选见记与传页处错读议择争",
)
_KANA = re.compile(r"[\u3040-\u30ff]")


def hanzi_simplified(text: str) -> str:
    """The text with traditional hanzi read as simplified, unless it is Japanese."""
    return text if _KANA.search(text) else text.translate(_TRADITIONAL)


@dataclass(frozen=True)
class Lexicon:
    """Phrases of one language as regex fragments, matched case-insensitively. A space in a
    fragment stands for any whitespace (" ?" for optional whitespace) and an apostrophe for
    ' or ’."""

    language: str
    spaced: bool  # written with spaces between words, so phrases must match whole words
    marketing: tuple[str, ...]
    # review_request: asking (review_ask) for a good review (review_positive), unless the
    # sentence thanks the buyer for one already left
    review_positive: tuple[str, ...]
    review_ask: tuple[str, ...]
    thanks: tuple[str, ...]
    # asking for a rating or review to be changed, raised or removed (feedback_act near
    # feedback) is a review request too, when the sentence asks or expects it (request);
    # so is asking only happy buyers (satisfied near feedback) and steering unhappy ones
    # away from reviewing (divert)
    request: tuple[str, ...]
    satisfied: tuple[str, ...]
    divert: tuple[str, ...]
    # a sentence with these takes its request or trade back ("we would never ask you to")
    negation: tuple[str, ...]
    # inducement: a benefit in the same sentence as withdrawing a claim (claim_act near
    # claim), changing feedback or asking for a review, said as a condition or a request
    # (trade_marker, request)
    benefit: tuple[str, ...]
    claim_act: tuple[str, ...]
    claim_closed: tuple[str, ...]  # the claim's closing said without naming it ("once it's closed")
    claim: tuple[str, ...]
    feedback_act: tuple[str, ...]
    feedback: tuple[str, ...]
    trade_marker: tuple[str, ...]
    exchange: tuple[str, ...]  # a benefit said to come with a review ("and get", "for leaving")
    done: tuple[str, ...]  # "now that the replacement has arrived": a benefit given, not offered
    automatic: tuple[str, ...]  # the claim closes by itself: stating that is no trade
    first_person: tuple[str, ...]  # "we closed the case": the seller's own act is no trade
    # marketing: the seller offering goods on another marketplace (sells_elsewhere) or on a
    # site it links to (sale)
    sells_elsewhere: tuple[str, ...]
    sale: tuple[str, ...]
    follow_on: tuple[str, ...]  # a sentence with these continues the previous one's offer
    blunt_imperative: tuple[str, ...]
    alarm_subject: tuple[str, ...]
    critical_topic: tuple[str, ...]  # topics that justify an alarming subject
    action_promise: tuple[str, ...]
    concrete_time: tuple[str, ...]
    choice: tuple[str, ...]
    # the verb comes before its object ("update your review"), so a rating change is read in
    # that order only: "feedback so we can improve the product" changes no feedback
    verb_first: bool = False
    # the seller offering a benefit to come ("we'd like to send you"): an ask to change a
    # rating in the next sentence answers the offer
    offer: tuple[str, ...] = ()


@dataclass(frozen=True)
class Vocabulary:
    """The patterns of the languages a message is checked in, one per rule family."""

    marketing: re.Pattern[str]
    review_request: re.Pattern[str]
    review_positive: re.Pattern[str]
    thanks_for_review: re.Pattern[str]
    rating_change: re.Pattern[str]
    review_solicit: re.Pattern[str]
    request: re.Pattern[str]
    satisfied_review: re.Pattern[str]
    divert: re.Pattern[str]
    negation: re.Pattern[str]
    benefit: re.Pattern[str]
    removal: re.Pattern[str]
    claim: re.Pattern[str]
    claim_act: re.Pattern[str]
    claim_closed: re.Pattern[str]
    trade_marker: re.Pattern[str]
    exchange: re.Pattern[str]
    done: re.Pattern[str]
    automatic: re.Pattern[str]
    first_person: re.Pattern[str]
    sells_elsewhere: re.Pattern[str]
    sale: re.Pattern[str]
    follow_on: re.Pattern[str]
    blunt_imperative: re.Pattern[str]
    alarm_subject: re.Pattern[str]
    critical_topic: re.Pattern[str]
    action_promise: re.Pattern[str]
    concrete_time: re.Pattern[str]
    choice: re.Pattern[str]
    offer: re.Pattern[str]


def compile_vocabulary(lexicons: tuple[Lexicon, ...]) -> Vocabulary:
    def family(name: str) -> re.Pattern[str]:
        return any_of(phrase_source(getattr(lex, name), lex.spaced) for lex in lexicons)

    return Vocabulary(
        marketing=family("marketing"),
        review_request=any_of(
            _near(lex, lex.review_ask, lex.review_positive, words=8, chars=15, clause=False)
            for lex in lexicons
        ),
        review_positive=family("review_positive"),
        thanks_for_review=any_of(
            _near(lex, lex.thanks, (*lex.review_positive, *lex.feedback), words=5, chars=10, clause=False)
            for lex in lexicons
        ),
        rating_change=any_of(
            _near(lex, lex.feedback_act, lex.feedback, words=3, chars=12, ordered=lex.verb_first)
            for lex in lexicons
        ),
        review_solicit=any_of(
            _near(lex, lex.review_ask, lex.feedback, words=4, chars=12) for lex in lexicons
        ),
        request=family("request"),
        satisfied_review=any_of(
            _near(lex, lex.satisfied, (*lex.feedback, *lex.review_positive), words=12, chars=40, clause=False)
            for lex in lexicons
        ),
        divert=family("divert"),
        negation=family("negation"),
        benefit=family("benefit"),
        removal=any_of(_near(lex, lex.claim_act, lex.claim, words=4, chars=12) for lex in lexicons),
        claim=family("claim"),
        claim_act=family("claim_act"),
        claim_closed=family("claim_closed"),
        trade_marker=family("trade_marker"),
        exchange=family("exchange"),
        done=family("done"),
        automatic=family("automatic"),
        first_person=family("first_person"),
        sells_elsewhere=family("sells_elsewhere"),
        sale=family("sale"),
        follow_on=family("follow_on"),
        blunt_imperative=family("blunt_imperative"),
        alarm_subject=family("alarm_subject"),
        critical_topic=family("critical_topic"),
        action_promise=family("action_promise"),
        concrete_time=family("concrete_time"),
        choice=family("choice"),
        offer=family("offer"),
    )


# Commas, semicolons and colons end the stretch in which two phrases count as one clause:
# in "if you have feedback, we will update the listing" the update is not the feedback's.
_GAP_SPACED = r"(?:[^\w,;:]+\w+){{0,{words}}}?[^\w,;:]+"
_GAP_UNSPACED = r"[^，,；;：:。]{{0,{chars}}}?"


# Between an object and a participle after it ("the feedback is taken down", "votre
# commentaire modifié") there is at most an auxiliary.
_GAP_AUXILIARY = (
    r"(?:[^\w,;:]+(?:is|was|are|were|be|been|being|gets?|got|has|have|had|est|soit|sera|été|es|sea"
    r"|sido|esté|ha|è|sia|venga|viene|stata?|stato|sarà)){0,2}[^\w,;:]+"
)
_GAP_SPACED_SENTENCE = r"(?:\W+\w+){{0,{words}}}?\W+"
_GAP_UNSPACED_SENTENCE = r".{{0,{chars}}}?"


def _near(
    lexicon: Lexicon,
    first: tuple[str, ...],
    second: tuple[str, ...],
    words: int,
    chars: int,
    clause: bool = True,
    ordered: bool = False,
) -> str:
    """A phrase of either group close to one of the other, in either order: at most `words`
    words apart in spaced languages, `chars` characters apart in Chinese and Japanese; in
    the same clause, or with `clause` False anywhere in the same sentence ("if you are happy
    with it, a review would ..."); with `ordered`, the first group's phrase comes first
    unless the second is its object before a participle."""
    a = phrase_source(first, lexicon.spaced)
    b = phrase_source(second, lexicon.spaced)
    if clause:
        gap = (_GAP_SPACED if lexicon.spaced else _GAP_UNSPACED).format(words=words, chars=chars)
    else:
        gap = (_GAP_SPACED_SENTENCE if lexicon.spaced else _GAP_UNSPACED_SENTENCE).format(
            words=words, chars=chars
        )
    if ordered:
        return f"{a}{gap}{b}|{b}{_GAP_AUXILIARY}{a}"
    return f"{a}{gap}{b}|{b}{gap}{a}"
