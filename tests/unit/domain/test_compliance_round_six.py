"""Round six's intent families (docs/COMPLIANCE.md, "Round six"): each kind of wording the
fifth and sixth writers' missed trades, asks and promotions showed, written for this test in all
seven languages (none of them a corpus message), with the clean replies that look like them."""

import pytest

from tests.unit.domain.compliance_checks import rules


@pytest.mark.parametrize(
    ("language", "body"),
    [
        (
            "en",
            "You opened a case about the lamp. Once it's gone from your account, we'll send you a $10 voucher.",
        ),
        ("de", "Sie haben einen Antrag gestellt. Sobald der vom Tisch ist, überweisen wir Ihnen 15 €."),
        ("fr", "Vous avez ouvert un litige. Dès qu'il disparaît, je vous offre un bon d'achat de 10 €."),
        ("es", "Vi que abriste una disputa. Si desaparece esta semana, te mando 10 dólares."),
        ("it", "Ho visto la segnalazione. Appena sparisce, le regalo un buono da 10 €."),
        ("it", "Se il reclamo aperto su Amazon sparisce entro domani, le mando un omaggio."),
        ("ja", "お問い合わせの件、クローズしていただけたら500円分のギフト券を差し上げます。"),
        ("zh", "关于您的投诉。您把它撤了，我们就送您一张礼品卡。"),
        ("fr", "J'ai vu votre réclamation. Dès qu'elle est retirée, je vous rembourse les frais de port."),
    ],
)
def test_a_claim_gone_or_withdrawn_by_a_pronoun_for_a_benefit_is_an_inducement(
    language: str, body: str
) -> None:
    assert "inducement" in rules(body, language)


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "Your ticket will be closed once the $20 refund goes through."),
        (
            "en",
            "Thanks for your inquiry. If the noise goes away after the update, you can keep the $5 adapter.",
        ),
        (
            "de",
            "Sobald das Geräusch verschwindet, ist alles gut; den Gutschein über 10 € haben wir schon geschickt.",
        ),
        ("fr", "Merci pour votre demande. Dès qu'il est en stock, nous vous l'envoyons gratuitement."),
        ("es", "Abrió una disputa. Cuando Amazon la cierre, recibirá el reembolso de 20 dólares."),
        ("it", "Se l'errore sparisce dopo il riavvio, non serve il rimborso di 10 €."),
        ("ja", "お問い合わせいただいた件は、返金処理が完了したためクローズいたしました。"),
        ("zh", "您的工单我们已经关闭了，退款已经退回您的账户。"),
    ],
)
def test_a_fault_going_away_or_the_sellers_closed_ticket_is_no_trade(language: str, body: str) -> None:
    assert "inducement" not in rules(body, language)


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "Post a review with two pictures of the lamp and we'll mail you a $5 voucher."),
        (
            "de",
            "Wenn Sie eine Rezension mit Video veröffentlichen, bekommen Sie von uns einen Gutschein über 10 €.",
        ),
        ("fr", "Si vous publiez un avis avec des photos, nous vous offrons la livraison gratuite."),
        ("es", "Si publicas una reseña con fotos, te regalamos una funda."),
        ("it", "Se pubblica una recensione con foto, le regaliamo un buono da 5 €."),
        ("ja", "写真付きのレビューを投稿していただいたお客様に、次回使えるクーポンをプレゼントします。"),
        ("zh", "只要您发布带图的评价，我们就送您一个小礼品。"),
    ],
)
def test_a_review_with_photos_asked_for_at_a_price_is_a_review_request_and_an_inducement(
    language: str, body: str
) -> None:
    assert {"inducement", "review_request"} <= rules(body, language)


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "If you post a review with a photo, other buyers will see the real colour."),
        ("en", "Thanks for your review with photos, it helps a lot!"),
        ("de", "Danke für Ihre Bewertung mit Foto!"),
        ("es", "Las reseñas con fotos ayudan a otros compradores."),
        ("it", "Grazie per la recensione con foto!"),
        ("ja", "写真付きレビューありがとうございました。"),
        ("zh", "感谢您的带图评价！"),
    ],
)
def test_a_photo_review_thanked_for_or_described_without_a_price_is_clean(language: str, body: str) -> None:
    assert rules(body, language) == set()


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("de", "Falls Sie zufrieden sind: ein paar freundliche Zeilen bei Amazon würden uns sehr freuen."),
        ("fr", "Si t'es ravie du coussin, un petit mot sympa sur Amazon nous ferait plaisir."),
        ("es", "Si te latió la taza, unas palabras lindas en Amazon nos ayudarían mucho."),
        ("it", "Se le è piaciuto, due righe gentili su Amazon ci farebbero felici."),
        ("ja", "お気に召していただけましたら、レビューでひとことご感想をいただけますと幸いです。"),
        ("zh", "如果用着满意，麻烦帮我们美言几句。"),
        ("zh", "用着顺手的朋友欢迎去评价，不好用的先找我们，别去评价区吐槽哦。"),
        ("ja", "ご不満がございましたら、レビューの前にまずご連絡ください。"),
    ],
)
def test_kind_words_asked_of_a_satisfied_buyer_or_an_unhappy_one_steered_away_is_a_review_request(
    language: str, body: str
) -> None:
    assert "review_request" in rules(body, language)


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("de", "Vielen Dank für Ihre netten Zeilen!"),
        ("fr", "Merci pour votre petit mot sympa !"),
        ("es", "Gracias por sus palabras lindas."),
        ("it", "Grazie per le due righe gentili."),
        ("ja", "温かいお言葉をありがとうございます。"),
        ("zh", "谢谢您的美言！"),
        ("ja", "お気に召していただけましたら幸いです。"),
        ("zh", "您的评价区留言我们看到了，谢谢。"),
    ],
)
def test_kind_words_thanked_for_or_a_plain_wish_are_clean(language: str, body: str) -> None:
    assert rules(body, language) == set()


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "Quicker answers if you message us on the green chat app, same number as the receipt."),
        ("de", "Schreiben Sie uns lieber auf dem grünen Messenger, da antworten wir sofort."),
        ("fr", "Écrivez-nous sur l'appli verte, c'est plus rapide."),
        ("es", "Escríbenos por la app verde y te contestamos al momento."),
        ("it", "Ci scriva sull'app verde, rispondiamo subito."),
        ("ja", "お急ぎの際は緑のアプリからご連絡ください。"),
        ("zh", "有问题加个V，我们售后群里回复更快。"),
        ("en", "Join our refer a friend scheme: you both get $10."),
        ("de", "Freunde werben lohnt sich: für jeden neuen Kunden gibt es 10 € Guthaben."),
        ("fr", "Parrainez vos proches et recevez 10 € chacun."),
        ("es", "Únete a nuestro programa de embajadores y gana productos cada mes."),
        ("it", "Porta un amico: 10 € di sconto per entrambi."),
        ("ja", "お友達紹介キャンペーンで、お二人に500円分のポイントを差し上げます。"),
        ("zh", "邀请好友下单，双方各得10元。"),
        ("en", "Heads-up: our warehouse sale starts Monday, up to 60% off all rugs."),
        ("de", "Kurzer Hinweis: Lagerverkauf ab Montag, bis zu 50 % auf alle Teppiche."),
        ("fr", "Nos ventes privées ouvrent lundi."),
        ("es", "Las ventas privadas empiezan el lunes, hasta un 50 % de descuento."),
        ("it", "Da lunedì vendite private su tutti i tappeti."),
        ("ja", "来週から最大50%OFFのセールを開催します。"),
        ("zh", "下周全场8折，欢迎回购。"),
    ],
)
def test_a_messenger_described_a_referral_programme_or_a_sale_announced_is_marketing(
    language: str, body: str
) -> None:
    assert "marketing" in rules(body, language)


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "The green light on the app means the kettle is paired."),
        ("en", "The battery charges up to 80% in 30 minutes."),
        ("de", "Der Akku lädt in 30 Minuten bis zu 80 % auf."),
        ("fr", "La batterie se recharge jusqu'à 80 % en 30 minutes."),
        ("es", "La batería carga hasta un 80 % en 30 minutos."),
        ("it", "La batteria si carica fino al 80% in 30 minuti."),
        ("ja", "バッテリーは30分で最大80%まで充電できます。"),
        ("zh", "电池30分钟可充到80%，增加微量的电解液无需担心。"),
        ("de", "Die grüne LED in der App zeigt die Verbindung an."),
        ("it", "Il led verde nell'app indica che è collegato."),
        ("es", "El indicador verde de la app muestra la conexión."),
        ("zh", "请在绿色的按钮上点一下。"),
        ("ja", "緑のランプが点灯したら充電完了です。"),
        ("fr", "Le voyant vert de l'appli indique la connexion."),
    ],
)
def test_green_lights_and_charge_levels_are_no_promotion(language: str, body: str) -> None:
    assert rules(body, language) == set()


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "For any review you post, good or bad, we send you a free refill."),
        ("de", "Für jede Rezension, ob gut oder schlecht, schenken wir Ihnen einen Gutschein über 5 €."),
        ("fr", "Pour tout avis publié, positif ou négatif, nous vous offrons un flacon."),
        ("es", "Por cada reseña que escribas, buena o mala, te regalamos una funda."),
        ("it", "Per ogni recensione, qualunque sia il voto, le regaliamo un buono da 5 €."),
        ("ja", "良い評価も悪い評価も、レビューを投稿していただいた方にギフト券をプレゼントします。"),
        ("zh", "写评价就送礼品卡，好评差评都算。"),
        ("en", "Among all customers who leave a review this month, we raffle a $50 voucher."),
        ("de", "Wer eine Rezension schreibt, bekommt von uns die Garantie um ein Jahr verlängert."),
        (
            "fr",
            "Parmi les clients qui laissent un avis, un tirage au sort désigne le gagnant d'un bon d'achat de 30 €.",
        ),
        ("es", "Sorteamos una tarjeta regalo de 50 € entre los clientes que dejen una reseña."),
        ("it", "Tra i clienti che lasciano una recensione estraiamo un buono da 50 €."),
        ("ja", "レビューを書いていただいた方の中から抽選で10名様にギフト券をプレゼントします。"),
        ("zh", "写评价的买家参与抽奖，奖品是50元礼品卡。"),
        ("it", "Ci mandi uno screenshot della recensione e le accreditiamo 5 €, qualunque sia il voto."),
    ],
)
def test_a_reward_for_any_review_a_draw_among_reviewers_or_whoever_reviews_is_an_inducement(
    language: str, body: str
) -> None:
    assert "inducement" in rules(body, language)


