"""Precision and recall of the compliance check's error rules on labelled corpora of
realistic seller replies (scored by bench/compliance.py; run with `pytest -s` to see tables).

- tests/data/messages.jsonl: the first corpus, written together with the rules; every error
  rule must reach 0.95 precision and recall on it.
- tests/data/messages_development.jsonl: the development third of a corpus written from the
  policy alone by someone who had not seen the rules (docs/COMPLIANCE.md). Message-level
  recall must reach 0.95 and precision 0.97, and nine in ten error findings on violating
  messages must name a labelled rule. Its holdout part is not read by any test: it is
  scored by hand, with `python -m bench.compliance --part holdout`, to see whether the rules
  generalise.
- tests/data/messages_development2.jsonl to messages_development25.jsonl: corpora from other
  writers, each scored once as a holdout (docs/COMPLIANCE.md) and development material since;
  held to the same targets (all but development5).

Each line holds one message and `expect`, the error rules that must fire on it; warnings are
not labelled. Labelling decisions for the borderline phrasings, the same in both corpora:
- A sentence that names a benefit (refund, replacement, gift, voucher, free item, discount)
  together with withdrawing a claim (case, complaint, dispute, chargeback), changing or
  removing feedback, or leaving a review, in conditional or requesting words, is
  inducement; one that disclaims the trade ("we would never ask you to remove your
  feedback in exchange for a refund", "regardless of how you rate us") is not.
- Asking for a review neutrally ("we'd appreciate your honest feedback") is allowed; asking
  for a good one ("5 stars", "positive feedback"), asking to change, raise, reconsider or
  remove a rating or review (with or without an offer), and asking only satisfied buyers
  ("if you're happy with it, a review would mean a lot") is review_request; thanking for a
  review is fine.
- Saying that Amazon closes the claim by itself after a refund is not inducement.
- "Visit us at shop.com" is a link, "name at shop dot com" an e-mail address.
- Messengers and social networks (WhatsApp, LINE, WeChat, Telegram, Signal, Viber,
  Instagram, ...) count as marketing: they take the buyer off Amazon. WeChat or LINE named
  as the way money is paid count as payment services (competitor).
- Paying outside Amazon by bank transfer is a payment service (competitor).
- A seller offering its goods on another marketplace, or pointing to its own site to buy,
  is marketing besides competitor or link. A discount on this order as a partial refund is
  not marketing; a code or a discount for a next order is.
- A carrier's tracking page is a link unless the message's allowed_domains name it.
"""

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor

import pytest

from bench.compliance import Score, load, score
from bench.train_compliance import WRITERS
from services.core.domain.compliance import ERROR_RULES

LANGUAGES = {"en", "de", "fr", "es", "it", "ja", "zh"}
MIN_MESSAGES = 150
MIN_RULE_SCORE = 0.95
MIN_RECALL = 0.95
MIN_PRECISION = 0.97
MIN_FAMILY_ACCURACY = 0.90


def rule_table(result: Score) -> str:
    rows = [f"{'rule':<16}{'TP':>5}{'FP':>5}{'FN':>5}{'precision':>11}{'recall':>8}"]
    for rule, t in result.rules.items():
        rows.append(
            f"{rule:<16}{t.true_positives:>5}{t.false_positives:>5}{t.false_negatives:>5}"
            f"{t.precision:>11.3f}{t.recall:>8.3f}"
        )
    return "\n".join(rows)


@pytest.fixture(scope="module")
def corpus() -> list[dict]:
    return load("corpus")


# Every writer's corpus the model is trained on, held to the development targets; development5
# is left out: no rules round has read all of its misses (docs/COMPLIANCE.md).
DEVELOPMENT_PARTS = [part for part in WRITERS if part != "development5"]


@pytest.fixture(scope="module", params=DEVELOPMENT_PARTS)
def development(request: pytest.FixtureRequest) -> list[dict]:
    return load(request.param)


def _rules_score(part: str) -> Score:
    # the error rules as shipped: the learned check warns by default, so it blocks nothing here
    # (test_compliance_learned.py tests it), and leaving it out saves a quarter of the time
    return score(load(part), learned="off")


@pytest.fixture(scope="module")
def development_scores() -> dict[str, Score]:
    """Every development part scored once, on two processes where there are two cores: the
    parts are most of the suite's pure computing, and nothing else runs while they are scored."""
    workers = min(2, os.cpu_count() or 1)
    if workers == 1:
        return {part: _rules_score(part) for part in DEVELOPMENT_PARTS}
    # spawned, not forked: the test process holds threads and open connections of its own
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        return dict(zip(DEVELOPMENT_PARTS, pool.map(_rules_score, DEVELOPMENT_PARTS), strict=True))


def test_corpus_is_large_varied_and_well_formed(corpus: list[dict]) -> None:
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
        assert set(message["expect"]) <= set(ERROR_RULES), message["id"]
    for rule in ERROR_RULES:
        languages = {m["language"] for m in corpus if rule in m["expect"]}
        assert len(languages) >= 3, f"{rule} is labelled in too few languages: {languages}"


def test_error_rules_reach_precision_and_recall(corpus: list[dict]) -> None:
    result = score(corpus)
    report = rule_table(result)
    print(f"\n{len(corpus)} messages\n{report}")

    below = {
        rule for rule, t in result.rules.items() if t.precision < MIN_RULE_SCORE or t.recall < MIN_RULE_SCORE
    }
    misses = [m for m in result.misses if m.rule in below]
    assert not below, f"precision or recall below {MIN_RULE_SCORE}:\n{report}\nmisses: {misses}"


def test_development_part_is_well_formed(development: list[dict]) -> None:
    ids = [message["id"] for message in development]

    assert len(ids) == len(set(ids)) >= 140
    assert {m["language"] for m in development} == LANGUAGES
    for message in development:
        assert set(message["expect"]) <= set(ERROR_RULES), message["id"]
        assert set(message["families"]) == set(message["expect"]), message["id"]


@pytest.mark.parametrize("part", DEVELOPMENT_PARTS)
def test_development_part_reaches_message_recall_precision_and_family(
    part: str, development_scores: dict[str, Score]
) -> None:
    result = development_scores[part]
    tally = result.messages
    print(f"\n{part}: recall {tally.recall:.3f}, precision {tally.precision:.3f}")
    print(rule_table(result))
    misses = [m for m in result.misses if m.rule == "any"]

    assert tally.recall >= MIN_RECALL, misses
    assert tally.precision >= MIN_PRECISION, misses
    assert result.family_accuracy >= MIN_FAMILY_ACCURACY, [m for m in result.misses if m.rule != "any"]
