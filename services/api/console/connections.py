"""The connections page (admin): producers with their last delivery, outbound endpoints with
their recent deliveries, dead deliveries with a retry button, and the account's API keys,
including issuing a key for a person."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from services.api.console.web import Attempt, PersonDep, Poster, actor, back, page
from services.api.deps import ClockDep, Session
from services.core.kit.errors import Forbidden
from services.core.producers import registry as producers
from services.core.sellers import service as sellers
from services.core.sellers.console_sessions import Person
from services.core.webhooks import endpoints as webhooks_out

router = APIRouter()
RECENT = 20
TO = "/console/connections"


def _admin(person: Person) -> None:
    if not person.may("admin"):
        raise Forbidden("connections and API keys are for an admin's key")


async def _deliveries(session: Session, person: Person, state: str | None) -> list[object]:
    rows, _ = await webhooks_out.list_deliveries(
        session,
        person.seller_id,
        state=state,
        endpoint_id=None,
        event_type=None,
        event_id=None,
        limit=RECENT,
        cursor=None,
    )
    return [{"delivery": d, "event": e} for d, e in rows]


async def _context(session: Session, person: Person) -> dict[str, object]:
    if not person.may("admin"):
        return {"admin": False}
    endpoints = await webhooks_out.list_endpoints(session, person.seller_id)
    return {
        "admin": True,
        "producers": await producers.list_all(session, person.seller_id),
        "last": await producers.last_deliveries(session, person.seller_id),
        "endpoints": endpoints,
        "urls": {e.id: e.url for e in endpoints},
        "recent": await _deliveries(session, person, None),
        "dead": await _deliveries(session, person, "dead"),
        "keys": await sellers.list_keys(session, person.seller_id),
        "scopes": sellers.SCOPES,
    }


@router.get("/console/connections", response_class=HTMLResponse)
async def connections(request: Request, person: PersonDep, session: Session) -> HTMLResponse:
    return page(request, "connections.html", person, active="connections", **await _context(session, person))


@router.post("/console/deliveries/{delivery_id}/retry")
async def retry(
    delivery_id: uuid.UUID, person: Poster, session: Session, clock: ClockDep
) -> RedirectResponse:
    _admin(person)
    async with Attempt(session) as tried:
        await webhooks_out.redrive(session, person.seller_id, delivery_id, clock.now())
    if tried.error is not None:
        return back(TO, error=tried.error.detail)
    return back(TO, flash="One more attempt is on its way.")


@router.post("/console/keys", response_class=HTMLResponse)
async def issue_key(
    request: Request,
    person: Poster,
    session: Session,
    clock: ClockDep,
    name: Annotated[str, Form(min_length=1, max_length=100)],
    scopes: Annotated[list[str], Form()],
) -> HTMLResponse:
    """A key for a person (or a producer); shown on this page once."""
    _admin(person)
    async with Attempt(session) as tried:
        issued = await sellers.create_key(
            session, person.seller_id, scopes, name.strip(), actor(person, clock.now())
        )
    context = await _context(session, person)
    if tried.error is not None:
        return page(
            request, "connections.html", person, active="connections", error=tried.error.detail, **context
        )
    return page(request, "connections.html", person, active="connections", issued=issued, **context)


@router.post("/console/keys/{key_id}/revoke")
async def revoke_key(
    key_id: uuid.UUID, person: Poster, session: Session, clock: ClockDep
) -> RedirectResponse:
    _admin(person)
    async with Attempt(session) as tried:
        key = await sellers.revoke_key(
            session, person.seller_id, key_id, clock.now(), actor(person, clock.now())
        )
    if tried.error is not None:
        return back(TO, error=tried.error.detail)
    return back(TO, flash=f"Key {key.prefix}… revoked; its console sessions end with it.")
