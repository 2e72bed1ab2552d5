"""The text the rules read: the message with the disguises sellers use to slip a name or an
address past a filter taken off, and a map back to the characters as written.

- Full-width Latin letters, digits and the signs of an address ("ＰａｙＰａｌ", "ｗｗｗ．") read as
  their ASCII forms; full-width punctuation that ends a Chinese or Japanese sentence stays.
- Cyrillic and Greek letters that look like Latin ones read as Latin inside a word written in
  Latin letters ("ebаy" with a Cyrillic а); a word wholly in another script is left alone.
- Invisible characters (zero-width spaces and joiners, soft hyphens, the parts of keycap
  emoji such as 0️⃣) are dropped.
- Markup pasted from a mail client or a CRM reads as the text it stands for: an HTML entity as
  its character ("vip&#64;shop.co"), a no-break space as a space, a paragraph or line tag as a
  line break, a bold or span tag as nothing; a word broken across lines by a hyphen ("Bewer-
  tung") or by a soft line break between Chinese or Japanese characters reads whole.
- A name spelled out letter by letter ("P a y P a l", "e.b.a.y") reads as one word, a
  letter O written for a zero next to digits ("O176 ...") reads as 0, and a letter l or I
  written for a one between digits or beside two ("4l5-823-447l") reads as 1.

Every rule runs on the folded text; a span found there is mapped back, so a finding's offsets
and excerpt are those of the message as written."""

import html
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
    plain, plain_origin = _unmarked(text)
    characters: list[str] = []
    origin: list[int] = []
    for index, character in enumerate(plain):
        if character in _INVISIBLE:
            continue
        if character in _LOOKALIKES and _beside_latin(plain, index):
            character = _LOOKALIKES[character]
        characters.append(_FULL_WIDTH.get(character, character))
        origin.append(plain_origin[index])
    origin.append(len(text))
    return _joined_letters("".join(characters), origin)


_ENTITY = r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z]{2,8});"
_BLOCK_TAG = r"</?(?:p|br|div|li|ul|ol|tr|td|h[1-6])\b[^<>]{0,80}>"
_INLINE_TAG = r"</?(?:b|i|u|strong|em|span|font|small)\b[^<>]{0,80}>"
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
# a word broken at the end of a line of 20 characters or more: "Bewer-\ntung", "削\n除"
_BROKEN_WORD = rf"(?<=[a-zäöüßéèàùçñ])-\n(?=[a-zäöüßéèàùçñ])|(?<=[{_CJK}])\n(?=[{_CJK}])"
_MARKUP = re.compile(
    f"(?P<entity>{_ENTITY})|(?P<block>{_BLOCK_TAG})|(?P<inline>{_INLINE_TAG})|(?P<broken>{_BROKEN_WORD})",
    re.I,
)
_SPACES = {"\u00a0": " ", "\u202f": " ", "\u2007": " "}


def _unmarked(text: str) -> tuple[str, list[int]]:
    """The text with its markup read (each character mapped to where it was written)."""
    characters: list[str] = []
    origin: list[int] = []
    last = 0
    for m in _MARKUP.finditer(text):
        replacement = _read(m)
        # a short line ends where the writer ended it: "件名: A-z申請の件\n山本様", "warranty-\nkitchenpro"
        short_line = m["broken"] and m.start() - text.rfind("\n", 0, m.start()) <= 20
        if replacement is None or short_line:
            continue
        characters += text[last : m.start()]
        origin += range(last, m.start())
        characters += replacement
        origin += [m.start()] * len(replacement)
        last = m.end()
    characters += text[last:]
    origin += range(last, len(text))
    return "".join(_SPACES.get(c, c) for c in characters), origin


def _read(m: re.Match[str]) -> str | None:
    if m["entity"]:
        character = html.unescape(m.group())
        return character if len(character) == 1 else None
    if m["block"]:
        return "\n"
    return ""


# A key the writer gives to read a disguised address or number by: "🌀 = arroba", "⚫ → dot",
# "(l = 1, O = 0, S = 5)". Each symbol then reads as what the key says, a letter only between
# digits. One character for one, so offsets hold.
_SYMBOL_KEY = re.compile(
    r"(?P<symbol>[^\w\s()（）=→:：,，、/.-])\s*(?:=|→|->|:|：|＝|は|就是)\s*"
    r"(?P<meaning>arroba|arobase|chiocciola|at|ät|@|アット|艾特|dot|punto|point|punkt|ドット|点|\.)(?!\w)",
    re.IGNORECASE,
)
# the same key said as an instruction: "replace # with @", "把＃换成@"
_REPLACE_KEY = re.compile(
    r"(?:replace|swap|change)\s+(?:the\s+)?['\"“]?(?P<symbol>[^\w\s])['\"”]?\s+(?:with|for|by|to)\s+['\"“]?(?P<meaning>@|at|dot|\.)"
    r"|把\s*(?P<symbol2>[^\w\s])\s*(?:换成|改成|替换成|替换为)\s*(?P<meaning2>@|点|\.)"
    r"|(?P<symbol3>[^\w\s])\s*を\s*(?P<meaning3>@|アット|ドット|\.)\s*に(?:変えて|置き換えて|替えて|して)",
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
    } | {
        (m["symbol"] or m["symbol2"] or m["symbol3"]): "@"
        if (m["meaning"] or m["meaning2"] or m["meaning3"]).lower() in _AT_MEANINGS
        else "."
        for m in _REPLACE_KEY.finditer(text)
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
