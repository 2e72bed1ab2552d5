"""Signing in with an API key (a person's own, or a shared one with a name), and signing out."""

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from services.api.console.web import COOKIE, Attempt, Poster, back, page, same_origin
from services.api.deps import ClockDep, Session
from services.core.sellers import console_sessions

router = APIRouter()


@router.get("/console", include_in_schema=False)
async def home() -> RedirectResponse:
    return RedirectResponse("/console/queue", status_code=303)


@router.get("/console/sign-in", response_class=HTMLResponse)
async def sign_in_form(request: Request) -> HTMLResponse:
    return page(request, "sign_in.html", None, next=request.query_params.get("next", "/console/queue"))


@router.post("/console/sign-in", response_model=None)
async def sign_in(
    request: Request,
    session: Session,
    clock: ClockDep,
    key: Annotated[str, Form(max_length=200)],
    name: Annotated[str, Form(max_length=200)] = "",
    next: Annotated[str, Form(max_length=500)] = "/console/queue",
) -> Response:
    async with Attempt(session) as tried:
        if not same_origin(request):
            raise console_sessions.SignInRefused("sign in from this site's own form")
        signed = await console_sessions.sign_in(session, key, name, clock.now())
    if tried.error is not None:
        response = page(request, "sign_in.html", None, error=tried.error.detail, next=next, name=name)
        response.status_code = 401 if tried.error.failure == "unauthenticated" else 422
        return response
    redirect = back(next)
    redirect.set_cookie(
        COOKIE,
        signed.token,
        max_age=int(console_sessions.LIFETIME.total_seconds()),
        path="/console",
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
    )
    return redirect


@router.post("/console/sign-out")
async def sign_out(person: Poster, session: Session, clock: ClockDep) -> RedirectResponse:
    await console_sessions.sign_out(session, person, clock.now())
    redirect = back("/console/sign-in", flash="Signed out.")
    redirect.delete_cookie(COOKIE, path="/console")
    return redirect
