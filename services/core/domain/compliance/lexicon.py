"""The keyword tables of one language (Lexicon) and the patterns compiled from the tables of
the languages a message is checked in (Vocabulary)."""

import re
from dataclasses import dataclass

from services.core.domain.compliance.text import any_of, phrase_source


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
    # inducement: a benefit in the same sentence as withdrawing a claim (claim_act near
    # claim) or changing feedback (feedback_act near feedback), said as a condition or a
    # request (trade_marker)
    benefit: tuple[str, ...]
    claim_act: tuple[str, ...]
    claim: tuple[str, ...]
    feedback_act: tuple[str, ...]
    feedback: tuple[str, ...]
    trade_marker: tuple[str, ...]
    automatic: tuple[str, ...]  # the claim closes by itself: stating that is no trade
    follow_on: tuple[str, ...]  # a sentence with these continues the previous one's offer
    blunt_imperative: tuple[str, ...]
    alarm_subject: tuple[str, ...]
    critical_topic: tuple[str, ...]  # topics that justify an alarming subject
    action_promise: tuple[str, ...]
    concrete_time: tuple[str, ...]
    choice: tuple[str, ...]


@dataclass(frozen=True)
class Vocabulary:
    """The patterns of the languages a message is checked in, one per rule family."""

    marketing: re.Pattern[str]
    review_request: re.Pattern[str]
    review_positive: re.Pattern[str]
    thanks_for_review: re.Pattern[str]
    benefit: re.Pattern[str]
    removal: re.Pattern[str]
    trade_marker: re.Pattern[str]
    automatic: re.Pattern[str]
    follow_on: re.Pattern[str]
    blunt_imperative: re.Pattern[str]
    alarm_subject: re.Pattern[str]
    critical_topic: re.Pattern[str]
    action_promise: re.Pattern[str]
    concrete_time: re.Pattern[str]
    choice: re.Pattern[str]


def compile_vocabulary(lexicons: tuple[Lexicon, ...]) -> Vocabulary:
    def family(name: str) -> re.Pattern[str]:
        return any_of(phrase_source(getattr(lex, name), lex.spaced) for lex in lexicons)

    return Vocabulary(
        marketing=family("marketing"),
        review_request=any_of(
            _near(lex, lex.review_ask, lex.review_positive, words=6, chars=15) for lex in lexicons
        ),
        review_positive=family("review_positive"),
        thanks_for_review=any_of(
            _near(lex, lex.thanks, lex.review_positive, words=5, chars=10) for lex in lexicons
        ),
        benefit=family("benefit"),
        removal=any_of(
            source
            for lex in lexicons
            for source in (
                _near(lex, lex.claim_act, lex.claim, words=4, chars=12),
                _near(lex, lex.feedback_act, lex.feedback, words=4, chars=12),
            )
        ),
        trade_marker=family("trade_marker"),
        automatic=family("automatic"),
        follow_on=family("follow_on"),
        blunt_imperative=family("blunt_imperative"),
        alarm_subject=family("alarm_subject"),
        critical_topic=family("critical_topic"),
        action_promise=family("action_promise"),
        concrete_time=family("concrete_time"),
        choice=family("choice"),
    )


def _near(lexicon: Lexicon, first: tuple[str, ...], second: tuple[str, ...], words: int, chars: int) -> str:
    """A phrase of either group close to one of the other, in either order: at most `words`
    words apart in spaced languages, `chars` characters apart in Chinese and Japanese."""
    a = phrase_source(first, lexicon.spaced)
    b = phrase_source(second, lexicon.spaced)
    gap = rf"(?:\W+\w+){{0,{words}}}?\W+" if lexicon.spaced else f".{{0,{chars}}}?"
    return f"{a}{gap}{b}|{b}{gap}{a}"
