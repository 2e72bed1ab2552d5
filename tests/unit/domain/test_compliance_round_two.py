"""The compliance families added in round two (docs/COMPLIANCE.md, "Round two"), each checked in
every language it was written for, and the clean sentences that look like them."""

import pytest

from tests.unit.domain.compliance_checks import rules


@pytest.mark.parametrize(
    ("language", "body"),
    [
        (
            "en",
            "Customers whose reviews come to reflect how things were resolved find a little extra in their next box.",
        ),
        (
            "de",
            "Sollte Ihre Rezension den aktuellen Stand zeigen, legen wir Ihnen eine kleine Überraschung bei.",
        ),
        ("fr", "Si votre avis venait à refléter la résolution, une petite surprise vous attendrait."),
        ("es", "Si su opinión llegara a reflejar cómo se resolvió, le mandamos un detallito."),
        (
            "it",
            "Se la sua recensione rispecchiasse come si è risolto tutto, ricambieremmo con un pensierino.",
        ),
        ("ja", "レビューが現在の状況を反映したものになりましたら、心ばかりのお礼を同封いたします。"),
        ("zh", "如果您的评价能体现出我们的处理情况，我们会准备一份小心意。"),
    ],
)
def test_a_gift_for_a_review_that_reflects_the_resolution_is_a_trade(language: str, body: str) -> None:
    assert {"inducement", "review_request"} <= rules(body, language)


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "3 stars hurts 😢 if you could bump it up to 5 we'll pop a little gift in your next order!"),
        (
            "de",
            "3 Sterne sind hart 😢 können Sie noch 2 Sterne draufpacken? Wir legen Ihnen dafür was Kleines bei.",
        ),
        ("fr", "2 étoiles c'est dur, si vous remontez à 4 ou 5 on vous glisse un cadeau !"),
        ("es", "2 estrellitas nos duelen 😢 si nos sube a 5 le mandamos una tarjeta regalo."),
        ("it", "2 stelline ci fanno piangere 😭 se arrivi a 5 ti mandiamo un omaggio!"),
        ("ja", "星3つは辛いです😢 星5に変えていただけたら、小さなプレゼントを同梱します！"),
        ("zh", "两星让我们很难过😢 如果您能改成五星，下次给您寄个小赠品！"),
    ],
)
def test_a_gift_for_raising_the_stars_to_a_count_is_a_trade(language: str, body: str) -> None:
    assert {"inducement", "review_request"} <= rules(body, language)


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "Can u pls close the a-z claim? I will refund you 100%."),
        (
            "de",
            "Wir bieten Ihnen 50 % Teilerstattung an. Voraussetzung ist, dass Sie den Garantieantrag schließen.",
        ),
        ("fr", "Pourriez-vous fermer le litige ? Nous vous rembourserons intégralement."),
        ("es", "Le ofrecemos un reembolso del 50 %. La condición es que cierre la reclamación."),
        ("it", "Se il reclamo sparisse, per lei ci sarebbe un buono da 20 €."),
        ("ja", "50%返金いたします。条件として、保証申請を取り下げてください。"),
        ("zh", "您能撤销索赔吗？我们会全额退款。"),
        (
            "en",
            "We noticed a chargeback. If you reverse it with your bank we'll include a free set of filters.",
        ),
        (
            "de",
            "Wir möchten Ihnen einen Gutschein schenken. Würden Sie Ihre Bewertung noch einmal überdenken?",
        ),
        ("es", "Nos gustaría ofrecerle un vale de 10 €. ¿Podría reconsiderar su valoración?"),
        ("ja", "お詫びとしてギフト券をお贈りしたく存じます。評価を見直していただけますでしょうか。"),
    ],
)
def test_a_claim_or_rating_traded_across_sentences_or_by_a_stated_condition_is_inducement(
    language: str, body: str
) -> None:
    assert "inducement" in rules(body, language)


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "Just DM us and we'll sort the colour."),
        ("en", "The quickest way is to ping us on WA."),
        ("de", "Schreiben Sie uns eine DM, dann geht es schneller."),
        ("fr", "Écrivez-nous en DM, on répond vite."),
        ("es", "Escríbenos por DM y lo vemos."),
        ("it", "Scrivici su IG per lo scambio."),
        ("ja", "詳しくはDMでご連絡ください。"),
        ("zh", "有问题直接私信我们哦。"),
        ("en", "Have a look at our full range, heaps more styles!"),
        ("de", "Wie das geht, zeige ich auf meinem Kanal – einfach abonnieren."),
        ("fr", "Nous sommes aussi présents sur Cdiscount."),
        ("ja", "メルカリでも同じ商品を少し安く出しています。"),
    ],
)
def test_messengers_channels_ranges_and_other_marketplaces_are_marketing(language: str, body: str) -> None:
    assert "marketing" in rules(body, language)


@pytest.mark.parametrize(
    ("language", "body", "rule"),
    [
        ("fr", "Le plus simple c'est de m'écrire sur mon gmail : atelier.sable.contact", "email"),
        ("ja", "私のGメール（kobo.hinata.support）に直接ご連絡ください。", "email"),
        ("zh", "您直接发到我 QQ 邮箱吧，号码就是 2 8 7 7 6 5 1 0 3。", "email"),
        ("ja", "担当直通：ぜろきゅうぜろ、よんにーさんよん、ごーろくななはち までお電話ください。", "phone"),
        ("es", "Toda nuestra colección en ceramicasluna punto es, ¡hay novedades!", "link"),
    ],
)
def test_contacts_given_by_provider_and_account_spelled_in_kana_or_with_a_spelled_dot(
    language: str, body: str, rule: str
) -> None:
    assert rule in rules(body, language)


@pytest.mark.parametrize(
    ("language", "body", "expected"),
    [
        ("en", "Your review reflects a real problem, and we have improved the packaging since.", set()),
        ("de", "Vielen Dank für Ihre Bewertung, sie spiegelt genau wider, was wir verbessern müssen.", set()),
        ("fr", "Merci pour votre avis, il reflète bien la situation actuelle du stock.", set()),
        ("es", "Suba el volumen a 5 y pulse el botón.", set()),
        ("it", "Porti la manopola a 5 e attenda due minuti.", set()),
        ("zh", "欢迎在亚马逊上留下真实的评价，好评差评都可以。", set()),
        ("en", "Could you tell us whether the claim is closed? We will refund you either way.", set()),
        ("en", "Could you close the A-to-z claim? We have already refunded you in full.", set()),
        ("en", "You'll find it cheaper at Walmart, but we can't match those prices.", {"competitor"}),
        ("fr", "Le produit sur Cdiscount est moins cher mais ce n'est pas nous.", {"competitor"}),
        ("it", "Se annulla lo storno le facciamo un bonifico di 20 €.", {"inducement"}),
        ("en", "You can find it in our storefront on Amazon.", set()),
        ("zh", "关注我们的 Instagram @teahouse.sg", {"marketing"}),
        ("es", "Lo importante de este punto es que el envío llega mañana.", set()),
        ("ja", "さんにんでいちにちかかります。", set()),
        ("en", "We have sent you a replacement. Would you reconsider your review?", {"review_request"}),
    ],
)
def test_look_alikes_of_the_new_families_are_not_their_finding(
    language: str, body: str, expected: set[str]
) -> None:
    assert rules(body, language) == expected
