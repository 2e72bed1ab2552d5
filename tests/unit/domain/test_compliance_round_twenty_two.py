"""Round twenty-two: the families of the twenty-fourth holdout's misses and false alarms (the
seller's side of order problems; long, thorough replies with one violation hidden in them), read
after its score was recorded (docs/COMPLIANCE.md), on wordings written for this test, with their
look-alikes."""

import pytest

from tests.unit.domain.compliance_checks import rules

CLEAN = [
    # a new unit promised if the carrier does not move, with nothing asked of the buyer
    (
        "it",
        "Abbiamo aperto la pratica di giacenza n. 2025/0412/7781: il pacco è fermo a Bologna. Se entro lunedì "
        "non si sblocca, le rispediamo un articolo nuovo senza che lei debba fare nulla.",
    ),
    (
        "zh",
        "包裹在分拣中心停止更新，我们已提交调查。如果周三前还没有进展，我们会直接给您补发新品，您无需做任何操作。",
    ),
    # the refund and the buyer's review kept apart: "so oder so", "was Sie für richtig halten",
    # "quel qu'il soit ; cela ne change rien au remboursement"
    (
        "de",
        "Die Erstattung und der neue Mixer gehören Ihnen so oder so, und Ihre Bewertung soll das "
        "widerspiegeln, was Sie für richtig halten.",
    ),
    (
        "fr",
        "Le cadre peut être conservé si vous souhaitez y faire poser un nouveau miroir.\n\nBien entendu, vous "
        "restez entièrement libre de partager votre expérience dans un commentaire, quel qu'il soit ; cela ne "
        "change rien au remboursement.",
    ),
    (
        "ja",
        "お届け予定日を過ぎた場合は申請していただいて問題ございません。当店から返金することもできますし、"
        "申請の取り下げをお願いすることもございません。",
    ),
    # a weight before a carrier's call is no phone number
    ("de", "Da es sich um ein Paket mit 28 kg handelt, ruft die Spedition Sie vor der Zustellung an."),
    # a case number to write back with is no claim withdrawn
    (
        "de",
        "Sollten die Aussetzer danach bleiben, tauschen wir die Kopfhörer kostenlos um. Schreiben Sie mir "
        "einfach mit Ihrer Fallnummer KH-1200 zurück; die Rücksendung läuft dann ganz normal über Amazon.",
    ),
    # star screws, a stitch line, a new wheel put on, a new unit sent
    (
        "es",
        "Le propongo estos pasos:\n1. Apague el patinete.\n2. Compruebe que el conector esté bien encajado. "
        "Solo hay que retirar dos tornillos de estrella.\n3. Actualice el firmware.",
    ),
    ("ja", "ステッチのラインに沿って白い粉が出ることがありますが、革の蝋成分です。"),
    ("zh", "装上新轮子，对准螺丝孔拧紧即可。"),
    ("es", "Además, le enviamos un secador de la nueva serie, con el motor mejorado."),
]


@pytest.mark.parametrize(("language", "body"), CLEAN)
def test_the_round_twenty_two_look_alikes_stay_clean(language: str, body: str) -> None:
    assert rules(body, language) == set()


FOUND = [
    # a recall turned into the launch of the next model
    (
        "en",
        "marketing",
        "Instead of the old model, we'd like you to try our new TravelPro Max line, which launches this week "
        "at 30% off for existing customers.",
    ),
    (
        "it",
        "marketing",
        "Al suo posto le proponiamo il nuovo modello FA-50, in offerta di lancio al 30% in meno: basta cercarlo "
        "sul nostro sito.",
    ),
    (
        "ja",
        "marketing",
        "なお、後継の新モデル EK-20 を発売記念価格の20%OFFでご案内中です。この機会にぜひご検討ください。",
    ),
    ("zh", "marketing", "另外，我们全新升级的 HT-500 系列本周上市，老客户享 8 折首发价，欢迎关注。"),
    # an address with its dot in hiragana between brackets
    ("ja", "email", "正しいご住所を shop（あっと）kaede-kobo（どっと）jp までお送りください。"),
    # the number inside a chat link
    ("es", "phone", "Si lo prefiere, le atendemos por WhatsApp: wa.me/34611222333."),
]


@pytest.mark.parametrize(("language", "rule", "body"), FOUND)
def test_the_round_twenty_two_families_are_found(language: str, rule: str, body: str) -> None:
    assert rule in rules(body, language)


def test_a_coupon_sent_for_a_next_order_is_still_marketing() -> None:
    assert rules("Le enviamos un cupón de 10 € para su próxima compra.", "es") == {"marketing"}
