"""Every claim word with a withdrawal verb and every rating word with a change verb, in each
language, put in one trade sentence: a family is covered when each of its words is, whatever
verb goes with it (docs/COMPLIANCE.md, "Round three"). Each word appears once, with the verbs
taken in turn, so the test stays small."""

from itertools import cycle

import pytest

from tests.unit.domain.compliance_checks import rules

# language: (sentence, withdrawal verbs, claim words)
CLAIMS = {
    "en": (
        "If you {verb} the {word}, we'll send you a gift card.",
        ["withdraw", "close", "cancel", "drop", "retract", "take back", "call off", "revoke", "pull"],
        [
            "claim",
            "A-to-z claim",
            "case",
            "complaint",
            "dispute",
            "chargeback",
            "guarantee claim",
            "bank dispute",
            "report",
        ],
    ),
    "de": (
        "Wenn Sie {word} {verb}, schicken wir Ihnen einen Gutschein.",
        [
            "zurückziehen",
            "schließen",
            "stornieren",
            "zurücknehmen",
            "beenden",
            "löschen",
            "widerrufen",
            "fallen lassen",
        ],
        [
            "den Antrag",
            "die Beschwerde",
            "den Fall",
            "die Reklamation",
            "die Rückbuchung",
            "den Garantieantrag",
            "den A-bis-z-Antrag",
            "den Streitfall",
            "den Käuferschutzantrag",
            "die Meldung",
        ],
    ),
    "fr": (
        "Si vous {verb} {word}, nous vous enverrons un bon d'achat.",
        ["retirez", "clôturez", "annulez", "fermez", "abandonnez", "supprimez", "révoquez"],
        [
            "la réclamation",
            "le litige",
            "le dossier",
            "la plainte",
            "la contestation",
            "l'opposition",
            "la demande de garantie A à Z",
            "le signalement",
            "le chargeback",
        ],
    ),
    "es": (
        "Si {verb} {word}, le enviamos un vale.",
        ["retira", "cierra", "cancela", "anula", "elimina", "desiste de", "revoca"],
        [
            "la reclamación",
            "la disputa",
            "la queja",
            "el caso",
            "el contracargo",
            "la reclamación de garantía de la A a la Z",
            "la incidencia",
            "la denuncia",
        ],
    ),
    "it": (
        "Se {verb} {word}, le mandiamo un buono.",
        ["ritira", "chiude", "annulla", "cancella", "revoca", "archivia"],
        [
            "il reclamo",
            "la pratica",
            "la contestazione",
            "la segnalazione",
            "lo storno",
            "la richiesta di garanzia dalla A alla Z",
            "la disputa",
            "il chargeback",
        ],
    ),
    "ja": (
        "{word}を{verb}いただければ、ギフト券をお送りします。",
        ["取り下げて", "取り消して", "撤回して", "キャンセルして", "クローズして"],
        [
            "申し立て",
            "クレーム",
            "保証申請",
            "A-to-z保証",
            "チャージバック",
            "苦情",
            "ケース",
            "返金請求",
            "異議申し立て",
        ],
    ),
    "zh": (
        "如果您{verb}{word}，我们就送您礼品卡。",
        ["撤销", "撤回", "关闭", "取消", "撤掉"],
        ["索赔", "投诉", "纠纷", "拒付", "A-to-z索赔", "case", "争议", "申诉", "退单"],
    ),
}
# language: (sentence, change verbs, rating words)
RATINGS = {
    "en": (
        "If you {verb} your {word}, we'll send you a voucher.",
        [
            "update",
            "change",
            "edit",
            "revise",
            "remove",
            "delete",
            "take down",
            "reconsider",
            "raise",
            "improve",
            "amend",
            "redo",
            "rewrite",
            "adjust",
            "fix",
            "correct",
            "soften",
        ],
        ["review", "rating", "feedback", "1-star review", "star rating", "comment", "negative review"],
    ),
    "de": (
        "Wenn Sie Ihre {word} {verb}, schicken wir Ihnen ein Geschenk.",
        [
            "ändern",
            "löschen",
            "entfernen",
            "anpassen",
            "überarbeiten",
            "aktualisieren",
            "korrigieren",
            "verbessern",
            "zurückziehen",
            "abändern",
            "umschreiben",
            "neu schreiben",
            "revidieren",
        ],
        [
            "Bewertung",
            "Rezension",
            "Sternebewertung",
            "1-Stern-Bewertung",
            "Kundenbewertung",
            "Rückmeldung",
            "negative Bewertung",
        ],
    ),
    "fr": (
        "Si vous {verb} votre {word}, nous vous enverrons un cadeau.",
        [
            "modifiez",
            "supprimez",
            "retirez",
            "changez",
            "mettez à jour",
            "révisez",
            "corrigez",
            "améliorez",
            "réécrivez",
            "reformulez",
            "effacez",
            "rectifiez",
        ],
        ["avis", "note", "évaluation", "commentaire", "avis négatif", "avis 1 étoile"],
    ),
    "es": (
        "Si {verb} su {word}, le enviamos un regalo.",
        [
            "cambia",
            "modifica",
            "elimina",
            "borra",
            "quita",
            "actualiza",
            "mejora",
            "corrige",
            "edita",
            "retira",
            "reescribe",
            "rectifica",
        ],
        ["reseña", "valoración", "opinión", "comentario", "reseña negativa", "calificación", "puntuación"],
    ),
    "it": (
        "Se {verb} la sua {word}, le mandiamo un regalo.",
        [
            "modifica",
            "cambia",
            "rimuove",
            "elimina",
            "cancella",
            "toglie",
            "aggiorna",
            "migliora",
            "corregge",
            "riscrive",
            "ritira",
            "rettifica",
        ],
        ["recensione", "valutazione", "recensione negativa", "opinione", "recensione a 1 stella"],
    ),
    "ja": (
        "{word}を{verb}いただければ、ギフト券をお送りします。",
        [
            "削除して",
            "変更して",
            "修正して",
            "更新して",
            "見直して",
            "書き換えて",
            "取り下げて",
            "消して",
            "編集して",
            "訂正して",
        ],
        ["レビュー", "評価", "低評価", "星1のレビュー", "コメント", "口コミ"],
    ),
    "zh": (
        "如果您{verb}{word}，我们就送您小礼物。",
        ["删除", "修改", "删掉", "更改", "撤回", "改一下", "编辑", "改掉"],
        ["差评", "评价", "评论", "中评", "一星评价", "评分"],
    ),
}


def sentences(table: dict[str, tuple[str, list[str], list[str]]]) -> list[tuple[str, str]]:
    """Each verb and each word at least once, paired in turn."""
    cases = []
    for language, (sentence, verbs, words) in table.items():
        count = max(len(verbs), len(words))
        for verb, word, _ in zip(cycle(verbs), cycle(words), range(count), strict=False):
            cases.append((language, sentence.format(verb=verb, word=word)))
    return cases


@pytest.mark.parametrize(("language", "body"), sentences(CLAIMS))
def test_every_claim_word_withdrawn_for_a_benefit_is_inducement(language: str, body: str) -> None:
    assert "inducement" in rules(body, language)


@pytest.mark.parametrize(("language", "body"), sentences(RATINGS))
def test_every_rating_word_changed_for_a_benefit_is_inducement_and_a_review_request(
    language: str, body: str
) -> None:
    assert rules(body, language) >= {"inducement", "review_request"}
