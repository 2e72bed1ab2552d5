"""How well the compliance checker's error rules do on a labelled corpus of seller replies.

    python -m bench.compliance --part PART [--markdown] [--learned warn|block|off]

    PART: holdout|holdout26|holdout27|holdout28|development|development2|...|development25|corpus

`development` and `holdout` are the two parts of the corpus written from the policy alone
(tests/data/messages_{part}.jsonl); `development2` to `development25` are a second to a
twenty-fifth such corpus (the sixth to twenty-fifth by two writers each), each a holdout until
its score was recorded; `holdout26` to `holdout28` are a twenty-sixth to a twenty-eighth, by two
more writers each; `corpus` is the older one written together with the rules
(tests/data/messages.jsonl). `--learned` is what the learned second opinion (learned.py) does,
as a seller's policy sets it: `warn` (the default) reports a line for the messages flagged by an
error or a learned warning beside the blocking figures. A message breaks a rule when its
`expect` is non-empty and is flagged when any error finding fires. The figures: message-level
recall and precision, the same per language, per-rule precision and recall, and the family
accuracy (the share of error findings on violating messages whose rule is one the message is
labelled with).

A holdout part prints aggregates only, never a message's id or text: a rule changed while
looking at a holdout miss would make the holdout figures mean nothing."""

import argparse
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from services.core.domain.compliance import ERROR_RULES, CheckOptions, check_message
from services.core.domain.compliance.findings import Finding, LearnedCheck
from services.core.domain.compliance.learned import Model

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
PARTS = {
    "development": DATA / "messages_development.jsonl",
    "holdout": DATA / "messages_holdout.jsonl",
    # A second corpus, written later by another writer from the policy alone: a holdout until
    # its score was recorded in docs/COMPLIANCE.md, development material since.
    "development2": DATA / "messages_development2.jsonl",
    # A third corpus, by a third writer who saw only the policy: a holdout until its score on
    # the rules of round two was recorded in docs/COMPLIANCE.md, development material since.
    "development3": DATA / "messages_development3.jsonl",
    # A fourth corpus, by a fourth writer who saw only the policy: a holdout until its score on
    # the rules of round three was recorded in docs/COMPLIANCE.md, development material since.
    "development4": DATA / "messages_development4.jsonl",
    # A fifth corpus, by a fifth writer who saw only the policy: a holdout until its score on
    # the rules of round four was recorded in docs/COMPLIANCE.md, development material since.
    "development5": DATA / "messages_development5.jsonl",
    # A sixth corpus, by two more writers who saw only the policy: a holdout until its score on
    # the rules and model of round five was recorded in docs/COMPLIANCE.md.
    "development6": DATA / "messages_development6.jsonl",
    # A seventh corpus, by two more writers who saw only the policy: a holdout until its score on
    # the rules and model of round six was recorded in docs/COMPLIANCE.md.
    "development7": DATA / "messages_development7.jsonl",
    # An eighth corpus, by two more writers who saw only the policy: a holdout until its score on
    # the rules and model of round seven was recorded in docs/COMPLIANCE.md.
    "development8": DATA / "messages_development8.jsonl",
    # A ninth corpus, by two more writers who saw only the policy: a holdout until its score on
    # the rules and model of round eight was recorded in docs/COMPLIANCE.md.
    "development9": DATA / "messages_development9.jsonl",
    # A tenth corpus, by two more writers who saw only the policy: a holdout until its score on
    # the rules and model of round nine was recorded in docs/COMPLIANCE.md.
    "development10": DATA / "messages_development10.jsonl",
    # An eleventh corpus, by two more writers who saw only the policy: a holdout until its score
    # on the rules and model of round ten was recorded in docs/COMPLIANCE.md.
    "development11": DATA / "messages_development11.jsonl",
    # A twelfth corpus, by two more writers who saw only the policy: a holdout until its score
    # on the rules and model of round eleven was recorded in docs/COMPLIANCE.md.
    "development12": DATA / "messages_development12.jsonl",
    # A thirteenth corpus, by two more writers who saw only the policy: a holdout until its
    # score on the rules and model of round twelve was recorded in docs/COMPLIANCE.md.
    "development13": DATA / "messages_development13.jsonl",
    # A fourteenth corpus, by two more writers who saw only the policy: a holdout until its
    # score on the rules and model of round thirteen was recorded in docs/COMPLIANCE.md.
    "development14": DATA / "messages_development14.jsonl",
    # A fifteenth and a sixteenth corpus, by two more writers each who saw only the policy:
    # holdouts until their scores on the rules and model of round fourteen were recorded in
    # docs/COMPLIANCE.md.
    "development15": DATA / "messages_development15.jsonl",
    "development16": DATA / "messages_development16.jsonl",
    # A seventeenth and an eighteenth corpus, by two more writers each who saw only the policy:
    # holdouts until their scores on the rules and model of round fifteen were recorded in
    # docs/COMPLIANCE.md.
    "development17": DATA / "messages_development17.jsonl",
    "development18": DATA / "messages_development18.jsonl",
    # A nineteenth corpus, by two more writers who saw only the policy: a holdout until its score
    # on the rules and model of round sixteen was recorded in docs/COMPLIANCE.md.
    "development19": DATA / "messages_development19.jsonl",
    # A twentieth corpus, by two more writers who saw only the policy: a holdout until its score
    # on the rules and model of round seventeen was recorded in docs/COMPLIANCE.md.
    "development20": DATA / "messages_development20.jsonl",
    # A twenty-first corpus, by two more writers who saw only the policy: a holdout until its
    # score on the rules and model of round eighteen was recorded in docs/COMPLIANCE.md.
    "development21": DATA / "messages_development21.jsonl",
    # A twenty-second corpus, by two more writers who saw only the policy: a holdout until its
    # score on the rules and model of round nineteen was recorded in docs/COMPLIANCE.md.
    "development22": DATA / "messages_development22.jsonl",
    # A twenty-third corpus, by two more writers who saw only the policy: a holdout until its
    # score on the rules and model of round twenty was recorded in docs/COMPLIANCE.md.
    "development23": DATA / "messages_development23.jsonl",
    # A twenty-fourth corpus, by two more writers who saw only the policy: a holdout until its
    # score on the rules and model of round twenty-one was recorded in docs/COMPLIANCE.md.
    "development24": DATA / "messages_development24.jsonl",
    # A twenty-fifth corpus, by two more writers who saw only the policy: a holdout until its
    # score on the rules and model of round twenty-two was recorded in docs/COMPLIANCE.md.
    "development25": DATA / "messages_development25.jsonl",
    # A twenty-sixth corpus, by two more writers who saw only the policy, to be scored once on
    # the rules of round twenty-three and the model trained with them.
    "holdout26": DATA / "messages_holdout26.jsonl",
    # A twenty-seventh corpus, by two more writers who saw only the policy, to be scored once on
    # the same code as the twenty-sixth.
    "holdout27": DATA / "messages_holdout27.jsonl",
    # A twenty-eighth, by two more writers who saw only the policy, scored once on the same code.
    "holdout28": DATA / "messages_holdout28.jsonl",
    "corpus": DATA / "messages.jsonl",
}
# The targets, on the holdout part, for every language with at least 40 messages.
TARGET_RECALL = 0.95
TARGET_PRECISION = 0.97
TARGET_FAMILY = 0.90
MIN_LANGUAGE_MESSAGES = 40


