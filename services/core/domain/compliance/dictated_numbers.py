"""Phone numbers given as a riddle in parts, each part a clue rather than its digits: "the area
code of Seattle, then the year the Berlin Wall came down, then three sevens", "null-eins-sieben-
sechs, dann 250 plus 3, dann achtundneunzig", "先是一三八，然后是我爱你（520），最后是一生一世
（1314）", "ゼロキューゼロ、いい風呂、それから平成が始まった年の西暦". No run of digits is long enough
to read, so the sentence is read instead: a phone cue, three or more parts with a number or a
clue in each, and a clue (a year, a sum, a repeat, an area code) that only a riddle needs."""

import re

from services.core.domain.compliance.spelled import NUMBER_TOKEN
from services.core.domain.compliance.text import Span, sentences

_I = re.IGNORECASE

# The sentence or the one before it is about calling or adding the seller.
_CUE = re.compile(
    r"\b(?:call|ring|phone|number|dial|text|add us)\b|\b(?:anruf\w*|ruf\w* sie|telefon\w*|nummer|vorwahl|schreiben sie uns dort)\b"
    r"|\b(?:appel\w*|numéro|téléphon\w*|ajoutez-nous)\b|\b(?:llam\w*|número|teléfono|móvil|añádenos)\b"
    r"|\b(?:chiam\w*|numero|telefon\w*|cellulare|aggiungici)\b|電話|番号|号码|號碼|打给|打給|电话|電話|手机",
    _I,
)
# Words that lead from one part to the next.
_STEP = (
    r"\bthen\b|\bnext\b|\bfollowed by\b|\bzuerst\b|\bdanach\b|\bdann\b|\bpuis\b|\bensuite\b|\bon commence par\b"
    r"|\bluego\b|\bdespués\b|\bempieza por\b|\btermina con\b|\bpoi\b|\bsi parte da\b|\bper finire\b|\binfine\b"
    r"|それから|そのあと|次に|先是|然后|然後|最后|最後|接着"
)
# What only a riddle needs: a year, a sum, a repeat, an area code, digits reversed.
_NUMBER = re.compile(NUMBER_TOKEN, _I)
_CLUE = re.compile(
    r"\byears?\b|\bjahr\w*|\bannée\b|\baño\b|\banno\b|年|西暦"
    # a sum or a product of two numbers: "250 plus 3", "4 fois 11", "3 por 15", "6 per 7"
    rf"|(?:{NUMBER_TOKEN})\s*(?:plus|times|fois|por|per|mal|più|x|×)\s*(?:{NUMBER_TOKEN})"
    r"|\bsum of\b|\bhalf of\b|\btwice\b|\bmoitié\b|\bzweimal\b"
    r"|\b(?:three|two|four|drei|deux|trois|dos|tres|due|tre) \w+(?:s|en|i)\b|足した|を足|倍|倒过来|倒過來|[三两二四]个[一二三四五六七八九〇零]"
    r"|\barea code\b|\bvorwahl\b|\bindicatif\b|\bprefijo\b|\bprefisso\b|市外局番|区号|\bbackwards\b|\brückwärts\b",
    _I,
)
# A year or a sum that is a riddle whatever else the sentence holds: "the year the Berlin Wall
# came down", "平成が始まった年の西暦", "二千に二十四を足した数".
_RIDDLE = re.compile(
    r"\bthe year (?:the|when|of|we)\b|\bdas jahr (?:der|des|als)\b|\bl['’]année (?:de|du|où)\b|\bel año (?:de|del|en)\b"
    r"|\bl['’]anno (?:dei|del|della|in)\b|年の西暦|西暦|足した|を足|\bsum of\b",
    _I,
)
# Prices and tax in the sentence: an invoice's sums ("小計 ¥8,800、消費税10% ¥880") are no riddle.
_PRICED = re.compile(r"[¥￥$€£₹]\s?\d|\d\s?(?:円|元|€|eur\b)|税", _I)
_PART = re.compile(rf"[,;:，、；：]|{_STEP}|\band\b|\bund\b|\bet\b|\by\b|\be\b", _I)
_STEPS = re.compile(_STEP, _I)


def dictated_number_spans(text: str) -> list[Span]:
    found: list[Span] = []
    parts = sentences(text)
    for i, sentence in enumerate(parts):
        cued = any(_CUE.search(text, s.start, s.end) for s in parts[max(0, i - 1) : i + 1])
        priced = _PRICED.search(text, sentence.start, sentence.end) is not None
        if cued and not priced and _riddle(text[sentence.start : sentence.end]):
            found.append(sentence)
    return found


def _riddle(sentence: str) -> bool:
    pieces = [p for p in _PART.split(sentence) if p and p.strip()]
    numeric = [p for p in pieces if _CLUE.search(p) or _digits_only(p)]
    steps = len(_STEPS.findall(sentence))
    clue = _CLUE.search(sentence) is not None
    if not _NUMBER.search(sentence):
        return False
    if len(numeric) == 2 and len(pieces) >= 3:
        # "〇八〇、よろしく、それから二千に二十四を足した数": a part in wordplay, a riddle after it
        return steps >= 1 and _RIDDLE.search(sentence) is not None
    if len(numeric) < 3:
        return False
    return (clue and (steps >= 1 or len(numeric) >= 4)) or steps >= 2


def _digits_only(piece: str) -> bool:
    """A part that is a number and at most two words around it ("then 88", "是我爱你（520）"), not
    a number of things ("2 on the left")."""
    if not _NUMBER.search(piece):
        return False
    if not re.search(r"[A-Za-z\u00c0-\u024f]", piece):  # Chinese or Japanese: a short part
        return len(piece.strip()) <= 12
    rest = _NUMBER.sub(" ", piece).split()
    return len([word for word in rest if any(c.isalpha() for c in word)]) <= 2
