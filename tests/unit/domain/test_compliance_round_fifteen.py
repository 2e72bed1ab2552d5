"""Round fifteen: the families of the fifteenth and sixteenth holdouts' misses and false alarms
(local marketplaces and subject-line replies; minimal pairs and sellers writing in a language
not their own), read after their scores were recorded (docs/COMPLIANCE.md), on wordings
written for this test, with their look-alikes."""

import pytest

from services.core.domain.compliance import check_message
from services.core.domain.compliance.learned import NO_MODEL
from tests.unit.domain.compliance_checks import rules

FOUND = [
    # a review paid for is asked for, whatever it is to say
    (
        "en",
        "review_request",
        "Post a review of the lamp, send us a screenshot and we'll send you a $20 gift card.",
    ),
    (
        "it",
        "review_request",
        "Se ci scrive una recensione, le regaliamo un buono da 5 euro sul prossimo ordine.",
    ),
    (
        "de",
        "review_request",
        "Als Dankeschön für eine 5-Sterne-Rezension schicken wir Ihnen einen Gutschein über 8 €.",
    ),
    # the price of a review said with "for"
    ("fr", "inducement", "Pour une belle évaluation avec photo, on vous offre un bon d'achat de 5 euros."),
    ("es", "inducement", "Por una opinión buena con foto le regalamos un vale de 5 euros."),
    ("it", "inducement", "Per una recensione con foto regaliamo un buono da 5 euro."),
    # the item kept for a chargeback dropped
    ("it", "inducement", "Ritiri la contestazione con la banca e tenga pure il frullatore."),
    ("zh", "inducement", "只要撤回信用卡拒付，商品就不用退了。"),
    ("ja", "inducement", "チャージバックを取り下げていただければ、商品はそのままお使いください。"),
    # the seller's own site, cheaper
    (
        "it",
        "marketing",
        "I filtri di ricambio li trova a un prezzo più basso sul nostro sito www.acqua-bruno.it.",
    ),
    ("ja", "marketing", "替えのパッドは公式ショップ（pad-ya.jp）の方がお安くお求めいただけます。"),
    # the seller's shop on another marketplace, found by its name
    ("en", "marketing", "For the larger size, just search 'Harbor Lights Official' on Noon."),
    ("ja", "marketing", "楽天の私たちのお店ではもう少し安く買えます。"),
    ("zh", "marketing", "Shopee上同款更便宜。"),
    # happy buyers only
    ("en", "review_request", "Please only leave a review if everything is fine."),
    ("de", "review_request", "Bitte bewerten Sie uns nur, wenn alles passt."),
    ("fr", "review_request", "Un problème ? Écrivez-nous d'abord. Tout va bien ? Laissez un avis."),
    # a rating made kinder; new goods offered with a question
    (
        "en",
        "review_request",
        "Now the heater works, I would be happy when you could overthink your review once more.",
    ),
    (
        "de",
        "marketing",
        "Wir haben jetzt neue Produkt: die Gartenlampe GL-2. Vielleicht Sie auch interessiert?",
    ),
    ("it", "link", "Trova tutta la collezione su lampadesign punto eu."),
]


@pytest.mark.parametrize(("language", "rule", "body"), FOUND)
def test_the_round_fifteen_families_are_found(language: str, rule: str, body: str) -> None:
    assert rule in rules(body, language)


CLEAN = [
    # goods on Amazon the buyer asked about
    ("en", "You asked whether matching towels exist: yes, they're listed in our Amazon storefront."),
    # the refund disclaimed from the review
    ("de", "Die Erstattung ist angewiesen; dafür erwarten wir keinerlei Änderung an Ihrer Bewertung."),
    ("zh", "我们绝对不会为了退款让您删除评价，退款已经到账。"),
    # conditions that are not about a review
    ("en", "If everything is fine with the address, the parcel arrives on Monday."),
    ("de", "Nur wenn die Versiegelung beschädigt ist, müssen Sie das Gerät zurückschicken."),
]


@pytest.mark.parametrize(("language", "body"), CLEAN)
def test_the_round_fifteen_look_alikes_stay_clean(language: str, body: str) -> None:
    assert rules(body, language) == set()


def test_a_payee_name_on_a_payment_app_is_no_shop() -> None:
    body = "Se ci manda 4 € con Satispay (ci trova come «Casa Rossi») le spediamo il pezzo."
    assert rules(body, "it") == {"competitor"}


def _rules(subject: str, body: str, language: str, marketplace: str) -> set[str]:
    findings = check_message(subject, body, marketplace, language, model=NO_MODEL)
    return {f.rule for f in findings if f.severity == "error"}


def test_a_subject_that_is_the_shop_and_a_body_that_sells_there_is_marketing() -> None:
    assert _rules("tiendaverde.es", "Allí el lote sale más barato.", "es", "ES") == {"link", "marketing"}
    assert _rules("tiendaverde.es", "Allí encontrará el manual.", "es", "ES") == {"link"}


def test_a_rating_named_in_the_subject_and_changed_by_a_pronoun_in_the_body_is_asked_for() -> None:
    body = "Ahora que llegó el paquete, ¿la podría actualizar?"
    assert _rules("Sobre su valoración de 2 estrellas", body, "es", "ES") == {"review_request"}
    assert _rules("Sobre su dirección", body, "es", "ES") == set()


def test_a_subject_and_a_one_line_body_are_read_together() -> None:
    found = _rules("Tarjeta regalo de 10 €", "Es suya si borra la reseña negativa.", "es", "ES")
    assert found == {"inducement", "review_request"}


def test_a_longer_body_under_a_subject_that_names_the_refund_is_read_alone() -> None:
    body = (
        "Thank you for your review and the photos. We have refunded the full amount today. "
        "There is no need to send anything back."
    )
    assert _rules("Refund for the broken vase", body, "en", "UK") == set()
