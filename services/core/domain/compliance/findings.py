"""What the compliance check reports: findings, the options a seller's policy sets, and the
severity and advice of each rule (DOMAIN.md section 6)."""

from dataclasses import dataclass
from typing import Literal

Rule = Literal[
    "link",
    "email",
    "phone",
    "competitor",
    "marketing",
    "inducement",
    "review_request",
    "blunt_imperative",
    "important_subject",
    "no_concrete_time",
    "no_choice",
]
Severity = Literal["error", "warning"]
Field = Literal["subject", "body"]
# What the learned second opinion (learned.py) does with a reply the rules pass: its findings
# advise (warn), block sending like the rules' (block), or it does not run (off).
LearnedCheck = Literal["warn", "block", "off"]

SEVERITY: dict[Rule, Severity] = {
    "link": "error",
    "email": "error",
    "phone": "error",
    "competitor": "error",
    "marketing": "error",
    "inducement": "error",
    "review_request": "error",
    "blunt_imperative": "warning",
    "important_subject": "warning",
    "no_concrete_time": "warning",
    "no_choice": "warning",
}

ERROR_RULES: tuple[Rule, ...] = tuple(rule for rule, level in SEVERITY.items() if level == "error")

ADVICE: dict[Rule, str] = {
    "link": "Remove the link; only Amazon links and carrier pages your policy allows may be sent.",
    "email": "Remove the e-mail address; the conversation has to stay in Amazon messaging.",
    "phone": "Remove the phone number; only Amazon's own numbers may be given to the buyer.",
    "competitor": "Remove the name of the other marketplace or payment service.",
    "marketing": "Remove the promotion; a reply may only deal with this order.",
    "inducement": "Do not tie a refund, replacement or gift to the buyer's claim or feedback; "
    "offer the remedy unconditionally.",
    "review_request": "Ask for a review neutrally, if at all; never ask for a positive one.",
    "blunt_imperative": "Rephrase as a polite request, for example 'could you kindly ...'.",
    "important_subject": "Drop 'Important' or 'Urgent' from the subject unless the order cannot "
    "ship, there is a safety recall or the buyer must act to receive it.",
    "no_concrete_time": "Say when it will happen, for example 'within 24 hours' or 'by Friday'.",
    "no_choice": "Offer the buyer numbered options, for example '1) a replacement 2) a refund'.",
}


@dataclass(frozen=True)
class Finding:
    """One problem in a message: start and end are character offsets into the text of
    `field`, and excerpt is that text's [start:end]. Rules about something missing
    (no_choice) point at an empty span at the start of the body."""

    rule: Rule
    severity: Severity
    field: Field
    start: int
    end: int
    excerpt: str
    advice: str


@dataclass(frozen=True)
class CheckOptions:
    """What the seller's policy and the case add to the rules."""

    allowed_domains: tuple[str, ...] = ()  # e.g. carrier tracking ("ups.com"), subdomains too
    expects_choice: bool = False  # a complaint, return or claim reply should offer options
    learned: LearnedCheck = "warn"


LEARNED_ADVICE = (
    "The learned check reads this sentence as a {rule} the rules did not find; read it again "
    "before sending, and rephrase it if it asks for a rating or ties a benefit to one."
)


def finding(rule: Rule, field: Field, text: str, start: int, end: int) -> Finding:
    return Finding(rule, SEVERITY[rule], field, start, end, text[start:end], ADVICE[rule])


def learned_finding(rule: Rule, field: Field, text: str, start: int, end: int, severity: Severity) -> Finding:
    advice = LEARNED_ADVICE.format(rule=rule.replace("_", " "))
    return Finding(rule, severity, field, start, end, text[start:end], advice)