@pytest.mark.parametrize(
    ("language", "body"),
    [
        (
            "en",
            "An honest review, good or bad, helps other buyers; your refund of $20 is on its way regardless.",
        ),
        (
            "fr",
            "Un avis, positif ou négatif, nous aide ; votre remboursement est fait quel que soit votre avis.",
        ),
        (
            "de",
            "Ihre Bewertung, ob gut oder schlecht, ist uns wichtig. Die Erstattung über 20 € haben wir bereits veranlasst.",
        ),
        ("zh", "好评差评都可以，退款已经全额退回您的账户。"),
        ("es", "Quien tenga dudas recibe ayuda en el manual; la garantía es de 2 años."),
        ("it", "Grazie per la recensione! L'estrazione del numero di serie è sul retro."),
    ],
)
def test_good_or_bad_said_beside_an_unconditional_remedy_is_no_trade(language: str, body: str) -> None:
    assert "inducement" not in rules(body, language)


@pytest.mark.parametrize(
    ("language", "body"),
    [
        (
            "en",
            "Keep the Christmas star away from radiators once it arrives, and remove the wrapping at once.",
        ),
        ("de", "Den Weihnachtsstern bitte sofort auspacken und nicht an die Heizung stellen."),
        ("fr", "Retirez l'étoile de Noël du carton dès qu'elle arrive, s'il vous plaît."),
        ("es", "Por favor, saque la flor de Pascua de la caja en cuanto llegue."),
        ("it", "Appena arriva, tolga la stella di Natale dalla scatola per favore."),
        ("ja", "星形のクッキー型は、届いたらすぐに箱から出してください。"),
        ("zh", "八角星形模具到货后请尽快拆掉包装。"),
        ("ja", "レビューでのご指摘を受け、説明文を修正いたしました。"),
        ("zh", "评价是您的自由，我们不会请您修改。"),
        ("de", "Der Fall ist für uns erledigt, die Erstattung über 30 € ist schon raus."),
        ("en", "The case is for us closed, and the $30 refund has gone out."),
    ],
)
def test_star_plants_and_shapes_a_change_already_made_and_a_claim_settled_on_our_side_are_clean(
    language: str, body: str
) -> None:
    assert rules(body, language) == set()


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("it", "Appena può, ci alzi le stelle della recensione per favore."),
        ("ja", "レビューを修正していただけますと幸いです。"),
        ("zh", "您把投诉撤回的话，我们送您一个小礼物，保证不会让您吃亏。"),
    ],
)
def test_the_stars_of_a_review_and_a_change_asked_for_are_still_found(language: str, body: str) -> None:
    assert rules(body, language) & {"review_request", "inducement"}


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "Is one star really fair for a delay the courier caused?"),
        ("de", "Finden Sie zwei Sterne wirklich gerecht, nachdem wir sofort Ersatz geschickt haben?"),
        ("fr", "Une étoile, est-ce vraiment juste pour un retard du transporteur ?"),
        ("es", "¿De verdad le parece justo dejarnos una estrella por el retraso del mensajero?"),
        ("it", "Le sembra giusto darci una stella per un ritardo del corriere?"),
        ("ja", "配送業者の遅れで星1つというのは、少し厳しすぎではないでしょうか。"),
        ("zh", "快递的延误给我们一星差评，您觉得公平吗？"),
        ("en", "Now that it works, could you give your rating a second chance?"),
        ("de", "Vielleicht bekommt Ihre Bewertung ja eine zweite Chance?"),
        ("fr", "Pourriez-vous donner une seconde chance à votre avis ?"),
        ("es", "¿Le daría una segunda oportunidad a su reseña?"),
        ("it", "Potrebbe dare una seconda possibilità alla sua recensione?"),
        ("ja", "レビューにもう一度チャンスをいただけませんか。"),
        ("zh", "能不能再给我们的评价一次机会？"),
        ("en", "Your review still says it leaks. Maybe take another look now that the seal is new?"),
        ("de", "Ihre Bewertung erwähnt noch das Leck. Könnten Sie das noch einmal überdenken?"),
        ("fr", "Votre avis parle encore de la fuite. Une petite mise à jour serait la bienvenue."),
        ("es", "Su reseña aún habla de la fuga. ¿Podría reconsiderarlo?"),
        ("it", "La sua recensione parla ancora della perdita. Potrebbe riconsiderarla?"),
        ("ja", "レビューにはまだ水漏れと書かれています。ご再考いただけませんか。"),
        ("zh", "评价里还写着漏水。您能重新考虑一下吗？"),
    ],
)
def test_a_rating_questioned_as_unfair_given_a_second_chance_or_to_be_reconsidered_after_it_is_named_is_a_review_request(
    language: str, body: str
) -> None:
    assert "review_request" in rules(body, language)


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "Is the price fair? Other reviews say it is."),
        ("en", "Your review mentioned the lid. Could you take another look at the seal for us?"),
        ("de", "Ist der Preis fair? Viele Bewertungen sagen ja."),
        ("fr", "Votre avis nous a aidés. Une mise à jour du logiciel sera disponible demain."),
        ("es", "Gracias por su reseña. ¿Le parece justo el precio del envío?"),
        ("it", "Grazie per la recensione! Le sembra giusto il prezzo?"),
        ("ja", "レビューありがとうございます。価格は妥当でしょうか。"),
        ("zh", "谢谢您的评价！价格合适吗？"),
    ],
)
def test_a_fair_price_or_another_look_at_a_part_beside_a_review_is_clean(language: str, body: str) -> None:
    assert rules(body, language) == set()


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "For future bulk orders, email our sales desk and we'll prepare a special quote for you."),
        (
            "de",
            "Für Großbestellungen schreiben Sie uns direkt, wir machen Ihnen gern ein Angebot mit Sonderpreis.",
        ),
        ("fr", "Pour vos commandes en gros, écrivez-nous : nous vous ferons un prix."),
        ("es", "Si necesita más unidades, escríbanos y le preparamos un presupuesto con descuento."),
        ("it", "Per ordini futuri di più pezzi ci contatti e le prepariamo un preventivo dedicato."),
        ("ja", "法人様のまとめ買いは、当社まで直接ご連絡いただければ特別価格でご案内します。"),
        ("zh", "如需批量采购，直接联系我们，可享特别报价。"),
        ("en", "The same series is also sold in our store, with matching lids."),
        ("de", "Aus der gleichen Serie bieten wir übrigens auch Schalen an."),
        ("fr", "De la même collection, nous vendons aussi des bols."),
        ("es", "De la misma serie también tenemos tazas."),
        ("it", "Della stessa linea vendiamo anche le tazze."),
        ("ja", "同じシリーズのマグカップも販売しておりますので、ストアページもご覧ください。"),
        ("zh", "同系列的杯子我们也有在卖，有兴趣可以进店看看。"),
    ],
)
def test_bulk_orders_quoted_directly_or_the_same_series_sold_by_the_seller_is_marketing(
    language: str, body: str
) -> None:
    assert "marketing" in rules(body, language)


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "For bulk orders, Amazon Business shows quantity discounts on the listing."),
        ("de", "Großbestellungen laufen über Amazon Business mit Staffelpreisen."),
        ("fr", "Les commandes en gros passent par Amazon Business."),
        ("es", "Para más unidades, Amazon Business ofrece descuentos por cantidad."),
        ("it", "Per ordini futuri può usare il carrello di Amazon come sempre."),
        ("ja", "まとめ買いはAmazonビジネスの数量割引をご利用ください。"),
        ("zh", "同系列的其他型号不适用这个配件。"),
        ("de", "Aus der gleichen Serie hatten wir leider auch andere Rückmeldungen zum Deckel."),
    ],
)
def test_bulk_orders_through_amazon_or_a_series_named_for_a_fault_are_clean(language: str, body: str) -> None:
    assert rules(body, language) == set()


