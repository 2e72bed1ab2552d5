"""The text the rules read: the message with the disguises sellers use to slip a name or an
address past a filter taken off, and a map back to the characters as written.

- Full-width Latin letters, digits and the signs of an address ("ＰａｙＰａｌ", "ｗｗｗ．") read as
  their ASCII forms; full-width punctuation that ends a Chinese or Japanese sentence stays.
- Cyrillic and Greek letters that look like Latin ones read as Latin inside a word written in
  Latin letters ("ebаy" with a Cyrillic а); a word wholly in another script is left alone.
- Invisible characters (zero-width spaces and joiners, soft hyphens, the parts of keycap
  emoji such as 0️⃣) are dropped.
- A name spelled out letter by letter ("P a y P a l", "e.b.a.y") reads as one word, a
  letter O written for a zero next to digits ("O176 ...") reads as 0, and a letter l or I
  written for a one between digits or beside two ("4l5-823-447l") reads as 1.

Every rule runs on the folded text; a span found there is mapped back, so a finding's offsets
and excerpt are those of the message as written."""

import re
from dataclasses import dataclass

from services.core.domain.compliance.text import Span

_INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff\ufe0f\u20e3")
# Four or more single letters, each one apart from the next by one space, dot, hyphen,
# underscore or star: "w w w" (three) stays, so does "U.S.A.".
_LETTER_O_FOR_ZERO = re.compile(r"(?<![A-Za-z])[Oo](?=\d)|(?<=\d)[Oo](?![A-Za-z])")
_LETTER_L_FOR_ONE = re.compile(r"(?<![A-Za-z])[lI](?=\d{2})|(?<=\d{2})[lI](?![A-Za-z])|(?<=\d)[lI](?=\d)")
_LETTER_BY_LETTER = re.compile(r"(?<![A-Za-z0-9])[A-Za-z](?:[ .\-_*][A-Za-z](?![A-Za-z0-9])){3,}")
# A domain's ending spelled out after its dot: "(dot) c o m", "[punto] i t", "(point) f r".
_SPACED_ENDING = re.compile(
    r"(?:(?<=[.)\]）］] )|(?<=dot )|(?<=point )|(?<=punto )|(?<=punkt ))[A-Za-z](?: [A-Za-z]){1,2}(?![A-Za-z0-9])",
    re.IGNORECASE,
)
# Full-width forms of the characters that make up names, numbers, links and addresses.
_FULL_WIDTH = {
    chr(code): chr(code - 0xFEE0)
    for code in [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)]
} | {"＠": "@", "．": ".", "－": "-", "＿": "_", "／": "/", "＋": "+", "％": "%", "‐": "-", "‑": "-"}
_LOOKALIKES = dict(
    zip(
        "аеорсухіјѕԁһԛԝАВЕКМНОРСТХІЈЅοανικτρυχΑΒΕΖΗΙΚΜΝΟΡΤΥΧ",
        "aeopcyxijsdhqwABEKMHOPCTXIJSoaviktpuxABEZHIKMNOPTYX",
        strict=True,
    )
)


@dataclass(frozen=True)
class Folded:
    """The folded text and, for each of its characters, the offset it came from; one more
    entry maps the end of the text."""

    text: str
    origin: tuple[int, ...]

    def original(self, span: Span) -> Span:
        if span.end == span.start:
            return Span(self.origin[span.start], self.origin[span.start])
        return Span(self.origin[span.start], self.origin[span.end - 1] + 1)


def fold(text: str) -> Folded:
    characters: list[str] = []
    origin: list[int] = []
    for index, character in enumerate(text):
        if character in _INVISIBLE:
            continue
        if character in _LOOKALIKES and _beside_latin(text, index):
            character = _LOOKALIKES[character]
        characters.append(_FULL_WIDTH.get(character, character))
        origin.append(index)
    origin.append(len(text))
    return _joined_letters("".join(characters), origin)


