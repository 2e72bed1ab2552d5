"""The compliance families of round three about contacts and promotions (docs/COMPLIANCE.md,
"Round three"): phone numbers with regional words and odd separators, domains named in kana,
messengers by nickname, other products and sales events, and the clean look-alikes; each
checked on wordings that are no corpus message."""

import pytest

from tests.unit.domain.compliance_checks import excerpts, rules


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("de", "Mehr Modelle gibts auf kuechenprofi-online Punkt de – reinschauen lohnt sich!"),
        ("en", "More styles over at lampworld.shop, worth a look!"),
        ("fr", "Un échantillon gratuit de notre nouveau thé blanc vous attend. Commandez vite !"),
        ("en", "A free sample of our new white tea is waiting for you, order now!"),
        ("es", "Tenemos también fundas a juego para tu móvil, búscalas en nuestra tienda."),
        ("es", "Le hacemos precio especial en la versión de acero."),
        ("it", "Abbiamo anche la versione in acciaio, gliela posso proporre a prezzo speciale."),
        ("de", "Die passende Hülle gibt es zum Sonderpreis, fragen Sie einfach."),
        ("fr", "Nous avons aussi la housse assortie à prix spécial."),
        ("en", "We also do the matching case at a special price."),
        ("ja", "他の商品は公式オンラインショップ（おちゃのしずく　ドット　コム）でもご覧いただけます。"),
        ("ja", "同じシリーズの他の商品もぜひチェックしてください。"),
        ("zh", "我们还有配套的手机壳，特价给您。"),
    ],
)
def test_other_products_samples_and_special_prices_are_marketing(language: str, body: str) -> None:
    assert "marketing" in rules(body, language)


@pytest.mark.parametrize(
    ("language", "body", "expected"),
    [
        ("it", "Lo trova anche su ePrice e Temu, ma il nostro è originale, garantito.", {"competitor"}),
        ("en", "You'll see it on Temu too, but ours is the genuine one.", {"competitor"}),
        ("es", "Lo verá también en Temu, pero el nuestro es el original.", {"competitor"}),
        ("de", "Sie finden ihn auch auf Temu, aber unserer ist das Original.", {"competitor"}),
        ("fr", "On le trouve aussi sur Temu, mais le nôtre est l'original.", {"competitor"}),
        (
            "it",
            "Ha aperto uno storno. Se lo annulla le facciamo il 20% di sconto sul prossimo ordine.",
            {"inducement"},
        ),
        ("en", "If you cancel the claim, we'll take 20% off your next order.", {"inducement"}),
        ("de", "Die Rücksendung kam am 03.12. in unserem Lager in 48155 Münster an.", set()),
        ("de", "Unsere USt-IdNr. DE 812 345 678 steht auf der Rechnung.", set()),
        ("fr", "Réf. FR 2231 sur la facture, colis reçu le 04.11. à Lyon.", set()),
        ("en", "Your order no. IT 5521 is on its way, invoice dated 12.03. in the portal.", set()),
        ("en", "Special thanks for your patience, the replacement ships today.", set()),
        ("ja", "他の商品との交換も可能です。ご希望をお知らせください。", set()),
    ],
)
def test_look_alikes_of_the_round_three_families(language: str, body: str, expected: set[str]) -> None:
    assert rules(body, language) == expected


@pytest.mark.parametrize(
    ("language", "body", "number"),
    [
        (
            "fr",
            "Notre magasin à Bruxelles : zéro quatre septante-deux, douze, trente-quatre, cinquante-six.",
            "zéro quatre septante-deux, douze, trente-quatre, cinquante-six",
        ),
        ("fr", "Appelez le zéro septante-neuf, nonante-deux, onze, vingt-deux.", None),
        (
            "fr",
            "c plus simple sur whatsapp, 06 ‧ 12 ‧ 34 ‧ 56 ‧ 78, envoie la photo",
            "06 ‧ 12 ‧ 34 ‧ 56 ‧ 78",
        ),
        ("de", "Rufen Sie an: 0176 • 123 • 45 • 678", "0176 • 123 • 45 • 678"),
        ("en", "Text me on 415 ∙ 823 ∙ 4471", "415 ∙ 823 ∙ 4471"),
        ("ja", "急ぎなら電話ください 〇八〇―九八七六―五四三二 です", "〇八〇―九八七六―五四三二"),
        ("ja", "携帯：〇九〇〜一二三四〜五六七八", "〇九〇〜一二三四〜五六七八"),
        ("zh", "电话：一三八—〇〇一三—八〇〇〇", "一三八—〇〇一三—八〇〇〇"),
    ],
)
def test_phone_numbers_with_regional_words_and_odd_separators(
    language: str, body: str, number: str | None
) -> None:
    found = excerpts(body, language, "phone")
    assert found == [number] if number else found


