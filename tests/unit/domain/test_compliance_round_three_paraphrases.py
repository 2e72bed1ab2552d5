"""The compliance families of round three found by probing paraphrases after the corpus misses
were learned (docs/COMPLIANCE.md, "Round three"): the seller paying for the next order, kinder
ratings, top marks in other words, deals struck in a word, kind words, keeping the item, adding to
a review; each on wordings that are no corpus message, with clean look-alikes."""

import pytest

from tests.unit.domain.compliance_checks import rules


@pytest.mark.parametrize(
    ("language", "body", "expected"),
    [
        (
            "en",
            "Tell you what: delete the review and the next one's on the house.",
            {"inducement", "review_request"},
        ),
        ("en", "Happy to knock 20% off, we just need the claim gone first.", {"inducement"}),
        ("en", "We'll make it worth your while if the chargeback disappears.", {"inducement"}),
        (
            "de",
            "Löschen Sie die Rezension, und das nächste Paket geht auf uns.",
            {"inducement", "review_request"},
        ),
        ("de", "Wir erstatten Ihnen gern 20 %, sobald der Antrag vom Tisch ist.", {"inducement"}),
        ("fr", "Supprimez l'avis et la prochaine commande est pour nous.", {"inducement", "review_request"}),
        (
            "es",
            "Borre la reseña y el próximo pedido corre de nuestra cuenta.",
            {"inducement", "review_request"},
        ),
        (
            "it",
            "Cancelli la recensione e il prossimo ordine lo offriamo noi.",
            {"inducement", "review_request"},
        ),
        ("zh", "您把差评删了，下次订单我们包了。", {"inducement", "review_request"}),
        ("zh", "纠纷撤了的话，我们给您退20%。", {"inducement"}),
    ],
)
def test_the_seller_paying_for_the_next_order_or_the_claim_gone_are_trades(
    language: str, body: str, expected: set[str]
) -> None:
    assert expected <= rules(body, language)


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "Should your feedback end up a bit kinder, a little surprise may find its way to you."),
        ("de", "Falls Ihre Bewertung etwas freundlicher ausfällt, wartet eine kleine Überraschung auf Sie."),
        ("fr", "Si votre note devenait un peu plus clémente, une petite surprise pourrait vous parvenir."),
        ("es", "Si su valoración fuera un poco más amable, le llegaría una sorpresita."),
        ("it", "Se la sua valutazione diventasse un po' più generosa, le arriverebbe una sorpresa."),
        ("zh", "如果评分能再高一点，我们会给您寄一份小礼物。"),
    ],
)
def test_a_gift_for_a_kinder_rating_is_a_trade(language: str, body: str) -> None:
    assert {"inducement", "review_request"} <= rules(body, language)


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "If everything's in order, we'd love to see a shiny 5 on your review."),
        ("en", "Be a star and give us five?"),
        ("de", "Ein Top-Rating würde unserem kleinen Team sehr helfen."),
        ("fr", "Si tout est ok, un 5/5 nous ferait super plaisir !"),
        ("es", "Una valoración máxima nos ayudaría mucho."),
        ("es", "¿Nos daría un 5 de 5?"),
        ("it", "Se è tutto ok, un 5/5 ci renderebbe felicissimi!"),
        ("zh", "亲，能给个5分吗？"),
    ],
)
def test_top_marks_asked_for_in_other_words_are_review_requests(language: str, body: str) -> None:
    assert "review_request" in rules(body, language)


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "Please keep an eye out for the courier tomorrow."),
        ("en", "Could you confirm delivery on 5/5? Please note 10/10 too."),
        ("en", "All 5 out of 5 parcels arrived, could you confirm?"),
        ("es", "Tiene 5 de 5 piezas, ¿podría confirmarlo?"),
        ("zh", "需要退一个吗？请告诉我们。"),
        ("en", "We've issued a full refund. Whether you keep or change your review is entirely your call."),
        ("de", "Ihre Bewertung ist natürlich Ihre Sache; die Erstattung über 20 € ist bereits raus."),
        ("es", "Amazon cerró la reclamación automáticamente tras el reembolso."),
        ("ja", "レビューはご自由にお書きください。返金はすでに完了しております。"),
        ("zh", "评价您随意写，退款已经完成了。"),
        ("it", "Grazie mille per le 5 stelle!"),
        ("en", "Our Black Friday order volume delayed your parcel, sorry."),
    ],
)
def test_dates_counts_free_choices_and_thanks_stay_clean(language: str, body: str) -> None:
    assert rules(body, language) == set()


