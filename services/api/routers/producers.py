"""Producers and their inbound webhooks, unmatched deliveries, report imports, and helpdesk gaps."""

import uuid
from datetime import datetime, timedelta
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, model_validator

from services.api.deps import (
    Admin,
    CaseReader,
    CaseWriter,
    ClockDep,
    EventWriter,
    Group,
    ProducerLimit,
    Session,
)
from services.api.errors import PROBLEM_RESPONSES, documented_problem
from services.api.schemas.producers import Attach, AttachedOut, Reason, UnmatchedOut, UnmatchedPage
from services.core.domain.events import MarketplaceCode
from services.core.kit.errors import Invalid
from services.core.models import Producer
from services.core.producers import gaps, inbound, unmatched
from services.core.producers import registry as producers
from services.core.producers import reports as imports

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
        raise Invalid("only an amazon producer reads an SQS queue")
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
        actor=caller.actor(clock.now()),
    )
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
        await producers.read_queue(session, producer, _queue(producer.kind, body.sqs))
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
    overlap, actor = timedelta(hours=body.overlap_hours), caller.actor(clock.now())
    producers.rotate(session, producer, overlap, clock.now(), body.secret, actor)
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
    producers.disable(session, producer, clock.now(), caller.actor(clock.now()))
    return Response(status_code=204)


@hooks.post(
    "/{kind}/{producer_id}",
    responses={
        401: documented_problem("The signature, timestamp or secret does not check out; nothing was stored."),
        404: documented_problem("No such producer of this kind."),
        409: documented_problem("The delivery id was used before with a different body."),
        422: documented_problem("The body is not JSON."),
        429: documented_problem("Too many requests for this producer; retry after `Retry-After` seconds."),
    },
    summary="Inbound webhook of a producer, verified the way its sender signs",
    description="201: applied as events. 202: signed correctly but no event (no order id, a type "
    "we do not use, a test ping): kept as unmatched, `unmatched` says why. A repeat answers 200.",
)
async def receive(
    kind: Kind,
    producer_id: uuid.UUID,
    limited: ProducerLimit,
    request: Request,
    group: Group,
) -> Any:
    # Applied together with the single events arriving at the same moment (group commit).
    received = await group.unit(inbound.delivery(kind, producer_id, request.headers, await request.body()))
    if received.replayed:
        return JSONResponse(received.answer, headers={"Idempotent-Replayed": "true"})
    return JSONResponse(received.answer, status_code=202 if "unmatched" in received.answer else 201)


@router.get(
    "/unmatched",
    response_model=UnmatchedPage,
    summary="Deliveries kept as unmatched, newest first: what each producer sent that became no event",
)
async def list_unmatched(
    caller: CaseReader,
    session: Session,
    producer_id: uuid.UUID | None = None,
    reason: Reason | None = None,
    since: datetime | None = None,
    state: Literal["open", "attached", "all"] = "open",
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
) -> UnmatchedPage:
    rows, next_cursor = await unmatched.list_unmatched(
        session,
        caller.seller_id,
        producer_id=producer_id,
        reason=reason,
        since=since,
        state=state,
        limit=limit,
        cursor=cursor,
    )
    return UnmatchedPage(items=[UnmatchedOut.model_validate(r) for r in rows], next_cursor=next_cursor)


@router.get(
    "/unmatched/{unmatched_id}",
    response_model=UnmatchedOut,
    responses={404: documented_problem("No such unmatched delivery on this account.")},
    summary="One unmatched delivery",
)
async def get_unmatched(unmatched_id: uuid.UUID, caller: CaseReader, session: Session) -> UnmatchedOut:
    return UnmatchedOut.model_validate(await unmatched.get(session, caller.seller_id, unmatched_id))


@router.post(
    "/unmatched/{unmatched_id}/attach",
    response_model=AttachedOut,
    responses={
        404: documented_problem("No such unmatched delivery on this account."),
        409: documented_problem(
            "Kept for another reason than a missing order id, or attached to another order already."
        ),
    },
    summary="Attach an order to a delivery that named none: it becomes events as if it had named it",
)
async def attach_unmatched(
    unmatched_id: uuid.UUID, body: Attach, caller: CaseWriter, session: Session, clock: ClockDep
) -> Any:
    done = await unmatched.attach(session, caller.seller_id, unmatched_id, body.order_id, clock.now())
    out = AttachedOut.model_validate(
        {**UnmatchedOut.model_validate(done.delivery).model_dump(), "events": done.delivery.answer["events"]}
    )
    headers = {"Idempotent-Replayed": "true"} if done.replayed else None
    return JSONResponse(out.model_dump(mode="json"), headers=headers)


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
    parsed = imports.read(await request.body(), marketplace, kind)
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
    return [GapOut.model_validate(g) for g in await gaps.list_gaps(session, caller.seller_id, state)]
