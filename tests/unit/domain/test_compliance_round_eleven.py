"""Round eleven: the families of the eleventh holdout's misses and false alarms (one writer
disguising by allusion and instruction, the other writing as helpdesks send replies), read
after its score was recorded (docs/COMPLIANCE.md), on wordings written for this test, with
their look-alikes."""

import pytest

from tests.unit.domain.compliance_checks import errors, excerpts, rules

FOUND = [
    # a rating named in one sentence and taken away by a pronoun in the next, for value
    (
        "en",
        "inducement",
        "We saw the feedback you left. If it could quietly vanish, a twenty-dollar card is yours.",
    ),
    (
        "fr",
        "inducement",
        "Nous avons lu votre commentaire. S'il pouvait s'évaporer, un bon d'achat de 10 € vous attend.",
    ),
    (
        "es",
        "review_request",
        "Vimos su comentario en nuestra página de vendedor. Si pudiera esfumarse, le damos 10 EUR.",
    ),
    (
        "it",
        "review_request",
        "Abbiamo visto il commento sulla pagina venditore. Se potesse sparire, le teniamo un buono.",
    ),
    (
        "de",
        "inducement",
        "Wir haben Ihre Bewertung gelesen. Wenn Sie sie löschen, schicken wir einen Gutschein über 10 €.",
    ),
    ("zh", "inducement", "我们看到了您在卖家页面上的留言。如果那条能删掉，我们送您一张礼品卡。"),
    (
        "en",
        "review_request",
        "We noticed the comment on our seller profile. If it could just disappear, a gift card is waiting.",
    ),
    # a claim that 'disappears' for a refund, named as Amazon names the guarantee
    (
        "de",
        "inducement",
        "Sobald die Sache mit der A-bis-z-Garantie verschwunden ist, überweisen wir den Betrag.",
    ),
    ("fr", "inducement", "Dès que la garantie A-à-z aura disparu de votre compte, le remboursement part."),
    ("es", "inducement", "En cuanto la garantía de la A a la Z desaparezca, le devolvemos todo."),
    ("ja", "inducement", "AからZの例の申請が消えましたら、全額をお返しします。"),
    ("zh", "inducement", "等那个从A到Z的申请撤掉之后，全款退给您。"),
    (
        "en",
        "inducement",
        "Once the A-to-z thing vanishes from your account, the full amount is back on your card.",
    ),
    # a surprise sent for stars
    ("en", "inducement", "Leave us five stars ⭐⭐⭐⭐⭐. Do that and a surprise lands in your mailbox."),
    ("it", "inducement", "Ci lasci cinque stelle… e un pensierino a sorpresa arriverà a casa sua."),
    ("ja", "review_request", "お星さまを５つ並べていただけると嬉しいです。そうしたらサプライズが届くかも。"),
    # a plea for stars as what they do for "small shops like ours"
    ("en", "review_request", "Word is that five stars keep small shops like ours going. Just saying."),
    ("de", "review_request", "Man hört, dass fünf Sternchen kleinen Händlern wie uns sehr helfen."),
    ("fr", "review_request", "Paraît que cinq jolies étoiles aident les petites boutiques comme la nôtre."),
    ("zh", "review_request", "听说五颗亮亮的星星能让我们这种小店活下去。"),
    # happy buyers sent to the review page, unhappy ones to the seller
    (
        "en",
        "review_request",
        "If all was perfect, the product page is happy to hear it, stars and all. "
        "If anything is off, please don't go there, come to us first.",
    ),
    (
        "de",
        "review_request",
        "Wenn alles gut war, freut sich die Produktseite über Sterne. Wenn nicht, bitte direkt an uns.",
    ),
    (
        "es",
        "review_request",
        "Si todo fue bien, la página del producto agradece tus estrellas. Si algo falla, escríbenos primero.",
    ),
    # links dotted with emoji or drawn signs, domains given as a recipe, a spaced dot before a path
    ("en", "link", "The fitting guide is at  shelfhelp 🟣 org 🔹 guide  (purple = dot)."),
    ("it", "link", "Il video è su  montaggi 🔶 it ✂️ lampada  (rombo = punto)."),
    ("de", "link", "Schreiben Sie 'kerzen' und 'haus' zusammen und hängen Sie das übliche Punkt-de an."),
    ("zh", "link", "店名拼音 taoyuanju 再加上“点com”就能找到。"),
    ("it", "link", "Il manuale è su lampadeblu . it / manuali / arco"),
    # e-mail addresses dictated with the at sign named and the ending spelled further on
    (
        "en",
        "email",
        "Write to my name, Dana, then the 'at' sign, then the search giant's mail. Dot com to finish.",
    ),
    (
        "es",
        "email",
        "Escríbeme a mi nombre pegado a 'taller', luego la arroba, luego el correo de la G y el punto com.",
    ),
    ("ja", "email", "ローマ字で「hanako」、アットマーク、そのあとGのメール、最後にドットコムです。"),
    # payment outside Amazon, the service unnamed
    ("en", "competitor", "Skip the checkout fees here and just send it through the blue wallet app."),
    ("de", "competitor", "Sparen wir uns die Gebühren hier: schicken Sie den Betrag einfach direkt."),
    ("it", "competitor", "Mandi l'importo con l'opzione 'amici e familiari', così spediamo oggi."),
    ("zh", "competitor", "这根线别在这边付了，手续费太贵。直接转给我就行。"),
    ("en", "competitor", "You can transfer the balance directly to our current account and we ship today."),
    # a marketplace by a riddle in Japanese and Chinese
    ("ja", "competitor", "赤いロゴの大きなショッピングモールにはまだ在庫がございます。"),
    ("zh", "competitor", "在那个橙色袋子图标的平台上我们还有货。"),
    # the seller's goods elsewhere: cheaper there, its own shop on a marketplace, its name to search
    ("es", "marketing", "Los platos están en vajillasur (punto) es. Allí salen más baratos."),
    ("de", "marketing", "Auf unserer eBay-Shopseite finden Sie das Sortiment zu günstigeren Preisen."),
    (
        "fr",
        "marketing",
        "Sur le site de petites annonces, on en a encore. Cherchez 'atelier_lin' pour les lots.",
    ),
    ("zh", "marketing", "我们的 Lazada 官方店有全部颜色，现在满 30 新元包邮。"),
    ("ja", "marketing", "緑のアイコンのあのアプリで友だち追加してください。"),
    ("it", "marketing", "Avrà il 15 % sulla prossima spesa con il codice AUTUNNO."),
    # phone numbers given as riddles in parts
    (
        "en",
        "phone",
        "Ring the shop: the area code of Denver, then the year the Titanic sank, then three fours.",
    ),
    ("de", "phone", "Unsere Nummer: null-drei-null, dann 120 plus 3, dann vierundvierzig, dann zwölf."),
    ("fr", "phone", "Appelez-nous : zéro six, puis l'année de la prise de la Bastille, puis 3 fois 11."),
    ("zh", "phone", "打给师傅：先是一三九，然后是520，最后是1314。"),
    ("ja", "phone", "お電話ください。〇八〇、よろしく、それから千に十を足した数です。"),
]