@pytest.mark.parametrize(
    ("language", "body", "expected"),
    [
        ("en", "Small deal: you pull the 1-star, we send a $20 gift card.", {"inducement", "review_request"}),
        (
            "de",
            "Kleiner Deal: Sie nehmen die 1-Stern-Bewertung raus, wir schicken Ihnen einen 20-€-Gutschein.",
            {"inducement", "review_request"},
        ),
        (
            "fr",
            "Petit marché : vous retirez l'avis 1 étoile, on vous envoie une carte cadeau de 20 €.",
            {"inducement", "review_request"},
        ),
        (
            "es",
            "Trato: quita la reseña de 1 estrella y te mandamos una tarjeta regalo de 20 €.",
            {"inducement", "review_request"},
        ),
        (
            "it",
            "Facciamo così: toglie la recensione da 1 stella e le mandiamo una gift card da 20 €.",
            {"inducement", "review_request"},
        ),
        (
            "de",
            "Wenn der Käuferschutzfall bei PayPal zu ist, überweisen wir Ihnen 15 € extra.",
            {"inducement"},
        ),
        (
            "en",
            "Would be awesome if those stars could creep up a bit now that it's sorted.",
            {"review_request"},
        ),
        ("fr", "Ce serait sympa de remonter un peu la note maintenant que c'est réglé.", {"review_request"}),
        ("es", "Estaría genial que subiera un poco la nota ahora que está resuelto.", {"review_request"}),
        ("it", "Sarebbe carino se alzasse un po' il voto ora che è tutto risolto.", {"review_request"}),
    ],
)
def test_deals_struck_in_a_word_and_ratings_that_should_climb(
    language: str, body: str, expected: set[str]
) -> None:
    assert expected <= rules(body, language)


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "Please come to us first rather than leaving a negative review."),
        ("fr", "Avant de mettre une mauvaise note, contactez-nous d'abord s'il vous plaît."),
        ("it", "Prima di dare un voto negativo, ci contatti per favore."),
        ("en", "We're a tiny family business, so a kind word on Amazon would go a long way."),
        ("en", "Mind sharing the love with a quick 5-star?"),
        ("de", "Über ein paar nette Worte und 5 Sterne würden wir uns sehr freuen."),
        ("fr", "Un petit mot gentil et 5 étoiles sur Amazon, ce serait génial !"),
        ("es", "Unas palabras bonitas y 5 estrellas nos alegrarían el día."),
        ("it", "Due parole gentili e 5 stelle ci farebbero felicissimi."),
    ],
)
def test_kind_words_asked_for_and_unhappy_buyers_kept_from_rating(language: str, body: str) -> None:
    assert "review_request" in rules(body, language)


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "Thanks for your kind words about the lamp!"),
        ("de", "Vielen Dank für Ihre netten Worte!"),
        ("en", "If you have a moment, we'd appreciate your honest feedback on Amazon."),
        ("fr", "Si vous n'êtes pas satisfait, dites-le-nous et nous trouverons une solution."),
        ("ja", "ご満足いただけない場合は、お気軽にご連絡ください。"),
        ("zh", "如果不满意，请随时联系我们，我们会处理。"),
    ],
)
def test_thanks_for_kind_words_honest_asks_and_help_for_unhappy_buyers_are_clean(
    language: str, body: str
) -> None:
    assert rules(body, language) == set()


