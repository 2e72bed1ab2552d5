"""Round nine: the families of the ninth holdout's misses and false alarms, read after its
score was recorded (docs/COMPLIANCE.md), on wordings written for this test, with their
look-alikes."""

import pytest

from tests.unit.domain.compliance_checks import rules

FOUND = [
    # a star count asked for now, to head off a low one
    (
        "en",
        "review_request",
        "Honestly, how many stars would you give us today? If it's under five, tell me first.",
    ),
    (
        "de",
        "review_request",
        "Wie viele Sterne würden Sie uns heute geben? Unter fünf? Dann schreiben Sie mir vorher.",
    ),
    (
        "fr",
        "review_request",
        "Combien d'étoiles nous donneriez-vous aujourd'hui ? Si c'est moins de cinq, écrivez-moi.",
    ),
    ("es", "review_request", "¿Cuántas estrellas nos daría hoy? Si son menos de cinco, avíseme antes."),
    ("it", "review_request", "Quante stelle ci daresti oggi? Se meno di cinque, scrivimi prima."),
    ("ja", "review_request", "今の時点で当店に星をいくつ付けていただけますか？"),
    ("zh", "review_request", "如果现在评价，您会给我们打几星？不到五星的话请先联系我。"),
    # five stars pleaded for
    ("en", "review_request", "We're a team of three: your 5 stars would help us keep our 4.7."),
    ("fr", "review_request", "Nous sommes une petite équipe : vos 5 étoiles nous aideraient énormément."),
    ("es", "review_request", "Somos un negocio familiar; si nos deja 5 estrellitas nos ayuda muchísimo."),
    ("it", "review_request", "Siamo in due: con le sue 5 stelle restiamo sopra 4,6 e per noi è vitale."),
    ("de", "review_request", "Wir sind ein kleines Team, Ihre 5 Sterne würden uns sehr helfen."),
    # a rating asked to change in the first person
    ("it", "review_request", "Le chiederei con il cuore in mano di rivedere la sua recensione."),
    ("es", "review_request", "Le pediría de corazón que reconsidere su reseña."),
    ("fr", "review_request", "Je vous demanderais de revoir votre avis, si possible."),
    # the rest of a refund for a changed rating
    ("en", "inducement", "Once your feedback reads positive instead of 1 star, I'll send the remaining $20."),
    ("de", "inducement", "Sobald Ihre 1-Stern-Bewertung geändert ist, überweisen wir die restlichen 20 €."),
    # a rating withdrawn by a pronoun before the verb
    (
        "es",
        "inducement",
        "Leímos su opinión de 2 estrellas. Si la elimina, le regalamos el vaso de repuesto.",
    ),
    (
        "it",
        "inducement",
        "Abbiamo letto la sua recensione da 2 stelle. Se la toglie, le spediamo gratis il ricambio.",
    ),
    # a transfer after a negation in another clause
    (
        "en",
        "competitor",
        "Please don't claim it through Amazon, or transfer the fee to IE64 BOFI 9000 1712 3456 01.",
    ),
    # an address dictated with commas, a dot in full-width brackets, a number joined by "then"
    ("es", "email", "Escriba a atencion.cliente, arroba, mueblesgaudi, punto, es y se lo mandamos."),
    ("en", "email", "Mail the photo to help.desk, at, kettleworks, dot, co, dot, uk please."),
    ("ja", "link", "保証の手続きは kurashi-do［ドット］com／warranty からお願いします。"),
    ("en", "phone", "Text my mobile: oh-seven-seven, double four one, then 90 – 58 – 3."),
]


@pytest.mark.parametrize(("language", "rule", "body"), FOUND)
def test_the_round_nine_families_are_found(language: str, rule: str, body: str) -> None:
    assert rule in rules(body, language)


CLEAN = [
    # a guideline or an online shop is no LINE
    ("ja", "Amazonのガイドラインでは、このような評価はAmazonが確認します。"),
    ("ja", "オンラインでの返品手続きは注文履歴から可能です。"),
    # case numbers and a carrier's service before its tracking number
    ("zh", "关于亚马逊案例 7710293894：密封圈今天寄出。"),
    ("zh", "我们已向亚马逊提交了案例 8830127465 以更正判定。"),
    ("es", "DHL Express 4417 2093 85 indica entrega el 14/02."),
    # requests disclaimed, the decision left to the buyer
    ("ja", "評価の変更はお願いしません。返金はすでに完了しております。"),
    ("ja", "返金とレビューを結びつけることは決してございません。"),
    ("ja", "低評価の投稿をご検討とのこと、承知いたしました。どうされるかはお客様のご判断です。"),
    ("en", "You are of course free to keep your rating exactly as it is; the replacement ships today."),
    # a promotional price already settled for this order
    ("zh", "已按商品页面显示的促销价（8 折优惠）结算，周五发货。"),
    # a refund that waits on the courier, then an honest review welcomed
    (
        "en",
        "Your refund of AED 240 is released as soon as the courier scans the parcel. "
        "If you'd like to share your experience afterwards, honest feedback, good or bad, is welcome.",
    ),
    (
        "es",
        "El reembolso se emitirá en cuanto la paquetería escanee el paquete. "
        "Si después quiere compartir su experiencia, una opinión honesta, buena o mala, es bienvenida.",
    ),
    # thanks that help improve, in the present
    ("it", "Grazie per la recensione, ci aiuta a migliorare."),
    # a negation in the transfer's own clause still rules it out
    ("en", "We never ask for a bank transfer; pay only through Amazon."),
]


@pytest.mark.parametrize(("language", "body"), CLEAN)
def test_the_round_nine_look_alikes_stay_clean(language: str, body: str) -> None:
    assert rules(body, language) == set()
