"""Round twelve: the families of the twelfth holdout's misses and false alarms (one writer a
small shop answering casually on a phone, the other a large seller's long structured replies),
read after its score was recorded (docs/COMPLIANCE.md), on wordings written for this test, with
their look-alikes."""

import pytest

from tests.unit.domain.compliance_checks import rules

FOUND = [
    # the seller's goods elsewhere, said casually
    ("en", "marketing", "btw there's a 15% off code for next time, HELLO15 on our site 😉"),
    ("en", "marketing", "got a 20% off code for next time if u fancy it 😉"),
    (
        "en",
        "marketing",
        "if u want the matching cushion covers just PayPal me and i'll post them, $20 the pair",
    ),
    ("de", "marketing", "Den Deckel können Sie auch direkt bei uns bestellen, ist günstiger."),
    ("es", "marketing", "Escríbeme x whats al 55 8765 4321 y lo vemos rápido."),
    ("it", "marketing", "Sul nostro sito w w w . tovagliedigiulia . it trova anche i tovaglioli abbinati."),
    ("ja", "marketing", "ラクマにもお店出してて、そっちがちょい安いです(笑) 店名は「はなうた雑貨」です"),
    ("zh", "marketing", "我们自己的网站 www。lanhua-home。co。uk 上还有配套的杯垫,款式更多哦"),
    # a rating named before and asked to be changed by a pronoun
    (
        "de",
        "review_request",
        "Die Bewertung mit 2 Sternen tut weh. Könnten Sie das vielleicht nochmal überdenken?",
    ),
    ("fr", "review_request", "Votre avis d'une étoile nous a peinés. Pourriez-vous le modifier maintenant ?"),
    # happy buyers as a kind sent to the review page, unhappy ones to the seller first
    (
        "fr",
        "review_request",
        "Nos clients contents le disent souvent sur la page du produit ; si quelque chose cloche, "
        "écrivez-nous plutôt avant de publier.",
    ),
    (
        "it",
        "review_request",
        "Chi rimane soddisfatto lo racconta nella pagina del prodotto; se invece qualcosa non va, "
        "ci scriva prima di pubblicare.",
    ),
    (
        "ja",
        "review_request",
        "ご満足いただけたお客様には商品ページで一言いただいております。不具合がございましたら、投稿される前にまず当店へご連絡ください。",
    ),
    # something kept free for a review removed
    (
        "fr",
        "inducement",
        "Nous avons vu votre commentaire. Si vous acceptez de le supprimer, vous pourrez garder la lampe gratuitement.",
    ),
    ("es", "inducement", "He visto la reclamación. Si la retiras hoy te devuelvo todo."),
]


@pytest.mark.parametrize(("language", "rule", "body"), FOUND)
def test_the_round_twelve_families_are_found(language: str, rule: str, body: str) -> None:
    assert rule in rules(body, language)


CLEAN = [
    # thanks for a review already left, however it is written
    ("fr", "Merci bcp pour votre avis 5 étoiles, ça fait plaisir 🥰"),
    ("zh", "谢谢你给的五星好评！祝使用愉快~"),
    # a refund disclaimed from the review, a part sent with nothing asked in return
    ("ja", "返金手続きが完了しました。レビューとは全く関係ありませんので、ご安心ください。"),
    ("zh", "已经全额退款了。我们绝对不会用退款来换你改评价，评价怎么写都随你。"),
    (
        "en",
        "Thank you for your review. We have posted you a new strap free of charge. "
        "There is nothing you need to do in return, and your review can stay exactly as it is.",
    ),
    (
        "de",
        "Danke für Ihre Rezension. Wir haben Ihnen kostenlos einen neuen Deckel geschickt. "
        "Eine Gegenleistung erwarten wir dafür nicht, und an Ihrer Bewertung muss sich nichts ändern.",
    ),
    # an item returned by the buyer, a warranty extension for free, another size held for an exchange
    (
        "es",
        "Tiene 30 días para devolverla a través de Amazon si no le convence. ¿Le ha llegado bien el paquete?",
    ),
    (
        "it",
        "La garanzia è di due anni. Se il rumore aumenta, ci scriva qui e organizzeremo il ritiro gratuito.",
    ),
    ("ja", "Lサイズは在庫がございますので、交換用に1週間お取り置きいたします。"),
    # a pronoun changed by the seller, not the buyer
    ("en", "Thanks for the review. We read it and will change it on the listing photos too."),
    # a replacement that has arrived, asked about without a rating
    ("zh", "亲，补发的已经收到了吧？有问题随时联系。"),
]


@pytest.mark.parametrize(("language", "body"), CLEAN)
def test_the_round_twelve_look_alikes_stay_clean(language: str, body: str) -> None:
    assert rules(body, language) == set()
