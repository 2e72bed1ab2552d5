"""Round twenty-one: the families of the twenty-third holdout's misses and false alarms (replies to
bad ratings and open claims; short messages typed fast on a phone), read after its score was
recorded (docs/COMPLIANCE.md), on wordings written for this test, with their look-alikes."""

import pytest

from tests.unit.domain.compliance_checks import rules

CLEAN = [
    # the buyer's own question, how to change a rating, answered with the choice left to the buyer;
    # the reply's subject is the buyer's question
    (
        "en",
        "Re: Can I delete my seller rating?\nYes: seller feedback can be removed from Your Orders within "
        "60 days. Whether you do is entirely up to you.",
    ),
    (
        "fr",
        "Pour répondre à votre question : vous pouvez modifier votre avis depuis votre profil. "
        "C'est entièrement votre choix.",
    ),
    (
        "ja",
        "ご質問ありがとうございます。評価は注文履歴から変更が可能です。変更されるかどうかはご判断にお任せします。",
    ),
    ("zh", "回答您的问题：评价可以在订单页面修改或删除。改不改由您决定。"),
    # a review reported to Amazon, which decides; "el nombre completo" is no review completed
    (
        "es",
        "Queremos ser transparentes: reportamos su reseña porque incluye el nombre completo de otro cliente. "
        "Amazon decidirá si la reseña se mantiene.",
    ),
    # a change the buyer made, thanked for
    ("ja", "レビューを修正していただき、本当にありがとうございました。"),
    ("zh", "感谢您把评论更新了，我们很受鼓舞。"),
    # Japanese disclaimers
    ("ja", "評価を変えてほしいとは絶対言いませんので、ご安心ください。"),
    ("ja", "返金とレビューは全く関係ないです。評価の変更をお願いするものではございません。"),
    # other customers' reviews are no change asked for, typed with or without umlauts
    ("de", "Die Bewertungen anderer Kunden erwähnen, dass der Aufbau 30 Minuten dauert."),
]


@pytest.mark.parametrize(("language", "body"), CLEAN)
def test_the_round_twenty_one_look_alikes_stay_clean(language: str, body: str) -> None:
    assert rules(body, language) == set()


# A replacement already sent or delivered before the ask is the fact the ask builds on, not its price.
ALREADY_SENT = [
    ("zh", "新的耳机已经寄出了。收到后如果满意的话，可以帮我们把评价改成五星吗？"),
    ("ja", "レビュー見直していただけないでしょうか。交換品はもう届いてるかと思います。"),
]


@pytest.mark.parametrize(("language", "body"), ALREADY_SENT)
def test_a_replacement_sent_before_the_ask_is_no_trade(language: str, body: str) -> None:
    assert rules(body, language) == {"review_request"}


FOUND = [
    # typed without umlauts or accents
    (
        "de",
        "inducement",
        "wenn sie die 2 sterne bewertung auf 5 aendern, erstatten wir ihnen 10 euro zurueck",
    ),
    ("de", "review_request", "koennten sie ihre rezension nochmal ueberdenken?"),
    ("fr", "inducement", "on vous rembourse tout des que vous fermez la reclamation A a Z"),
    ("fr", "review_request", "si vous passez votre note a 5 etoiles on vous offre la livraison"),
    # the rating left as it was after the fix, pointed out with a hint
    (
        "de",
        "review_request",
        "Die Ersatzlampe ist seit gestern bei Ihnen. Ihre Bewertung steht allerdings noch genau so da wie vor "
        "drei Wochen. Vielleicht finden Sie ja kurz Zeit.",
    ),
    (
        "it",
        "review_request",
        "Il ricambio è arrivato ieri. La sua recensione invece è rimasta ferma a un mese fa. Quando ha un attimo…",
    ),
    ("zh", "review_request", "补发的灯昨天签收了。不过评价好像还是一个月前的样子……您看方便的时候？"),
    (
        "ja",
        "review_request",
        "交換品は昨日お届け済みです。評価欄は先月のままのようでして…。お手すきの際にご一考いただけますと幸いです。",
    ),
    (
        "en",
        "review_request",
        "Glad the new lamp arrived. I'd just ask that your review reflects how things ended.",
    ),
    # trades: a complimentary item (after "Rs.", which ends no sentence), "il suffit que", "was halten Sie davon"
    (
        "en",
        "inducement",
        "We'd like to send you a complimentary spare filter worth Rs. 499. All we ask in return is that you "
        "update your review.",
    ),
    (
        "fr",
        "inducement",
        "Je vous rembourse tout de suite par virement. Il suffit que vous fermiez le litige de votre côté.",
    ),
    (
        "de",
        "inducement",
        "Was halten Sie davon: Wir schicken Ihnen den Nachfolger kostenlos, und Sie schauen sich Ihre Rezension "
        "danach noch einmal an?",
    ),
    # the seller's name to search for on another marketplace, typed casually
    ("de", "marketing", "auf kleinanzeigen gibts die passenden deckel, such einfach nach 'kochfreund'"),
]


@pytest.mark.parametrize(("language", "rule", "body"), FOUND)
def test_the_round_twenty_one_families_are_found(language: str, rule: str, body: str) -> None:
    assert rule in rules(body, language)
