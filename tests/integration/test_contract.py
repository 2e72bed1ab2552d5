"""The contract holds against a fuzzer: schemathesis sends generated requests, valid and not, to
every operation of openapi/openapi.json, in-process, as a seller with every scope.

Every answer must be no server error, a status and content type the operation documents, and a
body valid against the documented schema. The budget is bounded (a few examples per operation)
so it fits in `make test`; new operations are checked the moment they are in the contract.
"""

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from redis import Redis
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.generation import GenerationMode
from schemathesis.schemas import APIOperation

from services.api.main import create_app
from services.core.kit.clock import SettableClock
from services.core.kit.config import Settings
from services.core.operations import liveness
from tests.conftest import SellerFixture
from tests.factories import event, new_order_id

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
EXAMPLES_PER_OPERATION = 8
STATEFUL_SCENARIOS = 40


@pytest.fixture(scope="module")
def fuzzed_app(settings: Settings) -> Iterator[FastAPI]:
    """An app of its own: schemathesis runs it on its own event loop thread. A worker beats, as
    one does in any running service, so /readyz/workers' 503 (no worker) is not what is fuzzed."""
    clock = SettableClock()
    redis = Redis.from_url(settings.redis_url)
    redis.hset(liveness.WORKERS_KEY, "contract:1", clock.now().isoformat())
    yield create_app(settings, clock)
    redis.hdel(liveness.WORKERS_KEY, "contract:1")


def _operations(app: FastAPI) -> list[APIOperation]:
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    return [result.ok() for result in schema.get_all_operations()]


def _fuzz(operation: APIOperation, mode: GenerationMode, headers: dict[str, str]) -> str | None:
    """What breaks the contract at this operation in this mode, or None."""

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.explicit, Phase.generate],
    )
    def check(case: schemathesis.Case) -> None:
        case.call_and_validate(headers=headers, checks=CHECKS)

    try:
        check()
    # schemathesis reports a case's failed checks as one group; each is worth reading.
    except (Exception, BaseExceptionGroup) as broken:
        found = broken.exceptions if isinstance(broken, BaseExceptionGroup) else (broken,)
        # Unsatisfiable: nothing to make invalid, as in an operation without parameters or body.
        found = tuple(e for e in found if not isinstance(e, Unsatisfiable))
        if not found:
            return None
        return f"{operation.label} ({mode.value}):\n" + "\n".join(f"  {e!r}"[:600] for e in found)
    return None


def test_no_generated_request_breaks_the_contract(fuzzed_app: FastAPI, seller: SellerFixture) -> None:
    failures = [
        failure
        for operation in _operations(fuzzed_app)
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
        if (failure := _fuzz(operation, mode, seller.headers)) is not None
    ]
    assert not failures, "\n\n".join(failures)


@pytest.fixture
async def seller_with_cases(client: httpx.AsyncClient, seller: SellerFixture) -> SellerFixture:
    order = new_order_id()
    for type_, data in (
        ("message.received", {"thread_id": "t-1"}),
        ("return.authorized", {}),
        ("claim.opened", {"reason": "not received"}),
    ):
        answer = await client.post("/v1/events", headers=seller.headers, json=event(type_, order, **data))
        assert answer.status_code == 201, answer.text
    return seller


def test_links_lead_the_fuzzer_from_events_and_lists_to_cases(
    fuzzed_app: FastAPI, seller_with_cases: SellerFixture
) -> None:
    """Stateful: schemathesis follows the links from one answer to the next operation, so the
    operations on a case are fuzzed with the ids of cases that exist, under the same checks."""
    seller = seller_with_cases
    reached: set[tuple[str, int]] = set()
    schema = schemathesis.openapi.from_asgi("/openapi.json", fuzzed_app)

    class Workflow(schema.as_state_machine()):  # type: ignore[misc]
        def get_call_kwargs(self, case: schemathesis.Case) -> dict[str, Any]:
            return {"headers": seller.headers}

        def after_call(self, response: Any, case: schemathesis.Case) -> None:
            reached.add((case.operation.label, response.status_code))

        def validate_response(self, response: Any, case: schemathesis.Case, *_: Any, **kwargs: Any) -> None:
            case.validate_response(response, checks=CHECKS, transport_kwargs=kwargs or None)

    Workflow.run(
        settings=settings(
            max_examples=STATEFUL_SCENARIOS,
            stateful_step_count=6,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
    )
    # Without the links nothing reached an operation on a case; which of them answer with
    # success depends on the state the other tests leave, so the test asks only that they run.
    on_cases = {label for label, _ in reached if "{case_id}" in label}
    assert on_cases, f"no operation on a case was reached: {sorted(reached)}"


async def test_a_nul_character_is_refused_as_invalid_not_a_server_error(
    client: httpx.AsyncClient, seller: SellerFixture
) -> None:
    """Found by the fuzzer: Postgres stores no U+0000, in text or in JSON."""
    sent = event("message.received", new_order_id(), thread_id="t-1", subject="hello\u0000there")
    answer = await client.post("/v1/events", headers=seller.headers, json=sent)
    assert answer.status_code == 422, answer.text
    assert answer.json()["type"] == "/problems/validation" and "NUL" in answer.json()["detail"]
    again = await client.post(
        "/v1/events", headers=seller.headers, json={**sent, "data": {"thread_id": "t-1"}}
    )
    assert again.status_code == 201, "nothing of the refused event was kept"
