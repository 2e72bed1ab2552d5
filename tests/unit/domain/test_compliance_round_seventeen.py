"""Round seventeen: the families of the nineteenth holdout's false alarms and misses (holiday
messages; answers about authenticity and listings elsewhere), read after its score was recorded
(docs/COMPLIANCE.md), on wordings written for this test, with their look-alikes."""

import pytest

from services.core.domain.compliance import check_message
from services.core.domain.compliance.learned import NO_MODEL
from tests.unit.domain.compliance_checks import rules

FOUND = [
    # the seller's own listing or shop on another marketplace, said as "it's ours"
    ("it", "marketing", "Sì, il negozio «Casa Verde Outlet» su eBay è nostro, lì costa 20 € in meno."),
    ("en", "marketing", "Did you know our hampers are also on Shopee? Just search Golden Jar Pantry there."),
    ("es", "marketing", "La tienda «Luz Norte» en eBay es también nuestra."),
    # a trade priced in a currency code, an address keyed with an instruction
    ("en", "inducement", "Remove the negative feedback and I'll send GBP 20 back to you."),
    ("zh", "email", "请写信到 shop＃tealeaf.sg（把＃换成@）。"),
    ("en", "email", "Write to help§lampco.com, just replace § with @."),
]


@pytest.mark.parametrize(("language", "rule", "body"), FOUND)
def test_the_round_seventeen_families_are_found(language: str, rule: str, body: str) -> None:
    assert rule in rules(body, language)


CLEAN = [
    # a sale this order was bought in, named to explain the refund
    ("de", "Sie hatten die Lampe im Black-Friday-Angebot für 19,99 € gekauft; genau das erstattet Amazon."),
    ("ja", "セール中に2,980円でご購入いただいておりますので、その金額がAmazonより返金されます。"),
    ("zh", "您是在双十一促销期间购买的，亚马逊会按实际支付的价格退款。"),
    # a good rating reported as received, not asked for
    ("it", "Abbiamo appena letto la sua recensione a cinque stelle: ci ha fatto davvero piacere."),
    ("ja", "星5つのレビューをいただき、スタッフ一同とても励みになりました。"),
    ("zh", "看到您给台灯的五星评价，我们都很开心。"),
    # Amazon reviewing a claim is no rating (a look-alike: round sixteen's code passes it too)
    (
        "en",
        "If the item is not as described, you can file an A-to-z claim through Your Orders and Amazon will review it.",
    ),
]


@pytest.mark.parametrize(("language", "body"), CLEAN)
def test_the_round_seventeen_look_alikes_stay_clean(language: str, body: str) -> None:
    assert rules(body, language) == set()


def test_another_sellers_listing_elsewhere_is_a_competitor_not_our_marketing() -> None:
    body = (
        "Si le prix compte avant tout, la voici : cdiscount.com/produit/123 – même modèle, "
        "mais nous ne pouvons pas garantir son origine."
    )
    assert rules(body, "fr") == {"competitor", "link"}


def test_a_deal_in_the_subject_that_is_the_buyers_own_purchase_is_no_promotion() -> None:
    findings = check_message(
        "Enjoying your Prime Day deal?",
        "Thanks for your order, we hope the kettle works well.",
        "US",
        "en",
        model=NO_MODEL,
    )
    assert {f.rule for f in findings if f.severity == "error"} == set()
