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
    r"|restaurant|resort|ristorante|restaurante|レストラン|旅館|餐厅|餐廳|饭店|飯店|賓館|宾馆"
    r"|brodé|hôtel|estampad|bordad|stampa|ricamat|albergo|柄|模様|プリント|ホテル|刺繍|图案|印花|酒店|刺绣"
    # plants, spices and shapes named after stars: a poinsettia, star anise, a star-shaped mould
    r"|christmas star|star anise|star[- ]shaped|weihnachtsstern|sternanis|sternförmig|étoile de noël|anis étoilé"
    r"|en forme d['’]étoile|estrella de navidad|flor de pascua|anís estrellado|en forma de estrella|stella di natale"
    r"|anice stellato|a forma di stella|星形|星型|スターアニス|圣诞星|八角"
    # screws and keys: "dos tornillos de estrella", "Sternschraubendreher", "vis étoile"
    r"|star (?:screws?|bits?|drivers?|keys?)|sternschraub\w*|torx|vis (?:à )?étoile|tornillos? de estrella"
    r"|viti a stella|星形螺丝|星型ネジ",
    re.IGNORECASE,
)

# A rating raised to a bare count ("bump it up to 5", "si nos sube a 5") is one only where the
# stretch speaks of stars or ratings: "suba el volumen a 5" raises no rating.
_BARE_COUNT = re.compile(
    r"\b(?:to|auf|à|a)\s+(?:[1-5]|four|five|vier|fünf|quatre|cinq|cuatro|cinco|quattro|cinque)\b",
    re.IGNORECASE,
)
_REVIEW_WORD = re.compile(
    r"rating|bewertung|rezension|feedback|review|avis|évaluation|reseña|valoraci|opini|recension|valutazion"
    r"|評価|レビュー|评分|评价",
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
# The count a rating is raised from: never 1, since "from 1 to 5 stars" is a scale.
_FROM_COUNT = r"(?:[2-4]|two|three|four|zwei|drei|vier|deux|trois|quatre|dos|tres|cuatro|due|tre|quattro)"
_STARS = r"(?:stars?|sternen?|étoiles?|estrell\w*|stell(?:e|a|ine)|⭐|★|\*)"
# One count of stars turned into another. From one count to another with the stars named
# ("from 2 to 4 stars", "von 3 auf 5 Sterne", "passer de 3 à 5 étoiles", "da 2 a 5 stelle");
# a count made of the rating ("make it a 5", "aus den 2 Sternen 4 oder 5 machen", "en faire
# un 5", "dejarla en 5", "farla diventare un 5"), only where the stretch speaks of ratings.
_COUNT_TO_COUNT = re.compile(
    rf"\b(?:from|von|de|da|desde)\s+{_FROM_COUNT}\s*{_STARS}?\s+(?:to|auf|à|a|hasta)\s+{_COUNT}\s*{_STARS}"
    rf"|\b(?:from|von|de|da|desde)\s+{_FROM_COUNT}\s*{_STARS}\s+(?:to|auf|à|a|hasta)\s+{_COUNT}\b"
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
    r"^[^。！？\n]{0,12}?(?:必要は(?:一切)?(?:ありません|ございません|ない|なく)|なくて(?:大丈夫|結構|構いません|もよい))"
)


# "from 1 to 5 stars", "de 1 à 5 étoiles": the top of a scale, not a good rating asked for.
_SCALE_FROM = re.compile(r"\b(?:1|one|eins|un|une|uno|una)\b\s*(?:to|bis|auf|à|a|al|-|–)\s*$", re.IGNORECASE)


def on_a_scale(text: str, positive: Span) -> bool:
    return _SCALE_FROM.search(text[max(0, positive.start - 12) : positive.start]) is not None


def not_needed(text: str, stretch: Span, change: Span) -> bool:
    """The change comes with words that say it is not needed."""
    before = text[max(stretch.start, change.start - 40) : change.start]
    after = text[change.end : min(stretch.end, change.end + 24)]
    return _NOT_NEEDED.search(before) is not None or _NOT_NEEDED_AFTER.search(after) is not None


# More stars asked for without a count to reach: "a few more stars", "ein paar Sterne mehr",
# "une étoile de plus", "una estrella más", "qualche stella in più", "星をもう一つ", "多给一颗星".
_MORE_STARS = re.compile(
    r"\b(?:a few|a couple|one|an?|another|some) (?:more|extra) stars?\b|\banother star\b"
    r"|\b(?:ein paar|einen?|noch einen?|zwei) (?:sterne?n? mehr|weitere[nr]? sterne?n?|mehr sterne?n?)\b"
    r"|\bsterne? (?:\w+ ){0,3}(?:noch )?(?:ein paar )?mehr werden"
    r"|\b(?:une|deux|quelques) étoiles? de plus\b|\b(?:una|alguna|un par de|dos) estrell\w* más\b"
    r"|\b(?:una|qualche|due) stell\w* in più\b"
    r"|星を?(?:もう|あと)(?:1|一|ひと|2|二|ふた)つ|星をもう少し|多给(?:一|两|几)颗星|(?:再)?加(?:一|两|几)颗星",
    re.IGNORECASE,
)
# A rating made kinder, higher or better: "should your feedback end up a bit kinder", "falls
# Ihre Bewertung freundlicher ausfällt", "si votre note devenait plus clémente", "能再高一点".
_KINDER = re.compile(
    r"\b(?:reviews?|ratings?|feedback|stars?|scores?) (?:\w+ ){0,4}(?:kinder|better|higher|more (?:positive|generous|favou?rable|lenient))\b"
    r"|\b(?:bewertung|rezension|sterne|feedback)\w* (?:\w+ ){0,3}(?:freundlicher|besser|höher|positiver|großzügiger|milder)\b"
    r"|\b(?:avis|note|évaluation|commentaire)s? (?:\w+ ){0,3}(?:plus (?:clémente?|positi(?:f|ve)|généreu(?:x|se)|favorable|élevée?|indulgente?)|meilleure?)\b"
    r"|\b(?:valoración|reseña|opinión|puntuación|nota) (?:\w+ ){0,3}(?:más (?:amable|positiva|generosa|alta|favorable)|mejor)\b"
    r"|\b(?:valutazione|recensione|voto) (?:[\w']+ ){0,3}(?:più (?:generos[ao]|positiv[ao]|alt[ao]|benevol[ao]|favorevole)|migliore)\b"
    r"|(?:评分|评价|星级)[^，。]{0,6}(?:再高一点|高一点|好一点|提高一些)|(?:評価|星)[^。、]{0,6}(?:もう少し|少し)(?:上げ|高く|良く)"
    # taken down with the rating between: "take the 1-star review down"
    r"|\b(?:take|pull|bring) (?:your |the |that |this |my )?(?:[\w-]+ )?(?:reviews?|ratings?|feedback|comments?) (?:down|off)\b"
    # the rating itself going up: "those stars could creep up", "la note pourrait remonter"
    r"|\b(?:reviews?|ratings?|stars?|scores?) (?:\w+ ){0,2}(?:creep|go|climb|move|inch)\w* up\b"
    r"|\b(?:sterne|bewertung)\w* (?:\w+ ){0,3}(?:nach oben gehen|steigen|klettern)\b"
    r"|\b(?:note|étoiles) (?:\w+ ){0,3}(?:remonter|remontait|grimper|grimpait)\b"
    r"|\b(?:nota|estrellas|valoración) (?:\w+ ){0,3}(?:subir|subiera|subiese)\b"
    r"|\b(?:voto|stelle|valutazione) (?:\w+ ){0,3}(?:salire|salisse|salissero)\b",
    re.IGNORECASE,
)
# Reconsidering without an object, in a stretch that names a rating: "Your 1 star doesn't
# reflect the fix, would you reconsider?"
_BARE_RECONSIDER = re.compile(
    r"\b(?:reconsider|rethink|revisit)(?:ing)?\b(?! (?:the|your|our|this|that|it|them|a|an)\b)"
    r"|\b(?:nochmals|noch ?mal|erneut) überdenken\b|\bzu überdenken\b"
    r"|\breconsidérer\b|\b(?:reconsiderar|replanteárselo|replantearlo)\b|\b(?:riconsiderare|ripensarci)\b"
    r"|ご再考|重新考虑一下",
    re.IGNORECASE,
)
# A rating named in the sentence before and changed by a pronoun in a sentence that offers
# something for it: "Your 2-star review hurt. Update it and there's a gift card for you";
# without the offer the pronoun may as well be an address or an app ("update it in your
# account").
_PRONOUN_CHANGE = re.compile(
    r"\b(?:update|change|edit|revise|remove|delete|amend|bump|raise|reconsider) (?:it|that|them)\b"
    r"|\b(?:take|pull) (?:it|that|them) down\b"
    r"|\b(?:ändern|anpassen|löschen|entfernen|aktualisieren|korrigieren|überdenken) sie (?:sie|diese|das|es)\b"
    r"|\b(?:modifi|supprim|retir|chang|corrig|actualis)\w*-(?:la|le)\b"
    r"|\b(?:la|le) (?:modifier|supprimer|retirer|changer|corriger|mettre à jour|actualiser)\b"
    r"|\b(?:cámbiel|modifíquel|elimínel|quítel|bórrel|actualícel|cambiál|quitál|borrál)[ao]\b"
    r"|\b(?:cambiar|modificar|eliminar|quitar|borrar|actualizar|subir)l[ao]\b"
    r"|\b(?:modificar|cambiar|toglier|rimuover|aggiornar|cancellar|alzar)l[ao]\b"
    r"|\b(?:la|lo) (?:modifichi|cambi|tolga|rimuova|aggiorni|cancelli|alzi)\b",
    re.IGNORECASE,
)


def rating_changes(text: str, stretch: Span, vocabulary: Vocabulary) -> list[Span]:
    """Asks to change, raise or remove a rating or review in the stretch; `text` is the whole
    field, so a rating named in an earlier sentence gives a pronoun its object. A plant or a
    shape named after a star ("tolga la stella di Natale") is no rating."""
    if NOT_RATING_STARS.search(text, stretch.start, stretch.end) and not _REVIEW_WORD.search(
        text, stretch.start, stretch.end
    ):
        return []
    rated = _RATING_WORD.search(text, stretch.start, stretch.end) is not None
    changes = spans_of(vocabulary.rating_change, text, stretch.start, stretch.end)
    changes = [c for c in changes if rated or not _BARE_COUNT.search(text, c.start, c.end)]
    changes += spans_of(_COUNT_TO_COUNT, text, stretch.start, stretch.end)
    changes += spans_of(_MORE_STARS, text, stretch.start, stretch.end)
    changes += spans_of(_KINDER, text, stretch.start, stretch.end)
    if rated:
        changes += spans_of(_COUNT_MADE, text, stretch.start, stretch.end)
        changes += spans_of(_BARE_RECONSIDER, text, stretch.start, stretch.end)
    named_before = _RATING_WORD.search(text, max(0, stretch.start - 200), stretch.start) is not None
    if (named_before or rated) and vocabulary.benefit.search(text, stretch.start, stretch.end):
        changes += spans_of(_PRONOUN_CHANGE, text, stretch.start, stretch.end)
    return changes
