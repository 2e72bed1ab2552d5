"""The buyer's own words quoted in a reply: helpdesks and mail clients send the message being
answered below the answer, as "> " lines or after an attribution line ("On Mon, Apr 1, 2024 at
9:14 PM Marcus wrote:", "Le 5 mars 2024 à 20:14, Acheteur a écrit :", "------------------ 原始邮件
------------------"). What the buyer asked is not what the seller offers, so the intent rules
(a review asked for, a trade, marketing) leave it alone; the contact rules still read it, since
it is sent to the buyer all the same. A header with nothing above it ("-----Original Message-----"
on the first line) forwards the seller's own message and quotes nothing."""

import re

from services.core.domain.compliance.text import Span

_QUOTED_LINE = re.compile(r"^[ \t]*>.*$", re.MULTILINE)
# A line that introduces the quoted message; what follows it, up to a signature delimiter
# ("--") or the end, is the buyer's.
_ATTRIBUTION = re.compile(
    r"^[ \t]*(?:"
    r"On\s.{3,100}?\swrote\s*:"
    r"|Am\s.{3,100}?\sschrieb\b.{0,60}:"
    r"|Le\s.{3,100}?\sa\s+écrit\s*:"
    r"|El\s.{3,100}?\sescribió\s*:"
    r"|(?:Il\s+giorno|Il|In\s+data)\s.{3,100}?\sha\s+scritto\s*:"
    r"|.{0,100}?(?:写道|寫道|書きました|のメッセージ)\s*[:：]"
    r"|-{2,}\s*(?:original\s+message|ursprüngliche\s+nachricht|message\s+d'origine|mensaje\s+original"
    r"|messaggio\s+originale|原始邮件|原始郵件|元のメッセージ)\s*-{2,}"
    r")[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
# A mail client's header block: "From:" and a "Sent:" (or "Date:", "To:") line under it.
_HEADER_BLOCK = re.compile(
    r"^[ \t]*(?:From|Von|De|Da|差出人|发件人|寄件者)[ \t]*[:：].*\n[ \t]*(?:Sent|Date|To|Gesendet|Datum|An"
    r"|Envoyé|Date|À|Enviado|Fecha|Para|Inviato|Data|A|送信日時|日付|宛先|发送时间|收件人|寄件日期)[ \t]*[:：]",
    re.IGNORECASE | re.MULTILINE,
)
_SIGNATURE_DELIMITER = re.compile(r"^--[ \t]?$", re.MULTILINE)


def quoted_spans(text: str) -> list[Span]:
    """Where the text quotes the message it answers."""
    spans = [Span(m.start(), m.end()) for m in _QUOTED_LINE.finditer(text)]
    starts = [m.start() for m in _ATTRIBUTION.finditer(text)] + [
        m.start() for m in _HEADER_BLOCK.finditer(text)
    ]
    # a header above all the text forwards the message itself; it quotes nothing under a reply
    if starts and text[: min(starts)].strip():
        start = min(starts)
        delimiter = _SIGNATURE_DELIMITER.search(text, start)
        spans.append(Span(start, delimiter.start() if delimiter else len(text)))
    return spans
