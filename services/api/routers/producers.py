"""Producers and their inbound webhooks, report imports, and helpdesk gaps."""

import uuid
from datetime import datetime, timedelta
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from services.api.deps import Admin, CaseReader, ClockDep, EventWriter, ProducerLimit, Session
from services.api.errors import PROBLEM_RESPONSES, documented_problem
from services.core.domain.events import MarketplaceCode
from services.core.models import Producer
from services.core.producers import gaps, inbound
from services.core.producers import registry as producers
from services.core.producers import reports as imports
from services.core.sellers.audit import Actor

router = APIRouter(prefix="/v1", tags=["producers"], responses=PROBLEM_RESPONSES)
hooks = APIRouter(prefix="/v1/webhooks", tags=["producers"], responses=PROBLEM_RESPONSES)
NOT_FOUND = {404: documented_problem("No such producer on this account.")}
Kind = Literal["standard", "helpscout", "zendesk", "freshdesk", "amazon"]


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


class ProducerWithSecret(ProducerOut):
    secret: str


class Rotate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    overlap_hours: float = Field(default=24, ge=0, le=168)
    secret: str | None = Field(default=None, min_length=16, max_length=200)


def _out(producer: Producer, with_secret: bool = False) -> ProducerOut:
    url = f"/v1/webhooks/{producer.kind}/{producer.id}"
    if with_secret:
        return ProducerWithSecret.model_validate(
            {**ProducerOut.model_validate(producer).model_dump(), "url": url, "secret": producer.secret}
        )
    return ProducerOut.model_validate({**ProducerOut.model_validate(producer).model_dump(), "url": url})


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
        actor=Actor(caller.key_id, clock.now()),
    )
    return _out(producer, with_secret=True)


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
    overlap, actor = timedelta(hours=body.overlap_hours), Actor(caller.key_id, clock.now())
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
    producers.disable(session, producer, clock.now(), Actor(caller.key_id, clock.now()))
    return Response(status_code=204)


@hooks.post(
    "/{kind}/{producer_id}",
    responses={
        401: documented_problem("The signature, timestamp or secret does not check out; nothing was stored."),
        404: documented_problem("No such producer of this kind."),
        409: documented_problem("The delivery id was used before with a different body."),
        422: documented_problem("Signed correctly but not readable as events."),
        429: documented_problem("Too many requests for this producer; retry after `Retry-After` seconds."),
    },
    summary="Inbound webhook of a producer, verified the way its sender signs",
)
async def receive(
    kind: Kind,
    producer_id: uuid.UUID,
    limited: ProducerLimit,
    request: Request,
    session: Session,
    clock: ClockDep,
) -> Any:
    producer = await producers.active(session, kind, producer_id)
    received = await inbound.receive(session, producer, request.headers, await request.body(), clock.now())
    if received.replayed:
        return JSONResponse(received.answer, headers={"Idempotent-Replayed": "true"})
    return JSONResponse(received.answer, status_code=201)


class ImportResult(BaseModel):
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
    summary="Import a Seller Central report (tab-separated): returns or feedback",
)
async def import_report(
    request: Request,
    caller: EventWriter,
    session: Session,
    clock: ClockDep,
    kind: Annotated[Literal["returns", "feedback"], Query()],
    marketplace: Annotated[str, Query(max_length=2)] = "US",
) -> ImportResult:
    parsed = imports.read(kind, await request.body(), marketplace)
    done = await imports.apply(session, caller.seller_id, parsed, kind, clock.now())
    return ImportResult(
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
