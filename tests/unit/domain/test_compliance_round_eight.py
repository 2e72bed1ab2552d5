"""Round eight: the families of the eighth holdout's misses and false alarms, read after its
score was recorded (docs/COMPLIANCE.md), each in all seven languages where the family has a
word in them, on wordings written for this test, with their look-alikes."""

import pytest

from tests.unit.domain.compliance_checks import rules

# A coupon or discount already taken off this order advertises nothing.
APPLIED = [
    ("en", "The 10% coupon on the product page was applied automatically at checkout, hence the total."),
    ("de", "Der Coupon über 10 % wurde beim Bezahlen automatisch abgezogen, daher der Betrag."),
    ("fr", "Le coupon de 10 % a été appliqué automatiquement au paiement, d'où ce total."),
    ("es", "El cupón del 10 % se aplicó automáticamente al pagar, por eso el total es menor."),
    ("it", "Il coupon del 10% è stato applicato automaticamente al pagamento, per questo il totale."),
    ("ja", "商品ページのクーポンがお会計時に自動適用されたため、この金額となっております。"),
    ("zh", "商品页面的优惠券在结账时已经自动使用，所以实付金额较低。"),
]
NEXT_ORDER = [
    ("en", "Here is a 10% coupon for your next order: THANKS10."),
    ("de", "Für Ihre nächste Bestellung schenken wir Ihnen einen Coupon über 10 %."),
    ("ja", "次回ご注文時に使えるクーポンをお送りします。"),
    ("zh", "送您一张优惠券，下次购买可以直接使用。"),
]


@pytest.mark.parametrize(("language", "body"), APPLIED)
def test_a_coupon_already_applied_to_this_order_is_no_promotion(language: str, body: str) -> None:
    assert rules(body, language) == set()


@pytest.mark.parametrize(("language", "body"), NEXT_ORDER)
def test_a_coupon_for_a_next_order_is_still_marketing(language: str, body: str) -> None:
    assert "marketing" in rules(body, language)


# A loyalty programme of the seller's is a promotion.
LOYALTY = [
    ("en", "As a regular, you're welcome in our loyalty club: earn points on every order with us."),
    ("de", "Als Stammkundin laden wir Sie in unseren Kundenclub ein: Sie sammeln bei jedem Kauf Punkte."),
    ("fr", "Rejoignez notre programme de fidélité et cumulez des points à chaque achat."),
    ("es", "Únase a nuestro programa de fidelidad: acumula puntos en cada compra."),
    ("it", "Entri nel nostro programma fedeltà: a ogni acquisto accumula punti."),
    ("ja", "会員制度にご登録いただくと、ご購入ごとにポイントが貯まります。"),
    ("zh", "加入我们的会员俱乐部，每次购物都能累积积分。"),
]
POINTS_OF_NO_PROGRAMME = [
    ("en", "Two points to check: the plug and the fuse."),
    ("de", "Die Punkte auf der Anzeige blinken, bis der Akku voll ist."),
    ("fr", "Les points lumineux clignotent pendant la charge."),
    ("es", "Los puntos de la pantalla parpadean mientras carga."),
    ("it", "I punti sul display lampeggiano durante la ricarica."),
    ("ja", "表示のポイントが点滅するのは充電中の合図です。"),
    ("zh", "屏幕上的小圆点闪烁表示正在充电。"),
]


@pytest.mark.parametrize(("language", "body"), LOYALTY)
def test_a_loyalty_programme_is_marketing(language: str, body: str) -> None:
    assert "marketing" in rules(body, language)


@pytest.mark.parametrize(("language", "body"), POINTS_OF_NO_PROGRAMME)
def test_points_that_are_no_programme_are_clean(language: str, body: str) -> None:
    assert rules(body, language) == set()


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "Good news: our new winter collection lands next week, in five colours."),
        ("de", "Übrigens: Unsere neue Winterkollektion ist ab Montag da."),
        ("fr", "Petite nouvelle : notre nouvelle collection arrive la semaine prochaine."),
        ("ja", "来週から新コレクションが登場いたします。"),
        ("zh", "我们的新系列下周上市，颜色更多。"),
    ],
)
def test_the_sellers_new_collection_announced_is_marketing(language: str, body: str) -> None:
    assert "marketing" in rules(body, language)


def test_our_new_production_line_is_no_collection() -> None:
    assert rules("Our new production line fixed the stitching, so the replacement is fine.", "en") == set()


# "Evaluation" for a rating, as writers whose first language says 评价 write it in English.
def test_a_good_evaluation_for_a_free_item_is_a_trade() -> None:
    found = rules("If you leave good evaluation with picture, we send you one filter set totally free.", "en")
    assert {"inducement", "review_request"} <= found


def test_the_evaluation_of_a_returned_item_is_no_rating() -> None:
    body = "After evaluation of the returned kettle at our warehouse, the refund goes out within two days."
    assert rules(body, "en") == set()


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("ja", "返金は評価とは一切関係ありません。評価を変えてほしいとは絶対にお願いしません。"),
        ("ja", "レビューの内容を変更していただくようお願いすることは絶対にございません。"),
        ("zh", "这笔退款没有任何附加条件，您在评论里写什么完全由您自己决定。"),
        ("zh", "退款已经完成，我们绝对不会要求您修改评价。"),
    ],
)
def test_a_request_disclaimed_in_japanese_and_chinese_is_clean(language: str, body: str) -> None:
    assert rules(body, language) == set()


def test_a_promise_that_the_buyer_will_not_lose_out_is_no_disclaimer() -> None:
    assert "inducement" in rules("您把投诉撤回的话，我们额外送您一个充电宝，绝对不会让您吃亏。", "zh")


def test_five_stars_in_kanji_asked_of_a_satisfied_buyer_is_a_review_request() -> None:
    body = "ご満足いただけましたら、Amazonで星五つのレビューをいただけますと大変励みになります。"
    assert "review_request" in rules(body, "ja")
