"""Compliance of outgoing buyer messages with Amazon's messaging rules (DOMAIN.md section 6):
pure functions that take a subject and body and return findings, errors that block sending
and warnings that advise.

Modules: `checker` applies the rules; `contact` finds links, e-mail addresses and phone
numbers; `content` finds competitors, marketing, inducement and review requests; `tone`
gives the warnings; `brands` and `languages` hold the keyword tables."""

from services.core.domain.compliance.checker import check_message
from services.core.domain.compliance.findings import ERROR_RULES, CheckOptions, Finding, Rule

__all__ = ["ERROR_RULES", "CheckOptions", "Finding", "Rule", "check_message"]
