"""check_message: every rule of DOMAIN.md section 6 applied to one outgoing message."""

import re
from collections.abc import Callable
from typing import NamedTuple

from services.core.domain.compliance import answers, content, intent, referred, steering, tone, trades
from services.core.domain.compliance.brands import Competitors, competitor_spans
from services.core.domain.compliance.contact import Contacts, find_contacts
from services.core.domain.compliance.findings import (
    CheckOptions,
    Field,
    Finding,
    Rule,
    Severity,
    finding,
    learned_finding,
)
from services.core.domain.compliance.fold import Folded, fold
from services.core.domain.compliance.languages import language_code, vocabulary_for
from services.core.domain.compliance.learned import Model, learned_spans, learned_text, shipped
from services.core.domain.compliance.lexicon import Vocabulary
from services.core.domain.compliance.promotion import sold_at
from services.core.domain.compliance.quotes import quoted_spans
from services.core.domain.compliance.text import REPLY_PREFIX, Span, inside_any, without_overlaps
from services.core.domain.marketplaces import MARKETPLACES, normalize

# A reply's subject, or one that only names the topic ("Re: bank transfer", "关于银行转账",
# "お電話・LINEでのご対応について", "Sobre el cupón"), echoes what the buyer asked about: an intent or competitor
# finding there stands only if the body makes the same finding. A subject that offers or asks
# ("Re: 5⭐ = 10% back", "Re: close the claim, get a refund") is no echo: it holds a number or a
# sign, an order or more than six words.
_TOPIC_SUBJECT = re.compile(
    rf"^(?:{REPLY_PREFIX.pattern})|^\s*(?:关于|關於)|(?:について|に関して|の件|的问题|的問題)\s*$"
    # "About the coupon", "Sobre el cupón", "Concernant le coupon"
    r"|^\s*(?:about|regarding|bezüglich|betreff|concernant|au sujet d[eu']|à propos d[eu']|sobre|acerca de"
    r"|respecto a|riguardo a(?:l|lla|llo|i|gli|lle)?|in merito a(?:l|lla|llo|i|gli|lle)?)\b",
    re.IGNORECASE,
)
_NO_ECHO = re.compile(
    r"[0-9０-９=→⭐★☆%$€£¥+@#]|\b(?:close|withdraw|leave|write|give|add|follow|update|change|remove|delete|cancel|rate"
    r"|contact|call|text|get|schließen|ziehen|geben|lassen|ändern|löschen|fermez|retirez|laissez|modifiez|supprimez"
    r"|cierre|retire|deje|cambie|borre|chiuda|ritiri|lasci|cambi|cancelli)\b",
    re.IGNORECASE,
)


def _echoes_topic(subject: str) -> bool:
    topic = _TOPIC_SUBJECT.sub("", subject)
    return bool(_TOPIC_SUBJECT.search(subject)) and not _NO_ECHO.search(topic) and len(topic.split()) <= 6


# What a subject and a body of a line or two say together: "Tarjeta de regalo de $10" / "Es
# tuya si quitas la reseña negativa." A longer body says what it means itself, and a subject
# that names the topic ("Refund for the cracked lamp") is no half of its first sentence.
_JOINED_RULES = ("marketing", "inducement", "review_request")
_ECHOED_RULES = frozenset({"competitor", "marketing", "inducement", "review_request"})
# Where sellers writing in a language often live, when the marketplace is elsewhere.
_HOME_REGIONS = {"zh": ("CN",)}


def check_message(
    subject: str,
    body: str,
    marketplace: str,
    language: str | None = None,
    options: CheckOptions = CheckOptions(),
    model: Model | None = None,
) -> list[Finding]:
    """All findings for a message to a buyer on the marketplace, sorted by field and offset.
    `language` is a hint for the keyword rules; without one, every language's tables apply.
    The rules read the folded text (fold.py); offsets are those of the text as written.
    `model` is the learned second opinion on the intent rules (learned.py): the shipped one
    unless given; `NO_MODEL` leaves the rules alone."""
    region = MARKETPLACES[normalize(marketplace)].region
    vocabulary = vocabulary_for(language)
    code = language_code(language)
    folded = {"subject": fold(subject), "body": fold(body)}
    # the subject and body as one text: a claim named in one is the context of the other, and
    # the learned model reads them so
    whole = learned_text(folded["subject"].text, folded["body"].text)
    claim_context = content.mentions_claim(whole, vocabulary)
    named = {field: _named(folded[field].text, region, code, options) for field in ("subject", "body")}
    spans = {
        field: _field_spans(folded[field].text, named[field], vocabulary, claim_context)
        for field in ("subject", "body")
    }
    echo = _echoes_topic(subject)
    _read_together(
        spans,
        folded,
        vocabulary,
        joined=None
        if echo
        else lambda: _intent_spans(
            whole, vocabulary, claim_context, *_as_one(named, len(folded["subject"].text) + 1)
        ),
    )
    found = _at(folded["subject"], "subject", subject, spans["subject"]) + _at(
        folded["body"], "body", body, spans["body"]
    )
    if echo:
        in_body = {f.rule for f in found if f.field == "body"}
        found = [f for f in found if f.field == "body" or f.rule not in _ECHOED_RULES or f.rule in in_body]
    subject_text, body_text = folded["subject"].text, folded["body"].text
    if options.learned != "off" and not any(f.severity == "error" for f in found):
        severity = "error" if options.learned == "block" else "warning"
        found += _learned(whole, folded, subject, body, model or shipped(), vocabulary, severity)
    found += _at(
        folded["subject"],
        "subject",
        subject,
        {"important_subject": tone.alarming_subject_spans(subject_text, body_text, vocabulary)},
    )
    found += _at(
        folded["body"], "body", body, {"no_concrete_time": tone.missing_time_spans(body_text, vocabulary)}
    )
    if options.expects_choice and not tone.offers_choice(body_text, vocabulary):
        found.append(finding("no_choice", "body", body, 0, 0))
    return sorted(found, key=lambda f: (f.field, f.start, f.end, f.rule))


