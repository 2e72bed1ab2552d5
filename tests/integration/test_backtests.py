"""Policy backtests: a proposal refolded over the stored events, side by side with the policy in
force and what really happened; a job with progress; read-only for everything the seller sees."""

from typing import Any

import httpx
from sqlalchemy import text

from services.core.kit.clock import SettableClock
from services.core.kit.db import transaction
from services.workers.backtests import run_backtest
from services.workers.context import WorkerContext
from tests.conftest import START, SellerFixture
from tests.factories import event, hours, new_order_id

PROPOSAL = {
    "clocks": {"message.reply": {"hours": 48}, "return.decide": {"hours": 36}},
    "messages": {"no_response_needed_warning_percent": 100},
}
SEEN = (
    "cases",
    "clocks",
    "clock_firings",
    "clock_bookmarks",
    "outbound_events",
    "deliveries",
    "health_snapshots",
)


async def _history(client: httpx.AsyncClient, seller: SellerFixture) -> dict[str, str]:
    """A reply after 30 h (late under 24 h, in time under 48 h) and a return decided after 40 h
    (in time under 48 h, late under 36 h)."""
    message, ret = new_order_id(), new_order_id()
    for body in (
        event("message.received", message, hours(0)),
        event("message.sent", message, hours(30), author="agent", agent="li"),
        event("return.requested", ret, hours(1), return_id="R1"),
        event("return.authorized", ret, hours(41), return_id="R1"),
    ):
        response = await client.post("/v1/events", headers=seller.headers, json=body)
        assert response.status_code == 201, response.text
    return {"message": message, "return": ret}


async def _seen(ctx: dict[str, Any], seller: SellerFixture) -> dict[str, list[str]]:
    """Every row the seller can see, as text, table by table."""
    async with transaction(WorkerContext.of(ctx).sessions) as session:
        found = {}
        for table in SEEN:
            where = (
                "clock_id IN (SELECT id FROM clocks WHERE seller_id = :s)"
                if table == "clock_bookmarks"
                else "seller_id = :s"
            )
            rows = await session.execute(
                text(f"SELECT t::text FROM {table} t WHERE {where} ORDER BY 1"), {"s": seller.id}
            )
            found[table] = [r[0] for r in rows]
        return found


async def test_a_proposal_is_compared_with_the_policy_in_force_and_what_happened(
    client: httpx.AsyncClient, seller: SellerFixture, clock: SettableClock, worker_ctx: dict[str, Any]
) -> None:
    orders = await _history(client, seller)
    clock.set(START + hours(72))
    before = await _seen(worker_ctx, seller)

    asked = await client.post("/v1/backtests", headers=seller.headers, json={"policy": PROPOSAL, "days": 30})
    assert asked.status_code == 202, asked.text
    status_url = asked.headers["Location"]
    assert asked.json()["status"] == "queued" and asked.json()["status_url"] == status_url

    assert await run_backtest(worker_ctx, asked.json()["id"]) is True
    assert await run_backtest(worker_ctx, asked.json()["id"]) is False, "rung twice: run once"

    done = (await client.get(status_url, headers=seller.headers)).json()
    assert done["status"] == "done" and done["progress"] == {"orders_total": 2, "orders_done": 2}
    result = done["result"]
    reply = result["clocks"]["message.reply"]
    assert (reply["actual"]["breached"], reply["now"]["breached"], reply["proposed"]["breached"]) == (1, 1, 0)
    assert reply["proposed"]["met"] == 1
    decide = result["clocks"]["return.decide"]
    assert (decide["now"]["met"], decide["proposed"]["breached"]) == (1, 1)
    health = result["health"]
    assert health["now"]["return_dissatisfaction"]["percent"] == 0
    assert health["proposed"]["return_dissatisfaction"]["percent"] == 100
    assert health["now"]["no_response_needed"]["target"] == 10
    assert health["proposed"]["no_response_needed"]["target"] == 100
    assert health["now"]["no_response_needed"]["denominator"] == 1
    changed = {(c["order_id"], c["clock_kind"]): c for c in result["changes"]}
    assert result["changes_total"] == 2
    late = changed[(orders["message"], "message.reply")]
    assert (late["now"], late["proposed"]) == ("breached", "met")
    assert "(24 h -> 48 h)" in late["explanation"]
    assert changed[(orders["return"], "return.decide")]["proposed"] == "breached"

    assert await _seen(worker_ctx, seller) == before, "a backtest changes nothing the seller can see"
    again = await client.get(status_url, headers=seller.headers)
    assert again.json() == done, "the result is kept and fetched again"


async def test_team_targets_and_calendars_can_be_proposed(
    client: httpx.AsyncClient, seller: SellerFixture, clock: SettableClock, worker_ctx: dict[str, Any]
) -> None:
    await _history(client, seller)
    clock.set(START + hours(72))
    proposal = {
        "calendars": {
            "UTC office": {
                "time_zone": "UTC",
                "week": {
                    d: [{"start": "00:00", "end": "00:00"}]
                    for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
                },
            }
        },
        "team_targets": {"message.reply": {"calendar": "UTC office", "working_hours": 2}},
    }
    asked = await client.post("/v1/backtests", headers=seller.headers, json={"policy": proposal, "days": 30})
    await run_backtest(worker_ctx, asked.json()["id"])
    result = (await client.get(asked.headers["Location"], headers=seller.headers)).json()["result"]
    team = result["clocks"]["team:message.reply"]
    assert team["now"]["clocks"] == 0 and team["proposed"] == {
        "clocks": 1,
        "warned": 1,
        "breached": 1,
        "escalated": 0,
        "met": 0,
    }


async def test_bad_requests_and_other_sellers(
    client: httpx.AsyncClient, seller: SellerFixture, make_seller
) -> None:  # type: ignore[no-untyped-def]
    for body in (
        {"policy": PROPOSAL, "days": 91},
        {"policy": PROPOSAL, "days": 0},
        {"policy": {"team_targets": {"message.reply": {"calendar": "none", "working_hours": 4}}}, "days": 7},
        {"days": 7},
    ):
        response = await client.post("/v1/backtests", headers=seller.headers, json=body)
        assert response.status_code == 422, body
    asked = await client.post("/v1/backtests", headers=seller.headers, json={"policy": {}, "days": 7})
    other = await make_seller()
    response = await client.get(asked.headers["Location"], headers=other.headers)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")
