"""The learned second opinion (services/core/domain/compliance/learned.py): what it adds to
the rules, where its findings point, what a seller's policy makes of them, and that the
shipped model is the one trained on the corpora in tests/data.

The wordings here were written for this test, after the model was trained; none is a corpus
message. Each is one the rules pass."""

import hashlib
import json

import pytest

from bench.compliance import PARTS
from bench.train_compliance import TRAINING_PARTS
from services.core.domain.compliance import CheckOptions, Finding, check_message
from services.core.domain.compliance.fold import fold
from services.core.domain.compliance.learned import MODEL_PATH, NO_MODEL, learned_spans, learned_text, shipped

WRITE_UP = "We'd be over the moon if your write-up caught up with how things ended."
PARAPHRASES = [
    ("en", "US", f"The new filter is on its way. {WRITE_UP}", WRITE_UP),
    (
        "it",
        "IT",
        "Il ricambio è partito oggi. Ci farebbe piacere se il suo giudizio raccontasse anche come è finita.",
        "Ci farebbe piacere se il suo giudizio raccontasse anche come è finita.",
    ),
]


def check(body: str, marketplace: str, language: str, learned: str = "warn") -> list[Finding]:
    options = CheckOptions(learned=learned)  # type: ignore[arg-type]
    return check_message("Re: your order", body, marketplace, language, options)


@pytest.mark.parametrize(("language", "marketplace", "body", "sentence"), PARAPHRASES)
def test_a_paraphrase_the_rules_pass_is_a_warning_on_its_sentence(
    language: str, marketplace: str, body: str, sentence: str
) -> None:
    assert check_message("Re: your order", body, marketplace, language, model=NO_MODEL) == []

    [found] = check(body, marketplace, language)

    assert (found.rule, found.severity, found.field) == ("review_request", "warning", "body")
    assert body[found.start : found.end] == found.excerpt == sentence
    assert "learned check" in found.advice


@pytest.mark.parametrize(("language", "marketplace", "body", "sentence"), PARAPHRASES)
def test_a_policy_can_make_the_learned_findings_block_or_turn_them_off(
    language: str, marketplace: str, body: str, sentence: str
) -> None:
    [blocking] = check(body, marketplace, language, learned="block")
    assert (blocking.rule, blocking.severity, blocking.excerpt) == ("review_request", "error", sentence)
    assert check(body, marketplace, language, learned="off") == []


def test_offsets_are_those_of_the_text_as_written() -> None:
    body = "The new filter is on its way. We'd be over the moon if your ｗｒｉｔｅ-ｕｐ caught up with how things ended."

    [found] = check(body, "US", "en")

    assert found.excerpt == body[found.start : found.end]
    assert found.excerpt.startswith("We'd be over the moon") and found.excerpt.endswith("ended.")


def test_a_sentence_that_takes_the_request_back_is_no_finding() -> None:
    body = f"{WRITE_UP[:-1]}, though we would never ask you to."
    folded = fold(body).text
    assert learned_spans(learned_text("Re: your order", folded), shipped()), "the model reads an ask here"

    assert check(body, "US", "en", learned="block") == []


def test_a_reply_the_rules_refuse_gets_no_second_opinion() -> None:
    body = f"{WRITE_UP} Write to help@myshop.com if anything else comes up."

    assert [(f.rule, f.severity) for f in check(body, "US", "en")] == [("email", "error")]


def test_ordinary_replies_stay_clean_with_the_model() -> None:
    for body, marketplace, language in [
        ("Your refund of $12 went out today. The tracking number is 1Z999AA10123456784.", "US", "en"),
        ("Vielen Dank für Ihre Bewertung! Der Ersatz kommt am Montag.", "DE", "de"),
        ("交換品は明日発送いたします。ご不便をおかけして申し訳ございません。", "JP", "ja"),
    ]:
        assert check(body, marketplace, language, learned="block") == []


def test_the_shipped_model_was_trained_on_the_corpora_as_they_are() -> None:
    with MODEL_PATH.open(encoding="utf-8") as lines:
        shipped_on = json.loads(lines.readline())["trained_on"]

    assert sorted(shipped_on) == sorted(TRAINING_PARTS)
    for part in TRAINING_PARTS:
        digest = hashlib.sha256(PARTS[part].read_bytes()).hexdigest()
        assert shipped_on[part] == digest, f"{part} changed: run python -m bench.train_compliance"
