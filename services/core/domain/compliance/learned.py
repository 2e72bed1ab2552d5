"""A learned second opinion for the three rules that judge intent (marketing, inducement,
review_request): a linear model over the message's character n-grams and the detectors' cues,
trained on the labelled development corpora by `bench/train_compliance.py` and shipped as
`learned_model.txt` (docs/COMPLIANCE.md, "Round five").

Phrase rules and detectors need the words a writer will use; five writers showed that each new
one escapes a quarter to a half of the trades, asks and promotions. The model weighs many weak
cues at once (a rating word near a wish, a value near a condition, a shop's name near a new
line), so it reaches wordings no rule lists. It reads only the replies the rules pass, never
instead of them, and a finding of its own names the sentence that scores highest for its rule."""

import itertools
import json
import math
import re
from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from services.core.domain.compliance import disclaimers, intent, promotion, trades
from services.core.domain.compliance.findings import Rule
from services.core.domain.compliance.text import Span

# A first line of JSON (rules, bias, threshold, the corpora trained on), then a line per
# feature: its weights for each rule, a tab, its name. Read line by line, the model takes
# about 7 MB in a process; parsed as one JSON document, the parse alone left 30 MB behind.
MODEL_PATH = Path(__file__).with_name("learned_model.txt")
LEARNED_RULES: tuple[Rule, ...] = ("marketing", "inducement", "review_request")

# The detectors' cues (intent.py, trades.py, promotion.py), read one by one instead of in the
# fixed combinations the rules demand.
CUES: dict[str, re.Pattern[str]] = {
    "rating": intent.RATING,
    "good": intent.GOOD,
    "change": intent.CHANGE,
    "say": intent.SAY,
    "address": intent.ADDRESS,
    "negated": disclaimers.NEGATED,
    "neutral": disclaimers.NEUTRAL,
    "thanks": intent.THANKED,
    "amazon_closes": intent.AMAZON_CLOSES,
    "not_needed": disclaimers.NOT_NEEDED,
    "value": trades.VALUE,
    "condition": trades.CONDITION,
    "claim": trades.CLAIM,
    "withdrawn": trades.WITHDRAWN,
    "written": trades.WRITTEN,
    "either_way": trades.EITHER_WAY,
    "given": trades.GIVEN,
    "promotion": promotion.PROMOTION,
    "channel": promotion.CHANNEL,
    "find_us": promotion.FIND_US,
    "standalone": promotion.STANDALONE,
    "remedy": promotion.REMEDY,
    "question": re.compile(r"[?？]"),
}
_CUE_WEIGHT = 0.3  # the cues beside the n-grams, as chosen by leave-one-writer-out scoring
_NGRAMS = range(2, 6)
# A one-word reply has a handful of n-grams; scaled to unit length each would weigh as much as
# a whole sentence's, so a short text is scaled as if it had this many.
_FEW_GRAMS = 120


def learned_text(subject: str, body: str) -> str:
    """The one text the model reads for a message: its folded subject and body."""
    return f"{subject}\n{body}"


def features(text: str) -> dict[str, float]:
    """The model's input for a folded text: each character n-gram (2 to 5, within a word, as
    one feature, the set scaled to unit length, or less for a short text), and each cue, pair
    and triple of cues that hold in one sentence."""
    grams = _ngrams(text.lower())
    scale = 1 / math.sqrt(max(len(grams), _FEW_GRAMS))
    found = dict.fromkeys(grams, scale)
    for part in intent.sentences_of(text):
        on = sorted(name for name, cue in CUES.items() if cue.search(text, part.start, part.end))
        for size in (1, 2, 3):
            for combination in itertools.combinations(on, size):
                found["cue:" + "&".join(combination)] = _CUE_WEIGHT
    return found


def _ngrams(text: str) -> set[str]:
    grams: set[str] = set()
    for word in text.split():
        padded = f" {word} "
        for n in _NGRAMS:
            grams.update(padded[i : i + n] for i in range(len(padded) - n + 1))
    return grams


@dataclass(frozen=True)
class Model:
    """One logistic model per rule over the same features: where each feature's row of weights
    (one per rule) starts in `weights`, a bias per rule, and the score (log-odds) above which
    the rule is found."""

    rules: tuple[Rule, ...]
    rows: dict[str, int]
    weights: "array[float]"
    bias: tuple[float, ...]
    threshold: tuple[float, ...]

    @classmethod
    def of(
        cls,
        rules: tuple[Rule, ...],
        rows: Iterable[tuple[str, Iterable[float]]],
        bias: tuple[float, ...],
        threshold: tuple[float, ...],
    ) -> "Model":
        starts: dict[str, int] = {}
        weights = array("d")
        for name, row_weights in rows:
            starts[name] = len(weights)
            weights.extend(row_weights)
        return cls(rules, starts, weights, bias, threshold)

    def weights_of(self, name: str) -> tuple[float, ...]:
        start = self.rows[name]
        return tuple(self.weights[start : start + len(self.rules)])

    def scores(self, found: dict[str, float]) -> list[float]:
        totals = list(self.bias)
        width = range(len(self.rules))
        weights = self.weights
        for name, value in found.items():
            start = self.rows.get(name)
            if start is not None:
                for i in width:
                    totals[i] += weights[start + i] * value
        return totals


NO_MODEL = Model((), {}, array("d"), (), ())


@cache
def shipped() -> Model:
    """The model in learned_model.txt, read once per process."""
    with MODEL_PATH.open(encoding="utf-8", newline="\n") as lines:
        head = json.loads(lines.readline())
        rows = (_row(line) for line in lines)
        return Model.of(tuple(head["rules"]), rows, tuple(head["bias"]), tuple(head["threshold"]))


def _row(line: str) -> tuple[str, list[float]]:
    weights, name = line.rstrip("\n").split("\t", 1)
    return name, [float(weight) for weight in weights.split()]


def learned_spans(text: str, trained: Model) -> dict[Rule, Span]:
    """For each rule the model finds in the folded text, the sentence that scores highest."""
    if not trained.rules or not text.strip():
        return {}
    scores = trained.scores(features(text))
    passed = [i for i, rule in enumerate(trained.rules) if scores[i] > trained.threshold[i]]
    if not passed:
        return {}
    parts = intent.sentences_of(text)
    by_part = [trained.scores(features(text[p.start : p.end])) for p in parts]
    return {trained.rules[i]: parts[max(range(len(parts)), key=lambda k: by_part[k][i])] for i in passed}