@pytest.mark.parametrize(
    ("expected", "language", "body"),
    [
        ({"review_request", "inducement"}, "zh", "可唔可以幫我哋改返個評價？改咗之後我退返三成錢俾你。"),
        ({"review_request"}, "zh", "新機已經送到，麻煩您重新考慮一下那個一星評價好嗎？"),
        ({"review_request", "inducement"}, "zh", "留下帶圖的評價，我們就送您一個小禮物。"),
        ({"review_request"}, "zh", "麻煩您把差評改成好評，謝謝！"),
        ({"inducement"}, "zh", "您撤銷投訴的話，我們送您一張禮品卡。"),
        (set(), "zh", "感謝您的好評！"),
        (set(), "zh", "退款已經全額退回您的帳戶，請查收。"),
        (set(), "zh", "評價是您的自由，我們不會請您修改。"),
        (set(), "zh", "如果新的電飯煲還有問題，請隨時聯絡我們，我們會補寄零件。"),
        ({"review_request"}, "ja", "評価を変更していただけますと幸いです。"),
        (set(), "ja", "問題が解決しましたら、ご連絡ください。"),
    ],
)
def test_traditional_chinese_and_cantonese_read_as_simplified_and_japanese_kanji_as_written(
    expected: set[str], language: str, body: str
) -> None:
    assert rules(body, language) == expected


