"""Phone numbers written out in words, in every language we check: "oh-two-oh, seven nine
four ...", "null-eins-sieben-sechs ...", "zéro six, douze, trente-quatre ...", "tre-tre-nove
87 sei-cinque 4321", "九一二三，四五六七". A run of number words and digit groups that spells
at least eight digits with at least two words (one after an international prefix, "+971
fifty 555 12 34") is a phone number: quantities, times and prices written in words never run
that long."""

import re
from collections.abc import Iterable

from services.core.domain.compliance.text import WORD_END, WORD_START, Span

MIN_DIGITS = 8
MIN_WORDS = 2

_UNITS = {
    "en": "zero one two three four five six seven eight nine",
    "de": "null eins zwei drei vier fünf sechs sieben acht neun",
    "fr": "zéro un deux trois quatre cinq six sept huit neuf",
    "es": "cero uno dos tres cuatro cinco seis siete ocho nueve",
    "it": "zero uno due tre quattro cinque sei sette otto nove",
}
_TEENS = {
    "en": "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen",
    "de": "zehn elf zwölf dreizehn vierzehn fünfzehn sechzehn siebzehn achtzehn neunzehn",
    "fr": "dix onze douze treize quatorze quinze seize dix-sept dix-huit dix-neuf",
    "es": "diez once doce trece catorce quince dieciséis diecisiete dieciocho diecinueve",
    "it": "dieci undici dodici tredici quattordici quindici sedici diciassette diciotto diciannove",
}
_TENS = {  # 20 to 90
    "en": "twenty thirty forty fifty sixty seventy eighty ninety",
    "de": "zwanzig dreißig vierzig fünfzig sechzig siebzig achtzig neunzig",
    "fr": "vingt trente quarante cinquante soixante soixante-dix quatre-vingt quatre-vingt-dix",
    "es": "veinte treinta cuarenta cincuenta sesenta setenta ochenta noventa",
    "it": "venti trenta quaranta cinquanta sessanta settanta ottanta novanta",
}
# Other ways of saying a digit: "oh" and "nought" for 0 in English, "zwo" for 2 in German;
# "hundred" for the 00 of a toll-free prefix ("one eight hundred" is 1-800).
_EXTRA = {
    "oh": "0",
    "hundred": "00",
    "nought": "0",
    "nil": "0",
    "zwo": "2",
    "dreissig": "30",
    "quatre vingts": "80",
    "veintidos": "22",
    "veintitres": "23",
    "veintiseis": "26",
    "ventitre": "23",
}


def _regional_tens() -> dict[str, str]:
    """Belgian and Swiss French say septante (70), huitante or octante (80) and nonante (90),
    with units after them as after the other tens ("septante-deux", "nonante et un")."""
    words: dict[str, str] = {}
    for tens, n in {"septante": 7, "huitante": 8, "octante": 8, "nonante": 9}.items():
        words[tens] = f"{n}0"
        for digit, unit in enumerate(_UNITS["fr"].split()[1:], start=1):
            words[f"{tens} {'et ' if digit == 1 else ''}{unit}"] = f"{n}{digit}"
    return words


_VEINTI = {"dos": "dós", "tres": "trés", "seis": "séis"}


def _two_digit_words(language: str) -> dict[str, str]:
    units = _UNITS[language].split()
    words = {word: str(digit) for digit, word in enumerate(units)}
    words |= {word.replace("-", " "): str(10 + n) for n, word in enumerate(_TEENS[language].split())}
    for n, tens in enumerate(_TENS[language].split(), start=2):
        tens = tens.replace("-", " ")
        words[tens] = f"{n}0"
        for digit, unit in enumerate(units[1:], start=1):
            words[_compound(language, tens, unit, digit)] = f"{n}{digit}"
    if language == "fr":  # soixante et onze, quatre-vingt-douze: tens of 60 and 80 take the teens
        for n, teen in enumerate(_TEENS["fr"].split()[1:], start=1):
            words[f"soixante {'et ' if n == 1 else ''}{teen.replace('-', ' ')}"] = f"7{n}"
            words[f"quatre vingt {teen.replace('-', ' ')}"] = f"9{n}"
    return words


def _compound(language: str, tens: str, unit: str, digit: int) -> str:
    if language == "de":
        return f"{'ein' if digit == 1 else unit}und{tens}"
    if language == "fr":
        return f"{tens} {'et ' if digit == 1 and tens != 'quatre vingt' else ''}{unit}"
    if language == "es":
        return f"veinti{_VEINTI.get(unit, unit)}" if tens == "veinte" else f"{tens} y {unit}"
    if language == "it":
        return f"{tens[:-1] if unit in ('uno', 'otto') else tens}{unit}"
    return f"{tens} {unit}"


def _all_words() -> dict[str, str]:
    words = dict(_EXTRA) | _regional_tens()
    for language in _UNITS:
        for word, digits in _two_digit_words(language).items():
            words.setdefault(word, digits)
    return words


