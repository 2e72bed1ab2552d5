"""Compliance of outgoing buyer messages with Amazon's messaging rules (DOMAIN.md section 6):
pure functions that take a subject and body and return findings, errors that block sending
and warnings that advise.

Modules: `checker` applies the rules to the text as `fold` reads it (full-width and
look-alike letters, invisible characters) and maps findings back to the text as written;
`contact` finds links and e-mail addresses, `phone_numbers` and `spelled` phone numbers in
digits or words; `content` finds marketing, inducement and review requests by phrase, `intent`, `trades` and
`promotion` by detectors combined within a sentence and the next, `learned` by a model trained
on the labelled corpora (a second opinion on what the rules pass); `brands` and
`channels` hold marketplaces, payment services, messengers and social networks; `tone` gives
the warnings; `lexicon` and `languages` hold the keyword tables. docs/COMPLIANCE.md lists the
rule families per language and how they score on messages they were not written against."""

from services.core.domain.compliance.checker import check_message
from services.core.domain.compliance.findings import ERROR_RULES, CheckOptions, Finding, Rule

__all__ = ["ERROR_RULES", "CheckOptions", "Finding", "Rule", "check_message"]