@pytest.mark.parametrize(
    ("expected", "language", "body"),
    [
        (
            {"review_request", "inducement"},
            "en",
            "I saw the 2-star you left. If you could revise what you wrote, I'll send you $15.",
        ),
        ({"marketing"}, "en", "Next time, type in LAMP10 at checkout for 10% off."),
        ({"marketing"}, "de", "An der Kasse sparen Sie beim nächsten Einkauf mit dem Code 10 % Rabatt."),
        ({"marketing"}, "fr", "Au moment du paiement, profitez de -10 % sur votre prochaine commande."),
        ({"marketing"}, "es", "Al pagar tu próximo pedido obtienes un 10 % de descuento."),
        ({"marketing"}, "it", "Al checkout del prossimo ordine avrà il 10% di sconto."),
        ({"marketing"}, "ja", "次回ご購入時にこちらのコードで10％OFFになります。"),
        ({"marketing"}, "zh", "下次结账时输入优惠码即可享受九折。"),
        (set(), "en", "Thanks for what you wrote, it made our day."),
        (set(), "en", "The discount did not apply at checkout, so we refunded the 10% difference."),
        (
            set(),
            "de",
            "Der Rabatt von 10 % wurde an der Kasse leider nicht abgezogen; wir haben ihn erstattet.",
        ),
        (set(), "ja", "ご購入時の10％OFFが適用されていなかったため、差額を返金いたしました。"),
    ],
)
def test_what_the_buyer_wrote_as_the_rating_and_a_discount_typed_at_checkout(
    expected: set[str], language: str, body: str
) -> None:
    assert rules(body, language) == expected


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "Please ping us on the green chat app so we can send the replacement lid today."),
        ("de", "Schreiben Sie mir am grünen Messenger, dann schicke ich Ihnen ein Ersatzteil."),
        ("fr", "Écrivez-nous sur l'appli verte et on vous renvoie un appareil de remplacement."),
        ("zh", "加我V，我们给您补寄一个新的。"),
    ],
)
def test_a_described_messenger_offered_for_a_replacement_is_still_marketing(language: str, body: str) -> None:
    assert "marketing" in rules(body, language)


