"""The team's own targets on working hours: clocks beside Amazon's, fired by the same sweep,
exactly once, across a public holiday and a DST change, on the settable clock."""

from datetime import UTC, datetime
from typing import Any

import httpx
from sqlalchemy import select

from services.core.kit.clock import SettableClock
from services.core.kit.db import transaction
from services.core.models import OutboundEvent
from services.workers.clocks import sweep_clocks
from services.workers.context import WorkerContext
from tests.conftest import SellerFixture
from tests.factories import event, new_order_id

US_SUPPORT = {
    "time_zone": "America/New_York",
    "week": {day: [{"start": "09:00", "end": "17:00"}] for day in ("mon", "tue", "wed", "thu", "fri")},
    "holidays": {"country": "US"},
}
TEAM_POLICY = {
    "calendars": {"US support": US_SUPPORT},
    "team_targets": {
        "message.reply": {
            "calendar": "US support",
            "working_hours": 4,
            "warning_percents": [50],
            "escalations": [
                {"level": 1, "threshold": 100, "actions": [{"type": "assign", "assignee": "team-lead"}]}
            ],
        }
    },
}


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


async def _team_policy(client: httpx.AsyncClient, seller: SellerFixture) -> None:
    response = await client.put("/v1/policy", headers=seller.headers, json=TEAM_POLICY)
    assert response.status_code == 200, response.text


async def _message(
    client: httpx.AsyncClient, seller: SellerFixture, at: datetime
) -> tuple[str, dict[str, Any]]:
    order = new_order_id()
    response = await client.post(
        "/v1/events", headers=seller.headers, json=event("message.received", order, at)
    )
    assert response.status_code == 201, response.text
    return order, response.json()["cases"][0]


def _by_kind(case: dict[str, Any]) -> dict[tuple[str, bool], dict[str, Any]]:
    return {(c["kind"], c["team_target"]): c for c in case["clocks"]}


async def _announced(ctx: dict[str, Any], case_id: str) -> list[tuple[str, bool]]:
    async with transaction(WorkerContext.of(ctx).sessions) as session:
        rows = await session.scalars(
            select(OutboundEvent)
            .where(OutboundEvent.case_id == case_id, OutboundEvent.type.like("clock.%"))
            .order_by(OutboundEvent.created_at)
        )
        return [(r.type, r.payload["data"]["team_target"]) for r in rows]


async def test_a_holiday_is_skipped_and_the_team_target_fires_once_beside_amazons(
    client: httpx.AsyncClient, seller: SellerFixture, clock: SettableClock, worker_ctx: dict[str, Any]
) -> None:
    await _team_policy(client, seller)
    # Wednesday before Thanksgiving, 15:00 in New York: 2 working hours that day, none on the
    # holiday, 2 on Friday morning.
    clock.set(utc(2026, 11, 25, 20, 0))
    _, case = await _message(client, seller, utc(2026, 11, 25, 20, 0))
    clocks = _by_kind(case)
    amazon, team = clocks[("message.reply", False)], clocks[("message.reply", True)]
    assert amazon["due_at"] == "2026-11-26T20:00:00Z" and amazon["due_local"] == "Thu 2026-11-26 20:00 UTC"
    assert team["due_local"] == "Fri 2026-11-27 11:00 in America/New_York"
    assert team["warnings_at"] == ["2026-11-25T22:00:00Z"]
    assert "team target" in team["explanation"] and "4 working hours" in team["explanation"]

    for at in (utc(2026, 11, 25, 22, 0), utc(2026, 11, 25, 22, 0), utc(2026, 11, 27, 15, 59)):
        clock.set(at)
        await sweep_clocks(worker_ctx)
    announced = await _announced(worker_ctx, case["id"])
    assert [a for a in announced if a[1]] == [("clock.warning", True)], "the team's 50 %, once"
    assert ("clock.breached", False) in announced, "Amazon's 24 h ran out on Thanksgiving"

    clock.set(utc(2026, 11, 27, 16, 0))
    await sweep_clocks(worker_ctx)
    await sweep_clocks(worker_ctx)
    announced = await _announced(worker_ctx, case["id"])
    assert announced.count(("clock.breached", True)) == 1
    assert announced.count(("clock.breached", False)) == 1
    detail = (await client.get(f"/v1/cases/{case['id']}", headers=seller.headers)).json()
    assert _by_kind(detail)[("message.reply", True)]["state"] == "breached"


async def test_working_hours_follow_the_dst_change(
    client: httpx.AsyncClient, seller: SellerFixture, clock: SettableClock
) -> None:
    await _team_policy(client, seller)
    # Friday 16:00 EDT; New York falls back on Sunday 1 November: Monday 12:00 is EST (UTC-5).
    clock.set(utc(2026, 10, 30, 20, 0))
    _, case = await _message(client, seller, utc(2026, 10, 30, 20, 0))
    team = _by_kind(case)[("message.reply", True)]
    assert team["due_at"] == "2026-11-02T17:00:00Z"
    assert team["due_local"] == "Mon 2026-11-02 12:00 in America/New_York"


async def test_a_reply_meets_the_team_target_and_the_agent_report_counts_it(
    client: httpx.AsyncClient, seller: SellerFixture, clock: SettableClock
) -> None:
    await _team_policy(client, seller)
    clock.set(utc(2026, 11, 30, 14, 0))  # Monday 09:00 in New York
    order, case = await _message(client, seller, utc(2026, 11, 30, 14, 0))
    reply = event("message.sent", order, utc(2026, 11, 30, 16, 0), author="agent", agent="dana")
    assert (await client.post("/v1/events", headers=seller.headers, json=reply)).status_code == 201
    detail = (await client.get(f"/v1/cases/{case['id']}", headers=seller.headers)).json()
    assert {k: c["state"] for k, c in _by_kind(detail).items()} == {
        ("message.reply", False): "met",
        ("message.reply", True): "met",
    }
    clock.set(utc(2026, 12, 1, 14, 0))
    report = (await client.get("/v1/metrics/agents?window=7d", headers=seller.headers)).json()
    assert {"agent": "dana", "met": 1, "breached": 0, "team_met": 1, "team_breached": 0} in report


async def test_a_team_target_naming_no_calendar_is_refused(
    client: httpx.AsyncClient, seller: SellerFixture
) -> None:
    body = {"team_targets": {"message.reply": {"calendar": "nowhere", "working_hours": 4}}}
    response = await client.put("/v1/policy", headers=seller.headers, json=body)
    assert response.status_code == 422
    assert "nowhere" in response.text


async def test_saving_the_same_calendars_again_makes_no_new_version(
    client: httpx.AsyncClient, seller: SellerFixture, clock: SettableClock
) -> None:
    await _team_policy(client, seller)
    clock.set(utc(2026, 11, 30, 14, 0))
    await _message(client, seller, utc(2026, 11, 30, 14, 0))  # the calendar has worked out its days
    again = await client.put("/v1/policy", headers=seller.headers, json=TEAM_POLICY)
    assert again.json()["changed"] is False
