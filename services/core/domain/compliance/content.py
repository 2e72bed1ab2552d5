"""Rules about what a reply offers or asks: other marketplaces and payment services,
marketing, inducement (a benefit traded for the buyer's claim or feedback) and requests for
positive reviews (DOMAIN.md section 6)."""

from services.core.domain.compliance.brands import COMPETITOR, SOCIAL_MEDIA
from services.core.domain.compliance.lexicon import Vocabulary
from services.core.domain.compliance.text import Span, sentences, spans_of, without_overlaps


def competitor_spans(text: str) -> list[Span]:
    spans: list[Span] = []
    for match in COMPETITOR.finditer(text):
        name = next((group for group in ("ambiguous", "verb") if match[group]), 0)
        spans.append(Span(match.start(name), match.end(name)))
    return spans


def marketing_spans(text: str, vocabulary: Vocabulary) -> list[Span]:
    return without_overlaps(spans_of(vocabulary.marketing, text) + spans_of(SOCIAL_MEDIA, text))


def review_request_spans(text: str, vocabulary: Vocabulary) -> list[Span]:
    """Asking for a good review in the same sentence; thanking for one already left is fine."""
    found: list[Span] = []
    for sentence in sentences(text):
        thanked = spans_of(vocabulary.thanks_for_review, text, sentence.start, sentence.end)
        for request in spans_of(vocabulary.review_request, text, sentence.start, sentence.end):
            positive = vocabulary.review_positive.search(text, request.start, request.end)
            if positive is None:
                continue
            term = Span(positive.start(), positive.end())
            if not any(t.start <= term.start and term.end <= t.end for t in thanked):
                found.append(request)
    return found


def inducement_spans(text: str, vocabulary: Vocabulary) -> list[Span]:
    """Clauses that offer a benefit for withdrawing a claim or changing feedback."""
    clauses = _offer_clauses(text, vocabulary)
    return [clause for clause in clauses if _is_trade(text, clause, vocabulary)]


def _offer_clauses(text: str, vocabulary: Vocabulary) -> list[Span]:
    """Sentences; one that continues the previous offer ("Then we refund you.") joins it."""
    clauses: list[Span] = []
    for sentence in sentences(text):
        if clauses and vocabulary.follow_on.search(text, sentence.start, sentence.end):
            clauses[-1] = Span(clauses[-1].start, sentence.end)
        else:
            clauses.append(sentence)
    return clauses


def _is_trade(text: str, clause: Span, vocabulary: Vocabulary) -> bool:
    if vocabulary.automatic.search(text, clause.start, clause.end):
        return False
    removals = spans_of(vocabulary.removal, text, clause.start, clause.end)
    benefits = spans_of(vocabulary.benefit, text, clause.start, clause.end)
    if not any(_apart(benefit, removal) for benefit in benefits for removal in removals):
        return False
    conditional = vocabulary.trade_marker.search(text, clause.start, clause.end) is not None
    imperative = any(removal.start == clause.start for removal in removals)
    return conditional or imperative


def _apart(benefit: Span, removal: Span) -> bool:
    """The benefit is not an end of the withdrawal phrase: in "Geld zurück, sobald die
    Reklamation ..." the "zurück" belongs to the refund, not to a withdrawn claim."""
    first, last = Span(removal.start, removal.start + 1), Span(removal.end - 1, removal.end)
    return not (benefit.overlaps(first) or benefit.overlaps(last))
