"""The team's web console under /console: server-rendered pages on the same core functions as
the API, with static assets shipped in the package (no CDN, no build step)."""

from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from services.api.console import case, connections, contacts, health, queue, signin
from services.api.console.web import HERE, SignInNeeded, page, templates
from services.api.errors import STATUS
from services.core.kit.errors import AftersalesError


def duration(seconds: int | None) -> str:
    """Time left as the browser's countdown writes it: '2d 03:04:05', 'overdue 00:12:00'."""
    if seconds is None:
        return ""
    left = abs(int(seconds))
    days, rest = divmod(left, 86_400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    text = (f"{days}d " if days else "") + f"{hours:02}:{minutes:02}:{secs:02}"
    return f"overdue {text}" if seconds < 0 else text


async def _sign_in_first(request: Request, exc: Exception) -> RedirectResponse:
    assert isinstance(exc, SignInNeeded)
    return RedirectResponse(f"/console/sign-in?next={exc.path}", status_code=303)


def mount(app: FastAPI) -> None:
    templates.env.filters["duration"] = duration
    for module in (signin, queue, case, contacts, health, connections):
        app.include_router(module.router, include_in_schema=False)
    app.mount("/console/static", StaticFiles(directory=HERE / "static"), name="console-static")
    app.add_exception_handler(SignInNeeded, _sign_in_first)
    problem = app.exception_handlers[AftersalesError]

    async def shown(request: Request, exc: Exception) -> Response:
        """A page's failure as a page; the API's stay problem documents."""
        if not request.url.path.startswith("/console") or request.headers.get("x-csrf-token"):
            return await problem(request, exc)
        assert isinstance(exc, AftersalesError)
        status = STATUS[exc.failure]
        answer = page(request, "error.html", None, title=HTTPStatus(status).phrase, detail=exc.detail)
        answer.status_code = status
        return answer

    app.add_exception_handler(AftersalesError, shown)
