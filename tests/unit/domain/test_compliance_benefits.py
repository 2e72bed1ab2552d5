"""Every benefit a seller may offer for a withdrawn claim, in each language, and the trades
that are not ones: disclaimed, given whatever the buyer does, or closed by Amazon itself
(docs/COMPLIANCE.md, "Round three")."""

import pytest

from tests.unit.domain.compliance_checks import rules

# language: (sentence with a withdrawn claim, the benefits offered for it)
BENEFITS = {
    "en": (
        "Please close the claim and {b}.",
        [
            "we'll refund you",
            "you get a partial refund",
            "a gift is yours",
            "we'll send a $25 gift card",
            "you'll get a voucher",
            "we'll ship a free one",
            "we'll give you 30% off",
            "you get cashback",
            "we'll add store credit",
            "we'll send a little thank-you",
            "we'll throw in a spare",
            "we'll comp your order",
            "we'll waive the return fee",
            "there's a bonus for you",
            "we'll upgrade you to the pro model",
            "we'll pay the shipping",
            "we'll knock $10 off",
            "we'll send you something nice",
            "we'll credit your account",
            "you'll get your money back",
        ],
    ),
    "de": (
        "Bitte schließen Sie den Antrag, dann {b}.",
        [
            "erstatten wir Ihnen alles",
            "gibt es eine Teilerstattung",
            "bekommen Sie ein Geschenk",
            "schicken wir Ihnen einen 25-€-Gutschein",
            "erhalten Sie einen Rabatt von 30 %",
            "senden wir Ihnen gratis ein neues",
            "legen wir ein kleines Dankeschön bei",
            "gibt es Geld zurück",
            "schreiben wir Ihnen 10 € gut",
            "übernehmen wir die Versandkosten",
            "bekommen Sie ein Upgrade auf das Pro-Modell",
            "gibt es einen Bonus",
            "erlassen wir die Rücksendegebühr",
        ],
    ),
    "fr": (
        "Merci de clôturer la réclamation, et {b}.",
        [
            "nous vous remboursons",
            "vous aurez un remboursement partiel",
            "un cadeau vous attend",
            "nous vous envoyons une carte cadeau de 25 €",
            "vous aurez un bon de réduction",
            "nous vous envoyons un article gratuit",
            "vous aurez 30 % de remise",
            "nous vous offrons les frais de port",
            "un petit geste vous sera fait",
            "nous créditons votre compte de 10 €",
            "vous récupérez votre argent",
            "nous vous surclassons au modèle pro",
        ],
    ),
    "es": (
        "Por favor cierre la reclamación y {b}.",
        [
            "le reembolsamos",
            "tendrá un reembolso parcial",
            "le hacemos un regalo",
            "le mandamos una tarjeta regalo de 25 €",
            "le damos un cupón",
            "le enviamos uno gratis",
            "le hacemos un 30 % de descuento",
            "le pagamos el envío",
            "le abonamos 10 €",
            "recupera su dinero",
            "le damos un detalle",
            "le regalamos el modelo pro",
        ],
    ),
    "it": (
        "Per favore chiuda il reclamo e {b}.",
        [
            "la rimborsiamo",
            "avrà un rimborso parziale",
            "le facciamo un regalo",
            "le mandiamo una carta regalo da 25 €",
            "le diamo un buono",
            "gliene mandiamo uno gratis",
            "le facciamo il 30% di sconto",
            "le paghiamo la spedizione",
            "le accreditiamo 10 €",
            "riavrà i suoi soldi",
            "le mandiamo un pensierino",
            "le regaliamo il modello pro",
        ],
    ),
    "ja": (
        "申し立てを取り下げていただければ、{b}。",
        [
            "全額返金いたします",
            "一部返金いたします",
            "プレゼントを差し上げます",
            "2500円分のギフト券をお送りします",
            "クーポンを差し上げます",
            "無料で新品をお送りします",
            "30%割引いたします",
            "送料を負担いたします",
            "ポイントを付与いたします",
            "お礼の品をお送りします",
            "上位モデルにアップグレードいたします",
        ],
    ),
    "zh": (
        "您撤销索赔的话，{b}。",
        [
            "我们全额退款",
            "我们给您部分退款",
            "我们送您礼物",
            "送您一张25元礼品卡",
            "给您一张优惠券",
            "免费再寄一个",
            "给您打七折",
            "运费我们出",
            "给您返现10元",
            "红包奉上",
            "给您升级到高配版",
        ],
    ),
}
# Trades disclaimed, remedies given whatever the buyer does, claims Amazon closes itself.
NOT_TRADES = {
    "en": [
        "We'd never ask you to change your review in exchange for a refund.",
        "Your refund doesn't depend on your feedback in any way.",
        "We won't ask you to remove the review; the replacement ships today regardless.",
        "The refund is yours whatever you decide about the A-to-z claim.",
        "Amazon will close the claim automatically once the refund posts.",
        "You're free to keep your rating as it is; we've sent the new unit.",
        "There's no catch: the gift card is a goodwill gesture, your review stays your call.",
        "We're not allowed to offer anything for reviews, but we've refunded the order in full.",
        "Even if you keep the 1-star review, we'll still replace the lamp.",
        "Whether or not you update your review, the refund has been issued.",
        "We refunded you in full yesterday; the case should close on its own.",
        "If the case is still open after the refund, Amazon will close it.",
        "Please don't feel obliged to change your rating.",
        "We closed the case on our side after refunding you.",
    ],
    "de": [
        "Wir würden Sie nie bitten, Ihre Bewertung gegen eine Erstattung zu ändern.",
        "Die Erstattung hängt nicht von Ihrer Bewertung ab.",
        "Ob Sie die Bewertung ändern oder nicht, der Ersatz ist unterwegs.",
        "Amazon schließt den Antrag automatisch, sobald die Erstattung gebucht ist.",
        "Ihre Bewertung bleibt selbstverständlich Ihre Entscheidung; die Erstattung ist erfolgt.",
        "Auch wenn Sie bei 1 Stern bleiben, schicken wir Ihnen Ersatz.",
        "Wir haben den Fall nach der Erstattung auf unserer Seite geschlossen.",
    ],
    "fr": [
        "Nous ne vous demanderions jamais de modifier votre avis contre un remboursement.",
        "Le remboursement ne dépend pas de votre avis.",
        "Que vous modifiiez votre avis ou non, le remplacement est parti.",
        "Amazon clôturera la réclamation automatiquement après le remboursement.",
        "Votre note reste votre choix ; nous vous avons remboursé.",
        "Même si vous gardez votre avis 1 étoile, nous vous envoyons un remplacement.",
    ],
    "es": [
        "Nunca le pediríamos que cambiara su reseña a cambio de un reembolso.",
        "El reembolso no depende de su valoración.",
        "Cambie o no su reseña, el reemplazo ya está en camino.",
        "Amazon cerrará la reclamación automáticamente tras el reembolso.",
        "Su valoración es decisión suya; ya le hemos reembolsado.",
        "Aunque mantenga la reseña de 1 estrella, le enviamos el reemplazo.",
    ],
    "it": [
        "Non le chiederemmo mai di modificare la recensione in cambio di un rimborso.",
        "Il rimborso non dipende dalla sua recensione.",
        "Che modifichi o no la recensione, la sostituzione è partita.",
        "Amazon chiuderà il reclamo automaticamente dopo il rimborso.",
        "La sua valutazione resta una sua scelta; l'abbiamo già rimborsata.",
        "Anche se mantiene la recensione a 1 stella, le mandiamo la sostituzione.",
    ],
    "ja": [
        "返金と引き換えにレビューの変更をお願いすることは決してございません。",
        "返金はレビューの内容とは関係ございません。",
        "レビューを変更されるかどうかにかかわらず、交換品は発送済みです。",
        "返金後、申し立てはAmazonにより自動的にクローズされます。",
        "評価はお客様のご判断にお任せいたします。返金は完了しております。",
    ],
    "zh": [
        "我们绝不会要求您以修改评价来换取退款。",
        "退款与您的评价无关。",
        "无论您是否修改评价，换货都已寄出。",
        "退款后，亚马逊会自动关闭索赔。",
        "评价由您自己决定，退款已经完成。",
    ],
}


@pytest.mark.parametrize(
    ("language", "body"),
    [
        (language, sentence.format(b=benefit))
        for language, (sentence, benefits) in BENEFITS.items()
        for benefit in benefits
    ],
)
def test_every_benefit_offered_for_a_withdrawn_claim_is_inducement(language: str, body: str) -> None:
    assert "inducement" in rules(body, language)


@pytest.mark.parametrize(
    ("language", "body"), [(language, body) for language, bodies in NOT_TRADES.items() for body in bodies]
)
def test_disclaimed_trades_and_unconditional_remedies_are_clean(language: str, body: str) -> None:
    assert rules(body, language) == set()