def test_for_bulk_orders_an_individual_offer_from_the_seller_is_marketing_with_words_between() -> None:
    body = "Bei Großbestellungen rufen Sie uns an, wir erstellen Ihnen dann gern ein passendes Angebot."
    assert "marketing" in rules(body, "de")


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "The successor model comes out in May; I can hold one for you if you like."),
        ("de", "Das Nachfolgemodell kommt im Mai, gern reserviere ich Ihnen schon eins."),
        ("fr", "Le successeur sort en mai, je vous en réserve un si vous voulez."),
        ("es", "¿Te interesa también la funda? Te la dejo a mitad de precio."),
        ("it", "Il nuovo miele arriva a ottobre: vuole che gliene tenga da parte un vasetto?"),
        ("ja", "後継モデルが来月発売予定です。ご希望でしたらお取り置きいたします。"),
        ("zh", "新一代下个月上市，需要的话给您预留一台。"),
        ("en", "You can also buy it directly on our website."),
        ("de", "Sie können es auch direkt in unserem Shop kaufen."),
        ("fr", "Vous pouvez aussi l'acheter directement sur notre site."),
        ("es", "También puede comprarlo directamente en nuestra web."),
        ("it", "Può anche acquistarlo direttamente dal nostro sito."),
        ("ja", "公式サイトから直接ご購入いただくこともできます。"),
        ("zh", "您也可以直接在我们的官网下单。"),
    ],
)
def test_a_product_held_for_the_buyer_a_successor_or_buying_on_the_sellers_own_site_is_marketing(
    language: str, body: str
) -> None:
    assert "marketing" in rules(body, language)


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "We will set aside a replacement for you and ship it on Monday."),
        ("de", "Ich lege Ihnen das Ersatzteil zurück, es geht morgen raus."),
        ("fr", "Je vous réserve un remplacement, il part demain."),
        ("es", "Te reservo uno de reemplazo y te lo envío mañana."),
        ("it", "Le tengo da parte un ricambio, parte domani."),
        ("ja", "交換品をお取り置きしておきます。"),
        ("zh", "给您留一个配件，明天补发。"),
        ("en", "You bought it directly on our site? Then the warranty card is in the box."),
    ],
)
def test_a_replacement_held_for_the_buyer_or_a_purchase_told_of_is_clean(language: str, body: str) -> None:
    assert rules(body, language) == set()


