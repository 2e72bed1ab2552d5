"""Round sixteen: the families of the seventeenth and eighteenth holdouts' misses and false
alarms (follow-up sequences and detail-heavy categories; text pasted from other tools, and
returns and warranty), read after their scores were recorded (docs/COMPLIANCE.md), on
wordings written for this test, with their look-alikes."""

import pytest

from services.core.domain.compliance import check_message
from services.core.domain.compliance.learned import NO_MODEL
from tests.unit.domain.compliance_checks import errors, rules

FOUND = [
    # markup pasted with the text: an entity for the at sign, no-break spaces, broken words
    ("en", "email", "For the warranty, send a photo of the receipt to help&#64;lampstore.co.uk, please."),
    ("de", "email", "Schicken Sie die Rechnung bitte an service&#64;leuchten-haus.de.<br>Danke!"),
    ("en", "phone", "For quicker help, save our WhatsApp number +91&nbsp;98765&nbsp;12345 and say hi."),
    (
        "de",
        "review_request",
        "Da das Problem nun gelöst ist, würden wir Sie bitten, Ihre negative Bewer-\ntung zu löschen.",
    ),
    (
        "ja",
        "review_request",
        "問題が解決いたしましたので、恐れ入りますが、先日いただいた低評価のレビューを削\n除していただけないでしょうか。",
    ),
    # trades in rupees, for the Japanese guarantee by its name, and "y te enviamos"
    (
        "en",
        "inducement",
        "Cancel the chargeback with your bank and we will send ₹2,000 back to your account.",
    ),
    ("ja", "inducement", "Aマケプレ保証の件、取り下げていただければ代金を全額返金いたします。"),
    (
        "es",
        "inducement",
        "Un pequeño detalle: déjanos una reseña, mándanos una captura y te enviamos una tarjeta de regalo de 15 $.",
    ),
    ("it", "inducement", "Annulli la contestazione e tenga pure il tostapane."),
    # new goods at a price, the seller's own shop, its shop on another marketplace
    ("es", "marketing", "Acabamos de lanzar una lámpara de pie con un 15 % de descuento para clientes."),
    ("ja", "marketing", "新発売のケトルもお客様限定で10％オフです。"),
    ("zh", "marketing", "我们新推出的保温杯老客户专享九折。"),
    ("en", "marketing", "The manual and our newest garden range are on www.lampco.ae."),
    (
        "de",
        "marketing",
        "In unserem eigenen Onlineshop www.stoffwerk-shop.de finden Sie die passende Kollektion.",
    ),
    (
        "de",
        "marketing",
        "Das Ersatzteil gibt es unter teile-haus punkt de, dort diese Woche 15 % auf alle Gartenteile.",
    ),
    ("zh", "marketing", "其他配件可以在 www.chaxiang.sg 购买，新客首单九折。"),
    ("fr", "marketing", "Nos articles sont aussi disponibles sur Cdiscount, souvent un peu moins chers."),
    ("de", "marketing", "Weitere Sorten gibt es zurzeit nur bei Kaufland – schauen Sie dort gern vorbei."),
    ("ja", "marketing", "財布やベルトも楽天市場店でもご用意しております。"),
]


@pytest.mark.parametrize(("language", "rule", "body"), FOUND)
def test_the_round_sixteen_families_are_found(language: str, rule: str, body: str) -> None:
    assert rule in rules(body, language)


CLEAN = [
    ("ja", "返金は完了しております。レビューの内容を変えていただく必要は一切なく、評価はお任せいたします。"),
    (
        "it",
        "Abbiamo letto la sua recensione: grazie di cuore per le belle parole, ne siamo felicissimi.",
    ),
    ("zh", "退款已经办理。我们注意到您就此问题留下了评价。我们绝不会要求您修改评价来换取退款。"),
]


@pytest.mark.parametrize(("language", "body"), CLEAN)
def test_the_round_sixteen_look_alikes_stay_clean(language: str, body: str) -> None:
    assert rules(body, language) == set()


NOT_A_TRADE = [
    # a replacement already on its way, then the ask: a review request, nothing traded
    (
        "en",
        "The replacement went out this morning. Once it arrives, would you consider updating your 2-star review?",
    ),
    (
        "de",
        "Heute ist ein Ersatz an Sie rausgegangen. Wenn er da ist: Würden Sie Ihre 3-Sterne-Bewertung überdenken?",
    ),
    # a share of cotton or of satisfaction is no discount
    (
        "de",
        "Ihre Bettwäsche (100 % Baumwolle) ist da. Wenn Sie zufrieden sind, freuen wir uns über 5 Sterne!",
    ),
    (
        "en",
        "If you love it, please leave us a 5-star review. If you are not 100% satisfied, "
        "please don't leave a review; message us first and we'll make it right.",
    ),
]


@pytest.mark.parametrize(("language", "body"), NOT_A_TRADE)
def test_asks_next_to_a_remedy_already_sent_or_a_percentage_are_no_trade(language: str, body: str) -> None:
    found = rules(body, language)
    assert "review_request" in found
    assert "inducement" not in found


def test_a_new_product_given_for_a_review_is_the_trade_not_marketing() -> None:
    body = "星5つのレビューをご投稿いただいた方に、新商品の試供品セットを無料でお送りしています。"
    assert rules(body, "ja") == {"inducement", "review_request"}


def test_a_domain_broken_across_a_short_line_is_still_a_link() -> None:
    assert "link" in rules("Fill in the form at\nwarranty-\nkitchenpro\n(dot)asia please.", "en")


def test_an_address_written_with_an_entity_is_excerpted_as_written() -> None:
    body = "Write to help&#64;lampstore.co.uk."
    (email,) = [f for f in errors(body, "en") if f.rule == "email"]
    assert email.excerpt.startswith("help&#64;lampstore")


def test_a_forwarded_header_above_the_whole_message_quotes_nothing() -> None:
    body = (
        "-----Original Message-----\nFrom: Orders\nSent: Tuesday\n\n"
        "Withdraw the A-to-z claim and we will refund the full amount."
    )
    findings = check_message("Your order", body, "UK", "en", model=NO_MODEL)
    assert "inducement" in {f.rule for f in findings if f.severity == "error"}


def test_a_quote_under_a_reply_is_still_the_buyers() -> None:
    body = (
        "We are sorry to hear that.\n\n-----Original Message-----\nFrom: Buyer\nSent: Tuesday\n\n"
        "Refund me and I will withdraw the A-to-z claim."
    )
    findings = check_message("Re: your order", body, "UK", "en", model=NO_MODEL)
    assert "inducement" not in {f.rule for f in findings if f.severity == "error"}