@pytest.mark.parametrize(("language", "rule", "body"), FOUND)
def test_the_round_eleven_families_are_found(language: str, rule: str, body: str) -> None:
    assert rule in rules(body, language)


CLEAN = [
    # the buyer's own words quoted under the reply are not the seller's ask
    (
        "en",
        "Hi Sam,\n\nThe 4.5 stars cover both sizes.\n\nBest,\nLee\n\n"
        "On Tue, Mar 5, 2024 at 9:14 PM Sam wrote:\n> Are those 5 stars reviews for the small one too?",
    ),
    (
        "fr",
        "Bonjour,\n\nLa notice est jointe.\n\nLe 5 mars 2024 à 20:14, Acheteur a écrit :\n"
        "> Si je laisse un avis, vous m'offrez un bon d'achat ?",
    ),
    (
        "zh",
        "您好，\n\n已为您补发。\n\n------------------ 原始邮件 ------------------\n发件人: 亚马逊买家\n给五星好评的话有返现吗？",
    ),
    # a parcel dropped off is no claim dropped
    (
        "en",
        "Following your case 12345678901 with Amazon, please drop the parcel at any Post Office; "
        "the refund follows once it arrives.",
    ),
    # a comment removed, a claim gone, a surprise, with nothing traded for it
    ("en", "We read your review. We will fix the lid and remove it from sale until then."),
    ("es", "En cuanto Amazon cierre la reclamación de la garantía de la A a la Z, recibirá el reembolso."),
    ("en", "A little surprise is in the box with your order. Enjoy!"),
    ("en", "Thank you for the five stars! It really helps small shops like ours."),
    ("de", "Wenn alles gut war, viel Freude damit. Wenn nicht, schreiben Sie uns direkt."),
    # emoji in a sentence, a name and an ending that are no recipe, a path without a domain
    ("fr", "Merci 🙏 de votre patience, le colis part demain."),
    ("es", "Gracias 😊 de verdad, y perdón por la espera."),
    ("en", "Please add the note 'Happy birthday' in the gift options at checkout."),
    # Amazon's fees explained, friends and family as people
    ("en", "The price already includes Amazon's fees; you pay nothing extra at delivery."),
    ("it", "Un regalo perfetto per amici e familiari: lo spediamo oggi."),
    # a tracking number with the carrier's letters spaced, opening hours, assembly steps
    ("zh", "包裹由新加坡邮政派送，追踪号 S G 4 4 1 2 3 4 5 6 7 8 9。可以在 Amazon 订单页面查询。"),
    ("en", "Call Amazon if you need to. Our hours are Mon-Fri 9-17, Sat 10-14, Sun closed."),
    ("en", "Number the panels first: 2 on the left, then 3 in the middle, then 4 on the right."),
    ("ja", "お電話でのお問い合わせは平日10時から、それから保証は1年です。"),
]


@pytest.mark.parametrize(("language", "body"), CLEAN)
def test_the_round_eleven_look_alikes_stay_clean(language: str, body: str) -> None:
    assert rules(body, language) == set()


def test_a_contact_detail_in_the_quoted_message_is_still_found() -> None:
    # the quote is sent to the buyer all the same, so an address in it still leaves Amazon
    body = "Hi,\n\nSee below.\n\nOn Tue, Mar 5, 2024 at 9:14 PM Sam wrote:\n> mail me at sam.lee@example.com"
    assert "email" in rules(body, "en")


def test_the_sellers_ask_above_the_quote_is_still_found() -> None:
    body = (
        "Hi,\n\nWould you update your review to five stars?\n\n"
        "On Tue, Mar 5, 2024 at 9:14 PM Sam wrote:\n> The lid was cracked."
    )
    assert excerpts(body, "en", "review_request") == ["Would you update your review to five stars?"]


def test_a_dictated_address_is_one_email_finding_not_a_link_or_a_phone() -> None:
    body = "麻烦发到我的邮箱：号码是五二零、一三一四、八八连在一起，后面接@，再接企鹅家的那个点com就行。"
    assert {f.rule for f in errors(body, "zh")} == {"email"}
