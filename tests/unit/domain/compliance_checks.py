"""How the compliance family tests read the checker: a reply in a language on its home
marketplace, each finding's excerpt checked against the offsets it names. The family tests
are of the rules, so they read them without the learned second opinion
(test_compliance_learned.py tests that)."""

from services.core.domain.compliance import Finding, check_message
from services.core.domain.compliance.learned import NO_MODEL

MARKETPLACE_OF = {"en": "US", "de": "DE", "fr": "FR", "es": "ES", "it": "IT", "ja": "JP", "zh": "SG"}


def errors(body: str, language: str, marketplace: str | None = None) -> list[Finding]:
    findings = check_message(
        "Re: your order", body, marketplace or MARKETPLACE_OF[language], language, model=NO_MODEL
    )
    for f in findings:
        assert body[f.start : f.end] == f.excerpt
    return [f for f in findings if f.severity == "error"]


def excerpts(body: str, language: str, rule: str, marketplace: str | None = None) -> list[str]:
    return [f.excerpt for f in errors(body, language, marketplace) if f.rule == rule]


def rules(body: str, language: str) -> set[str]:
    return {f.rule for f in errors(body, language)}
