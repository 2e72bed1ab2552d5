"""Round four's method (docs/COMPLIANCE.md, "Round four"): review requests, inducements and
marketing read by detectors combined within a sentence and the next, not by fixed phrases.
Each family is checked on wordings written for this test in all seven languages, none of them a
corpus message nor a phrase of the tables, and on the clean replies that look like them."""

import pytest

from tests.unit.domain.compliance_checks import errors, excerpts, rules


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "Any chance those 2 stars could go up now the kettle works?"),
        ("en", "Would love it if your write-up mentioned the quick fix."),
        ("de", "Vielleicht mögen Sie Ihre Sterne jetzt noch einmal anpassen?"),
        ("de", "Es wäre schön, wenn Ihre Rezension den schnellen Ersatz erwähnen würde."),
        ("fr", "Et si vos étoiles remontaient un peu maintenant que tout est réglé ?"),
        ("fr", "Votre commentaire pourrait-il mentionner notre réactivité ?"),
        ("es", "¿Y si actualiza su valoración ahora que ya funciona?"),
        ("es", "Ojalá su reseña contara lo rápido que respondimos."),
        ("it", "E se ora la sua recensione cambiasse un pochino?"),
        ("it", "Magari nel commento potrebbe citare la nostra rapidità."),
        ("ja", "レビューの星をもう少し増やしていただけると嬉しいです。"),
        ("ja", "口コミに今回の対応のことも書いていただけませんか。"),
        ("zh", "能不能把差评改成好评呀？"),
        ("zh", "希望您在评价里提一下我们的售后。"),
    ],
)
def test_a_rating_referred_to_with_a_change_or_what_it_should_say_directed_at_the_buyer_is_a_review_request(
    language: str, body: str
) -> None:
    assert "review_request" in rules(body, language)


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "Thanks so much for the five stars!"),
        ("en", "We read your review and have changed our packaging."),
        ("en", "An honest review, good or bad, helps other buyers."),
        ("de", "Vielen Dank für Ihre Bewertung!"),
        ("de", "Wir haben die Verpackung nach Ihrer Rezension geändert."),
        ("fr", "Merci pour votre avis !"),
        ("fr", "Nous ne vous demanderons jamais de modifier votre note."),
        ("es", "Gracias por su reseña."),
        ("es", "Nunca le pediríamos que cambie su valoración."),
        ("it", "Grazie per la recensione!"),
        ("it", "Non le chiederemmo mai di modificare la sua valutazione."),
        ("ja", "レビューありがとうございます。"),
        ("ja", "評価の変更をお願いすることは決してありません。"),
        ("zh", "感谢您的好评！"),
        ("zh", "我们绝不会要求您修改评价。"),
    ],
)
def test_thanks_negation_neutral_asks_and_the_sellers_own_change_are_no_review_request(
    language: str, body: str
) -> None:
    assert errors(body, language) == []


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "Happy to waive the return shipping as soon as the chargeback is dropped."),
        ("en", "Bump the rating and the next order's on the house."),
        ("de", "Sobald die Beschwerde zurückgenommen ist, überweisen wir 25 € zurück."),
        ("de", "Für eine 5-Sterne-Bewertung gibt's 10 € Rabatt."),
        ("fr", "Une fois le litige clôturé, on vous rembourse 20 €."),
        ("fr", "Contre une note de 5 étoiles, on vous offre la livraison."),
        ("es", "En cuanto retire la disputa, le devolvemos 15 €."),
        ("es", "Si cambia la reseña, le regalamos otra funda."),
        ("it", "Appena chiude la contestazione le rimborsiamo 20 €."),
        ("it", "Se alza il voto a 5 stelle le mandiamo un omaggio."),
        ("ja", "申し立てを取り下げていただければ、1000円返金いたします。"),
        ("ja", "星5のレビューを書いていただいたら、クーポンを差し上げます。"),
        ("zh", "只要撤销投诉，我们就退您30元。"),
        ("zh", "给五星好评就送一个赠品。"),
    ],
)
def test_a_value_tied_by_a_condition_to_a_rating_or_a_withdrawn_claim_is_an_inducement(
    language: str, body: str
) -> None:
    assert "inducement" in rules(body, language)


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "We have refunded you in full; you don't need to do anything about the claim."),
        ("en", "We will refund you regardless of your review."),
        ("de", "Wir erstatten Ihnen den Betrag unabhängig von Ihrer Bewertung."),
        ("fr", "Nous vous remboursons quel que soit votre avis."),
        ("es", "Le reembolsamos en cualquier caso, sin condiciones."),
        ("it", "La rimborsiamo in ogni caso, a prescindere dalla recensione."),
        ("ja", "評価に関係なく返金いたします。"),
        ("zh", "无论您如何评价，我们都会退款。"),
    ],
)
def test_a_value_given_regardless_is_no_inducement(language: str, body: str) -> None:
    assert errors(body, language) == []


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "We've just dropped a new range of lamp shades, search 'Lumo' on our storefront."),
        ("en", "Join our mailing list for early access."),
        ("de", "Neu bei uns: passende Kissenbezüge, schauen Sie doch mal in unserem Shop vorbei."),
        ("de", "Melden Sie sich für unseren Newsletter an."),
        ("fr", "Notre nouvelle collection vient de sortir, elle est dans notre boutique."),
        ("fr", "Retrouvez nos nouveautés sur notre page Insta."),
        ("es", "Acabamos de sacar nuevos productos, búsquenos en Insta."),
        ("es", "Suscríbase a nuestra newsletter y reciba las ofertas."),
        ("it", "Abbiamo una nuova collezione, la trova nel nostro negozio."),
        ("it", "Su eBay lo trova a meno, cerchi il nostro nome."),
        ("ja", "新作が出ましたので、ぜひショップをご覧ください。"),
        ("ja", "次回のご購入に使えるクーポンコードをお送りします。"),
        ("zh", "店里上新了，欢迎来逛逛。"),
        ("zh", "下次购买可以用这个优惠码。"),
    ],
)
def test_a_promotion_with_a_channel_or_a_standalone_promotion_is_marketing(language: str, body: str) -> None:
    assert "marketing" in rules(body, language)


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "Your replacement lamp shade ships today."),
        ("en", "The new part is in the box, the manual explains how to fit it."),
        ("de", "Der Ersatz ist unterwegs, die Anleitung liegt bei."),
        ("fr", "La nouvelle pièce est partie ce matin."),
        ("es", "El repuesto nuevo sale hoy."),
        ("it", "Il nuovo pezzo è già partito."),
        ("ja", "新品の交換品を本日発送いたしました。"),
        ("zh", "新的配件今天已经寄出。"),
        ("en", "If you have any questions about your review or the refund, just reply here."),
        ("en", "Could you send us a photo of the damage? We will then refund you in full."),
        ("en", "Once the replacement arrives, please check that the lid fits."),
        ("en", "Your feedback helped us change the packaging, so thank you."),
        ("de", "Falls Sie Fragen zu Ihrer Bewertung haben, melden Sie sich gern."),
        ("de", "Sobald das Paket bei uns ist, erstatten wir Ihnen den vollen Betrag."),
        ("fr", "Si vous avez ouvert une réclamation, nous la traiterons vite et vous rembourserons."),
        ("fr", "Dès réception du colis, nous vous remboursons intégralement."),
        ("es", "Si tiene una reclamación abierta, le reembolsaremos en cuanto la revisemos."),
        ("es", "Cuando recibamos la devolución, le enviamos el reembolso."),
        ("it", "Se ha aperto una richiesta di garanzia, la gestiamo noi dopo il rimborso."),
        ("it", "Appena riceviamo il reso le rimborsiamo l'intero importo."),
        ("ja", "商品が届きましたら、全額返金いたします。"),
        ("ja", "レビューを拝見し、梱包を改善いたしました。"),
        ("zh", "收到退货后，我们会全额退款。"),
        ("zh", "看到您的评价后，我们已经改进了包装。"),
    ],
)
def test_remedies_and_ordinary_replies_about_claims_reviews_and_refunds_stay_clean(
    language: str, body: str
) -> None:
    assert errors(body, language) == []


