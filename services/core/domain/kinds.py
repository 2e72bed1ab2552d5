"""The kinds of case and of clock: the vocabulary every other rule module speaks."""

from enum import StrEnum


class CaseKind(StrEnum):
    MESSAGE = "message"
    CANCELLATION = "cancellation"
    RETURN = "return"
    CLAIM = "claim"
    CHARGEBACK = "chargeback"
    FEEDBACK = "feedback"


class ClockKind(StrEnum):
    MESSAGE_REPLY = "message.reply"
    CANCELLATION_ACT = "cancellation.act"
    RETURN_DECIDE = "return.decide"
    RETURN_SHIP = "return.ship"
    CLAIM_ANSWER_INFO = "claim.answer_info"
    CLAIM_CONTACT_BUYER = "claim.contact_buyer"
    CLAIM_ACT = "claim.act"
    CLAIM_DECISION = "claim.decision"
    CHARGEBACK_RESPOND = "chargeback.respond"
    FEEDBACK_REMOVAL = "feedback.removal"
