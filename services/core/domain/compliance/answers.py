"""The buyer's own question about a rating, answered: how a review or a seller rating can be
edited or removed, told with the choice left to the buyer ("To answer your question: yes, you can
edit a product review at any time ... Whether you change anything is entirely up to you"), or a
review the seller reported to Amazon, which Amazon decides on; and a change the buyer has made,
thanked for ("レビューを更新していただき、誠にありがとうございました"). None asks for a change; the
subject of such a reply ("Re: Can I change my review?") is the buyer's question, quoted."""

import re

from services.core.domain.compliance.intent import sentence_at, sentences_of
from services.core.domain.compliance.text import REPLY_PREFIX, Span

_I = re.IGNORECASE

# How a rating can be changed, said as what can be done, not what is asked.
_CAN_CHANGE = re.compile(
    r"\byou can (?:\w+ ){0,2}(?:edit|change|update|remove|delete)\b"
    r"|\bcan be (?:\w+ ){0,2}(?:edited|changed|updated|removed|deleted)\b"
    r"|\bkönnen (?:\w+ ){0,5}(?:bearbeiten|ändern|löschen|entfernen)\b|\blässt sich (?:\w+ ){0,3}(?:bearbeiten|ändern|löschen)\b"
    r"|\bvous pouvez (?:\w+ ){0,2}(?:modifier|changer|supprimer|retirer)\b|\bpeu(?:t|vent) être (?:modifié|changé|supprimé|retiré)"
    r"|\bse (?:puede|pueden) (?:\w+ ){0,2}(?:modificar|editar|cambiar|eliminar|borrar)\b"
    r"|\bsi (?:può|possono) (?:\w+ ){0,2}(?:modificare|cambiare|rimuovere|eliminare)\b"
    r"|(?:変更|削除|編集)(?:[・、](?:変更|削除|編集))?(?:が|も)?(?:可能です|できます)|可以[^，。；]{0,24}(?:修改|删除|编辑|修改或删除)",
    _I,
)
# The choice left to the buyer, or the buyer's question named as what is answered.
_YOURS_TO_DECIDE = re.compile(
    r"\bup to you\b|\byour (?:decision|choice|call)\b|\bto answer your question\b"
    r"|\bliegt (?:ganz |allein )?bei ihnen\b|\bihre entscheidung\b|\bum ihre frage zu beantworten\b"
    r"|\bà vous de (?:décider|voir)\b|\bvotre (?:décision|choix)\b|\bpour répondre à votre question\b"
    r"|\bdecisión suya\b|\bsu decisión\b|\brespondiendo a su pregunta\b|\bpara responder a su pregunta\b"
    r"|\bsua scelta\b|\bsua decisione\b|\bper rispondere alla sua domanda\b"
    r"|ご判断|ご自由|ご質問(?:ありがとう|いただき)|由您决定|您自己决定|您的决定|回答您的问题",
    _I,
)
# A review reported to Amazon, which decides on it: "Ob die Rezension angepasst wird, entscheidet Amazon".
_AMAZON_DECIDES = re.compile(
    r"\bamazon (?:will )?decides?\b|\bentscheidet amazon\b|\bamazon entscheidet\b|\bamazon décidera\b"
    r"|\bamazon decidirá\b|\b(?:deciderà|decide) amazon\b|amazonが(?:ご)?判断|由亚马逊(?:来)?决定",
    _I,
)
# A change the buyer made, thanked for: "谢谢您特地更新了评论".
_THANKED_CHANGE = re.compile(
    r"(?:更新|変更|修正|編集)(?:して)?(?:いただき|頂き)(?:まして)?、?[^。]{0,8}(?:ありがとう|感謝)"
    r"|(?:谢谢|感谢|謝謝|感謝)您?[^，。]{0,6}(?:更新|修改|改)了"
    r"|\bthank(?:s| you) for (?:\w+ ){0,2}(?:updating|changing|editing|revising)\b"
    r"|\bdanke,? dass sie (?:\w+ ){0,4}(?:aktualisiert|geändert|angepasst) haben\b"
    r"|\bmerci d['’]avoir (?:\w+ ){0,2}(?:modifié|mis à jour|changé)\b"
    r"|\bgracias por (?:\w+ ){0,2}(?:actualizar|cambiar|modificar)\b|\bgrazie (?:di|per) (?:\w+ ){0,2}(?:aver )?(?:aggiornat|modificat|cambiat)\w*",
    _I,
)
# Amazon Vine explained: Amazon picks the reviewers and gives them the item; the seller asks nothing.
_VINE = re.compile(r"\b(?:amazon )?vine\b|ヴァイン|Vine(?:メンバー|先取りプログラム)|Vine ?(?:计划|計劃)", _I)
_QUESTION = re.compile(r"[?？]|方法|怎么|如何")


def amazon_vine(text: str, span: Span) -> bool:
    """The span explains Amazon Vine, which Amazon runs: its free items and its reviews are no
    trade and no ask of the seller's ("Amazon invites the reviewers, they receive the item free
    from Amazon, and they write whatever they think")."""
    return any(
        _VINE.search(text, sentence.start, sentence.end)
        for sentence in sentences_of(text)
        if sentence.start < span.end and span.start < sentence.end
    )


def answered(text: str, span: Span) -> bool:
    """The span tells how the buyer may change a rating, in a reply that leaves it to the buyer,
    or that Amazon decides on a reported review, or thanks for a change made, or it is the
    quoted subject of the buyer's question."""
    line_start = text.rfind("\n", 0, span.start) + 1
    line_end = text.find("\n", span.start)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    if (REPLY_PREFIX.match(line) and _QUESTION.search(line)) or amazon_vine(text, span):
        return True
    sentence = sentence_at(text, span.start)
    within = (text, sentence.start, sentence.end)
    return bool(
        _AMAZON_DECIDES.search(*within)
        or _THANKED_CHANGE.search(*within)
        or (_CAN_CHANGE.search(*within) and _YOURS_TO_DECIDE.search(text))
    )