def _read_together(
    spans: dict[Field, dict[Rule, list[Span]]],
    folded: dict[Field, Folded],
    vocabulary: Vocabulary,
    joined: Callable[[], dict[Rule, list[Span]]] | None,
) -> None:
    """What the subject and body say only together, added to `spans`: a subject that is the
    seller's site and a body that sells there; a rating named in the subject and changed by a
    pronoun in the body; and, for a body of a line or two, the intent rules read on both
    (`joined`, None for a subject that only echoes the topic)."""
    subject, body = folded["subject"].text, folded["body"].text
    if not spans["body"]["link"] and not spans["subject"]["marketing"]:
        spans["subject"]["marketing"] = sold_at(spans["subject"]["link"], body, vocabulary.sale)
    if not spans["body"]["review_request"]:
        spans["body"]["review_request"] = referred.changed_in_reply(subject, body, vocabulary)
    if joined is None or not subject.strip() or len(intent.sentences_of(body)) > 2:
        return
    together = joined()
    body_start = len(subject) + 1
    for rule in _JOINED_RULES:
        if spans["subject"][rule] or spans["body"][rule]:
            continue
        for span in together[rule]:
            field, offset = ("body", body_start) if span.start >= body_start else ("subject", 0)
            end = min(span.end - offset, len(folded[field].text))
            spans[field][rule] = [*spans[field][rule], Span(span.start - offset, end)]


class _Named(NamedTuple):
    """What the contact and competitor rules found in a text."""

    contacts: Contacts
    competitors: Competitors

    def read_by_intent(self) -> tuple[list[Span], list[Span], list[Span]]:
        """The links, marketplaces and payment services, which the marketing rule reads."""
        return self.contacts.links, self.competitors.marketplaces, self.competitors.payments


def _as_one(named: dict[Field, _Named], body_start: int) -> tuple[list[Span], ...]:
    """The names found in each field, where they stand in the subject and body read as one."""
    return tuple(
        [*subject_names, *(Span(s.start + body_start, s.end + body_start) for s in body_names)]
        for subject_names, body_names in zip(
            named["subject"].read_by_intent(), named["body"].read_by_intent(), strict=True
        )
    )


def _named(text: str, region: str, language: str | None, options: CheckOptions) -> _Named:
    home_regions = _HOME_REGIONS.get(language or "", ())
    contacts = find_contacts(text, region, options.allowed_domains, home_regions, language)
    competitors = competitor_spans(text, language)
    return _Named(contacts, competitors)


def _field_spans(
    text: str, named: _Named, vocabulary: Vocabulary, claim_context: bool
) -> dict[Rule, list[Span]]:
    return {
        "link": named.contacts.links,
        "email": named.contacts.emails,
        "phone": named.contacts.phones,
        "competitor": named.competitors.all,
        **_intent_spans(text, vocabulary, claim_context, *named.read_by_intent()),
        "blunt_imperative": tone.blunt_imperative_spans(text, vocabulary),
    }


def _intent_spans(
    text: str,
    vocabulary: Vocabulary,
    claim_context: bool,
    links: list[Span],
    marketplaces: list[Span],
    payments: list[Span],
) -> dict[Rule, list[Span]]:
    offers = content.inducement_spans(text, vocabulary, claim_context) + trades.inducement_spans(
        text, vocabulary
    )
    offers = [
        offer
        for offer in offers
        if not trades.cleared(text, offer, vocabulary) and not answers.amazon_vine(text, offer)
    ]
    marketing = content.marketing_spans(text, vocabulary, marketplaces, links, payments, offers)
    review_requests = [
        span
        for span in content.review_request_spans(text, vocabulary)
        + intent.review_request_spans(text, vocabulary, offers)
        + referred.review_request_spans(text, vocabulary, offers)
        + steering.steering_spans(text)
        if not intent.taken_back(text, span) and not answers.answered(text, span)
    ]
    quoted = quoted_spans(text)
    return {
        "marketing": [span for span in marketing if not inside_any(span, quoted)],
        "inducement": [span for span in offers if not inside_any(span, quoted)],
        "review_request": [span for span in review_requests if not inside_any(span, quoted)],
    }


def _learned(
    text: str,
    folded: dict[Field, Folded],
    subject: str,
    body: str,
    model: Model,
    vocabulary: Vocabulary,
    severity: Severity,
) -> list[Finding]:
    """The model's findings on a reply the rules pass, read on the subject and body as one
    text (as it was trained); a sentence the rules' guards clear (negation, "regardless",
    Amazon closing the claim) is none."""
    body_start = len(folded["subject"].text) + 1
    quoted = quoted_spans(text)
    found: list[Finding] = []
    for rule, span in learned_spans(text, model).items():
        if (
            intent.taken_back(text, span)
            or intent.guarded(text, span, vocabulary)
            or inside_any(span, quoted)
        ):
            continue
        # sentences end at the line break between subject and body, so a span lies in one
        field, written, offset = (
            ("body", body, body_start) if span.start >= body_start else ("subject", subject, 0)
        )
        original = folded[field].original(Span(span.start - offset, span.end - offset))
        found.append(learned_finding(rule, field, written, original.start, original.end, severity))
    return found


def _at(folded: Folded, field: Field, text: str, spans: dict[Rule, list[Span]]) -> list[Finding]:
    return [
        finding(rule, field, text, original.start, original.end)
        for rule, rule_spans in spans.items()
        for original in map(folded.original, without_overlaps(rule_spans))
    ]