@dataclass
class Tally:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    messages: int = 0

    @property
    def precision(self) -> float:
        flagged = self.true_positives + self.false_positives
        return self.true_positives / flagged if flagged else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 1.0

    def add(self, expected: bool, fired: bool) -> None:
        self.true_positives += expected and fired
        self.false_positives += fired and not expected
        self.false_negatives += expected and not fired


@dataclass(frozen=True)
class Miss:
    """A message the checker got wrong for one rule, or at message level (rule "any")."""

    id: str
    rule: str
    kind: str  # "missed" or "false alarm"
    family: str  # the label's sub-family, for a missed rule


@dataclass
class Score:
    messages: Tally = field(default_factory=Tally)
    flagged: Tally = field(default_factory=Tally)  # an error or a learned warning
    rules: dict[str, Tally] = field(default_factory=lambda: {rule: Tally() for rule in ERROR_RULES})
    languages: dict[str, Tally] = field(default_factory=dict)
    right_family: int = 0
    findings_on_violations: int = 0
    misses: list[Miss] = field(default_factory=list)

    @property
    def family_accuracy(self) -> float:
        return self.right_family / self.findings_on_violations if self.findings_on_violations else 1.0


def load(part: str) -> list[dict]:
    with PARTS[part].open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def findings_of(message: dict, model: Model | None = None, learned: LearnedCheck = "block") -> list[Finding]:
    """The checker's findings on the message; `model` as check_message takes it (the shipped
    one unless given)."""
    options = CheckOptions(
        allowed_domains=tuple(message["allowed_domains"]),
        expects_choice=bool(message["expects_choice"]),
        learned=learned,
    )
    return check_message(
        message["subject"], message["body"], message["marketplace"], message["language"], options, model
    )


