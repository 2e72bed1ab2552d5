"""What every console page shares: the signed-in person (from the session cookie), the CSRF
check on forms, the templates, and how an action's refusal is shown instead of a problem document."""

import secrets
from datetime import datetime, timedelta
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode, urlsplit

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates

from services.api.deps import ClockDep, Session
from services.core.kit import idempotency
from services.core.kit.errors import AftersalesError, Forbidden
from services.core.kit.idempotency import KeyedRequest, fingerprint
from services.core.sellers import console_sessions
from services.core.sellers.audit import Actor
from services.core.sellers.console_sessions import Person

HERE = Path(__file__).parent
COOKIE = "aftersales_console"
CSRF_FIELD = "csrf"
CSRF_HEADER = "x-csrf-token"
templates = Jinja2Templates(directory=HERE / "templates")
templates.env.autoescape = True
# No inline script or style: every script is a file of the package, so an injected tag cannot run.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
)


class SignInNeeded(Exception):
    """No live session: the page answers with a redirect to the sign-in form."""

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.path = path


class CsrfRefused(Forbidden):
    slug = "forbidden"


async def _person(request: Request, session: Session, clock: ClockDep) -> Person:
    person = await console_sessions.find(session, request.cookies.get(COOKIE), clock.now())
    if person is None:
        raise SignInNeeded(request.url.path)
    return person


PersonDep = Annotated[Person, Depends(_person)]


def same_origin(request: Request) -> bool:
    """A browser names the page a form came from; one from another site is refused outright."""
    origin = request.headers.get("origin") or request.headers.get("referer")
    return origin is None or urlsplit(origin).netloc == request.url.netloc


async def _checked(request: Request, person: PersonDep) -> Person:
    sent = request.headers.get(CSRF_HEADER)
    if sent is None:
        sent = str((await request.form()).get(CSRF_FIELD) or "")
    if not same_origin(request) or not secrets.compare_digest(sent.encode(), person.csrf.encode()):
        raise CsrfRefused("the form's CSRF token is missing or stale: reload the page and try again")
    return person


# A form post of a signed-in person, its CSRF token checked.
Poster = Annotated[Person, Depends(_checked)]


def page(request: Request, template: str, person: Person | None, **context: Any) -> HTMLResponse:
    response = templates.TemplateResponse(
        request,
        template,
        {
            "person": person,
            "flash": request.query_params.get("flash"),
            "error": request.query_params.get("error"),
            **context,
        },
    )
    response.headers["Content-Security-Policy"] = CSP
    response.headers["Cache-Control"] = "no-store"
    return response


def back(to: str, **query: str) -> RedirectResponse:
    """After a form post, to the page again (post, redirect, get), with a line saying what happened."""
    path = to if to.startswith("/console") and "//" not in to else "/console/queue"
    path, _, fragment = path.partition("#")
    shown = {k: v for k, v in query.items() if v}
    separator = "&" if "?" in path else "?"
    url = path + (separator + urlencode(shown) if shown else "") + (f"#{fragment}" if fragment else "")
    return RedirectResponse(url, status_code=303)


class Attempt:
    """Runs an action in a savepoint: a refusal rolls back only the action and is kept to show,
    where the API would answer with a problem document."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.error: AftersalesError | None = None

    async def __aenter__(self) -> "Attempt":
        self._nested = await self.session.begin_nested()
        return self

    async def __aexit__(self, kind: Any, error: BaseException | None, tb: Any) -> bool:
        if isinstance(error, AftersalesError):
            await self._nested.rollback()
            self.error = error
            return True
        if error is None:
            await self._nested.commit()
        return False


def writer(person: Person) -> None:
    if not person.may("cases:write"):
        raise Forbidden("your key may read cases but not change them (it lacks cases:write)")


def actor(person: Person, now: datetime) -> Actor:
    """Who the audit log names for a person's action: the key they signed in with."""
    return Actor(person.key_id, now)


async def first_submit(
    request: Request,
    session: Session,
    person: Person,
    operation: str,
    target: object,
    form_key: str,
    form: dict[str, Any],
    now: datetime,
) -> bool:
    """False when this form was submitted before (a double click, a resubmit after a reload):
    the form's key is the API's Idempotency-Key, so the action is done once. Call it inside the
    action's Attempt, so a refused action gives its key back."""
    if not form_key:
        return True
    keyed = KeyedRequest(f"console-{form_key}", operation, str(target), fingerprint(form))
    lifetime = timedelta(hours=request.app.state.settings.idempotency_key_hours)
    if await idempotency.begin(session, person.seller_id, keyed, now, lifetime) is not None:
        return False
    await idempotency.finish(session, person.seller_id, keyed.key, {"done": True})
    return True