# A key the writer gives to read a disguised address or number by: "🌀 = arroba", "⚫ → dot",
# "(l = 1, O = 0, S = 5)". Each symbol then reads as what the key says, a letter only between
# digits. One character for one, so offsets hold.
_SYMBOL_KEY = re.compile(
    r"(?P<symbol>[^\w\s()（）=→:：,，、/.-])\s*(?:=|→|->|:|：|＝|は|就是)\s*"
    r"(?P<meaning>arroba|arobase|chiocciola|at|ät|@|アット|艾特|dot|punto|point|punkt|ドット|点|\.)(?!\w)",
    re.IGNORECASE,
)
_LETTER_KEY = re.compile(
    r"(?<![A-Za-z])(?P<letter>[A-Za-z])\s*=\s*(?P<digit>\d)(?!\d)"
    r"|(?<![A-Za-z])(?P<letter2>[A-Za-z])\s*=\s*(?P<word>zero|zéro|cero|null|one|un|uno|eins|five|cinq|cinco|cinque|fünf)\b",
    re.IGNORECASE,
)
_KEY_WORDS = {
    **dict.fromkeys(("zero", "zéro", "cero", "null"), "0"),
    **dict.fromkeys(("one", "un", "uno", "eins"), "1"),
    **dict.fromkeys(("five", "cinq", "cinco", "cinque", "fünf"), "5"),
}
_AT_MEANINGS = frozenset({"arroba", "arobase", "chiocciola", "at", "ät", "@", "アット", "艾特"})


def _keyed(text: str) -> str:
    """The text with each keyed symbol read as its key says."""
    symbols = {
        m["symbol"]: "@" if m["meaning"].lower() in _AT_MEANINGS else "." for m in _SYMBOL_KEY.finditer(text)
    }
    letters = {
        (m["letter"] or m["letter2"]): m["digit"] or _KEY_WORDS[m["word"].lower()]
        for m in _LETTER_KEY.finditer(text)
    }
    if not symbols and not letters:
        return text
    characters = list(text)
    for index, character in enumerate(characters):
        if character in symbols:
            characters[index] = symbols[character]
        elif character in letters and _between_digits(text, index, letters):
            characters[index] = letters[character]
    return "".join(characters)


def _between_digits(text: str, index: int, letters: dict[str, str]) -> bool:
    """Digits, or letters the key also reads as digits, on both sides: "+32 4 7O l2 34 S6"."""
    before = text[:index].rstrip(" -–")[-1:]
    after = text[index + 1 :].lstrip(" -–")[:1]
    return (before.isdigit() or before == "+" or before in letters) and (after.isdigit() or after in letters)


def _joined_letters(text: str, origin: list[int]) -> Folded:
    text = _LETTER_L_FOR_ONE.sub("1", _LETTER_O_FOR_ZERO.sub("0", _keyed(text)))
    keep = [True] * len(text)
    for run in [*_LETTER_BY_LETTER.finditer(text), *_SPACED_ENDING.finditer(text)]:
        for index in range(run.start() + 1, run.end(), 2):
            keep[index] = False
    kept = [index for index in range(len(text)) if keep[index]]
    return Folded("".join(text[i] for i in kept), tuple([origin[i] for i in kept] + [origin[-1]]))


def _beside_latin(text: str, index: int) -> bool:
    """Whether the nearest letter on either side, past other lookalikes and invisible
    characters, is a Latin one: the lookalike then sits inside a Latin word."""
    for step in (-1, 1):
        position = index + step
        while 0 <= position < len(text) and (text[position] in _LOOKALIKES or text[position] in _INVISIBLE):
            position += step
        if 0 <= position < len(text) and _is_latin_letter(_FULL_WIDTH.get(text[position], text[position])):
            return True
    return False


def _is_latin_letter(character: str) -> bool:
    return character.isalpha() and (character.isascii() or "\u00c0" <= character <= "\u024f")
