"""Round twenty: the families of the twenty-second holdout's misses and false alarms (regional
variants of each language; polished replies that wrap each violation in a euphemism), read after
its score was recorded (docs/COMPLIANCE.md), on wordings written for this test, with their
look-alikes."""

import pytest

from tests.unit.domain.compliance_checks import rules

FOUND = [
    # a trade whose condition is said without "if": an inverted conditional, "qualora", "nel caso in
    # cui", "dès la parution", "待…后", the seller's promise after a comma; and the item kept, said
    # with a modal ("dürften Sie ... behalten", "lasciarLe tenere") or a zu-infinitive
    (
        "de",
        "inducement",
        "Sollten Sie bereit sein, den Antrag zurückzuziehen, dürften Sie das Ladegerät kostenfrei behalten.",
    ),
    (
        "de",
        "inducement",
        "Wir würden uns freuen, wenn Sie bereit wären, die Rückbuchung zurückzuziehen. "
        "Das Ladegerät dürften Sie dann behalten.",
    ),
    (
        "it",
        "inducement",
        "Qualora accettasse di chiudere la contestazione con la banca, saremmo lieti di lasciarLe tenere "
        "il caricatore.",
    ),
    (
        "it",
        "inducement",
        "Nel caso in cui ritirasse la contestazione, il caricatore resterebbe Suo gratuitamente.",
    ),
    (
        "fr",
        "inducement",
        "Un avis cinq étoiles nous ravirait. Dès la parution de vos mots sur la fiche, un bon d'achat de 10 "
        "euros vous attend.",
    ),
    ("zh", "inducement", "希望您能分享五星体验。待评价发布后，我们将送上一张礼品卡。"),
    (
        "en",
        "inducement",
        "Kindly post a 5 star review and forward us the screenshot, we will send you a Rs. 300 voucher.",
    ),
    ("en", "inducement", "We'd send a gift card as our token of thanks for your five-star rating."),
    # a wish for a good rating without a verb of asking, or a good rating wished to be seen
    ("fr", "review_request", "Il serait merveilleux que votre note passe à cinq étoiles."),
    ("zh", "review_request", "若能在商品页看到您以五星好评分享体验，将是莫大的鼓舞。"),
    # the seller's whole range, or goods not sold here, on its own site; its name to search for
    ("en", "marketing", "The complete range is waiting for you at www.meadowlane-home.com."),
    ("en", "marketing", "Several styles not available on Amazon can be found at www.meadowlane-home.com."),
    (
        "de",
        "marketing",
        "Gerne begrüßen wir Sie in unserem unabhängigen Onlineshop unter waldhaus punkt de, mit Stücken, "
        "die wir hier nicht anbieten.",
    ),
    ("zh", "marketing", "诚挚欢迎您莅临本店的独立官网 yixing-cha 点 com，浏览在此处暂无法上架的款式。"),
    (
        "ja",
        "marketing",
        "楽天市場とYahoo!ショッピングの店舗では少しお安く買えます。はるかぜ堂で検索してみてくださいね。",
    ),
    (
        "fr",
        "marketing",
        "Écrivez-nous à nouvelles@atelier-sirop.ca pour recevoir notre infolettre mensuelle.",
    ),
    # Hong Kong's payment services
    ("zh", "competitor", "差价可以用PayMe付给我。"),
    ("zh", "competitor", "麻烦用轉數快過數，收到就寄出。"),
    # an address whose mailbox name looks like a domain, after "a line at"
    ("en", "email", "Drop me a line at maya.home.au@gmail.com if it doesn't arrive."),
]


@pytest.mark.parametrize(("language", "rule", "body"), FOUND)
def test_the_round_twenty_families_are_found(language: str, rule: str, body: str) -> None:
    assert rule in rules(body, language)


def test_a_peek_at_a_spelled_domain_is_a_link_not_an_address() -> None:
    assert rules("Take a peek at tidewater dot com dot au for the new range.", "en") == {"link", "marketing"}


CLEAN = [
    # an honest review asked for in Traditional characters, "good or bad", to improve the goods
    ("zh", "方便的話，歡迎留下您真實的評價，不論好壞都能幫我們改進商品。"),
    ("zh", "如果方便，請留下您的真實評價，好壞都歡迎，我們會持續改進。"),
    # 申し上げ is humble speech and 改めて "anew", not a rating raised or changed
    ("ja", "先日のレビューについて、改めて御礼申し上げたく存じます。"),
    # the closing formula asks nothing
    ("ja", "レビューは商品ページの改善に役立てます。\n\n今後ともよろしくお願い申し上げます。"),
    # "more information" is no more goods
    ("zh", "如需更多信息，欢迎直接在亚马逊消息中回复我们。"),
]


@pytest.mark.parametrize(("language", "body"), CLEAN)
def test_the_round_twenty_look_alikes_stay_clean(language: str, body: str) -> None:
    assert rules(body, language) == set()


def test_the_buyers_new_item_is_no_value_offered() -> None:
    body = (
        "新しいケトルで、おいしいお茶を楽しんでいただけましたら幸いです。"
        "もしご満足いただけましたら、星5つのレビューをお願いします。"
    )
    assert rules(body, "ja") == {"review_request"}