@pytest.mark.parametrize(
    ("language", "body", "domain"),
    [
        (
            "ja",
            "公式オンラインショップ（おちゃのしずく　ドット　コム）でもご覧いただけます。",
            "おちゃのしずく　ドット　コム",
        ),
        ("ja", "詳しくはかぐや　どっと　じぇいぴー をご覧ください。", "かぐや　どっと　じぇいぴー"),
        ("zh", "看看我们的网站 茶香 点 com 吧。", "茶香 点 com"),
    ],
)
def test_domains_written_in_kana_or_hanzi_with_a_spelled_dot_are_links(
    language: str, body: str, domain: str
) -> None:
    assert domain in excerpts(body, language, "link")


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("de", "Am besten per Telegramm oder Signal an uns."),
        ("es", "Escríbenos al wasa y te mando fotos."),
        ("en", "Ping us on WhatsApp or Signal, whichever you use."),
        ("fr", "Écrivez-nous sur WhatsApp ou Signal."),
    ],
)
def test_messengers_by_nickname_or_beside_another_messenger_are_marketing(language: str, body: str) -> None:
    assert "marketing" in rules(body, language)


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "PS: our Black Friday bundle drops next week!"),
        ("en", "Add the matching shade to your next order and save 15%."),
        ("de", "PS: Nächste Woche starten unsere Black-Friday-Angebote!"),
        ("fr", "PS : nos offres Black Friday arrivent la semaine prochaine !"),
        ("es", "PD: ¡la semana que viene empiezan nuestras ofertas del Black Friday!"),
        ("it", "PS: la prossima settimana partono le nostre offerte Black Friday!"),
        ("ja", "追伸：来週からブラックフライデーセールを開催します！"),
        ("zh", "另外，我们店下周开始双十一大促哦！"),
    ],
)
def test_sales_events_to_come_are_marketing(language: str, body: str) -> None:
    assert "marketing" in rules(body, language)


@pytest.mark.parametrize(
    ("language", "body", "rule"),
    [
        ("en", "ping me on wa", "marketing"),
        ("en", "Catch us on the 'gram.", "marketing"),
        ("fr", "Écris-moi sur Snap.", "marketing"),
        ("es", "Escríbeme al whats.", "marketing"),
        ("zh", "Line联系：teahouse", "marketing"),
        ("en", "Use Apple Cash if easier.", "competitor"),
        ("en", "Pay by wire to our account.", "competitor"),
    ],
)
def test_messenger_nicknames_and_payment_ways_by_market(language: str, body: str, rule: str) -> None:
    assert rule in rules(body, language)


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "It weighs about a gram on the scale."),
        ("en", "Snap the lid on firmly, whats left is the cable."),
        ("en", "Put a snap fastener on it."),
    ],
)
def test_words_that_look_like_nicknames_are_clean(language: str, body: str) -> None:
    assert rules(body, language) == set()


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("ja", "ヤフーショッピング店ならポイント10倍です！"),
        ("zh", "在我们官网买积分翻倍。"),
        ("en", "Order through our site for double points."),
        ("de", "Im eigenen Shop gibt es doppelte Punkte."),
    ],
)
def test_loyalty_points_elsewhere_are_marketing(language: str, body: str) -> None:
    assert "marketing" in rules(body, language)


@pytest.mark.parametrize(
    ("language", "body", "rule", "excerpt"),
    [
        ("en", "reach me at 4l5-823-447l", "phone", "4l5-823-447l"),
        ("zh", "手机：壹叁捌 零零壹叁 捌零零零", "phone", "壹叁捌 零零壹叁 捌零零零"),
        ("zh", "网址：teahouse。com", "link", "teahouse。com"),
    ],
)
def test_letters_for_digits_financial_numerals_and_an_ideographic_dot(
    language: str, body: str, rule: str, excerpt: str
) -> None:
    assert excerpts(body, language, rule) == [excerpt]


def test_a_letter_l_beside_one_digit_stays_a_letter() -> None:
    assert rules("The 5l jug and the I7 board ship today.", "en") == set()


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "You bought it at a special price during Prime Day, but the refund covers the full amount."),
        ("de", "Sie haben das Gerät zum Sonderpreis gekauft; erstattet wird der bezahlte Betrag."),
        ("fr", "Vous l'avez acheté à prix spécial, le remboursement couvre le montant payé."),
        ("es", "Lo compró a precio especial; le devolvemos lo que pagó."),
        ("it", "L'ha acquistato a prezzo speciale; le rimborsiamo quanto pagato."),
        ("en", "Our Black Friday sale caused delays, sorry."),
        ("ja", "特価品のため、返品は承っておりません。"),
        ("zh", "这件是特价商品，但我们照样全额退款。"),
    ],
)
def test_a_sale_or_special_price_bought_at_or_that_delayed_the_parcel_is_no_promotion(
    language: str, body: str
) -> None:
    assert rules(body, language) == set()
