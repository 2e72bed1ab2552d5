"""Producers and their inbound webhooks, report imports, and helpdesk gaps."""

import uuid
from datetime import datetime, timedelta
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, model_validator
from sqlalchemy import select

from services.api.deps import Admin, CaseReader, ClockDep, EventWriter, Session
from services.api.errors import PROBLEM_RESPONSES, ProblemError, documented_problem
from services.core.domain.events import MarketplaceCode
from services.core.domain.marketplaces import normalize
from services.core.ingest import EventConflict
from services.core.models import Gap, Producer
from services.core.producers import inbound
from services.core.producers import registry as producers
from services.core.producers import reports as imports
from services.core.producers.adapters import BadSignature, Untranslatable

router = APIRouter(prefix="/v1", tags=["producers"], responses=PROBLEM_RESPONSES)
hooks = APIRouter(prefix="/v1/webhooks", tags=["producers"], responses=PROBLEM_RESPONSES)
NOT_FOUND = {404: documented_problem("No such producer on this account.")}
Kind = Literal["standard", "helpscout", "zendesk", "freshdesk", "amazon"]


class SqsQueue(BaseModel):
    """An SQS queue the seller owns, where Amazon sends its notifications for this producer."""

    model_config = ConfigDict(extra="forbid")

    queue_url: str = Field(
        max_length=1000,
        description="e.g. https://sqs.us-east-1.amazonaws.com/123456789012/sp-api-notifications",
    )
    region: str | None = Field(
        default=None, max_length=40, description="Default: the region the queue URL names."
    )

    @model_validator(mode="after")
    def _region(self) -> "SqsQueue":
        self.region = producers.queue_region(self.queue_url, self.region)
        return self


class ProducerCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: Kind
    name: str = Field(min_length=1, max_length=200)
    marketplace: MarketplaceCode = Field(description="For payloads that name no marketplace.")
    role: Literal["helpdesk", "amazon"] | None = Field(
        default=None, description="Default: amazon for amazon, else helpdesk."
    )
    secret: str | None = Field(
        default=None,
        min_length=16,
        max_length=200,
        description="Zendesk generates its signing secret: paste it here. Others: leave empty.",
    )
    secret_header: str | None = Field(
        default=None, pattern=r"^[A-Za-z0-9-]{1,100}$", description="freshdesk and amazon."
    )
    mapping: dict[str, str] = Field(
        default_factory=dict, description='e.g. {"order_id_field": "custom_fields.order"}'
    )
    sqs: SqsQueue | None = Field(
        default=None,
        description="amazon: the queue `aftersales amazon-sqs` reads Amazon's notifications from.",
    )


class ProducerUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(default=None, min_length=1, max_length=200)
    sqs: SqsQueue | None = Field(
        default=None, description="amazon: a queue to read, or null to stop reading one."
    )


class ProducerOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    kind: str
    name: str
    role: str
    marketplace: str
    secret_header: str | None
    mapping: dict[str, Any]
    previous_secret_until: datetime | None
    created_at: datetime
    disabled_at: datetime | None
    url: str = Field(default="", description="Where the producer posts: /v1/webhooks/{kind}/{id}.")
    sqs: SqsQueue | None = None


class ProducerWithSecret(ProducerOut):
    secret: str


class Rotate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    overlap_hours: float = Field(default=24, ge=0, le=168)
    secret: str | None = Field(default=None, min_length=16, max_length=200)


def _out(producer: Producer, with_secret: bool = False) -> ProducerOut:
    url = f"/v1/webhooks/{producer.kind}/{producer.id}"
    queue = producer.sqs_queue_url and {"queue_url": producer.sqs_queue_url, "region": producer.sqs_region}
    shown = {**ProducerOut.model_validate(producer).model_dump(), "url": url, "sqs": queue or None}
    if with_secret:
        return ProducerWithSecret.model_validate({**shown, "secret": producer.secret})
    return ProducerOut.model_validate(shown)


def _queue(kind: str, sqs: SqsQueue | None) -> tuple[str, str] | None:
    if sqs is None:
        return None
    if kind != "amazon":
        raise ProblemError(422, "only an amazon producer reads an SQS queue", slug="validation")
    assert sqs.region is not None
    return sqs.queue_url, sqs.region


@router.get("/producers", response_model=list[ProducerOut], summary="The account's producers")
async def list_producers(caller: Admin, session: Session) -> list[ProducerOut]:
    return [_out(p) for p in await producers.list_all(session, caller.seller_id)]


@router.post(
    "/producers",
    response_model=ProducerWithSecret,
    status_code=201,
    summary="Add a producer; its secret is shown once",
)
async def create_producer(
    body: ProducerCreate, caller: Admin, session: Session, clock: ClockDep
) -> ProducerOut:
    if body.kind == "zendesk" and not body.secret:
        raise ProblemError(
            422,
            "Zendesk makes its own signing secret: copy it from the webhook's page into `secret`",
            slug="validation",
        )
    try:
        producer = await producers.create(
            session,
            caller.seller_id,
            kind=body.kind,
            name=body.name,
            marketplace=body.marketplace,
            role=body.role,
            secret=body.secret,
            secret_header=body.secret_header,
            mapping=body.mapping,
            now=clock.now(),
            sqs=_queue(body.kind, body.sqs),
        )
    except producers.QueueTaken as taken:
        raise ProblemError(409, str(taken), slug="queue-taken") from taken
    return _out(producer, with_secret=True)


