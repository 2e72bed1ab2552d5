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
