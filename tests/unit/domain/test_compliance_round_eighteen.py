"""Round eighteen: the families of the twentieth holdout's false alarms and misses (replies
dictated by voice; companies' legal footers), read after its score was recorded
(docs/COMPLIANCE.md), on wordings written for this test, with their look-alikes."""

import pytest

from tests.unit.domain.compliance_checks import rules

CLEAN = [
    # a company's legal footer: tax and register numbers are no phone and no IBAN
    (
        "it",
        "Le abbiamo rimborsato l'ordine.\n\nCasa Rossi S.r.l.\nP.IVA e C.F. 02938470165 – REA MI-203948\n"
        "N. Registro AEE: IT19070000009876",
    ),
    ("it", "Ferramenta Bianchi S.n.c. – N. Registro Pile: IT09060P00004321 – P.IVA 04567890123"),
    # an identifier read out is no phone number
    ("en", "so the tracking number is a b four four five six seven eight nine one two g b ok"),
    ("de", "ich habe den fall nummer drei vier sieben eins neun zwei acht fünf sechs null eröffnet"),
    ("fr", "alors le numéro de cas c'est un quatre sept deux neuf trois huit cinq six un zéro"),
    ("zh", "您的快递单号是 幺 二三 四五六 七八九 零幺"),
]


@pytest.mark.parametrize(("language", "body"), CLEAN)
def test_the_round_eighteen_look_alikes_stay_clean(language: str, body: str) -> None:
    assert rules(body, language) == set()


def test_the_buyers_own_purchase_beside_a_download_page_is_no_sale() -> None:
    assert rules("您购买的挂钩套装已通过 CE 认证，声明可在 guahou-shop 点 com / docs 下载。", "zh") == {
        "link"
    }


FOUND = [
    # a transfer into the seller's own account, said plainly
    ("de", "competitor", "überweisen sie einfach die zwölf euro auf mein konto die iban schicke ich ihnen"),
    # a payment service said in lower case, as a transcription writes it
    ("es", "competitor", "pues el reembolso es más rápido por zelle si me das tu número"),
    # a web address read out from its scheme
    ("es", "link", "el video está en h t t p s dos puntos diagonal diagonal bit punto l y diagonal mesa"),
    ("zh", "link", "安装视频在 h t t p s 冒号 斜杠 斜杠 bit 点 l y 斜杠 zhuozi"),
    (
        "ja",
        "link",
        "動画は エイチティーティーピーエス コロン スラッシュ スラッシュ ビット ドット エルワイ で見られます",
    ),
    # happy buyers only, said without punctuation
    (
        "fr",
        "review_request",
        "si vous aimez le produit laissez nous une évaluation mais si quelque chose cloche écrivez nous plutôt",
    ),
    # the seller's own shop, read out
    (
        "de",
        "marketing",
        "wir haben übrigens einen eigenen shop unter w w w punkt holzhaus punkt de da gibts zehn prozent auf alles",
    ),
]


@pytest.mark.parametrize(("language", "rule", "body"), FOUND)
def test_the_round_eighteen_families_are_found(language: str, rule: str, body: str) -> None:
    assert rule in rules(body, language)


def test_a_real_iban_is_still_a_transfer() -> None:
    assert "competitor" in rules("Bitte überweisen Sie den Betrag auf DE89 3704 0044 0532 0130 00.", "de")
    assert "competitor" in rules("Può fare un bonifico su IT60 X054 2811 1010 0000 0123 456.", "it")