@pytest.mark.parametrize(
    ("language", "body", "expected"),
    [
        (
            "en",
            "Take the review down and you can keep the lamp, no return needed.",
            {"inducement", "review_request"},
        ),
        (
            "de",
            "Nehmen Sie die Bewertung raus, dann dürfen Sie das Gerät behalten.",
            {"inducement", "review_request"},
        ),
        ("fr", "Retirez l'avis et vous pouvez garder la lampe.", {"inducement", "review_request"}),
        ("es", "Quite la reseña y puede quedarse la lámpara.", {"inducement", "review_request"}),
        ("it", "Tolga la recensione e può tenersi la lampada.", {"inducement", "review_request"}),
        ("zh", "删掉差评的话，东西您留着用就行。", {"inducement", "review_request"}),
        ("en", "Could you add an update to your review saying it's been fixed?", {"review_request"}),
        ("de", "Könnten Sie in Ihrer Rezension ergänzen, dass alles gelöst ist?", {"review_request"}),
        ("fr", "Pourriez-vous ajouter à votre avis que tout est réglé ?", {"review_request"}),
        ("es", "¿Podría añadir a su reseña que ya está resuelto?", {"review_request"}),
        ("ja", "レビューに追記で「解決済み」と書いていただけますか。", {"review_request"}),
        ("en", "Your 1 star doesn't reflect the fix, would you reconsider?", {"review_request"}),
        ("en", "Any way you could revise that 2★?", {"review_request"}),
        ("fr", "Vous pourriez revoir vos 2★ ?", {"review_request"}),
    ],
)
def test_keeping_the_item_adding_to_a_review_and_bare_reconsidering(
    language: str, body: str, expected: set[str]
) -> None:
    assert expected <= rules(body, language)


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "Keep the lamp, no need to send it back; the refund is done."),
        ("de", "Behalten Sie das Gerät gern, die Erstattung ist erfolgt."),
        ("zh", "东西您留着用，退款已经完成。"),
        ("fr", "Pourriez-vous ajouter à la note de livraison votre digicode ?"),
        ("es", "¿Puede añadir a la nota del pedido su horario?"),
        ("en", "We removed the review photo from our listing, as you asked."),
    ],
)
def test_keeping_the_item_without_a_trade_and_notes_that_are_no_review_are_clean(
    language: str, body: str
) -> None:
    assert rules(body, language) == set()


@pytest.mark.parametrize(
    ("language", "body", "expected"),
    [
        (
            "en",
            "Hi Jo,\n\nSo sorry about the crack. We'd like to send you a $20 voucher.\n\nAll we'd ask is that you update your review.",
            {"inducement", "review_request"},
        ),
        (
            "fr",
            "Bonjour, nous souhaitons vous offrir un bon de 20 €. Nous vous demandons seulement de modifier votre avis.",
            {"inducement", "review_request"},
        ),
        (
            "es",
            "Hola, queremos regalarle un vale de 20 €. Solo le pedimos que actualice su reseña.",
            {"inducement", "review_request"},
        ),
        (
            "de",
            "Sie haben einen A-bis-z-Antrag gestellt. Könnten Sie ihn zurückziehen? Danach erstatten wir Ihnen den vollen Betrag.",
            {"inducement"},
        ),
        (
            "ja",
            "A-to-z保証の申請をされていますね。取り下げていただけますか。その後、全額返金いたします。",
            {"inducement"},
        ),
        ("zh", "您提交了A-to-z索赔。能撤销一下吗？之后我们给您全额退款。", {"inducement"}),
    ],
)
def test_an_offer_and_its_price_in_sentences_of_their_own(
    language: str, body: str, expected: set[str]
) -> None:
    assert expected <= rules(body, language)


@pytest.mark.parametrize(
    ("language", "body", "expected"),
    [
        ("ja", "もしよろしければ、星の数を増やしていただけないでしょうか。", {"review_request"}),
        (
            "ja",
            "評価を変えてくださった方には、次回使える割引券をお送りしています。",
            {"inducement", "review_request"},
        ),
        (
            "ja",
            "星1つのレビューを消していただけたら、代金の半分をお返しします。",
            {"inducement", "review_request"},
        ),
        ("ja", "公式ショップではもっとお得に購入できます。", {"marketing"}),
        ("zh", "我们店里还有很多好用的厨房用品，欢迎逛逛。", {"marketing"}),
        ("zh", "官网买更便宜，还包邮。", {"marketing"}),
        ("de", "In unserem Shop finden Sie noch viele weitere Küchenhelfer.", {"marketing"}),
        ("fr", "Dans notre boutique, vous trouverez plein d'autres ustensiles.", {"marketing"}),
        ("es", "En nuestra tienda encontrará muchos más utensilios de cocina.", {"marketing"}),
        ("it", "Nel nostro negozio trova tanti altri utensili da cucina.", {"marketing"}),
    ],
)
def test_more_stars_and_more_goods_in_the_sellers_shop(language: str, body: str, expected: set[str]) -> None:
    assert expected <= rules(body, language)


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("ja", "半分だけ届いたとのこと、残りは本日発送します。"),
        ("de", "In unserem Shop ist der Artikel leider ausverkauft, wir erstatten Ihnen alles."),
        ("es", "En nuestra tienda de Amazon el artículo está agotado; le reembolsamos."),
        ("zh", "我们店里还有库存，马上给您补发。"),
    ],
)
def test_the_sellers_shop_named_for_stock_or_a_remedy_is_clean(language: str, body: str) -> None:
    assert rules(body, language) == set()
