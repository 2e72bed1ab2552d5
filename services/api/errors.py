"""Every 4xx and 5xx as an RFC 9457 problem document, mapped in this one place."""

from http import HTTPStatus
from typing import Any

import structlog
from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from services.api import links
from services.core.domain.events import EVENT_TYPES
from services.core.kit.errors import AftersalesError, Failure

PROBLEM_JSON = "application/problem+json"

log = structlog.get_logger(__name__)


class FieldError(BaseModel):
    field: str
    message: str
    type: str


class Problem(BaseModel):
    """RFC 9457 problem details; `type` is a relative URI documented in docs/PROBLEMS.md."""

    type: str
    title: str
    status: int
    detail: str | None = None
    instance: str | None = None
    request_id: str | None = None
    errors: list[FieldError] | None = None


# The status each kind of core failure answers with.
STATUS: dict[Failure, int] = {
    Failure.INVALID: 422,
    Failure.NOT_FOUND: 404,
    Failure.CONFLICT: 409,
    Failure.UNAUTHENTICATED: 401,
    Failure.FORBIDDEN: 403,
    Failure.UNAVAILABLE: 503,
    Failure.RATE_LIMITED: 429,
}


def _default_slug(status: int) -> str:
    return HTTPStatus(status).phrase.lower().replace(" ", "-").replace("'", "")


def problem_response(
    request_id: str | None,
    status: int,
    detail: str | None,
    *,
    slug: str | None = None,
    instance: str | None = None,
    errors: list[FieldError] | None = None,
    headers: dict[str, str] | None = None,
    extra: dict[str, Any] | None = None,
) -> JSONResponse:
    body = Problem(
        type=f"/problems/{slug or _default_slug(status)}",
        title=HTTPStatus(status).phrase,
        status=status,
        detail=detail,
        instance=instance,
        request_id=request_id,
        errors=errors,
    ).model_dump(exclude_none=True)
    body.update(extra or {})
    return JSONResponse(body, status_code=status, headers=headers, media_type=PROBLEM_JSON)


_UNION_TAGS = frozenset(EVENT_TYPES)


def field_path(loc: tuple[int | str, ...], error_type: str = "") -> str:
    """('body', 'items', 0, 'qty') -> 'body.items[0].qty'.

    Pydantic puts the chosen event type into the location of a tagged union's errors; a
    producer looks for the field in its JSON, where no such level exists, so it is left out.
    """
    if error_type in ("union_tag_invalid", "union_tag_not_found"):
        loc = (*loc, "type")
    path = ""
    for part in loc:
        if part in _UNION_TAGS:
            continue
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path


def error_message(error: Any) -> str:
    if error["type"] == "union_tag_invalid":
        return f"unknown event type {error['input'].get('type')!r}; known types: {', '.join(EVENT_TYPES)}"
    if error["type"] == "union_tag_not_found":
        return f"every event needs a type; known types: {', '.join(EVENT_TYPES)}"
    return str(error["msg"])


def _request_id(request: Request) -> str | None:
    return getattr(request.state, "request_id", None)


async def _validation(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [
        FieldError(field=field_path(tuple(e["loc"]), e["type"]), message=error_message(e), type=e["type"])
        for e in exc.errors()
    ]
    detail = "; ".join(f"{e.field}: {e.message}" for e in errors[:5])
    return problem_response(
        _request_id(request), 422, detail, slug="validation", instance=request.url.path, errors=errors
    )


async def _http(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    detail = exc.detail if isinstance(exc.detail, str) else None
    if exc.status_code == 404 and detail == "Not Found":
        detail = f"no route {request.method} {request.url.path}"
    return problem_response(
        _request_id(request),
        exc.status_code,
        detail,
        instance=request.url.path,
        headers=dict(exc.headers or {}),
    )


async def _aftersales(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, AftersalesError)
    headers = {}
    if exc.challenge:
        headers["WWW-Authenticate"] = exc.challenge
    if exc.failure is Failure.UNAVAILABLE:
        headers["Retry-After"] = str(request.app.state.settings.retry_after_seconds)
    if exc.failure is Failure.RATE_LIMITED:
        headers["Retry-After"] = str(exc.extra["retry_after"])
    return problem_response(
        _request_id(request),
        STATUS[exc.failure],
        exc.detail,
        slug=exc.slug,
        instance=request.url.path,
        headers=headers,
        extra=jsonable_encoder(exc.extra),
    )


def _problem_media_types(schema: dict[str, Any]) -> dict[str, Any]:
    """FastAPI files every response model under application/json; ours are problem+json."""
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            for status, response in operation.get("responses", {}).items():
                content = response.get("content", {})
                if status[0] in "45" and PROBLEM_JSON in content and "application/json" in content:
                    content[PROBLEM_JSON] = content.pop("application/json")
    return schema


def _shared_problems(schema: dict[str, Any]) -> dict[str, Any]:
    """The answers an operation gives by its shape (a body, an id in the path), whoever wrote its
    route: listed here once, so an operation is documented the moment it exists."""
    problem = {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}}
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            shared = dict(BODY_PROBLEMS) if "requestBody" in operation else {}
            if any(p.get("in") == "path" for p in operation.get("parameters", [])):
                shared.update(PATH_PROBLEMS)
            responses = operation.setdefault("responses", {})
            for status, description in shared.items():
                responses.setdefault(status, {"description": description, "content": problem})
    return schema


def install(app: FastAPI) -> None:
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = links.add(_shared_problems(_problem_media_types(generate())))
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(StarletteHTTPException, _http)
    app.add_exception_handler(AftersalesError, _aftersales)


def documented_problem(description: str) -> dict[str, Any]:
    return {"model": Problem, "description": description, "content": {PROBLEM_JSON: {}}}


# What any operation with a request body can answer besides.
BODY_PROBLEMS = {
    "400": "The body cannot be read as the JSON it says it is (for example, it is not UTF-8); nothing was changed.",
    "413": "The body is larger than the service takes (`AFTERSALES_MAX_BODY_BYTES`); nothing was changed.",
}
# What any operation naming a thing by id in its path can answer besides.
PATH_PROBLEMS = {"404": "No such thing on this seller account; another account's ids answer 404 too."}

# The problem answers every authenticated route can give, listed in the OpenAPI contract.
PROBLEM_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: documented_problem("No API key, or an unknown or revoked one."),
    403: documented_problem("The API key lacks a scope this operation needs."),
    422: documented_problem("The request is malformed; `errors` names each field and the reason."),
    429: documented_problem("Too many requests with this API key; retry after `Retry-After` seconds."),
    503: documented_problem(
        "The database is unreachable, or short of a resource such as lock slots; nothing was changed, "
        "retry after `Retry-After` seconds."
    ),
}