_WORDS = _all_words()
_WORD_SOURCE = "|".join(
    re.escape(word).replace(r"\ ", r"[\s-]+") for word in sorted(_WORDS, key=len, reverse=True)
)
# Chinese digits, their financial forms (壹贰叁, written on cheques) and 幺 for 1 read aloud.
_CJK_DIGITS = {
    **{c: str(i) for i, c in enumerate("零一二三四五六七八九")},
    **{c: str(i) for i, c in enumerate("零壹贰叁肆伍陆柒捌玖")},
    **{c: str(i) for i, c in enumerate("零壹貳參肆伍陸柒捌玖")},
    "〇": "0",
    "幺": "1",
}
# Digits read aloud in Japanese katakana ("ゼロキュウゼロ" for 090) or hiragana.
_KANA_DIGITS = {
    "ゼロ": "0",
    "レイ": "0",
    "マル": "0",
    "イチ": "1",
    "ニー": "2",
    "ニ": "2",
    "サン": "3",
    "ヨン": "4",
    "ゴー": "5",
    "ゴ": "5",
    "ロク": "6",
    "ナナ": "7",
    "ハチ": "8",
    "キュウ": "9",
    "キュー": "9",
}
# The same readings in hiragana ("ぜろきゅうぜろ"): each katakana letter sits 0x60 above its
# hiragana one; the long-vowel mark is shared.
_KANA_DIGITS |= {
    "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in kana): digit
    for kana, digit in _KANA_DIGITS.items()
}
_KANA_SOURCE = "|".join(sorted(_KANA_DIGITS, key=len, reverse=True))
_REPEAT = r"(?:double|triple|doppio|doble|doppel)[\s-]+"
_TOKEN = (
    rf"(?P<repeat>{_REPEAT})?{WORD_START}(?P<word>{_WORD_SOURCE}){WORD_END}"
    rf"|(?P<cjk>[{''.join(_CJK_DIGITS)}]+)"
    rf"|(?P<kana>(?:{_KANA_SOURCE})+)"
    r"|(?P<digits>(?<![0-9A-Za-z+])\+?\d+(?![0-9A-Za-z]))"
)
NUMBER_TOKEN = re.sub(r"\(\?P<\w+>", "(?:", _TOKEN)
# Marks sellers put between digit groups: slashes, dots, bullets, middle dots, dashes of every
# length and wave dashes ("06 ‧ 12 ‧ 34", "〇八〇―九八七六", "〇九〇〜一二三四").
SEPARATOR_MARKS = r"/.\-‐‑‒–—―~〜～·•‧∙⋅・･－"
# "oh-seven-seven, double four one, then 90 – 58 – 3": a word that only joins the groups
_SEPARATOR = (
    rf"(?:[\s,(){SEPARATOR_MARKS}、，（）:の]|\bthen\b|\bdann\b|\bpuis\b|\bluego\b|\bpoi\b|然后|然後)*"
)
_RUN = re.compile(rf"(?:{NUMBER_TOKEN})(?:{_SEPARATOR}(?:{NUMBER_TOKEN}))*", re.IGNORECASE)
_ONE_TOKEN = re.compile(_TOKEN, re.IGNORECASE)


def spelled_phone_spans(text: str, masked: Iterable[Span] = ()) -> list[Span]:
    """Runs of number words and digits long enough to be a phone number. Characters in
    `masked` (order ids, prices, dates) cannot be part of a run."""
    searchable = list(text)
    for span in masked:
        searchable[span.start : span.end] = " " * (span.end - span.start)
    found: list[Span] = []
    for run in _RUN.finditer("".join(searchable)):
        digits, words = _read(run.group())
        international = run.group().startswith("+") and words >= 1
        if len(digits) >= MIN_DIGITS and (words >= MIN_WORDS or international):
            found.append(Span(run.start(), run.end()))
    return found


def _read(run: str) -> tuple[str, int]:
    """The digits a run spells and how many of its tokens are words."""
    digits: list[str] = []
    words = 0
    for token in _ONE_TOKEN.finditer(run):
        if token["word"]:
            value = _WORDS[re.sub(r"[\s-]+", " ", token["word"].lower())]
            digits.append(value * _repeats(token["repeat"]))
            words += 1
        elif token["cjk"]:
            digits.append("".join(_CJK_DIGITS[c] for c in token["cjk"]))
            words += len(token["cjk"])
        elif token["kana"]:
            kana = re.findall(_KANA_SOURCE, token["kana"])
            digits.append("".join(_KANA_DIGITS[k] for k in kana))
            words += len(kana)
        else:
            digits.append(token["digits"].lstrip("+"))
    return "".join(digits), words


def _repeats(word: str | None) -> int:
    """ "double five" is 55, "triple zero" 000."""
    if not word:
        return 1
    return 3 if word.lower().startswith("triple") else 2