@pytest.mark.parametrize(
    ("expected", "language", "body"),
    [
        ({"link", "marketing"}, "es", "Todo el catálogo de lámparas lo tienes en lamparasluna.es."),
        ({"link", "marketing"}, "es", "Descubre la colección de otoño en www.lamparasluna.es/otono"),
        ({"competitor", "marketing"}, "en", "The mugs are cheaper on eBay, same seller, same mugs."),
        ({"competitor", "marketing"}, "de", "Die Tassen sind auf Otto günstiger, gleicher Verkäufer."),
        ({"competitor", "marketing"}, "fr", "Nos coussins sont moins chers sur Cdiscount, même boutique."),
        ({"competitor", "marketing"}, "es", "En Wallapop salen más baratos, mismo vendedor."),
        ({"competitor", "marketing"}, "it", "Su eBay costano meno, stesso venditore."),
        ({"competitor", "marketing"}, "ja", "楽天のほうがお得です。同じショップ名で出ています。"),
        ({"competitor", "marketing"}, "zh", "淘宝上更便宜，店名一样。"),
        (set(), "fr", "Les modèles plus récents ne sont pas moins chers, hélas."),
        (set(), "es", "Todo el catálogo de Amazon muestra el precio con IVA."),
        (set(), "en", "Same seller, same parcel: your second mug ships tomorrow."),
    ],
)
def test_a_lower_price_elsewhere_from_the_same_seller_or_the_whole_catalogue_at_a_link_is_marketing(
    expected: set[str], language: str, body: str
) -> None:
    assert rules(body, language) == expected


