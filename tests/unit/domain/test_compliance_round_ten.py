"""Round ten: the families of the tenth holdout's misses and false alarms (most of them a
writer disguising everything on purpose), read after its score was recorded
(docs/COMPLIANCE.md), on wordings written for this test, with their look-alikes."""

import pytest

from tests.unit.domain.compliance_checks import rules

FOUND = [
    # a claim withdrawn for a new item, the withdrawal maybe split or said with a pronoun
    (
        "de",
        "inducement",
        "Den Erstattungsantrag brauchen Sie nicht – nehmen Sie ihn zurück, dann schicke ich Ihnen ein neues Netzteil.",
    ),
    (
        "fr",
        "inducement",
        "Pas besoin de la réclamation A à z : annulez-la et je vous envoie une lampe neuve.",
    ),
    ("es", "inducement", "No hace falta la reclamación. Si la cierras, te mando otra lámpara nueva."),
    ("en", "inducement", "Close the A to Z on your side and the money-back lands today."),
    ("ja", "inducement", "チャージバックを取り消していただければ、差額をお振り込みいたします。"),
    ("zh", "inducement", "只要您撤销索赔，全款退给您。"),
    # drawn stars turned into five, for money back
    ("en", "inducement", "If those ⭐⭐ turn into ★★★★★, I'll send $10 back to your card."),
    ("es", "review_request", "Si sus ✩✩ suben a ★★★★★, le regreso la mitad."),
    ("it", "review_request", "Se le sue ✩✩ diventano ★★★★★ le restituisco una parte di quanto pagato."),
    # a happy buyer asked, an unhappy one steered away
    (
        "es",
        "review_request",
        "Si te gusta, déjanos una reseña; si no, escríbenos en lugar de poner una opinión.",
    ),
    (
        "it",
        "review_request",
        "Se le piace, ci lasci una recensione; se no, ci scriva invece di mettere un giudizio.",
    ),
    ("en", "review_request", "If it isn't perfect, message me first before you post anything public."),
    # addresses read backwards, or by a key the writer gives
    ("en", "email", "Read it backwards: moc.liamg@pohs.elbat"),
    ("de", "email", "Rückwärts lesen: ed.xmg@nedal.nezrek"),
    ("en", "email", "Mail us: table🌀gmail⚫com (🌀 = at, ⚫ = dot)"),
    ("fr", "phone", "Appelez le +33 6 l2 34 S6 78 (l = un, S = cinq)."),
    # a code for the next time, a messenger with a hyphen
    ("en", "marketing", "Use SPRING-20 at checkout next time for 20% off."),
    ("en", "marketing", "Ping us on tele-gram, we post deals every week."),
    # a domain's ending spelled out, a dot by a pet name, a kana name with a romaji note
    ("en", "link", "The guide is at kettlefix (dot) c o m / descale."),
    ("it", "email", "Scriva a contatto (chiocciola) negozio [punto] i t."),
    ("de", "link", "Mehr Düfte unter kerzenladen (pünktchen) de."),
    ("en", "link", "Catalogue: koalacraft (d0t) store."),
    ("ja", "link", "全色はやまのちゃや（ローマ字）ドット com にございます。"),
]


@pytest.mark.parametrize(("language", "rule", "body"), FOUND)
def test_the_round_ten_families_are_found(language: str, rule: str, body: str) -> None:
    assert rule in rules(body, language)


CLEAN = [
    ("fr", "La valise fait partie de notre gamme « Voyageur », 55 × 40 × 20 cm, 2,8 kg."),
    ("es", "El colchón es de nuestra gama «Descanso», 25 cm de alto."),
    ("en", "A brand new charger ships today; you don't need to do anything."),
    ("en", "Your refund went back to your card yesterday."),
    ("de", "Ein neues Netzteil ist heute unterwegs, Sie müssen nichts tun."),
    ("de", "Das Handtuch in ★★★★★-Hotelqualität wiegt 600 g/m²."),
    ("en", "Press the button: the LED blinks twice, then stays on."),
]


@pytest.mark.parametrize(("language", "body"), CLEAN)
def test_the_round_ten_look_alikes_stay_clean(language: str, body: str) -> None:
    assert rules(body, language) == set()