@router.patch(
    "/producers/{producer_id}",
    response_model=ProducerOut,
    responses={**NOT_FOUND, 409: documented_problem("Another active producer reads that SQS queue.")},
    summary="Rename a producer, or set or clear the SQS queue an amazon producer is read from",
)
async def update_producer(
    producer_id: uuid.UUID, body: ProducerUpdate, caller: Admin, session: Session
) -> ProducerOut:
    producer = await producers.get(session, caller.seller_id, producer_id)
    if body.name is not None:
        producer.name = body.name
    if "sqs" in body.model_fields_set:
        try:
            await producers.read_queue(session, producer, _queue(producer.kind, body.sqs))
        except producers.QueueTaken as taken:
            raise ProblemError(409, str(taken), slug="queue-taken") from taken
    return _out(producer)


@router.post(
    "/producers/{producer_id}/rotate-secret",
    response_model=ProducerWithSecret,
    responses=NOT_FOUND,
    summary="New secret; the old one is accepted too during the overlap",
)
async def rotate_secret(
    producer_id: uuid.UUID, body: Rotate, caller: Admin, session: Session, clock: ClockDep
) -> ProducerOut:
    producer = await producers.get(session, caller.seller_id, producer_id)
    producers.rotate(producer, timedelta(hours=body.overlap_hours), clock.now(), body.secret)
    return _out(producer, with_secret=True)


@router.delete(
    "/producers/{producer_id}",
    status_code=204,
    responses=NOT_FOUND,
    summary="Refuse the producer's requests from now on",
)
async def disable_producer(
    producer_id: uuid.UUID, caller: Admin, session: Session, clock: ClockDep
) -> Response:
    producer = await producers.get(session, caller.seller_id, producer_id)
    producer.disabled_at = producer.disabled_at or clock.now()
    return Response(status_code=204)


@hooks.post(
    "/{kind}/{producer_id}",
    responses={
        401: documented_problem("The signature, timestamp or secret does not check out; nothing was stored."),
        404: documented_problem("No such producer of this kind."),
        409: documented_problem("The delivery id was used before with a different body."),
        422: documented_problem("Signed correctly but not readable as events."),
    },
    summary="Inbound webhook of a producer, verified the way its sender signs",
)
async def receive(
    kind: Kind, producer_id: uuid.UUID, request: Request, session: Session, clock: ClockDep
) -> Any:
    producer = await session.scalar(
        select(Producer).where(
            Producer.id == producer_id, Producer.kind == kind, Producer.disabled_at.is_(None)
        )
    )
    if producer is None:
        raise ProblemError(404, f"no active {kind} producer {producer_id}")
    body = await request.body()
    try:
        received = await inbound.receive(session, producer, request.headers, body, clock.now())
    except BadSignature as refused:
        raise ProblemError(401, str(refused), slug="bad-signature") from refused
    except (Untranslatable, inbound.BadEvents) as refused:
        extra = {"event_errors": refused.errors} if isinstance(refused, inbound.BadEvents) else None
        raise ProblemError(422, str(refused), slug="untranslatable", extra=extra) from refused
    except (inbound.InboundConflict, EventConflict) as refused:
        raise ProblemError(409, str(refused), slug="delivery-id-reused") from refused
    if received.replayed:
        return JSONResponse(received.answer, headers={"Idempotent-Replayed": "true"})
    return JSONResponse(received.answer, status_code=201)


class ImportResult(BaseModel):
    kind: Literal["returns", "fba-returns", "feedback"] = Field(
        description="The report, read from its header."
    )
    rows: int
    applied: int = Field(description="Events applied for the first time.")
    repeated: int = Field(description="Events already known from an earlier import: nothing changed.")
    errors: list[dict[str, Any]] = Field(description="Each malformed row: its line number and what is wrong.")


@router.post(
    "/imports",
    response_model=ImportResult,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"text/tab-separated-values": {"schema": {"type": "string"}}},
        }
    },
    summary="Import a Seller Central report as downloaded: flat-file returns, FBA customer returns or feedback",
)
async def import_report(
    request: Request,
    caller: EventWriter,
    session: Session,
    clock: ClockDep,
    kind: Annotated[
        Literal["returns", "fba-returns", "feedback"] | None,
        Query(
            description="Optional: the report is read from its header; given, a file of another kind is refused."
        ),
    ] = None,
    marketplace: Annotated[str, Query(max_length=2)] = "US",
) -> ImportResult:
    try:
        code = normalize(marketplace)
        text = (await request.body()).decode("utf-8-sig")
        parsed = imports.parse(text, code, kind)
    except UnicodeDecodeError as error:
        raise ProblemError(422, "the report is not UTF-8 text", slug="validation") from error
    except (imports.WrongKind, ValueError) as error:
        raise ProblemError(422, str(error), slug="wrong-report") from error
    done = await imports.apply(session, caller.seller_id, parsed, clock.now())
    return ImportResult(
        kind=done.kind,  # type: ignore[arg-type]
        rows=done.rows,
        applied=done.applied,
        repeated=done.repeated,
        errors=[{"line": e.line, "message": e.message} for e in done.errors],
    )


class GapOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    order_id: str
    event_id: str
    source: str
    message_at: datetime
    detected_at: datetime
    closed_at: datetime | None
    closed_by_event: str | None


@router.get(
    "/gaps",
    response_model=list[GapOut],
    summary="Buyer messages Amazon's side shows but the helpdesk has not delivered",
)
async def list_gaps(
    caller: CaseReader, session: Session, state: Annotated[Literal["open", "closed", "all"], Query()] = "open"
) -> list[GapOut]:
    query = select(Gap).where(Gap.seller_id == caller.seller_id)
    if state == "open":
        query = query.where(Gap.closed_at.is_(None))
    elif state == "closed":
        query = query.where(Gap.closed_at.is_not(None))
    return [
        GapOut.model_validate(g) for g in await session.scalars(query.order_by(Gap.detected_at).limit(1000))
    ]
