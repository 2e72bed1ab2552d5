"""Outgoing messages: check, reply, templates, and no response needed."""

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Path, Response
from fastapi.responses import JSONResponse

from services.api.deps import CaseReader, CaseWriter, ClockDep, IdempotencyDep, Session
from services.api.errors import PROBLEM_RESPONSES, documented_problem
from services.api.schemas.messages import (
    CaseWithRate,
    CheckRequest,
    CheckResult,
    NoResponseNeeded,
    RenderRequest,
    RenderResult,
    ReplyRequest,
    ReplyResult,
    TemplateIn,
    TemplateName,
    TemplateOut,
    TemplateText,
    findings_out,
)
from services.core.cases import service as cases
from services.core.cases.shapes import NoResponseNeededRate, case_out
from services.core.domain.kinds import CaseKind
from services.core.domain.templates import PLACEHOLDERS, Text
from services.core.kit import idempotency
from services.core.kit.errors import Invalid
from services.core.messages import service as messages
from services.core.sellers import policies

router = APIRouter(prefix="/v1", tags=["messages"], responses=PROBLEM_RESPONSES)
NOT_FOUND = {404: documented_problem("No such case or template on this account.")}


@router.post("/messages/check", response_model=CheckResult, summary="Check a message against Amazon's rules")
async def check(body: CheckRequest, caller: CaseReader, session: Session) -> CheckResult:
    policy = (await policies.current(session, caller.seller_id)).policy
    findings = messages.check(
        policy, body.subject, body.body, body.marketplace, body.language, body.expects_choice
    )
    return CheckResult(sendable=all(f.severity != "error" for f in findings), findings=findings_out(findings))


@router.post(
    "/cases/{case_id}/replies",
    status_code=201,
    response_model=ReplyResult,
    responses={
        **NOT_FOUND,
        200: {
            "model": ReplyResult,
            "description": "A repeat with the same Idempotency-Key: the first answer.",
        },
        409: documented_problem("The Idempotency-Key was used for another request."),
        422: documented_problem(
            "Malformed, or not compliant: `findings` lists what to fix (or send an override)."
        ),
    },
    summary="Send a reply: checked, recorded, and handed to the helpdesk or relay",
)
async def send_reply(
    case_id: uuid.UUID,
    body: ReplyRequest,
    caller: CaseWriter,
    session: Session,
    clock: ClockDep,
    keyed: IdempotencyDep,
) -> Any:
    case = await cases.get_case(session, caller.seller_id, case_id)
    request = keyed.bind("case.reply", case.id, body.model_dump(mode="json"))
    if request is not None:
        first = await idempotency.begin(session, caller.seller_id, request, clock.now(), keyed.lifetime)
        if first is not None:
            return JSONResponse(first, headers={"Idempotent-Replayed": "true"})
    if (body.body is None) == (body.template is None):
        raise Invalid("give either `body` or `template`")
    subject, text = body.subject or "", body.body or ""
    language = body.language
    if body.template is not None:
        language, rendered = await messages.render_for_case(
            session, case, body.template, body.language, body.agent, body.values
        )
        subject, text = body.subject or rendered.subject, rendered.body
    sent = await messages.reply(
        session,
        case,
        subject=subject,
        body=text,
        agent=body.agent,
        language=language,
        override_reason=body.override.reason if body.override else None,
        now=clock.now(),
        actor=caller.actor(clock.now()),
    )
    result = ReplyResult(
        reply_id=sent.reply_id,
        subject=sent.subject,
        body=sent.body,
        findings=findings_out(sent.findings),
        override=sent.override,
        send_request_id=sent.send_request,
        case=case_out(sent.case, sent.clocks, clock.now()),
    )
    if request is not None:
        await idempotency.finish(session, caller.seller_id, request.key, result.model_dump(mode="json"))
    return result


