"""Precision and recall of the compliance check's error rules on a labelled corpus of
realistic seller replies (tests/data/messages.jsonl).

Each line holds one message and `expect`, the error rules that must fire on it; warnings are
not labelled. Run with `pytest -s` to see the table.

Labelling decisions for the borderline phrasings:
- A sentence that names a benefit (refund, replacement, gift, discount) together with
  withdrawing a claim or changing feedback, in conditional or requesting words, is
  inducement even when negated ("we would never ask you to remove your feedback in exchange
  for a refund"): the safe reply leaves the claim and the feedback out.
- Saying that Amazon closes the claim by itself after a refund is not inducement, and
  neither is a policy statement that names no change to feedback ("we cannot offer a refund
  in exchange for feedback").
- Asking for a review neutrally ("we'd appreciate your honest feedback"), or inviting the
  buyer to update feedback in a sentence that offers nothing, is allowed; asking for a good
  one ("5 stars", "positive feedback") is review_request; thanking for one is fine.
- "Visit us at shop.com" is a link, "name at shop dot com" an e-mail address.
- Messengers (WhatsApp) count as marketing, next to social networks: both take the buyer
  off Amazon. A discount on this order as a partial refund is not marketing; a code or a
  discount for a next order is.
- A carrier's tracking page is a link unless the message's allowed_domains name it.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from services.core.domain.compliance import ERROR_RULES, CheckOptions, check_message

CORPUS = Path(__file__).resolve().parents[2] / "data" / "messages.jsonl"
LANGUAGES = {"en", "de", "fr", "es", "it", "ja", "zh"}
MIN_MESSAGES = 150
MIN_SCORE = 0.95


@dataclass
class Tally:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        flagged = self.true_positives + self.false_positives
        return self.true_positives / flagged if flagged else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 1.0


def load_corpus() -> list[dict[str, object]]:
    with CORPUS.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def score(messages: list[dict[str, object]]) -> dict[str, Tally]:
    tallies = {rule: Tally() for rule in ERROR_RULES}
    for message in messages:
        options = CheckOptions(
            allowed_domains=tuple(message["allowed_domains"]),  # type: ignore[arg-type]
            expects_choice=bool(message["expects_choice"]),
        )
        findings = check_message(
            str(message["subject"]),
            str(message["body"]),
            str(message["marketplace"]),
            str(message["language"]),
            options,
        )
        fired = {f.rule for f in findings if f.severity == "error"}
        expected = set(message["expect"])  # type: ignore[call-overload]
        for rule, tally in tallies.items():
            if rule in fired and rule in expected:
                tally.true_positives += 1
            elif rule in fired:
                tally.false_positives += 1
                tally.misses.append(f"{message['id']} (false alarm)")
            elif rule in expected:
                tally.false_negatives += 1
                tally.misses.append(f"{message['id']} (missed)")
    return tallies


def table(tallies: dict[str, Tally]) -> str:
    rows = [f"{'rule':<16}{'TP':>5}{'FP':>5}{'FN':>5}{'precision':>11}{'recall':>8}"]
    for rule, t in tallies.items():
        rows.append(
            f"{rule:<16}{t.true_positives:>5}{t.false_positives:>5}{t.false_negatives:>5}"
            f"{t.precision:>11.3f}{t.recall:>8.3f}"
        )
    return "\n".join(rows)


@pytest.fixture(scope="module")
def corpus() -> list[dict[str, object]]:
    return load_corpus()


def test_corpus_is_large_varied_and_well_formed(corpus: list[dict[str, object]]) -> None:
    ids = [message["id"] for message in corpus]
    clean = [m for m in corpus if not m["expect"]]
    foreign = [m for m in corpus if m["language"] != "en"]

    assert len(corpus) >= MIN_MESSAGES
    assert len(ids) == len(set(ids))
    assert {m["language"] for m in corpus} >= LANGUAGES
    assert len(clean) >= 60
    assert len([m for m in foreign if m["expect"]]) >= 10
    assert len([m for m in foreign if not m["expect"]]) >= 10
    for message in corpus:
        labels = set(message["expect"])  # type: ignore[call-overload]
        assert labels <= set(ERROR_RULES), message["id"]
    for rule in ERROR_RULES:
        languages = {m["language"] for m in corpus if rule in m["expect"]}  # type: ignore[operator]
        assert len(languages) >= 3, f"{rule} is labelled in too few languages: {languages}"


def test_error_rules_reach_precision_and_recall(corpus: list[dict[str, object]]) -> None:
    tallies = score(corpus)
    report = table(tallies)
    print(f"\n{len(corpus)} messages\n{report}")

    below = {rule: t.misses for rule, t in tallies.items() if t.precision < MIN_SCORE or t.recall < MIN_SCORE}
    assert not below, f"precision or recall below {MIN_SCORE}:\n{report}\nmisses: {below}"
