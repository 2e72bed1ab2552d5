"""Ratings referred to rather than named: a pronoun that stands for a rating named a sentence
or two before ("We saw the comment you left. If it could simply vanish, ...", "Könnten Sie das
nochmal überdenken?"), and a rating said to be gone ("the negative feedback is taken down
first"). Asked for, or traded for value, they are review requests like the named ones."""

import re

from services.core.domain.compliance.disclaimers import NOT_NEEDED
from services.core.domain.compliance.intent import (
    ADDRESS,
    OTHER_OBJECT,
    RATING,
    guarded,
    has,
    sentence_at,
)
from services.core.domain.compliance.lexicon import Vocabulary, hanzi_simplified
from services.core.domain.compliance.text import Span, sentences

_I = re.IGNORECASE

# A rating removed by a pronoun that names it: "delete it", "le supprimer", "la elimina",
# "rimuoverlo", "あちらを取り消して", "那条删掉"; or gone by itself ("if it could simply vanish").
IT_REMOVED = re.compile(
    r"\b(?:remove|delete|withdraw|take down|edit)\s+it\b|\bit\s+(?:\w+\s+){0,2}(?:vanish|disappear|go away)\w*"
    r"|\b(?:ihn|sie|es|der|die|das|er)\s+(?:\w+\s+){0,2}(?:löschen|entfernen|zurückziehen|verschwind)\w*"
    r"|\b(?:le|la|l['’])\s*(?:supprimer|retirer|enlever|effacer)\b|\bs['’](?:évapor|effac)\w*|\bdispara[iî]tr\w*"
    r"|\b(?:la|lo)\s+(?:elimin|borr|quit|retir)\w*|\b(?:eliminarl|borrarl|quitarl|retirarl)[ao]\b|\besfum\w*"
    r"|\b(?:lo|la)\s+(?:rimuov|cancell|togli|ritir)\w*|\b(?:rimuoverl|cancellarl|toglierl|ritirarl)[oa]\b|\bspari(?:re|sse)\b"
    r"|(?:あちら|それ|そちら|あれ)を[^。]{0,6}(?:取り消|削除|消し)|(?:那条|它)[^，。]{0,6}(?:删|撤|消失)",
    _I,
)
# Where seller feedback is left: what is said there is a rating ("您在我们卖家页面上的留言").
_FEEDBACK_PAGE = re.compile(
    r"\bseller (?:page|profile)\b|\bverkäufer(?:seite|profil)\b|\bpage (?:du )?vendeur\b|\bpágina de(?:l)? vendedor\b"
    r"|\bpagina (?:del )?venditore\b|出品者(?:ページ|プロフィール)|卖家(?:页面|主页)",
    _I,
)
# A rating taken down, by whoever: said of the buyer's rating as the condition of a value.
RATING_GONE = re.compile(
    r"\btaken down\b|\bcome(?:s)? down\b|\bremoved\b|\bdeleted\b|\bdisappear\w*|\bno longer (?:appears|shows)\b"
    r"|\bnehmen (?:sie )?(?:\w+ ){0,3}heraus\b|\bdispara\w*|\bya no aparece\b"
    r"|\bverschw[iu]nd\w*|\bentfernt\b|\bgelöscht\b|\bsupprimée?s?\b|\bretirée?s?\b|\beliminad[oa]s?\b|\bborrad[oa]s?\b"
    r"|\brimoss[oa]\b|\bcancellat[oa]\b|削除していただ|削除いただ|删掉|删除",
    _I,
)


def review_request_spans(text: str, vocabulary: Vocabulary, traded: list[Span]) -> list[Span]:
    """A trade (one of `traded`) for a rating named before and taken away by a pronoun ("Si la
    elimina, ..."), or for the rating gone; and a low rating asked to be changed by a pronoun."""
    text = hanzi_simplified(text)
    found = [
        sentence_at(text, removed.start())
        for trade in traded
        if (removed := IT_REMOVED.search(text, trade.start, trade.end))
        and rating_named_before(text, trade.start)
    ]
    found += [
        sentence_at(text, gone.start())
        for trade in traded
        if (gone := RATING_GONE.search(text, trade.start, trade.end))
        and RATING.search(text, trade.start, trade.end)
    ]
    return found + _changed_by_pronoun(text, vocabulary)