def score(messages: Iterable[dict], model: Model | None = None, learned: LearnedCheck = "block") -> Score:
    result = Score()
    for message in messages:
        findings = findings_of(message, model, learned)
        fired = [f.rule for f in findings if f.severity == "error"]
        expected = set(message["expect"])
        result.flagged.add(bool(expected), any(f.rule in ERROR_RULES for f in findings))
        language = result.languages.setdefault(message["language"], Tally())
        for tally in (result.messages, language):
            tally.messages += 1
            tally.add(bool(expected), bool(fired))
        if bool(expected) != bool(fired):
            kind = "missed" if expected else "false alarm"
            result.misses.append(Miss(message["id"], "any", kind, ""))
        for rule, tally in result.rules.items():
            tally.add(rule in expected, rule in fired)
            if (rule in expected) != (rule in fired):
                family = message.get("families", {}).get(rule, "")
                kind = "missed" if rule in expected else "false alarm"
                result.misses.append(Miss(message["id"], rule, kind, family))
        if expected:
            result.findings_on_violations += len(fired)
            result.right_family += sum(rule in expected for rule in fired)
    return result


def _row(cells: list[str], markdown: bool, widths: list[int]) -> str:
    if markdown:
        return "| " + " | ".join(cells) + " |"
    return "".join(
        cell.rjust(width) if i else cell.ljust(width)
        for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
    )


def _table(header: list[str], rows: list[list[str]], markdown: bool) -> str:
    widths = [max(len(r[i]) for r in [header, *rows]) + 2 for i in range(len(header))]
    lines = [_row(header, markdown, widths)]
    if markdown:
        lines.append("|" + "|".join("---" if i == 0 else "---:" for i in range(len(header))) + "|")
    lines += [_row(row, markdown, widths) for row in rows]
    return "\n".join(lines)


def _figures(name: str, tally: Tally, counted: bool = True) -> list[str]:
    return [
        name,
        *([str(tally.messages)] if counted else []),
        str(tally.true_positives),
        str(tally.false_positives),
        str(tally.false_negatives),
        f"{tally.recall:.3f}",
        f"{tally.precision:.3f}",
    ]


def report(part: str, result: Score, markdown: bool) -> str:
    header = ["", "messages", "TP", "FP", "FN", "recall", "precision"]
    overall = _table(header, [_figures("all messages", result.messages)], markdown)
    counts = ("true_positives", "false_positives", "false_negatives")
    if any(getattr(result.flagged, n) != getattr(result.messages, n) for n in counts):
        flagged = _figures("flagged (an error or a learned warning)", result.flagged, counted=False)
        overall += "\n\n" + _table(header[:1] + header[2:], [flagged], markdown)
    languages = _table(
        ["language", *header[1:]],
        [_figures(code, tally) for code, tally in sorted(result.languages.items())],
        markdown,
    )
    rules = _table(
        ["rule", *header[2:]], [_figures(r, t, counted=False) for r, t in result.rules.items()], markdown
    )
    family = (
        f"family accuracy: {result.right_family} of {result.findings_on_violations} error findings on "
        f"violating messages name a labelled rule = {result.family_accuracy:.3f}"
    )
    sections = [
        f"{part}: {result.messages.messages} messages",
        "Message level (a violating message is caught when any error finding fires)",
        overall,
        "Per language",
        languages,
        "Per rule",
        rules,
        family,
        _verdict(result),
    ]
    if not part.startswith("holdout"):
        misses = (f"{m.id:<12}{m.rule:<16}{m.kind:<13}{m.family}" for m in result.misses)
        sections += ["Misses", "\n".join(misses) or "none"]
    return "\n\n".join(sections)


def _verdict(result: Score) -> str:
    judged = {c: t for c, t in result.languages.items() if t.messages >= MIN_LANGUAGE_MESSAGES}
    failing = sorted(
        code
        for code, tally in judged.items()
        if tally.recall < TARGET_RECALL or tally.precision < TARGET_PRECISION
    )
    return (
        f"targets (recall >= {TARGET_RECALL}, precision >= {TARGET_PRECISION} per language with "
        f">= {MIN_LANGUAGE_MESSAGES} messages, family accuracy >= {TARGET_FAMILY}): "
        f"languages judged {len(judged)}, below target {failing or 'none'}, "
        f"family {'met' if result.family_accuracy >= TARGET_FAMILY else 'not met'}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--part", choices=sorted(PARTS), default="development")
    parser.add_argument("--markdown", action="store_true", help="tables as Markdown, for docs/COMPLIANCE.md")
    parser.add_argument(
        "--learned", choices=["warn", "block", "off"], default="warn", help="as a policy sets it"
    )
    arguments = parser.parse_args()
    result = score(load(arguments.part), learned=arguments.learned)
    print(report(arguments.part, result, arguments.markdown))


if __name__ == "__main__":
    main()
