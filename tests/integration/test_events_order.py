"""Events are facts: whatever order a case's events arrive in, it ends in the same state."""

import uuid
from typing import Any

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import SellerFixture
from tests.factories import event, hours

STORY = [
    ("order.upserted", 0, {"buyer_name": "Bo", "status": "shipped"}),
    ("message.received", 1, {"thread_id": "t"}),
    ("message.sent", 2, {"thread_id": "t", "author": "automation"}),
    ("message.received", 3, {"thread_id": "t"}),
    ("message.sent", 30, {"thread_id": "t", "author": "agent"}),
    ("return.requested", 4, {"return_id": "R"}),
    ("return.authorized", 60, {"return_id": "R"}),
    ("return.label_scanned", 70, {"return_id": "R"}),
    ("claim.opened", 5, {"claim_id": "C", "reason": "not received"}),
    ("claim.info_requested", 6, {"claim_id": "C"}),
    ("claim.appealed", 50, {"claim_id": "C"}),
    ("feedback.received", 8, {"rating": 3}),
]


def _state(timeline: dict[str, Any], cases: list[dict[str, Any]]) -> Any:
    clocks = sorted(
        (
            c["kind"],
            k["kind"],
            k["state"],
            k["started_by_event"][-3:],
            k["stopped_by_event"] and k["stopped_by_event"][-3:],
        )
        for c in cases
        for k in c["clocks"]
    )
    return (
        timeline["order"],
        sorted((c["kind"], c["status"], c["open"], c["closed_at"]) for c in cases),
        clocks,
    )


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(order=st.permutations(range(len(STORY))))
async def test_any_arrival_order_gives_the_same_case(
    client: httpx.AsyncClient, seller: SellerFixture, order: list[int]
) -> None:
    results = []
    for arrival in (range(len(STORY)), order):
        order_id = f"111-{uuid.uuid4().int % 10**7:07d}-{uuid.uuid4().int % 10**7:07d}"
        for i in arrival:
            type_, at, data = STORY[i]
            body = event(type_, order_id, hours(at), event_id=f"{order_id}-{i:03d}", **data)
            response = await client.post("/v1/events", headers=seller.headers, json=body)
            assert response.status_code == 201, response.text
        timeline = (await client.get(f"/v1/orders/{order_id}/timeline", headers=seller.headers)).json()
        case_ids = [e["case_id"] for e in timeline["entries"] if e["entry"] == "case.opened"]
        cases = [(await client.get(f"/v1/cases/{i}", headers=seller.headers)).json() for i in case_ids]
        results.append(_state(timeline, cases))
    assert results[0] == results[1]
