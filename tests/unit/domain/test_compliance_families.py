"""The compliance rule families about what a reply offers or asks (docs/COMPLIANCE.md): each
family is found in the languages it was built for, and negation takes a request back.
Contact details are in test_compliance_contacts.py."""

import pytest

from tests.unit.domain.compliance_checks import errors, excerpts


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "We would never ask you to change your review in exchange for a refund; it is on its way."),
        ("en", "We will replace it regardless of how you rate us."),
        ("de", "Wir würden Sie niemals bitten, Ihre Bewertung deshalb zu ändern."),
        ("de", "Wir tauschen das Gerät um – unabhängig davon, wie Sie uns bewerten."),
        ("fr", "Nous ne vous demanderons jamais de modifier votre avis contre un remboursement."),
        ("es", "Nunca le pediríamos que cambie su opinión a cambio de un reembolso."),
        ("it", "Non le chiederemo mai di modificare la recensione in cambio del rimborso."),
        ("ja", "返金と引き換えに評価の変更をお願いすることは決してありません。"),
        ("zh", "我们绝不会要求您以退款为条件修改评价。"),
    ],
)
def test_a_disclaimed_request_or_trade_is_no_finding(language: str, body: str) -> None:
    assert errors(body, language) == []


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "We would love it if you changed your review, and we will refund you in exchange."),
        ("de", "Wir würden uns freuen, wenn Sie Ihre Bewertung ändern, im Gegenzug erstatten wir Ihnen."),
        ("ja", "返金と引き換えに評価の変更をお願いできますでしょうか。"),
    ],
)
def test_the_same_request_without_the_disclaimer_is_found(language: str, body: str) -> None:
    assert {"inducement", "review_request"} <= {f.rule for f in errors(body, language)}


@pytest.mark.parametrize(
    ("language", "body", "name"),
    [
        ("en", "For quicker help add us on LINE: @kireishop", "LINE"),
        ("en", "You can also reach our team on Signal at any time.", "Signal"),
        ("en", "Message us on Viber and we'll sort it.", "Viber"),
        ("en", "Follow us on X for restock alerts.", "X"),
        ("en", "Hit us up on KakaoTalk.", "KakaoTalk"),
        ("de", "Sie erreichen uns auch über Telegram.", "Telegram"),
        ("es", "Escríbenos por wasap y te ayudamos.", "wasap"),
        ("ja", "LINE（ID: kirei_shop）でご連絡ください。", "LINE"),
        ("zh", "加我微信，售后更方便。", "微信"),
    ],
)
def test_messengers_in_every_market_are_marketing(language: str, body: str, name: str) -> None:
    assert name in excerpts(body, language, "marketing")


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "Your order is on the production line and ships Friday."),
        ("en", "The signal light on the charger turns green when full."),
        ("ja", "新しいラインナップは来月です。"),
    ],
)
def test_messenger_names_that_are_words_are_no_finding(language: str, body: str) -> None:
    assert errors(body, language) == []


@pytest.mark.parametrize(
    ("language", "body", "name"),
    [
        ("en", "Easiest is Zelle, it lands in minutes.", "Zelle"),
        ("es", "Te hago un Bizum con la diferencia.", "Bizum"),
        ("de", "Den Rest gern per Twint oder per Überweisung.", "Twint"),
        (
            "es",
            "Haga una transferencia a nuestra cuenta ES91 2100 0418 4502 0005 1332.",
            "ES91 2100 0418 4502 0005 1332",
        ),
        ("ja", "差額は当店口座より銀行振込にてご返金いたします。", "銀行振込"),
        ("zh", "我直接微信转账给您吧。", "微信转账"),
        ("en", "P a y P a l works too.", "P a y P a l"),
        ("ja", "追加の送料はＰａｙＰａｌでお支払いください。", "ＰａｙＰａｌ"),
        ("de", "Die Ladeschale finden Sie bei ebаy.", "ebаy"),  # Cyrillic а
    ],
)
def test_payment_services_by_market_and_disguised_names_are_competitors(
    language: str, body: str, name: str
) -> None:
    assert name in excerpts(body, language, "competitor")


def test_a_word_that_is_a_brand_elsewhere_is_no_competitor_in_its_own_language() -> None:
    assert errors("Die Batterie hat eine Zelle mit 3000 mAh.", "de") == []
    assert excerpts("Easiest is Zelle, it lands in minutes.", "en", "competitor") == ["Zelle"]


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "Once you close the case with Amazon I'll send a replacement."),
        ("en", "If you could withdraw the chargeback with your bank, we'll refund you in full."),
        ("de", "Wenn Sie die Rückbuchung zurückziehen, erstatten wir Ihnen sofort den vollen Betrag."),
        ("fr", "Dès que vous aurez clôturé le litige, nous vous enverrons un bon d'achat de 20 €."),
        ("es", "Si cierra la disputa, le devolvemos el dinero hoy mismo."),
        ("it", "Le rimborseremo tutto, ma solo dopo che avrà annullato lo storno con la banca."),
        ("ja", "申し立てを取り下げていただければ、全額返金いたします。"),
        ("zh", "您把投诉撤回的话，我们额外送您一个充电宝。"),
    ],
)
def test_claims_cases_complaints_disputes_and_chargebacks_traded_for_value(language: str, body: str) -> None:
    assert "inducement" in {f.rule for f in errors(body, language)}


