"""The compliance rule families about contact details (docs/COMPLIANCE.md): phone numbers
spelled in words or with odd separators, e-mail addresses with written at signs, domains with
written dots; each finding points exactly at the text as the seller wrote it, and the numbers
and words of ordinary replies are no finding."""

import pytest

from tests.unit.domain.compliance_checks import errors, excerpts


@pytest.mark.parametrize(
    ("language", "body", "phone"),
    [
        (
            "en",
            "Ring me on oh-two-oh, seven nine four six, oh nine five eight.",
            "oh-two-oh, seven nine four six, oh nine five eight",
        ),
        (
            "de",
            "Rufen Sie an: null-eins-sieben-sechs, zwei drei vier fünf sechs sieben.",
            "null-eins-sieben-sechs, zwei drei vier fünf sechs sieben",
        ),
        (
            "fr",
            "Appelez le zéro six, douze, trente-quatre, cinquante-six, soixante-dix-huit.",
            "zéro six, douze, trente-quatre, cinquante-six, soixante-dix-huit",
        ),
        (
            "es",
            "Llámeme al seis cinco cuatro, tres dos uno, cero nueve ocho.",
            "seis cinco cuatro, tres dos uno, cero nueve ocho",
        ),
        (
            "it",
            "Meglio sentirci: tre-tre-nove 87 sei-cinque 4321, chieda di Paolo.",
            "tre-tre-nove 87 sei-cinque 4321",
        ),
        ("ja", "お電話は〇九〇の一二三四の五六七八までお願いします。", "〇九〇の一二三四の五六七八"),
        ("zh", "电话沟通比较快：九一二三，四五六七。", "九一二三，四五六七"),
        ("en", "Text me on 4️⃣1️⃣5️⃣ 823 4471 please.", "4️⃣1️⃣5️⃣ 823 4471"),
    ],
)
def test_phone_numbers_spelled_in_words_are_found_exactly(language: str, body: str, phone: str) -> None:
    assert excerpts(body, language, "phone") == [phone]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "It takes two or three days, and costs twenty-nine ninety-nine."),
        ("de", "Es dauert zwei bis drei Tage."),
        ("fr", "Il mesure vingt-cinq centimètres et pèse deux kilos."),
        ("zh", "我们会在三到五个工作日内发货。"),
        ("ja", "二〇二四年十二月一日に発送しました。"),
    ],
)
def test_quantities_and_dates_in_words_are_no_phone(language: str, text: str) -> None:
    assert errors(text, language) == []


@pytest.mark.parametrize(
    ("language", "body", "address"),
    [
        (
            "en",
            "Send it to brightnest.orders (at) gmail (dot) com tonight.",
            "brightnest.orders (at) gmail (dot) com",
        ),
        ("en", "Drop me a line at jess.miller on gmail.", "jess.miller on gmail"),
        ("de", "Schreib mir an tobias.shop bei gmx punkt net, bitte.", "tobias.shop bei gmx punkt net"),
        ("fr", "Écrivez à antoine.vendeur chez gmail point com svp.", "antoine.vendeur chez gmail point com"),
        ("es", "Mi correo: maria.lopez arroba gmail punto com.", "maria.lopez arroba gmail punto com"),
        (
            "it",
            "Scriva a mario punto rossi chiocciola libero punto it.",
            "mario punto rossi chiocciola libero punto it",
        ),
        ("ja", "メールは kirei アットマーク gmail.com までお願いします。", "kirei アットマーク gmail.com"),
        ("zh", "邮箱：shop888 艾特 qq.com", "shop888 艾特 qq.com"),
    ],
)
def test_addresses_with_written_at_signs_are_found_exactly(language: str, body: str, address: str) -> None:
    findings = errors(body, language)

    assert [f.excerpt for f in findings if f.rule == "email"] == [address]
    assert "link" not in {f.rule for f in findings}


