"""check_message: every rule of DOMAIN.md section 6 applied to one outgoing message."""

from services.core.domain.compliance import content, tone
from services.core.domain.compliance.contact import find_contacts
from services.core.domain.compliance.findings import CheckOptions, Field, Finding, Rule, finding
from services.core.domain.compliance.languages import vocabulary_for
from services.core.domain.compliance.lexicon import Vocabulary
from services.core.domain.compliance.text import Span, without_overlaps
from services.core.domain.marketplaces import MARKETPLACES, normalize


def check_message(
    subject: str,
    body: str,
    marketplace: str,
    language: str | None = None,
    options: CheckOptions = CheckOptions(),
) -> list[Finding]:
    """All findings for a message to a buyer on the marketplace, sorted by field and offset.
    `language` is a hint for the keyword rules; without one, every language's tables apply."""
    region = MARKETPLACES[normalize(marketplace)].region
    vocabulary = vocabulary_for(language)
    fields: tuple[tuple[Field, str], ...] = (("subject", subject), ("body", body))
    found: list[Finding] = []
    for field, text in fields:
        found += _field_findings(field, text, region, vocabulary, options)
    alarming = tone.alarming_subject_spans(subject, body, vocabulary)
    found += _at("important_subject", "subject", subject, alarming)
    found += _at("no_concrete_time", "body", body, tone.missing_time_spans(body, vocabulary))
    if options.expects_choice and not tone.offers_choice(body, vocabulary):
        found.append(finding("no_choice", "body", body, 0, 0))
    return sorted(found, key=lambda f: (f.field, f.start, f.end, f.rule))


def _field_findings(
    field: Field, text: str, region: str, vocabulary: Vocabulary, options: CheckOptions
) -> list[Finding]:
    found: list[Finding] = []
    contacts = find_contacts(text, region, options.allowed_domains)
    found += _at("link", field, text, contacts.links)
    found += _at("email", field, text, contacts.emails)
    found += _at("phone", field, text, contacts.phones)
    found += _at("competitor", field, text, content.competitor_spans(text))
    found += _at("marketing", field, text, content.marketing_spans(text, vocabulary))
    found += _at("inducement", field, text, content.inducement_spans(text, vocabulary))
    found += _at("review_request", field, text, content.review_request_spans(text, vocabulary))
    found += _at("blunt_imperative", field, text, tone.blunt_imperative_spans(text, vocabulary))
    return found


def _at(rule: Rule, field: Field, text: str, spans: list[Span]) -> list[Finding]:
    return [finding(rule, field, text, span.start, span.end) for span in without_overlaps(spans)]
