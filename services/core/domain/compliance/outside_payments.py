"""Payment asked for outside Amazon without naming the service: the fees "here" to be saved by
sending the money some other way ("skip the checkout fees here: just settle it through the
double-P blue wallet", "手续费太贵，…直接转给我"), PayPal's "friends and family" option in every
language, and a transfer into the seller's own account. Whatever the service is called, the
buyer is asked to pay the seller off Amazon, which the competitor rule forbids. WeChat and LINE
named where money changes hands are payment services too."""

import re

from services.core.domain.compliance.text import Span, sentences, spans_of

_I = re.IGNORECASE

# Amazon's fees or checkout avoided by paying another way.
_FEES_HERE = re.compile(
    r"\b(?:skip|avoid|save|dodge|spare)\w* (?:\w+ ){0,3}(?:fees?|commissions?)\b(?=[^.!?]{0,25}\b(?:here|on amazon|at checkout)\b)"
    r"|\b(?:skip|avoid|dodge)\w* (?:the )?checkout\b|\bcheckout fees?\b"
    r"|\b(?:gebühren|provision\w*) (?:hier|bei amazon|von amazon)\b|\bsparen wir uns (?:die )?gebühren\b"
    r"|\b(?:évit|économis)\w* (?:\w+ ){0,2}(?:les )?(?:frais|commissions?) (?:d['’]ici|d['’]amazon|de la plateforme)"
    r"|\b(?:ahorr|evit)\w* (?:\w+ ){0,2}(?:las )?(?:comisiones|gastos) (?:de aquí|de amazon|de la plataforma)"
    r"|\b(?:evit|risparmi)\w* (?:\w+ ){0,2}(?:le )?(?:commissioni|spese) (?:di qui|di amazon|della piattaforma)"
    r"|手数料(?:が|は)?(?:もったいない|かかる|高い)|手续费(?:太贵|太高|很贵)|(?:别|不要)在这边付",
    _I,
)
# PayPal's option for payments between people, which avoids its buyer protection and fees.
_FRIENDS_AND_FAMILY = re.compile(
    r"\bfriends (?:and|&) family\b|\bfreunde (?:und|&) familie\b|\bentre proches\b|\bamis et famille\b"
    r"|\bamigos y famil\w+\b|\bamici e famil\w+\b",
    _I,
)
# Money sent or paid: the other half of the ask.
_PAID = re.compile(
    r"\b(?:pay|send|settle|transfer|wire)\w*|\b(?:zahl|überweis|schick|send)\w*|\b(?:pa[yi]|envoy|vir)\w*"
    r"|\b(?:pag|mand|envi|transfi)\w*|\b(?:invi|bonific)\w*|送って|送金|振り?込|转给|转账|付款|打款|付了",
    _I,
)
# The seller's own account as where the money goes: "transfer directly to our current account".
_OWN_ACCOUNT = re.compile(
    r"\b(?:transfer|pay|deposit|wire)\w* (?:\w+ ){0,3}(?:to|into) (?:our|my) (?:current|bank|savings|business) account\b"
    r"|\büberweisen (?:\w+ ){0,6}auf (?:mein|unser)\w* (?:geschäfts|bank)?konto\b",
    _I,
)


def outside_payment_spans(text: str) -> list[Span]:
    """Sentences asking the buyer to pay the seller outside Amazon."""
    found: list[Span] = []
    parts = sentences(text)
    for i, sentence in enumerate(parts):
        within = (text, sentence.start, sentence.end)
        if _OWN_ACCOUNT.search(*within):
            found.append(sentence)
            continue
        if not (_FEES_HERE.search(*within) or _FRIENDS_AND_FAMILY.search(*within)):
            continue
        # "…手续费太贵。用…直接转给我": the payment may be asked in the next sentence
        if any(_PAID.search(text, s.start, s.end) for s in parts[i : i + 2]):
            found.append(sentence)
    return found


# WeChat and LINE carry money too: named where money changes hands, they are payment services.
_WALLET_MESSENGERS = re.compile(r"(?i:we ?chat|weixin)|LINE|微信")
_MONEY = re.compile(
    r"refund|pay|money|transfer|send you \$|退款|退钱|付款|支付|转账|轉帳|钱|錢|红包|返金|支払|送金|振込|入金|zahl|erstatt"
    r"|rembours|paiement|pago|reembols|pagamento|rimbors",
    re.IGNORECASE,
)


def wechat_payments(text: str) -> list[Span]:
    found: list[Span] = []
    for sentence in sentences(text):
        if _MONEY.search(text, sentence.start, sentence.end):
            found += spans_of(_WALLET_MESSENGERS, text, sentence.start, sentence.end)
    return [span for span in found if _is_name(text, span)]


def _is_name(text: str, span: Span) -> bool:
    """ "Line" or "LINE" as the app is written without a Latin letter around it."""
    before = text[span.start - 1] if span.start else " "
    after = text[span.end] if span.end < len(text) else " "
    return not (before.isascii() and before.isalpha()) and not (after.isascii() and after.isalpha())
