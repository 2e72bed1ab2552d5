"""The one reminder a return deserves (DOMAIN.md section 4): a call when there is a phone,
else one final message. The call script is written for this service after the seed procedure."""

from datetime import datetime, timedelta
from enum import StrEnum

OUTCOME_NOTES = {
    "called": "Called customer for return reminder",
    "no_answer": "Called customer for return reminder: no answer",
    "wrong_number": "Called customer for return reminder: wrong number on file",
    "emailed": "No phone on file, emailed final reminder",
}
EMAILED_NOTE = OUTCOME_NOTES["emailed"]
# The task a seller gets when its reminder template cannot be filled or sent for a return.
FIX_TEMPLATE_TASK = "fix_reminder_template"


class ReminderKind(StrEnum):
    CALL = "call"
    MESSAGE = "message"


def due(
    authorized_at: datetime, after: timedelta, delivery_failed_since_authorized: bool, now: datetime
) -> bool:
    """Due once the label has gone unscanned long enough, or at once when a message failed."""
    return delivery_failed_since_authorized or authorized_at + after <= now


def call_script(buyer_name: str | None, seller_name: str, order_id: str, deadline: str) -> list[str]:
    greeting = f"Hello {buyer_name}," if buyer_name else "Hello,"
    return [
        greeting,
        f"this is a courtesy call from {seller_name}: your return for order {order_id} was approved and a return "
        "label is waiting for you.",
        "We write to you through Amazon's messaging, which forwards to the e-mail address of your Amazon account; "
        "your mail provider blocked or filed away our recent messages.",
        "Please look in your Amazon account's messages, or in the spam or junk folder of that e-mail address.",
        "If you already sent the item with a different label, tell me the tracking number and we will follow it.",
        f"The return needs to be on its way by {deadline}, 30 days after approval; after that date we close it "
        "and you keep the item.",
        "You can answer any of our messages if you have questions. Thank you!",
    ]
