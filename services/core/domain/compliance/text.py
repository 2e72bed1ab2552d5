"""Text helpers shared by the rules: spans, sentences and phrase patterns."""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from services.core.domain.compliance.typed import leniently_typed

NEVER = re.compile(r"(?!)")

# Word boundaries for languages written with spaces. Chinese and Japanese characters do not
# count as word characters, so "用PayPal付款" still has PayPal as a whole word.
_LETTER_OR_DIGIT = r"0-9A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff"
WORD_START = rf"(?<![{_LETTER_OR_DIGIT}])"
WORD_END = rf"(?![{_LETTER_OR_DIGIT}])"


@dataclass(frozen=True)
class Span:
    start: int
    end: int

    def overlaps(self, other: "Span") -> bool:
        return self.start < other.end and other.start < self.end


def overlaps_any(span: Span, others: Iterable[Span]) -> bool:
    return any(span.overlaps(other) for other in others)


def inside_any(span: Span, others: Iterable[Span]) -> bool:
    return any(other.start <= span.start and span.end <= other.end for other in others)


def without_overlaps(spans: Iterable[Span]) -> list[Span]:
    """Keep the earliest of overlapping spans (the longest when they start together)."""
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if not kept or span.start >= kept[-1].end:
            kept.append(span)
    return kept


def spans_of(pattern: re.Pattern[str], text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Non-empty matches of the pattern in text[start:end]."""
    stop = len(text) if end is None else end
    matches = pattern.finditer(text, start, stop)
    return [Span(m.start(), m.end()) for m in matches if m.end() > m.start()]


def phrase_source(fragments: Sequence[str], spaced: bool) -> str:
    """A regex for any of the fragments. A space in a fragment stands for any run of
    whitespace (" ?" for an optional one) and an apostrophe for either apostrophe; in
    languages written with spaces the phrase must stand as whole words, in Chinese and
    Japanese it may sit anywhere."""
    if not fragments:
        return NEVER.pattern
    alternation = "|".join(
        fragment.replace(" ?", r"\s*").replace(" ", r"\s+").replace("'", "['’]") for fragment in fragments
    )
    return f"{WORD_START}(?:{alternation}){WORD_END}" if spaced else f"(?:{alternation})"


def any_of(sources: Iterable[str]) -> re.Pattern[str]:
    """One case-insensitive pattern matching any of the sources; never matches if none."""
    present = [source for source in sources if source != NEVER.pattern]
    if not present:
        return NEVER
    return re.compile(leniently_typed("|".join(f"(?:{source})" for source in present)), re.IGNORECASE)


# A sentence ends at ., ! or ? followed by a space, at CJK full stops, or at a line break;
# a dot inside 25.99 or amazon.de does not end one, nor does a spaced one ("shop . de") or
# the dot of an abbreviation ("ggf.", "e.g.", "Sig.").
# An ideographic full stop between Latin letters is a dot typed in a domain ("www。shop。co。uk").
_SENTENCE_END = re.compile(r"(?<!\s)[.!?…]+(?=\s|$)|(?<![A-Za-z0-9])[。！？]+|[。！？]+(?![A-Za-z0-9])|\n")
_ABBREVIATION = re.compile(
    r"(?<![^\W\d_])(?:ggf|evtl|bzw|ca|nr|usw|vgl|z\.b|u\.a|etc|approx|e\.g|i\.e|vs|mr|mrs|ms|dr|st|sr|sra|srta"
    r"|sig|sig\.ra|dott|avv|mme|mlle|env|p\.ex|n[º°]|tel|art|inkl|zzgl|rs)\.$",
    re.IGNORECASE,
)


def sentences(text: str) -> list[Span]:
    """The sentences of the text, without surrounding whitespace."""
    result: list[Span] = []
    begin = 0
    for boundary in _SENTENCE_END.finditer(text):
        if boundary.group() == "." and _ABBREVIATION.search(
            text, max(0, boundary.start() - 8), boundary.end()
        ):
            continue
        result.extend(_stripped(text, begin, boundary.end()))
        begin = boundary.end()
    result.extend(_stripped(text, begin, len(text)))
    return result


def _stripped(text: str, start: int, end: int) -> list[Span]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return [Span(start, end)] if end > start else []


_CLAUSE_BREAK = re.compile(r"[,;:，；：、]|\s(?:or|oder|ou|o|oppure|或者?)\s|或", re.IGNORECASE)


def clause_around(text: str, sentence: Span, span: Span) -> tuple[int, int]:
    """The start and end of the clause of the sentence that holds the span: commas, colons,
    semicolons and "or" in the seven languages end a clause."""
    breaks = list(_CLAUSE_BREAK.finditer(text, sentence.start, sentence.end))
    start = max((m.end() for m in breaks if m.end() <= span.start), default=sentence.start)
    end = min((m.start() for m in breaks if m.start() >= span.end), default=sentence.end)
    return start, end


# A line that is an item of a list: a bullet, an arrow, a number, a circled number, a keycap.
_ITEM = re.compile(r"[ \t]*(?:[-*•➤▶►■□◆◇●○※→✓✔☑]|\d{1,2}[.)](?!\d)|[①-⑳]|\d\ufe0f?\u20e3)")
NUMBERED = re.compile(r"^[ \t]*(?:\d{1,2}[.)](?!\d)|[①-⑳]|\d\ufe0f?\u20e3)", re.MULTILINE)


def list_blocks(text: str) -> list[Span]:
    """Runs of two or more list items on consecutive lines, with the line just before them."""
    blocks: list[Span] = []
    lines = [(m.start(), m.end()) for m in re.finditer(r"^.*$", text, re.MULTILINE)]
    run: list[int] = []
    for index, (start, end) in enumerate([*lines, (len(text), len(text))]):
        if index < len(lines) and _ITEM.match(text, start) and end > start:
            run.append(index)
            continue
        if len(run) >= 2:
            first = run[0] - 1 if run[0] > 0 and lines[run[0] - 1][1] > lines[run[0] - 1][0] else run[0]
            blocks.append(Span(lines[first][0], lines[run[-1]][1]))
        run = []
    return blocks


def words(*alternatives: str) -> str:
    """A regex for any of the alternatives, each a regex written out in one language or kind."""
    return "|".join(alternatives)


# A reply's prefix on a subject or a first line: "Re:", "AW:", "回复：".
REPLY_PREFIX = re.compile(
    r"\s*(?:re|aw|wg|r|rv|ref|antw|tr)\s*[:：]|\s*(?:回复|回覆|答复)\s*[:：]?", re.IGNORECASE
)