@pytest.mark.parametrize(
    ("language", "body", "domain"),
    [
        ("en", "Manuals are at brightbeam dot com slash manuals.", "brightbeam dot com slash manuals"),
        ("de", "Alles auf w w w . schneidwerk . de – dort gibt's auch Steine.", "w w w . schneidwerk . de"),
        (
            "es",
            "El manual está en jardineria-lopez punto es barra manuales.",
            "jardineria-lopez punto es barra manuales",
        ),
        ("it", "Trova tutto su ricambiluce punto it.", "ricambiluce punto it"),
        (
            "ja",
            "自社サイト ｗｗｗ．ｐａｒｔｓ－ｍｏｒｉ．ｃｏｍ にて。",
            "ｗｗｗ．ｐａｒｔｓ－ｍｏｒｉ．ｃｏｍ",
        ),
        ("zh", "请在 w w w 点 lvshui 点 com 点 sg 购买。", "w w w 点 lvshui 点 com 点 sg"),
    ],
)
def test_domains_with_written_dots_are_found_exactly(language: str, body: str, domain: str) -> None:
    assert excerpts(body, language, "link") == [domain]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "At this point it is with the carrier."),
        ("es", "El punto es que el paquete ya salió."),
        ("fr", "Du point de vue technique, tout va bien."),
        ("de", "Wir sind bei Punkt drei der Anleitung."),
    ],
)
def test_ordinary_sentences_with_dot_words_are_no_links(language: str, text: str) -> None:
    assert errors(text, language) == []


def test_amazons_own_service_number_is_no_phone_in_any_market() -> None:
    body = "Vous pouvez aussi appeler le service client Amazon au 0805 10 14 20."

    assert errors(body, "fr") == []
    assert excerpts("Appelez-nous au 06 12 34 56 78.", "fr", "phone") == ["06 12 34 56 78"]


def test_a_chinese_sellers_mainland_number_is_found_on_amazon_sg() -> None:
    assert excerpts("我的手机是 138 0013 8000，有问题随时打给我。", "zh", "phone") == ["138 0013 8000"]


@pytest.mark.parametrize(
    ("language", "marketplace", "body", "phone"),
    [
        ("fr", "BE", "Joignez l'atelier au +32 4 / 221.33.44 en semaine.", "+32 4 / 221.33.44"),
        ("fr", "FR", "Appelez-moi au 0.6.4.5-2.3-9.8-7.1 pour l'installation.", "0.6.4.5-2.3-9.8-7.1"),
        ("en", "UK", "WhatsApp me a photo on 07700 900 482 and I'll check.", "07700 900 482"),
        (
            "ja",
            "JP",
            "ゼロキューゼロ、イチニーサンヨン、ゴーロクナナハチまでどうぞ。",
            "ゼロキューゼロ、イチニーサンヨン、ゴーロクナナハチ",
        ),
        (
            "ja",
            "JP",
            "修理のご相談は 〇三・一二三四・五六七八 までお電話ください。",
            "〇三・一二三四・五六七八",
        ),
    ],
)
def test_phone_numbers_with_odd_separators_or_readings_are_found_exactly(
    language: str, marketplace: str, body: str, phone: str
) -> None:
    assert excerpts(body, language, "phone", marketplace) == [phone]


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("it", "P. IVA 01234567890, sede legale 80121 Napoli."),
        ("zh", "亚马逊的案件编号是 18273645091，周五前给您回复。"),
        ("it", "Il pacco è nella cella 14, codice di ritiro 775 301, fino al 03/04 ore 21:00."),
        ("de", "Die USt-IdNr. lautet DE 123456789."),
    ],
)
def test_tax_and_case_numbers_and_locker_codes_are_no_phone(language: str, body: str) -> None:
    assert errors(body, language) == []


@pytest.mark.parametrize(
    ("language", "body", "address"),
    [
        (
            "ja",
            "ご連絡は shop.rin あっと yahoo てん co てん jp へ。",
            "shop.rin あっと yahoo てん co てん jp",
        ),
        ("ja", "kirei.shop★gmail.com（★を@に変えてください）", "kirei.shop★gmail.com"),
        ("zh", "有事发邮件给我，账号是 shop_tang，gmail 的。", "shop_tang，gmail 的"),
        ("zh", "照片请发到 shuma.home（at）163（dot）com。", "shuma.home（at）163（dot）com"),
    ],
)
def test_addresses_written_the_japanese_and_chinese_ways_are_found_exactly(
    language: str, body: str, address: str
) -> None:
    assert excerpts(body, language, "email") == [address]


def test_a_www_host_after_at_is_a_link_with_its_spaced_path() -> None:
    body = "Please register your warranty at  www . voltra-home . in / warranty  within 30 days."
    findings = errors(body, "en", "IN")

    assert [(f.rule, f.excerpt) for f in findings] == [("link", "www . voltra-home . in / warranty")]
