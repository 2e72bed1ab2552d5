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


# A team target's clock is stored beside Amazon's clock of the same kind, under this prefix
# ("team:message.reply"): the two never share a row, a bookmark or a firing.
TEAM_PREFIX = "team:"


def team_kind(kind: ClockKind) -> str:
    return TEAM_PREFIX + kind.value


def stored_kind(stored: str) -> tuple[ClockKind, bool]:
    """A stored clock's kind, and whether it is a team target's."""
    team = stored.startswith(TEAM_PREFIX)
    return ClockKind(stored.removeprefix(TEAM_PREFIX)), team