def test_a_bare_closed_counts_in_a_message_about_a_claim_but_not_the_sellers_own_act() -> None:
    traded = "We saw the A-to-z claim. The moment it shows as closed, a brand new unit ships out to you."

    assert "inducement" in {f.rule for f in errors(traded, "en")}
    assert errors("We closed the case on our side after refunding you.", "en") == []


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "Could you take another look at the 2 stars now that it's fixed?"),
        ("en", "Would you mind bumping your rating up a bit?"),
        ("fr", "Pourriez-vous remonter un peu votre note ?"),
        ("es", "¿Podría subirnos la valoración a 5?"),
        ("it", "Ora che è risolto, potrebbe rimuovere il feedback negativo?"),
        ("ja", "先日いただいた低評価を削除していただくことは可能でしょうか。"),
        ("zh", "相信您也会相应地修改一下评价吧。"),
    ],
)
def test_asking_to_change_raise_or_remove_a_rating_is_a_review_request(language: str, body: str) -> None:
    assert "review_request" in {f.rule for f in errors(body, language)}


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "If you're chuffed with them, a review would mean loads to us."),
        ("en", "A 5-star review would really make our day!"),
        ("fr", "Si la lampe vous plaît, un petit 5 étoiles nous ferait chaud au cœur."),
        ("ja", "もし気に入っていただけましたら、星をいくつか付けていただけると励みになります。"),
        ("zh", "如果您觉得满意，方便的话给我们点几颗星星。"),
    ],
)
def test_asking_only_happy_buyers_or_for_stars_is_a_review_request(language: str, body: str) -> None:
    assert "review_request" in {f.rule for f in errors(body, language)}


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "We updated the manual based on reviews; thank you for updating yours!"),
        ("en", "Please note the five stars printed on the lid are decorative."),
        ("de", "Über eine ehrliche Rückmeldung – ob positiv oder negativ – freuen wir uns."),
        (
            "fr",
            "Amazon vous proposera peut-être de laisser une évaluation ; toute opinion honnête est bienvenue.",
        ),
        ("zh", "无论好坏，都欢迎您分享真实的使用感受。"),
    ],
)
def test_neutral_review_mentions_are_no_review_request(language: str, body: str) -> None:
    assert errors(body, language) == []


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "We'll throw in a free pillowcase set if you could take another look at the 2 stars."),
        ("it", "ci lasci 5 stelle e le spediamo un omaggio"),
        ("es", "Te regalamos una tarjeta regalo de 15 € si actualizas tu reseña."),
        ("ja", "レビューを更新していただけましたら、お礼としてギフトカードをお送りします。"),
    ],
)
def test_anything_of_value_for_a_review_or_rating_is_inducement(language: str, body: str) -> None:
    assert {"inducement", "review_request"} <= {f.rule for f in errors(body, language)}


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "The blue one is sold out here, but we still have it on eBay under the same shop name."),
        ("de", "Auf eBay haben wir 500er-Rollen im Angebot."),
        ("zh", "如果您要批量购买，我们 Lazada 店铺有量贩装，更划算。"),
        ("es", "Todos los recambios están en recambiosrubio[.]com, y este mes van a mitad de precio."),
    ],
)
def test_offering_goods_on_another_marketplace_or_site_is_marketing(language: str, body: str) -> None:
    assert "marketing" in {f.rule for f in errors(body, language)}


def test_naming_a_marketplace_to_warn_of_copies_is_no_marketing() -> None:
    rules = {f.rule for f in errors("The same-looking lamp on Temu is a knock-off.", "en")}

    assert rules == {"competitor"}


@pytest.mark.parametrize(
    ("language", "body", "rules"),
    [
        (
            "en",
            "I've set aside a pillowcase set for you, no charge. If you could take another look at "
            "the 2 stars once it lands, I'd be so grateful.",
            {"inducement", "review_request"},
        ),
        (
            "es",
            "Ya le he hecho el reembolso completo. Confío en que ahora modificará su valoración para reflejarlo.",
            {"inducement", "review_request"},
        ),
        (
            "fr",
            "On vous propose 40 % de remboursement, et de votre côté vous fermez le dossier ouvert chez "
            "Amazon. Ça vous va ?",
            {"inducement"},
        ),
        (
            "de",
            "Nun, da das Ersatzteil angekommen ist: würden Sie Ihre Sterne ggf. aktualisieren?",
            {"review_request"},
        ),
    ],
)
def test_a_trade_split_over_sentences_is_one_and_a_remedy_already_given_is_none(
    language: str, body: str, rules: set[str]
) -> None:
    assert {f.rule for f in errors(body, language)} == rules


@pytest.mark.parametrize(
    ("language", "body", "rules"),
    [
        ("ja", "メルカリで見かけられた同型品は当店とは無関係の転売品でございます。", {"competitor"}),
        ("ja", "組み立て動画はこちらです：youtube.com/watch?v=Mk3_kumitate", {"link"}),
        ("zh", "所有款项都只通过亚马逊结算，也不会私下转账。", set()),
        ("de", "Wir haben eine Signal-Gruppe für Vorbesteller gegründet.", {"marketing"}),
        (
            "fr",
            "La même gamme est aussi disponible chez Bol, avec livraison rapide.",
            {"competitor", "marketing"},
        ),
        ("fr", "Notre collection automne-hiver arrive la semaine prochaine.", {"marketing"}),
        (
            "en",
            "If it's been treating you well, a few shiny stars on the product page would help.",
            {"review_request"},
        ),
    ],
)
def test_channels_offers_and_their_disclaimers(language: str, body: str, rules: set[str]) -> None:
    assert {f.rule for f in errors(body, language)} == rules