def test_a_trade_over_two_sentences_is_found_on_both_and_a_one_sentence_trade_on_its_own() -> None:
    pair = "We have a little gift set aside for you. It ships as soon as your 2 stars become 5."
    single = "Thanks for your patience. If you drop the chargeback we refund 20 €."

    assert excerpts(pair, "en", "inducement") == [pair]
    assert excerpts(single, "en", "inducement") == ["If you drop the chargeback we refund 20 €."]


def test_a_review_request_points_at_the_sentence_with_the_rating() -> None:
    body = "The new lid is on its way. Maybe your review could be brought up to date?"

    assert excerpts(body, "en", "review_request") == ["Maybe your review could be brought up to date?"]


@pytest.mark.parametrize(
    ("language", "rule", "body"),
    [
        ("en", "review_request", "Since it's all sorted, maybe that one-star could get a little love?"),
        ("en", "inducement", "Tell you what, scrap the dispute and we'll cover the full cost."),
        ("en", "marketing", "Fresh stock of our ceramic mugs just landed, take a peek at our storefront."),
        ("de", "review_request", "Vielleicht wäre jetzt ein Stern mehr drin, was meinen Sie?"),
        ("de", "inducement", "Wenn Sie den Fall schließen, bekommen Sie von uns 30 € zurück."),
        ("de", "marketing", "Unsere neue Kollektion ist da, einfach im Shop nach Holzliebe suchen."),
        ("fr", "review_request", "Vous accepteriez de revoir votre note maintenant que tout fonctionne ?"),
        ("fr", "inducement", "Dès que votre litige est annulé, on vous fait un virement de 20 €."),
        ("fr", "marketing", "Abonnez-vous à notre newsletter pour les ventes privées."),
        ("es", "review_request", "¿Le importaría darle una vueltita a su opinión ahora que ya le llegó?"),
        ("es", "inducement", "Usted quita la queja y nosotros le mandamos otro de regalo."),
        ("es", "marketing", "Tenemos colección nueva, búsquenos en Instagram."),
        ("it", "review_request", "Se le va, potrebbe aggiornare il suo giudizio?"),
        ("it", "inducement", "Ritiri la segnalazione e le regaliamo un buono da 10 €."),
        ("it", "marketing", "È appena uscita la nuova linea, la trova nel nostro negozio online."),
        ("ja", "review_request", "今回の対応をご評価いただき、星を見直していただけないでしょうか。"),
        ("ja", "inducement", "ケースを取り下げていただけたら、500円分のギフト券をお送りします。"),
        ("ja", "marketing", "新商品を多数入荷しました。ぜひ当店のショップページもご覧ください。"),
        ("zh", "review_request", "问题都解决了，评价能不能帮忙改一下呀？"),
        ("zh", "inducement", "您撤销纠纷的话，我们补偿您20元。"),
        ("zh", "marketing", "我们店铺上新了很多款式，欢迎关注。"),
        ("en", "review_request", "Would it be possible to knock that rating up a notch now?"),
        ("en", "inducement", "We'll throw in a free spare blade once your dispute is withdrawn."),
        ("en", "marketing", "P.S. our autumn range is out now, have a browse in our store."),
        ("de", "review_request", "Hätten Sie vielleicht Lust, Ihre Rezension zu aktualisieren?"),
        (
            "de",
            "inducement",
            "Als Gegenleistung für eine Fünf-Sterne-Bewertung schenken wir Ihnen einen Gutschein.",
        ),
        ("de", "marketing", "Folgen Sie uns auf Insta, da gibt's jede Woche Neuheiten."),
        ("fr", "review_request", "Ça vous dirait de mettre à jour votre commentaire ?"),
        ("fr", "inducement", "On vous rembourse la moitié si vous supprimez l'avis négatif."),
        ("fr", "marketing", "Découvrez nos autres produits dans notre boutique Amazon."),
        ("es", "review_request", "Le agradeceríamos mucho que subiera su puntuación."),
        (
            "es",
            "inducement",
            "Le regalamos el envío de su próximo pedido a cambio de una reseña de cinco estrellas.",
        ),
        ("es", "marketing", "Síganos en TikTok para ver nuestras ofertas."),
        ("it", "review_request", "Le andrebbe di ritoccare la recensione ora che è tutto a posto?"),
        ("it", "inducement", "Se cancella la recensione negativa, le rimborsiamo metà del prezzo."),
        ("it", "marketing", "Iscriviti alla nostra newsletter per avere il 10% di sconto."),
        ("ja", "review_request", "お手数ですが、評価を更新していただけますと幸いです。"),
        ("ja", "inducement", "低評価を削除していただければ、全額返金いたします。"),
        ("ja", "marketing", "当店では他にも多数の商品を取り扱っておりますので、ぜひご覧ください。"),
        ("zh", "review_request", "麻烦您把评分调高一点，谢谢！"),
        ("zh", "inducement", "删除差评后，我们给您返现10元。"),
        ("zh", "marketing", "关注我们的店铺，新品上架第一时间通知您。"),
    ],
)
def test_slang_and_idiom_reach_the_detectors(language: str, rule: str, body: str) -> None:
    """Written after the detectors, in two batches, to try them on idioms: 16 of the first 21
    and 19 of the second 21 were caught at first; the misses (a one-star "getting a little
    love", "scrap the dispute", "ein Stern mehr drin", "darle una vueltita", "usted quita la
    queja", "knock that rating up a notch", 他にも多数の商品) widened the word classes."""
    assert rule in rules(body, language)


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "If the replacement doesn't fix it, let us know and we'll refund you."),
        ("en", "We saw your 2-star review and are sorry; a new unit ships today."),
        ("de", "Ihre Rezension haben wir gelesen; die neue Dichtung ist bereits unterwegs."),
        ("de", "Falls Sie einen A-bis-z-Antrag gestellt haben, bearbeiten wir ihn dort."),
        ("fr", "Nous avons lu votre avis et vous envoyons un remplacement gratuit."),
        ("es", "Hemos leído su reseña y le enviamos una unidad nueva gratis."),
        ("es", "Cuando Amazon cierre la reclamación, recibirá el reembolso."),
        ("it", "Abbiamo letto la sua recensione e le spediamo subito un sostituto gratuito."),
        ("it", "Quando ci arriva il reso, le rimborsiamo 25 €."),
        ("ja", "レビューを拝見しました。新しい商品を無料でお送りします。"),
        ("zh", "看到您的评价了，我们马上免费给您补发新的。"),
        ("en", "If you'd like to update your shipping address, you can do it in Your Orders."),
        ("fr", "Si vous souhaitez changer l'adresse, faites-le dans votre compte Amazon."),
        ("en", "Our new model fixes the hinge; we are sending one to you free of charge as a replacement."),
        ("en", "If the blade arrives dull, tell us and we'll send a new one free."),
        ("en", "We updated the listing photos after several reviews mentioned the colour."),
        ("de", "Wir haben Ihre Bewertung gelesen und den Versanddienstleister gewechselt."),
        ("de", "Wenn der Artikel defekt ist, erstatten wir Ihnen selbstverständlich den Kaufpreis."),
        ("fr", "Nous avons bien reçu votre avis, merci de nous avoir prévenus."),
        ("fr", "Si l'article est défectueux, nous vous remboursons sans condition."),
        ("es", "Gracias por su reseña, nos ayuda a mejorar."),
        ("es", "Si el producto falla, le enviamos otro gratis."),
        ("it", "Grazie per il suo commento, l'abbiamo girato al magazzino."),
        ("it", "Se il prodotto è difettoso, la rimborsiamo senza problemi."),
        ("ja", "ご評価いただきありがとうございます。今後の改善に活かします。"),
        ("ja", "不良品の場合は、無料で交換いたします。"),
        ("zh", "感谢您的评价，我们会继续改进。"),
        ("zh", "如果商品有问题，我们免费给您换新。"),
    ],
)
def test_remedies_after_a_review_and_amazons_own_closing_stay_clean(language: str, body: str) -> None:
    assert errors(body, language) == []
