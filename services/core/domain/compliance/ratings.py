"""What a rating is in a reply: words for ratings, stars that are no rating, and the ways of
asking for a rating to be changed, raised or removed, among them turning one count of stars
into another ("make it a 5", "von 3 auf 5 Sterne", "passer de 3 à 5 étoiles", "星3を星5に")."""

import re

from services.core.domain.compliance.lexicon import Vocabulary
from services.core.domain.compliance.text import Span, spans_of

# Stars that are a pattern, a print or a hotel's, not a rating ("the five stars printed on
# the lid are decorative").
NOT_RATING_STARS = re.compile(
    r"print|decorat|pattern|design|embroider|hotel|energy|sticker|muster|bestickt|aufdruck|motif|imprimé"
    r"|brodé|hôtel|estampad|bordad|stampa|ricamat|albergo|柄|模様|プリント|ホテル|刺繍|图案|印花|酒店|刺绣",
    re.IGNORECASE,
)

# A rating raised to a bare count ("bump it up to 5", "si nos sube a 5") is one only where the
# stretch speaks of stars or ratings: "suba el volumen a 5" raises no rating.
_BARE_COUNT = re.compile(
    r"\b(?:to|auf|à|a)\s+(?:[1-5]|four|five|vier|fünf|quatre|cinq|cuatro|cinco|quattro|cinque)\b",
    re.IGNORECASE,
)
_RATING_WORD = re.compile(
    r"stars?|sterne?|étoiles?|estrell\w*|stell(?:e|a|in)\w*|rating|bewertung|note|nota|valoraci|valutazion"
    r"|puntuaci|voto|punteggio|review|rezension|avis|reseña|opini|recension|\d ?\*|星|評価|评分|评价",
    re.IGNORECASE,
)

_COUNT = (
    r"(?:[1-5]|one|two|three|four|five|eins?|zwei|drei|vier|fünf|une?|deux|trois|quatre|cinq"
    r"|uno|una|dos|tres|cuatro|cinco|due|quattro|cinque)"
)
_STARS = r"(?:stars?|sternen?|étoiles?|estrell\w*|stell(?:e|a|ine)|⭐|★|\*)"
# One count of stars turned into another. From one count to another with the stars named
# ("from 2 to 4 stars", "von 3 auf 5 Sterne", "passer de 3 à 5 étoiles", "da 2 a 5 stelle");
# a count made of the rating ("make it a 5", "aus den 2 Sternen 4 oder 5 machen", "en faire
# un 5", "dejarla en 5", "farla diventare un 5"), only where the stretch speaks of ratings.
_COUNT_TO_COUNT = re.compile(
    rf"\b(?:from|von|de|da|desde)\s+{_COUNT}\s*{_STARS}?\s+(?:to|auf|à|a|hasta)\s+{_COUNT}\s*{_STARS}"
    rf"|\b(?:from|von|de|da|desde)\s+{_COUNT}\s*{_STARS}\s+(?:to|auf|à|a|hasta)\s+{_COUNT}\b"
    r"|[星★☆]?[1-5１-５]つ?星?(?:から|を)星?[1-5１-５]つ?星?に"
    r"|(?:从)?[一二三四1-4１-４]星?(?:改|变|調|调|升|提)(?:到|成|为|為)?[二三四五2-5２-５]星",
    re.IGNORECASE,
)
_COUNT_MADE = re.compile(
    rf"\bmak(?:e|ing) (?:it|that|this|them|us|the \w+) (?:a |an |into a )?{_COUNT}\b"
    rf"|\b{_COUNT}(?: oder {_COUNT})? (?:draus |daraus )?machen"
    rf"|\ben faire (?:un|une) {_COUNT}\b|\bpasser (?:à|a) {_COUNT}\b"
    rf"|\bdej(?:ar|e|ara|aría|arla|arlo)\w* en {_COUNT}\b|\bconvert\w* en (?:un )?{_COUNT}\b"
    rf"|\bdiventare (?:\w+ ){{0,3}}(?:un )?{_COUNT}\b|\bportar(?:la|lo|e)? a {_COUNT}\b",
    re.IGNORECASE,
)


# A change the buyer is told is not needed is not asked for: "no need to change your review".
_NOT_NEEDED = re.compile(
    r"(?:no need|needn['’]t|(?:do not|don['’]t|doesn['’]t) (?:have|need) to|pas besoin d|inutile d"
    r"|no (?:hace falta|es necesario|tiene que)|non (?:c['’]è bisogno di|serve|è necessario)"
    r"|nicht (?:nötig|notwendig|erforderlich)|kein(?:e)? (?:bedarf|notwendigkeit)|müssen sie nicht"
    r"|必要はありません|必要はございません|不用|无需|無需|不必)\W*(?:\w+\W+){0,2}$",
    re.IGNORECASE,
)


# Japanese says it after the verb: "レビューを変更していただく必要はありません".
_NOT_NEEDED_AFTER = re.compile(
    r"^[^。！？\n]{0,12}?(?:必要は(?:ありません|ございません|ない)|なくて(?:大丈夫|結構|構いません|もよい))"
)


def not_needed(text: str, stretch: Span, change: Span) -> bool:
    """The change comes with words that say it is not needed."""
    before = text[max(stretch.start, change.start - 40) : change.start]
    after = text[change.end : min(stretch.end, change.end + 24)]
    return _NOT_NEEDED.search(before) is not None or _NOT_NEEDED_AFTER.search(after) is not None


def rating_changes(text: str, stretch: Span, vocabulary: Vocabulary) -> list[Span]:
    """Asks to change, raise or remove a rating or review in the stretch."""
    rated = _RATING_WORD.search(text, stretch.start, stretch.end) is not None
    changes = spans_of(vocabulary.rating_change, text, stretch.start, stretch.end)
    changes = [c for c in changes if rated or not _BARE_COUNT.search(text, c.start, c.end)]
    changes += spans_of(_COUNT_TO_COUNT, text, stretch.start, stretch.end)
    if rated:
        changes += spans_of(_COUNT_MADE, text, stretch.start, stretch.end)
    return changes
