"""Round twenty-three: the families of the twenty-fifth holdout's misses and false alarms (small
brands with a story to tell; sellers explaining Amazon's own processes and programmes), read after
its score was recorded (docs/COMPLIANCE.md), on wordings written for this test, with their
look-alikes."""

import pytest

from services.core.domain.compliance import check_message
from services.core.domain.compliance.learned import NO_MODEL
from tests.unit.domain.compliance_checks import rules

CLEAN = [
    # Amazon's own coupon on the product page, or its Subscribe & Save, explained
    (
        "en",
        "Hi, the 10% coupon on the product page has to be clipped before checkout; we can't add it afterwards, "
        "so we've refunded the difference anyway.",
    ),
    (
        "de",
        "Der Coupon über 3 € wird nur abgezogen, wenn er vor dem Kauf auf der Produktseite aktiviert wurde; wir "
        "haben Ihnen die 3 € trotzdem erstattet.",
    ),
    (
        "ja",
        "商品ページのクーポンは、ご購入前に「クーポンを適用」にチェックを入れた場合のみ割引されます。"
        "今回は差額を返金いたしました。",
    ),
    (
        "es",
        "Puede retrasar o cancelar la entrega cuando quiera desde amazon.es/auto-deliveries (Suscríbete y ahorra).",
    ),
    # Amazon Vine explained: Amazon's free items and reviewers, no trade and no ask of the seller's
    (
        "en",
        "Good question about the Vine labels. Amazon Vine is run by Amazon: Amazon invites the reviewers, they "
        "receive the item free from Amazon, and they write whatever they think. We don't choose the reviewers "
        "and we don't see or edit their reviews.",
    ),
    (
        "fr",
        "Bonjour, la mention « Avis Vine sur un produit gratuit » signifie que l'avis provient du programme Amazon "
        "Vine. C'est Amazon qui sélectionne les testeurs ; nous ne les choisissons pas et nous ne voyons pas "
        "leurs avis avant publication.",
    ),
]


@pytest.mark.parametrize(("language", "body"), CLEAN)
def test_the_round_twenty_three_look_alikes_stay_clean(language: str, body: str) -> None:
    assert rules(body, language) == set()


def test_a_subject_that_names_the_topic_echoes_the_buyers_question() -> None:
    body = "El cupón del 10 % de la página del producto hay que activarlo antes de pagar; ya le devolvimos la diferencia."
    findings = check_message("Sobre el cupón", body, "ES", "es", model=NO_MODEL)
    assert [f for f in findings if f.severity == "error"] == []


FOUND = [
    # new goods announced, with an invitation to watch for them
    (
        "en",
        "Glad the throw arrived. We've just launched matching cushion covers in the same colours, so keep an eye "
        "out for them.",
    ),
    (
        "de",
        "Ab nächsten Monat gibt es bei uns auch Honig und Propolis-Balsam – halten Sie doch die Augen offen.",
    ),
    ("fr", "Cette année, on lance aussi du beurre d'érable. Gardez l'œil ouvert!"),
    ("it", "A dicembre arrivano il pecorino al tartufo e una cassetta regalo. Tenga d'occhio le novità!"),
    ("ja", "来月、新しくほうじ茶のセットを発売する予定です。ぜひ楽しみにしていてください。"),
    ("zh", "下个月我们会推出桂花红茶的新礼盒，到时候别错过哦！"),
    ("ja", "秋の新柄が公式オンラインショップに入荷いたしました。よろしければご覧ください。"),
    (
        "de",
        "Am Dienstag läuft bei Amazon ein Blitzangebot auf unseren neuen Akku-Stabmixer, 30 % günstiger. Merken "
        "Sie sich den Termin vor!",
    ),
    # a handmade marketplace of Japan
    (
        "ja",
        "同じシリーズの豆皿は Creema の「ましこ窯」ショップで販売しておりますので、ぜひのぞいてみてください。",
    ),
]


@pytest.mark.parametrize(("language", "body"), FOUND)
def test_the_round_twenty_three_promotions_are_found(language: str, body: str) -> None:
    assert "marketing" in rules(body, language)
