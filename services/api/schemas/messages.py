"""API shapes of the compliance check, replies, templates and the no-response-needed rate."""

import uuid
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from services.core.cases.shapes import CaseOut, NoResponseNeededRate
from services.core.domain.events import MarketplaceCode

Language = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}(-[A-Za-z]{2})?$")]
TemplateName = Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]{1,80}$")]


class FindingOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    rule: str
    severity: Literal["error", "warning"]
    field: Literal["subject", "body"]
    start: int = Field(description="Character offset into the field's text.")
    end: int
    excerpt: str
    advice: str


class CheckRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    subject: str = Field(default="", max_length=1000)
    body: str = Field(min_length=1, max_length=20_000)
    marketplace: MarketplaceCode
    language: Language | None = Field(
        default=None, description="A hint; without it every language's rules apply."
    )
    expects_choice: bool = Field(default=False, description="The case calls for offering the buyer options.")


class CheckResult(BaseModel):
    sendable: bool = Field(description="No error findings: it may be sent without an override.")
    findings: list[FindingOut]


class Override(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: str = Field(min_length=3, max_length=2000, description="Recorded on the case.")


class ReplyRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    agent: str = Field(
        min_length=1, max_length=200, description="Who sends it; a person's reply stops the clock."
    )
    body: str | None = Field(default=None, max_length=20_000, description="The text; or give `template`.")
    subject: str | None = Field(default=None, max_length=1000)
    template: TemplateName | None = None
    language: Language | None = None
    values: dict[str, str] = Field(
        default_factory=dict, description="Placeholder values the case does not know."
    )
    override: Override | None = None


class ReplyResult(BaseModel):
    reply_id: str
    subject: str
    body: str
    findings: list[FindingOut]
    override: dict[str, str] | None
    send_request_id: str = Field(
        description="The message.send_requested event's id (a repeat shows the first one)."
    )
    case: CaseOut


class TemplateText(BaseModel):
    model_config = ConfigDict(extra="forbid")

    subject: str = Field(max_length=1000)
    body: str = Field(min_length=1, max_length=20_000)


class TemplateIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    texts: dict[Language, TemplateText] = Field(min_length=1, description="One text per language code.")


class TemplateOut(BaseModel):
    name: str
    source: Literal["default", "seller"]
    texts: dict[str, TemplateText]
    placeholders: dict[str, str]


class RenderRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    case_id: uuid.UUID | None = Field(default=None, description="Fill placeholders from this case's order.")
    language: Language | None = None
    marketplace: MarketplaceCode | None = Field(
        default=None, description="For the check when no case is given."
    )
    values: dict[str, str] = Field(default_factory=dict)


class RenderResult(BaseModel):
    language: str
    subject: str
    body: str
    findings: list[FindingOut]


class NoResponseNeeded(BaseModel):
    model_config = ConfigDict(extra="forbid")

    agent: str | None = Field(default=None, max_length=200)


class CaseWithRate(CaseOut):
    no_response_needed: NoResponseNeededRate


def findings_out(findings: list[Any]) -> list[FindingOut]:
    return [FindingOut.model_validate(f) for f in findings]