@router.post(
    "/cases/{case_id}/actions/no-response-needed",
    response_model=CaseWithRate,
    responses={
        **NOT_FOUND,
        409: documented_problem("The case is not a message awaiting a reply; `state` names its state."),
    },
    summary="Close the buyer's message as needing no reply (stops the clock; counted)",
)
async def no_response_needed(
    case_id: uuid.UUID, body: NoResponseNeeded, caller: CaseWriter, session: Session, clock: ClockDep
) -> CaseWithRate:
    case = await cases.get_case(session, caller.seller_id, case_id)
    await messages.no_response_needed(session, case, body.agent, clock.now())
    clocks = (await cases.clocks_of(session, [case.id]))[case.id]
    return CaseWithRate(
        **case_out(case, clocks, clock.now()).model_dump(),
        no_response_needed=await messages.no_response_needed_rate(session, caller.seller_id, clock.now()),
    )


@router.get(
    "/metrics/no-response-needed", response_model=NoResponseNeededRate, summary="The no-response-needed rate"
)
async def no_response_needed_rate(
    caller: CaseReader, session: Session, clock: ClockDep
) -> NoResponseNeededRate:
    return await messages.no_response_needed_rate(session, caller.seller_id, clock.now())


def _template_out(name: str, source: str, texts: dict[str, Text]) -> TemplateOut:
    return TemplateOut(
        name=name,
        source=source,  # type: ignore[arg-type]
        texts={lang: TemplateText(subject=t.subject, body=t.body) for lang, t in texts.items()},
        placeholders=PLACEHOLDERS,
    )


@router.get(
    "/templates", response_model=list[TemplateOut], summary="Templates: shipped defaults and the seller's own"
)
async def list_templates(caller: CaseReader, session: Session) -> list[TemplateOut]:
    found = await messages.templates(session, caller.seller_id)
    return [_template_out(name, source, texts) for name, (source, texts) in sorted(found.items())]


@router.get("/templates/{name}", response_model=TemplateOut, responses=NOT_FOUND, summary="One template")
async def get_template(
    name: Annotated[TemplateName, Path()], caller: CaseReader, session: Session
) -> TemplateOut:
    source, texts = await messages.template(session, caller.seller_id, name)
    return _template_out(name, source, texts)


@router.put(
    "/templates/{name}",
    response_model=TemplateOut,
    responses={201: {"model": TemplateOut, "description": "Created."}},
    summary="Create or replace a template (a default's name makes the seller's own version)",
)
async def put_template(
    name: Annotated[TemplateName, Path()],
    body: TemplateIn,
    caller: CaseWriter,
    session: Session,
    clock: ClockDep,
    response: Response,
) -> TemplateOut:
    texts = {lang: Text(subject=t.subject, body=t.body) for lang, t in body.texts.items()}
    created = await messages.save_template(session, caller.seller_id, name, texts, clock.now())
    response.status_code = 201 if created else 200
    return _template_out(name, "seller", texts)


@router.post(
    "/templates/{name}/render",
    response_model=RenderResult,
    responses=NOT_FOUND,
    summary="Render and check a template",
)
async def render_template(
    name: Annotated[TemplateName, Path()], body: RenderRequest, caller: CaseReader, session: Session
) -> RenderResult:
    values: dict[str, Any] = {}
    marketplace, expects_choice = body.marketplace, False
    if body.case_id is not None:
        case = await cases.get_case(session, caller.seller_id, body.case_id)
        values = await messages.values_for(session, case, None)
        marketplace, expects_choice = (
            marketplace or case.marketplace,
            CaseKind(case.kind) in messages.CHOICE_KINDS,
        )
    if marketplace is None:
        raise Invalid("give `case_id` or `marketplace`, so the check knows the phone formats")
    language, text = await messages.rendered(
        session, caller.seller_id, name, body.language, {**values, **body.values}
    )
    policy = (await policies.current(session, caller.seller_id)).policy
    findings = messages.check(policy, text.subject, text.body, marketplace, language, expects_choice)
    return RenderResult(
        language=language, subject=text.subject, body=text.body, findings=findings_out(findings)
    )
