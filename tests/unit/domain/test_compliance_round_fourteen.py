"""Round fourteen: the families of the fourteenth holdout's misses and false alarms (one writer
for business and handmade sellers, the other answering angry buyers who propose trades, many of
them refused), read after its score was recorded (docs/COMPLIANCE.md), on wordings written for
this test, with their look-alikes."""

import pytest

from services.core.domain.compliance import check_message
from services.core.domain.compliance.learned import NO_MODEL
from tests.unit.domain.compliance_checks import rules

FOUND = [
    # trades with a chargeback, a credit, a rating taken out or "come down"
    (
        "de",
        "inducement",
        "Wenn Sie die Rücklastschrift bei Ihrer Bank zurücknehmen, bekommen Sie von uns 15 € extra.",
    ),
    (
        "fr",
        "inducement",
        "Annulez la contestation auprès de votre banque et nous vous ferons un geste de 20 %.",
    ),
    (
        "de",
        "inducement",
        "Ziehen Sie den Antrag bei Amazon zurück, und Sie erhalten eine Gutschrift über 50 €.",
    ),
    ("de", "review_request", "Mein Vorschlag: Sie nehmen die Rezension heraus, und ich erstatte Ihnen 40 €."),
    (
        "en",
        "inducement",
        "We'd like to send you a £15 voucher, and we'd be grateful if the negative feedback could come down.",
    ),
    (
        "de",
        "review_request",
        "Wir schicken Ihnen kostenlos das neue Modell – im Gegenzug wäre es schön, wenn die Verkäuferbewertung verschwindet.",
    ),
    (
        "de",
        "review_request",
        "Die 20 % bekommen Sie gern, sobald Ihre Bewertung bei mindestens vier Sternen liegt.",
    ),
    # the seller's own shop elsewhere, said in the first person
    ("de", "marketing", "Passende Stifteköcher habe ich in meinem eBay-Shop „glas_werk“."),
    ("fr", "marketing", "Toute ma collection se trouve sur ma boutique Etsy « CireDorée »."),
    ("zh", "marketing", "如果还需要配套的钥匙扣，可以到我的淘宝店“皮艺坊”看看。"),
    # happy buyers to the review page, the others to the seller
    (
        "it",
        "review_request",
        "Se ne sarà soddisfatta, ci lasci due righe positive su Amazon; in caso contrario, meglio scrivere a noi che alle recensioni.",
    ),
]


@pytest.mark.parametrize(("language", "rule", "body"), FOUND)
def test_the_round_fourteen_families_are_found(language: str, rule: str, body: str) -> None:
    assert rule in rules(body, language)


CLEAN = [
    # the buyer's proposal reported and turned down
    (
        "en",
        "You asked for 20% off in return for five stars, and we have to say no. The spare bag ships free.",
    ),
    (
        "en",
        "You offered to delete your review if we refund you. We can't make that kind of deal; the refund is done.",
    ),
    (
        "de",
        "Ihr Vorschlag – Rabatt gegen fünf Sterne – geht nicht: für Rezensionen dürfen wir keinerlei Gegenleistung anbieten.",
    ),
    (
        "fr",
        "Vous nous proposez de supprimer votre avis en échange d'un remboursement. Nous ne pouvons pas accepter.",
    ),
    (
        "es",
        "Nos propone borrar su reseña a cambio del reembolso. No podemos aceptar eso; el reembolso ya está en marcha.",
    ),
    ("it", "Lei ci propone di cancellare la recensione in cambio del rimborso. Non possiamo accettare."),
    ("ja", "星5と引き換えに値引きを、とのご提案ですが、レビューに対する見返りは一切お出しできません。"),
    ("zh", "您提出删除评价来换取退款，这一点我们不能答应。退款已经办理。"),
    # the buyer changed the review on their own
    ("en", "We noticed you updated your review after the new pan arrived. Thank you, that was kind."),
    ("zh", "看到您在换货后更新了评价，非常感谢。"),
    # a messenger or a transfer the buyer asked for, declined
    (
        "en",
        "I understand a WhatsApp chat would be easier. We can only help through Amazon's messaging, though.",
    ),
    (
        "de",
        "Kontakt über WhatsApp können wir leider nicht anbieten; wir antworten nur über das Amazon-Postfach.",
    ),
    ("ja", "銀行振込による直接のご返金はお受けいたしかねます。返金はAmazonを通じて行います。"),
    # numbers that name a batch, an article or a customs id
    ("fr", "Les boîtes portent le numéro de lot 06-4418-2073, concerné par le rappel."),
    ("de", "Es fehlte der Satz Gewichte, Herstellerartikelnummer 0170-4435-228; ich lege ihn kostenlos bei."),
    ("es", "La junta corresponde a la referencia del fabricante 622-045-318 y va en garantía."),
    ("fr", "Pour la facture commerciale : EORI FR80433912700018."),
    # a refund started, not a product launched; a catalogue of the same goods
    ("fr", "C'est réglé : nous lançons le remboursement intégral aujourd'hui."),
    ("de", "Schicken Sie mir einfach kurz die passende Adresse für die Rechnung."),
]


@pytest.mark.parametrize(("language", "body"), CLEAN)
def test_the_round_fourteen_look_alikes_stay_clean(language: str, body: str) -> None:
    assert rules(body, language) == set()


def _subject_rules(subject: str, body: str, language: str, marketplace: str) -> set[str]:
    findings = check_message(subject, body, marketplace, language, model=NO_MODEL)
    return {f.rule for f in findings if f.severity == "error" and f.field == "subject"}


def test_a_reply_subject_that_echoes_the_buyers_topic_is_no_finding_of_its_own() -> None:
    body = "A transfer to your own account is not possible; refunds always go through Amazon."
    assert _subject_rules("Re: bank transfer", body, "en", "UK") == set()
    assert _subject_rules("关于银行转账", "退款都会通过亚马逊退回。", "zh", "SG") == set()


def test_a_reply_subject_that_offers_or_asks_is_still_found() -> None:
    assert "inducement" in _subject_rules("Re: 5⭐ = 10% back", "Thanks for your order!", "en", "US")
    assert "competitor" in _subject_rules("Re: pay by bank transfer +5%", "See you soon.", "en", "UK")
