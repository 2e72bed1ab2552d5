"""The compliance families added in round three (docs/COMPLIANCE.md, "Round three"), each
checked on wordings of the family in several languages, none of them a corpus message, and
the clean sentences that look like them."""

import pytest

from tests.unit.domain.compliance_checks import rules


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "Noticed your 3* review, any chance you could make it a 5? We fixed it."),
        ("en", "Would you move us from 2 to 4 stars now that it works?"),
        ("de", "Könnten Sie aus den 2 Sternen vielleicht 4 oder 5 machen? Das Problem ist gelöst."),
        ("de", "Vielleicht können Sie uns von 3 auf 5 Sterne setzen?"),
        ("fr", "Tu pourrais passer de 3 à 5 étoiles stp ? On a tout réglé."),
        ("fr", "Pourriez-vous en faire un 5 étoiles ?"),
        ("es", "¿Podrías pasar de 3 a 5 estrellas? Ya está todo resuelto."),
        ("es", "¿Nos la dejaría en 5 estrellas?"),
        ("it", "Potrebbe passare da 2 a 5 stelle? Abbiamo risolto tutto."),
        ("it", "Ci farebbe diventare la sua valutazione un 5?"),
        ("ja", "星3つを星5つにしていただけませんか。"),
        ("zh", "能不能从三星改到五星呢？"),
    ],
)
def test_asking_to_turn_a_star_count_into_another_is_a_review_request(language: str, body: str) -> None:
    assert "review_request" in rules(body, language)


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "Do you still have the 2 stars? If so, please update to 4 when you can."),
        ("en", "The set goes from 2 to 4 people, rated for 5 years."),
        ("de", "Die Leistung lässt sich von 3 auf 5 Stufen stellen, die Bewertung der Stiftung ist gut."),
        ("fr", "Le produit a une note énergétique A, passez de 3 à 5 minutes de cuisson."),
        ("es", "Suba la potencia de 3 a 5 y la valoración del técnico fue buena."),
        ("it", "La temperatura passa da 2 a 5 gradi, come dice la recensione del tecnico."),
    ],
)
def test_counts_that_are_no_rating_change_are_clean(language: str, body: str) -> None:
    assert "review_request" not in rules(body, language)


