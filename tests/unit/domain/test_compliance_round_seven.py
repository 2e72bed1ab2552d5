"""Round seven: the families of the seventh holdout's false alarms, read after its score was
recorded (docs/COMPLIANCE.md), each in all seven languages on wordings written for this test,
with the violations beside them that must still be found. The rules alone, as the family
tests read them (compliance_checks.py)."""

import pytest

from services.core.domain.compliance import CheckOptions, check_message
from services.core.domain.compliance.learned import NO_MODEL
from tests.unit.domain.compliance_checks import errors, rules

# A sale this order was bought in, or that delayed it, advertises nothing.
PAST_SALES = [
    ("en", "It went out during the summer sale, so it is a day late, sorry."),
    ("de", "Wegen des Schlussverkaufs gibt es einen Tag Verzögerung, das tut uns leid."),
    ("fr", "Expédié pendant les soldes, d'où un jour de retard, désolés."),
    ("es", "Sí, era precio de rebajas el día del pedido, por eso no podemos cambiarlo."),
    ("it", "Era il prezzo dei saldi al momento dell'ordine, quindi non possiamo modificarlo."),
    ("ja", "セール期間中のため発送に遅れが出ております。申し訳ございません。"),
    ("zh", "下单时是促销价，所以现在无法再调整价格，抱歉。"),
]
SALES_ANNOUNCED = [
    ("en", "Our summer sale starts Friday: everything in the shop at 30% off."),
    ("fr", "Nos soldes commencent demain : toute la boutique à -30 %."),
    ("zh", "店铺全场促销，新品八折，欢迎来逛。"),
]


@pytest.mark.parametrize(("language", "body"), PAST_SALES)
def test_a_sale_this_order_was_bought_in_or_delayed_by_is_no_promotion(language: str, body: str) -> None:
    assert rules(body, language) == set()


@pytest.mark.parametrize(("language", "body"), SALES_ANNOUNCED)
def test_a_sale_announced_is_still_marketing(language: str, body: str) -> None:
    assert "marketing" in rules(body, language)


def test_a_reply_subject_that_echoes_the_buyers_sale_subject_is_no_promotion() -> None:
    def subject_errors(subject: str) -> list[str]:
        found = check_message(subject, "Your parcel ships today.", "ES", "es", model=NO_MODEL)
        return [f.rule for f in found if f.severity == "error"]

    for subject in ("RE: Rebajas", "Re: Soldes d'hiver", "AW: Schlussverkauf", "回复：促销价"):
        assert subject_errors(subject) == [], subject
    assert subject_errors("Rebajas de invierno: todo al 50 % en nuestra tienda") == ["marketing"]


def test_a_tracking_link_the_policy_allows_with_a_sale_that_delayed_it_is_clean() -> None:
    body = "Suivi ici : https://www.laposte.fr/suivi n° 6A12345678902, expédié pendant les soldes donc en retard."
    options = CheckOptions(allowed_domains=("laposte.fr",))
    assert check_message("Re: colis", body, "FR", "fr", options, model=NO_MODEL) == []


# The number of a case, a claim or an inquiry, named in the language, is no phone number.
CASE_NUMBERS = [
    ("en", "Your case 16724019853 is open with Amazon; we will write here."),
    ("de", "Fallnummer 4412345678, Amazon meldet sich bei Ihnen."),
    ("fr", "Votre dossier n° 4412345678 est ouvert chez Amazon."),
    ("es", "Caso nº 9876543210 registrado, Amazon le escribirá."),
    ("it", "La pratica n. 4412345678 è aperta presso Amazon."),
    ("ja", "ケース番号 16724019853 でAmazonに問い合わせ済みです。"),
    ("zh", "我們已向亞馬遜提交案件，編號 16724019853，有進展會通知您。"),
]


@pytest.mark.parametrize(("language", "body"), CASE_NUMBERS)
def test_a_case_number_named_as_one_is_no_phone(language: str, body: str) -> None:
    assert "phone" not in rules(body, language)


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("es", "Si lo prefiere, llámeme al 612 34 56 78 y lo vemos."),
        ("zh", "有问题请打我手机 138 0013 8000。"),
    ],
)
def test_a_phone_number_beside_them_is_still_found(language: str, body: str) -> None:
    assert "phone" in rules(body, language)


def test_amazon_canadas_customer_service_line_is_amazons() -> None:
    body = (
        "Si le retour ne fonctionne pas, vous pouvez joindre le service à la clientèle d'Amazon "
        "au 1-877-586-3230."
    )
    assert [f.rule for f in errors(body, "fr", "CA")] == []
    assert [f.rule for f in errors("Appelez-moi au 1-514-555-0199 pour le retour.", "fr", "CA")] == ["phone"]


# A five-star hotel or restaurant is no rating, whatever value the sentence names.
STARRED_PLACES = [
    ("en", "Yes, it is the towel five-star hotels use, 100% cotton, then wash it at 60."),
    ("de", "Ja, das Handtuch aus dem Fünf-Sterne-Hotel, 100 % Baumwolle, dann bei 60 Grad waschen."),
    ("fr", "Oui, c'est la serviette des hôtels cinq étoiles, 100 % coton, si besoin lavable à 60."),
    ("es", "Sí, es la toalla de los hoteles de cinco estrellas, 100 % algodón, si quiere a 60 grados."),
    ("it", "Sì, è l'asciugamano degli hotel a cinque stelle, 100% cotone, se vuole lo lavi a 60 gradi."),
    ("ja", "はい、五つ星ホテルで使われているタオルです。綿100%なので60度で洗えます。"),
    ("zh", "对的，就是五星级酒店用的那款浴巾，100% 纯棉，可以 60 度洗。"),
]


@pytest.mark.parametrize(("language", "body"), STARRED_PLACES)
def test_a_five_star_hotel_is_no_rating(language: str, body: str) -> None:
    assert rules(body, language) == set()


def test_five_stars_asked_for_beside_a_value_are_still_a_trade() -> None:
    assert "inducement" in rules("给五星好评就返现5元。", "zh")
    assert "inducement" in rules("Lasci 5 stelle e le rimborsiamo la spedizione.", "it")
