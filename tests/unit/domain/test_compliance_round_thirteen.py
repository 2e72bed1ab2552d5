"""Round thirteen: the families of the thirteenth holdout's misses and false alarms (one writer
answering with templates, lists and bilingual blocks, the other a technical support desk full of
codes and numbers), read after its score was recorded (docs/COMPLIANCE.md), on wordings written
for this test, with their look-alikes."""

import pytest

from tests.unit.domain.compliance_checks import rules

FOUND = [
    # a trade set out as a list: the offer, then its condition or its steps
    (
        "en",
        "inducement",
        "Here is what we can do:\n• 30% back (C$15) through Amazon\n• Condition: the negative feedback on our page is removed first",
    ),
    (
        "es",
        "inducement",
        "Le proponemos:\n1. Cancele la reclamación en «Mis pedidos».\n2. Escríbanos aquí.\n3. Le reembolsamos los 30 € ese día.",
    ),
    (
        "ja",
        "inducement",
        "お詫びとして以下の対応をいたします。\n■ 20％（800円）を返金\n■ ※ただし、低評価を削除していただいた後となります",
    ),
    (
        "fr",
        "review_request",
        "Nous vous remboursons 20 $ via Amazon, à une seule condition : que l'évaluation négative disparaisse d'abord.",
    ),
    # a longer warranty for five stars
    (
        "en",
        "inducement",
        "We can extend the 12-month warranty to 24 months: leave a 5-star review and I'll register it.",
    ),
    (
        "de",
        "review_request",
        "Für eine 5-Sterne-Bewertung verlängern wir die Garantie von zwei auf drei Jahre.",
    ),
    ("ja", "inducement", "★5のレビューを投稿していただければ、保証期間を1年から2年に延長いたします。"),
    # five stars asked in a step of a template
    ("de", "review_request", "2️⃣ Während das Gerät lädt: uns kurz ⭐⭐⭐⭐⭐ geben – dauert keine Minute!"),
    # happy buyers sent to review and unhappy ones to the seller, on lines of their own
    (
        "en",
        "review_request",
        "😀 Love it? → Leave us a review in Your Orders.\n😕 Something off? → Message us here instead.",
    ),
    # stars asked as what keeps free support going
    (
        "fr",
        "review_request",
        "Notre aide est gratuite grâce aux bonnes notes ; si vous avez deux minutes pour quelques étoiles, ça nous aide.",
    ),
    (
        "es",
        "review_request",
        "La asistencia es gratuita gracias a las buenas reseñas; si nos regala unas estrellas, nos ayuda.",
    ),
    # the seller's own shop offering more, a domain in the middle
    (
        "de",
        "marketing",
        "Passend dazu gibt es in unserem Onlineshop holzhaus-shop.de jetzt auch Bretter aus Eiche.",
    ),
    # an address with another sign for the at, and a key that says so
    ("zh", "email", "请把视频发到 service#gongju-shop.sg（把#换成@）。"),
    ("en", "email", "Send the photos to help$tools-shop.com (replace $ with @)."),
]


@pytest.mark.parametrize(("language", "rule", "body"), FOUND)
def test_the_round_thirteen_families_are_found(language: str, rule: str, body: str) -> None:
    assert rule in rules(body, language)


CLEAN = [
    # a local device's address, error and pairing codes, a part code
    ("de", "Verbinden Sie Ihr Handy mit dem WLAN der Kamera und rufen Sie 192.168.4.1 im Browser auf."),
    ("zh", "用手机连接设备的Wi-Fi，在浏览器打开192.168.4.1，选择家里的网络。"),
    ("it", "Con il nuovo gruppo lame (codice FR-LM-12) il frullatore trita senza bloccarsi."),
    # free support said in general, with no stars asked
    ("de", "Unser Support ist kostenlos, solange das Gerät in der Garantie ist."),
    ("ja", "リモートサポートは無料でご利用いただけます。"),
    # refunds said not to depend on the review, and the buyer's question reported
    ("es", "Me pregunta si tiene que cambiar su valoración para recibir el reembolso. La respuesta es no."),
    ("en", "You asked if you have to change your review to get the refund."),
    ("it", "Il rimborso non è legato alla sua recensione: resta suo qualunque cosa scriva."),
    ("zh", "有买家问过我们，退款后是不是要把差评删掉——不需要。退款不附带任何条件。"),
    (
        "en",
        "Feedback of any kind, positive or critical, is useful to us; write what you like, or nothing at all.",
    ),
    # a review template's campaign is the trade, not a promotion; a storefront where feedback is left
    ("en", "Thanks for the feedback you left on our storefront; we have shared it with the team."),
    # a French "point de collecte"
    ("fr", "Inutile de nous renvoyer l'appareil, vous pouvez le déposer dans un point de collecte DEEE."),
    # "gracias a", "thanks to": because of, not thanks for a review
    ("en", "Thanks to your photos we found the fault; the new hinge ships today."),
    # lines of a template with nothing traded
    ("en", "Your order:\n• Order 123-4567890-1234567\n• Carrier: DHL\n• Refund of $10 issued for the delay"),
]


@pytest.mark.parametrize(("language", "body"), CLEAN)
def test_the_round_thirteen_look_alikes_stay_clean(language: str, body: str) -> None:
    assert rules(body, language) == set()


def test_a_video_site_named_beside_its_video_link_is_the_links_finding_only() -> None:
    body = "Our workshop put the steps on YouTube: youtube dot com slash watch?v=Ab12Cd34 from 1:42."
    assert rules(body, "en") == {"link"}


def test_stars_the_buyer_gives_the_seller_are_no_value_offered() -> None:
    # "se ci regala qualche stella": the buyer's gift to the seller, asked for, not a trade
    body = "L'assistenza è gratuita grazie alle buone recensioni: se ci regala qualche stella, ci aiuta."
    assert rules(body, "it") == {"review_request"}
