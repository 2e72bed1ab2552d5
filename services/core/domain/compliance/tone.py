"""Warnings about how a reply is written: blunt imperatives, an alarming subject, promises
without a time and complaints answered without a choice (DOMAIN.md section 6)."""

import re

from services.core.domain.compliance.lexicon import Vocabulary
from services.core.domain.compliance.text import Span, spans_of

# Dates and clock times say "when" in any language; a price such as 25.99 does not.
_NUMERIC_TIME = re.compile(
    r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{1,2}/\d{1,2}"
    r"|\d{1,2}\.\d{1,2}\.(?!\d)|\d{1,2}:\d{2}"
    r"|(?<![0-9A-Za-z])\d{1,2} ?(?:am|pm|a\.m\.|p\.m\.)(?![A-Za-z])",
    re.IGNORECASE,
)
_ITEM = r"(?<![0-9A-Za-z])(?:{n}[.)](?=\s)|\({n}\)|{letter}\)|\({letter}\))"
_FIRST_OPTION = re.compile(_ITEM.format(n="1", letter="[aA]") + "|①|1️⃣")
_SECOND_OPTION = re.compile(_ITEM.format(n="2", letter="[bB]") + "|②|2️⃣")


def blunt_imperative_spans(text: str, vocabulary: Vocabulary) -> list[Span]:
    return spans_of(vocabulary.blunt_imperative, text)


def alarming_subject_spans(subject: str, body: str, vocabulary: Vocabulary) -> list[Span]:
    """'Important' or 'Urgent' in the subject, unless the message is critical: the order
    cannot ship, a safety recall, or the buyer must act to receive it."""
    if vocabulary.critical_topic.search(subject) or vocabulary.critical_topic.search(body):
        return []
    return spans_of(vocabulary.alarm_subject, subject)


def missing_time_spans(body: str, vocabulary: Vocabulary) -> list[Span]:
    """The first promise of action when the reply never says when."""
    promises = spans_of(vocabulary.action_promise, body)
    if vocabulary.concrete_time.search(body) or _NUMERIC_TIME.search(body):
        return []
    return promises[:1]


def offers_choice(body: str, vocabulary: Vocabulary) -> bool:
    numbered = _FIRST_OPTION.search(body) and _SECOND_OPTION.search(body)
    return bool(numbered or vocabulary.choice.search(body))