@pytest.mark.parametrize(
    ("language", "body"),
    [
        (
            "en",
            "You opened a chargeback with your bank. If you cancel it, we'll send you a free second unit.",
        ),
        ("en", "There's a dispute open on your card. Drop it and a $20 gift card is yours."),
        (
            "de",
            "Sie haben eine Rückbuchung veranlasst. Nehmen Sie diese zurück, erhalten Sie einen Gutschein über 25 €.",
        ),
        ("de", "Sie haben einen Garantieantrag gestellt. Ziehen Sie ihn zurück, schenken wir Ihnen ein Set."),
        ("fr", "Vous avez fait une opposition. Si vous l'annulez, nous vous offrons un second article."),
        ("fr", "Vous avez ouvert un litige. Si vous le retirez, un bon d'achat de 15 € vous attend."),
        ("es", "Ha abierto un contracargo con su banco. Si lo cancela le regalamos una tarjeta regalo."),
        ("es", "Tiene una reclamación abierta. Si la retira, le enviamos otro juego gratis."),
        ("it", "Ha aperto uno storno. Se lo annulla, le regaliamo un secondo pezzo."),
        ("it", "Ha aperto un reclamo. Se lo ritira le mandiamo un buono da 20 €."),
        ("ja", "チャージバックを申請されたようですね。取り消していただければ、ギフト券を差し上げます。"),
        ("zh", "您在银行发起了拒付。如果您撤销的话，我们送您一张礼品卡。"),
    ],
)
def test_a_claim_named_then_withdrawn_by_a_pronoun_for_a_benefit_is_inducement(
    language: str, body: str
) -> None:
    assert "inducement" in rules(body, language)


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "You opened a chargeback. If you cancel the order instead, we refund it in full."),
        ("de", "Sie haben eine Rückbuchung veranlasst. Wir haben Ihnen den Betrag bereits erstattet."),
        ("fr", "Vous avez ouvert un litige. Nous vous avons déjà remboursé, quel que soit le litige."),
        ("es", "Ha abierto un contracargo. El reembolso ya está hecho, lo cancele o no."),
        ("it", "Ha aperto uno storno. Le abbiamo già rimborsato l'importo."),
    ],
)
def test_a_claim_beside_an_unconditional_refund_is_clean(language: str, body: str) -> None:
    assert "inducement" not in rules(body, language)


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "If you pull that 1 star review down I'll ship you the newer model free, deal?"),
        ("en", "We can give you S$10 back if you update your review to reflect that we resolved it quickly."),
        ("en", "A$15 back to you once the review is edited."),
        ("es", "Te regalamos otro juego de cuchillos si quitas tu opinión negativa, ¿trato?"),
        ("it", "Le regaliamo un secondo set se toglie la recensione negativa."),
        ("de", "Wir schenken Ihnen ein zweites Set, wenn Sie die Bewertung löschen."),
        ("fr", "On vous offre un deuxième set si vous enlevez l'avis négatif."),
    ],
)
def test_gifts_and_amounts_for_a_changed_review_are_inducement(language: str, body: str) -> None:
    assert {"inducement", "review_request"} <= rules(body, language)


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("it", "Le offriamo un rimborso del 50% in cambio della rimozione della recensione da 1 stella."),
        ("en", "We offer a 50% refund in exchange for the removal of the 1-star review."),
        ("de", "Wir bieten 50 % Erstattung im Austausch gegen die Löschung der Bewertung."),
        ("fr", "Nous offrons 50 % de remboursement en échange de la suppression de l'avis."),
        ("es", "Le ofrecemos un reembolso del 50 % a cambio de la eliminación de la reseña."),
    ],
)
def test_a_review_removal_named_as_the_price_of_a_trade_is_also_a_review_request(
    language: str, body: str
) -> None:
    assert {"inducement", "review_request"} <= rules(body, language)


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("ja", "ご満足いただけた方だけ、レビューを書いていただけると嬉しいです。"),
        ("ja", "気に入ってくださった方は、ぜひレビューをお願いします。"),
        ("zh", "用得开心的话就给我们留个评价吧。"),
        ("zh", "满意的亲可以给个评价哦。"),
        ("en", "If you're enjoying it, a quick review would be lovely."),
        ("en", "Only customers who are happy should leave a review, the rest please write to us."),
        ("de", "Nur zufriedene Kunden bitten wir um eine Bewertung."),
        ("fr", "Seuls les clients satisfaits sont invités à laisser un avis."),
        ("es", "Solo si está contento, déjenos una reseña."),
        ("it", "Chi è soddisfatto ci lasci una recensione."),
    ],
)
def test_asking_only_satisfied_buyers_for_a_review_is_a_review_request(language: str, body: str) -> None:
    assert "review_request" in rules(body, language)


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "We'll gladly send a new one, and there's no need to change your review."),
        (
            "de",
            "Wir senden Ihnen Ersatz; Ihre Bewertung müssen Sie nicht ändern, es ist nicht nötig, sie anzupassen.",
        ),
        ("fr", "Nous vous envoyons un autre article, pas besoin de modifier votre avis."),
        ("es", "Le mandamos otro, no hace falta cambiar su reseña."),
        ("it", "Le mandiamo un altro pezzo, non serve modificare la recensione."),
        ("ja", "交換品をお送りします。レビューを変更していただく必要はありません。"),
        ("zh", "我们会补发，不用修改评价。"),
    ],
)
def test_a_rating_change_said_to_be_unneeded_is_no_review_request(language: str, body: str) -> None:
    assert "review_request" not in rules(body, language)


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "It would mean the world to us if the stars reflected the fix."),
        ("en", "We'd be so grateful if your rating could catch up with how things turned out."),
        ("de", "Es würde uns sehr freuen, wenn die Sterne jetzt die Lösung widerspiegeln würden."),
        ("fr", "Ça nous ferait tellement plaisir que les étoiles reflètent la solution trouvée."),
        ("es", "Nos haría muchísima ilusión que las estrellas reflejaran la solución."),
        ("it", "Ci farebbe davvero piacere se le stelle rispecchiassero la soluzione."),
        ("ja", "解決した今の状況を評価にも反映していただけると大変うれしいです。"),
        ("zh", "如果评分能反映一下现在的处理结果，我们会非常感激。"),
        ("de", "Wäre es möglich, dass die 2 Sterne noch ein paar mehr werden?"),
        ("en", "Could you spare a few more stars now that it works?"),
        ("fr", "Une étoile de plus, ce serait possible ?"),
        ("zh", "能不能多给一颗星？"),
        ("en", "Five little stars from you would help our small shop so much."),
        ("fr", "Si jamais vous aviez un moment pour actualiser votre évaluation, ce serait top."),
        ("es", "¿Podría echarle otro vistazo a su valoración ahora que funciona?"),
        ("it", "Potrebbe dare un'altra occhiata alla sua valutazione?"),
    ],
)
def test_wishes_that_a_rating_reflect_the_fix_or_grow_are_review_requests(language: str, body: str) -> None:
    assert "review_request" in rules(body, language)


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "Could you take another look at your rating? We'd love to send a little thank-you your way."),
        ("de", "Könnten Sie die Bewertung anpassen? Als kleines Dankeschön legen wir einen Gutschein bei."),
        ("es", "¿Podría cambiar su valoración? Le enviaríamos un detalle de agradecimiento."),
        ("it", "Potrebbe modificare la recensione? Le manderemmo un piccolo regalo di ringraziamento."),
        ("zh", "能帮忙修改一下评价吗？我们会送您一个小礼物表示感谢。"),
        ("en", "Your 2-star review hurt. Update it and there's a gift card with your name on it."),
        ("es", "Su reseña de 2 estrellas nos dolió. Cámbiela y le regalamos un vale."),
        ("de", "Ihre 2-Sterne-Bewertung tut weh. Ändern Sie sie, dann gibt es einen Gutschein."),
        ("fr", "Votre avis 2 étoiles nous a peinés. Modifiez-le et un bon d'achat vous attend."),
        ("it", "La sua recensione da 2 stelle ci ha ferito. Se la modifichi le mandiamo un buono."),
    ],
)
def test_a_rating_change_asked_then_paid_for_in_the_next_sentence_is_inducement(
    language: str, body: str
) -> None:
    assert {"inducement", "review_request"} <= rules(body, language)


@pytest.mark.parametrize(
    ("language", "body"),
    [
        (
            "en",
            "Your review mentioned the address. Could you update it in your account so the courier finds you?",
        ),
        ("de", "Danke für Ihre Bewertung. Die Adresse ist falsch, bitte ändern Sie sie im Konto."),
        ("fr", "Merci pour votre avis. Votre adresse est incomplète, pouvez-vous la modifier ?"),
        ("es", "Gracias por su reseña. Su dirección está incompleta, ¿puede actualizarla?"),
        ("it", "Grazie per la recensione. L'indirizzo è incompleto, può aggiornarlo?"),
        ("en", "Could you rate the packaging from 1 to 5 stars? We will send a replacement tomorrow."),
        ("en", "We're adding another star screwdriver to the box."),
        ("en", "Could you confirm the address? We'll send a new one today."),
    ],
)
def test_pronouns_scales_and_spare_parts_are_no_rating_change(language: str, body: str) -> None:
    assert rules(body, language) == set()
