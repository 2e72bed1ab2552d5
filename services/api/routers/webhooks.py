"""Outbound webhooks: the seller's endpoints, their deliveries, and redrives; and tasks."""

import uuid
from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Query, Response

from services.api.deps import Admin, CaseReader, CaseWriter, ClockDep, ReceiversDep, Session
from services.api.errors import PROBLEM_RESPONSES, documented_problem
from services.api.schemas.webhooks import (
    DeliveryOut,
    DeliveryPage,
    EndpointCreate,
    EndpointOut,
    EndpointWithSecret,
    OutboundType,
    RotateSecret,
    TaskOut,
)
from services.core.cases import tasks as case_tasks
from services.core.models import Delivery, OutboundEvent
from services.core.webhooks import endpoints as webhooks_out

router = APIRouter(prefix="/v1", tags=["webhooks"], responses=PROBLEM_RESPONSES)
NOT_FOUND = {404: documented_problem("No such endpoint, delivery or task on this account.")}


def _with_secret(endpoint: object) -> EndpointWithSecret:
    return EndpointWithSecret(**EndpointOut.model_validate(endpoint).model_dump(), secret=endpoint.secret)  # type: ignore[attr-defined]


@router.get("/webhook-endpoints", response_model=list[EndpointOut], summary="The account's webhook endpoints")
async def list_endpoints(caller: Admin, session: Session) -> list[EndpointOut]:
    return [
        EndpointOut.model_validate(e) for e in await webhooks_out.list_endpoints(session, caller.seller_id)
    ]


@router.post(
    "/webhook-endpoints",
    response_model=EndpointWithSecret,
    status_code=201,
    summary="Add a webhook endpoint",
    description="The URL must be https on a public address: a loopback, private, link-local, "
    "carrier-grade NAT, multicast or unspecified address (IPv4 or IPv6, or a name resolving to one) "
    "is refused with `/problems/receiver-not-allowed`, unless the operator allows private receivers.",
)
async def create_endpoint(
    body: EndpointCreate, caller: Admin, session: Session, clock: ClockDep, receivers: ReceiversDep
) -> EndpointWithSecret:
    endpoint = await webhooks_out.create_endpoint(
        session,
        caller.seller_id,
        str(body.url),
        list(body.event_types),
        receivers,
        caller.actor(clock.now()),
    )
    return _with_secret(endpoint)


@router.delete(
    "/webhook-endpoints/{endpoint_id}",
    status_code=204,
    responses=NOT_FOUND,
    summary="Stop sending to an endpoint",
)
async def disable_endpoint(
    endpoint_id: uuid.UUID, caller: Admin, session: Session, clock: ClockDep
) -> Response:
    endpoint = await webhooks_out.get_endpoint(session, caller.seller_id, endpoint_id)
    webhooks_out.disable(session, endpoint, clock.now(), caller.actor(clock.now()))
    return Response(status_code=204)


@router.post(
    "/webhook-endpoints/{endpoint_id}/enable",
    response_model=EndpointOut,
    responses=NOT_FOUND,
    summary="Send again",
)
async def enable_endpoint(
    endpoint_id: uuid.UUID, caller: Admin, session: Session, clock: ClockDep
) -> EndpointOut:
    endpoint = await webhooks_out.get_endpoint(session, caller.seller_id, endpoint_id)
    webhooks_out.enable(session, endpoint, caller.actor(clock.now()))
    return EndpointOut.model_validate(endpoint)


@router.post(
    "/webhook-endpoints/{endpoint_id}/rotate-secret",
    response_model=EndpointWithSecret,
    responses=NOT_FOUND,
    summary="New signing secret; the old one signs too during the overlap",
)
async def rotate_secret(
    endpoint_id: uuid.UUID, body: RotateSecret, caller: Admin, session: Session, clock: ClockDep
) -> EndpointWithSecret:
    endpoint = await webhooks_out.get_endpoint(session, caller.seller_id, endpoint_id)
    overlap, actor = timedelta(hours=body.overlap_hours), caller.actor(clock.now())
    webhooks_out.rotate_secret(session, endpoint, overlap, clock.now(), actor)
    return _with_secret(endpoint)


def _delivery(delivery: Delivery, event: OutboundEvent) -> DeliveryOut:
    return DeliveryOut(
        id=delivery.id,
        endpoint_id=delivery.endpoint_id,
        event_id=event.message_id,
        event_type=event.type,
        state=delivery.state,  # type: ignore[arg-type]
        attempt=delivery.attempt,
        next_attempt_at=delivery.next_attempt_at if delivery.state == "pending" else None,
        last_status=delivery.last_status,
        last_error=delivery.last_error,
        delivered_at=delivery.delivered_at,
        created_at=delivery.created_at,
        payload=event.payload,
    )


@router.get("/deliveries", response_model=DeliveryPage, summary="Outbound deliveries, newest first")
async def list_deliveries(
    caller: Admin,
    session: Session,
    state: Annotated[str | None, Query(pattern="^(pending|delivering|delivered|dead)$")] = None,
    endpoint_id: uuid.UUID | None = None,
    event_type: OutboundType | None = None,  # type: ignore[valid-type]
    event_id: Annotated[str | None, Query(max_length=40)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
) -> DeliveryPage:
    rows, next_cursor = await webhooks_out.list_deliveries(
        session,
        caller.seller_id,
        state=state,
        endpoint_id=endpoint_id,
        event_type=event_type,
        event_id=event_id,
        limit=limit,
        cursor=cursor,
    )
    return DeliveryPage(items=[_delivery(d, e) for d, e in rows], next_cursor=next_cursor)


@router.post(
    "/deliveries/{delivery_id}/retry",
    response_model=DeliveryOut,
    responses={**NOT_FOUND, 409: documented_problem("The delivery is still pending or in flight.")},
    summary="Redrive a delivery: one more attempt, now",
)
async def retry_delivery(
    delivery_id: uuid.UUID, caller: Admin, session: Session, clock: ClockDep
) -> DeliveryOut:
    delivery, event = await webhooks_out.redrive(session, caller.seller_id, delivery_id, clock.now())
    return _delivery(delivery, event)


@router.get("/tasks", response_model=list[TaskOut], summary="Tasks the rules created, open ones first")
async def list_tasks(
    caller: CaseReader, session: Session, open_only: Annotated[bool, Query(alias="open")] = True
) -> list[TaskOut]:
    tasks = await case_tasks.list_tasks(session, caller.seller_id, open_only)
    return [TaskOut.model_validate(t) for t in tasks]


@router.post("/tasks/{task_id}/done", response_model=TaskOut, responses=NOT_FOUND, summary="Mark a task done")
async def task_done(task_id: uuid.UUID, caller: CaseWriter, session: Session, clock: ClockDep) -> TaskOut:
    task = await case_tasks.mark_done(session, caller.seller_id, task_id, clock.now())
    return TaskOut.model_validate(task)