@pytest.mark.parametrize(
    ("expected", "language", "body"),
    [
        (
            {"review_request"},
            "en",
            "Your one-star review hit us hard. Perhaps you could put it more fairly now?",
        ),
        (
            {"review_request"},
            "de",
            "Die Ein-Stern-Bewertung hat uns getroffen. Vielleicht können Sie das fairer darstellen?",
        ),
        (
            {"review_request"},
            "fr",
            "Votre avis à une étoile nous a peinés. Pourriez-vous le formuler plus justement ?",
        ),
        (
            {"review_request"},
            "es",
            "Su reseña de una estrella nos dolió. ¿Podría contarlo de forma más justa?",
        ),
        (
            {"review_request"},
            "it",
            "La sua recensione a una stella ci ha colpito. Potrebbe raccontarlo in modo più equo?",
        ),
        ({"review_request"}, "ja", "星1つのレビューは大変残念でした。より公平に書き直していただけませんか。"),
        ({"review_request"}, "zh", "一星差评让我们很难过。能不能更公平地描述一下？"),
        (set(), "en", "Your review was fair. We will describe the lid more fairly on the listing."),
        (set(), "de", "Danke für die Bewertung. Wir werden das Produkt künftig fairer darstellen."),
    ],
)
def test_a_rating_to_be_told_more_fairly_after_it_is_named_is_a_review_request(
    expected: set[str], language: str, body: str
) -> None:
    assert rules(body, language) == expected