def _changed_by_pronoun(text: str, vocabulary: Vocabulary) -> list[Span]:
    """A low rating named before and the buyer asked to change it by a pronoun: "die Bewertung
    mit 1 Stern tut uns weh ... Könnten Sie das nochmal überdenken?"; not the seller's own change
    ("so we can change it"), and not after a review merely mentioned ("Thanks for your review.
    Your address is incomplete, can you update it?")."""
    return [
        sentence
        for sentence in sentences(text)
        if (changed := _asked_to_change(text, sentence, vocabulary))
        and _LOW_RATING.search(text, max(0, sentence.start - 300), changed.start())
    ]


def _asked_to_change(text: str, sentence: Span, vocabulary: Vocabulary) -> re.Match[str] | None:
    """The change by a pronoun the sentence directs at the buyer, not taken back, not said to
    be unneeded and not the seller's own."""
    changed = IT_CHANGED.search(text, sentence.start, sentence.end)
    if changed is None or not has(ADDRESS, text, sentence):
        return None
    if guarded(text, sentence, vocabulary) or has(NOT_NEEDED, text, sentence):
        return None
    return None if _WE.search(text, max(sentence.start, changed.start() - 20), changed.start()) else changed


# A rating changed by a pronoun that names it: "reconsider it", "das überdenken", "la modifier".
IT_CHANGED = re.compile(
    r"\b(?:reconsider|change|update|revise|edit|adjust|amend|rethink)\s+it\b|\bbump(?:ing)?\s+it\s+up\b"
    r"|\b(?:das|sie|es|ihn)\s+(?:\w+\s+){0,3}(?:überdenken|anpassen|ändern|aktualisieren|korrigieren)\b"
    r"|\b(?:le|la|l['’])\s*(?:modifier|revoir|reconsidérer|changer|corriger|mettre à jour)\b"
    r"|\b(?:la|lo)\s+(?:\w+\s+)?(?:actualizar|cambiar|modificar|aggiornare|cambiare|modificare)\b"
    r"|\b(?:cambiarla|modificarla|reconsiderarla|actualizarla|rivederla|aggiornarla|la cambi\w*|la modific\w*)\b",
    _I,
)
_LOW_RATING = re.compile(
    r"\b(?:[1-3]|one|two|three|ein\w*|zwei|drei|une?|deux|trois|una?|dos|tres|due|tre)[- ]?"
    r"(?:stars?|sterne?n?|étoiles?|estrellas?|stelle|stella)\b|\bnegativ\w*|\bnégati\w*|\bschlecht\w*|\bmauvais\w*"
    r"|星\s?[1-3１-３]|[1-3１-３]つ星|低評価|差评|一星|两星",
    _I,
)
_WE = re.compile(r"\b(?:we|i|wir|ich|nous|je|nosotros|noi)\b", _I)


def changed_in_reply(subject: str, body: str, vocabulary: Vocabulary) -> list[Span]:
    """Body sentences that ask the buyer to change "it" where only the subject names the rating:
    "Sobre tu valoración de 2 estrellas" / "Ya que el paquete apareció, ¿la podrías actualizar?"."""
    subject, body = hanzi_simplified(subject), hanzi_simplified(body)
    if not (RATING.search(subject) or _FEEDBACK_PAGE.search(subject)) or RATING.search(body):
        return []
    return [
        sentence
        for sentence in sentences(body)
        if _asked_to_change(body, sentence, vocabulary)
        and not OTHER_OBJECT.search(body, sentence.start, sentence.end)
    ]


def rating_named_before(text: str, start: int) -> bool:
    """A rating, review or seller feedback is named in the sentences just before `start`, so a
    pronoun there can stand for it."""
    before = max(0, start - 300)
    return bool(RATING.search(text, before, start) or _FEEDBACK_PAGE.search(text, before, start))
