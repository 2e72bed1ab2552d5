"""Round nineteen: the families of the twenty-first holdout's false alarms (an ordinary support
inbox; replies dense with identifiers), read after its score was recorded (docs/COMPLIANCE.md),
on wordings written for this test, with their look-alikes."""

import pytest

from tests.unit.domain.compliance_checks import rules

CLEAN = [
    # a claim number after a bare "n." is no phone
    (
        "it",
        "Amazon ci ha notificato il reclamo n. 3-2298877665 sull'ordine 171-1111111-2222222; il rimborso è già partito.",
    ),
    # gift wrapping is no gift, and a star lamp no rating
    (
        "es",
        "Su lámpara de estrellas LE-8 (UPC 8 10029 55120 7) se envolvió para regalo con la tarjeta que escribió.",
    ),
    # a size set aside for the buyer's exchange is no promotion
    ("de", "Meine Mützen fallen eng aus. Wenn Sie mir die richtige Größe sagen, lege ich Ihnen eine zurück."),
    # the seller closed the inquiry about the gift message: nothing traded
    (
        "ja",
        "星空ライト（JAN 4571234990011）はギフト包装でお送りしました。"
        "ギフトメッセージに関するお問い合わせ（ケース番号 12345678901）はクローズいたしました。",
    ),
    # look-alikes round eighteen's code passes too: a case number after "n.º", an invoice's sums
    ("es", "Su caso con Amazon (n.º 98765432101) sobre el mensaje de regalo quedó resuelto."),
    ("ja", "トナー TN-302 ×2（単価 ¥4,400 税抜）、小計 ¥8,800、消費税10% ¥880、合計 ¥9,680。"),
]


@pytest.mark.parametrize(("language", "body"), CLEAN)
def test_the_round_nineteen_look_alikes_stay_clean(language: str, body: str) -> None:
    assert rules(body, language) == set()


def test_valencia_is_no_voucher() -> None:
    body = (
        "El repuesto (ref. 77-330-30) se entregó ayer 12/03/2025 en 46001 Valencia. "
        "¿Podría reconsiderar su valoración de 2 estrellas?"
    )
    assert rules(body, "es") == {"review_request"}


def test_an_address_keyed_in_japanese_is_an_address_and_its_star_no_rating() -> None:
    body = "宛名を keiri★bunguya.co.jp（★を@に変えてください）までお送りください。"
    assert rules(body, "ja") == {"email"}


FOUND = [
    # the seller's shop cheaper, the shop's name on another marketplace
    (
        "en",
        "marketing",
        "For your next refill, shop directly at ayurveda-roots [dot] co [dot] in, where everything is 10% lower.",
    ),
    ("de", "marketing", "Die Varianten in Nussbaum finden Sie bei eBay unter dem Shopnamen „Holz Berger“."),
]


@pytest.mark.parametrize(("language", "rule", "body"), FOUND)
def test_the_round_nineteen_families_are_found(language: str, rule: str, body: str) -> None:
    assert rule in rules(body, language)


def test_a_phone_number_after_a_phone_label_is_still_found() -> None:
    assert "phone" in rules("Rufen Sie uns an, Tel. Nr. 030 12345678.", "de")
    assert "phone" in rules("Ci chiami al cellulare n. 347 123 4567.", "it")
