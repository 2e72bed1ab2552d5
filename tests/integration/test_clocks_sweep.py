"""The clock sweep on the settable clock: each threshold fires once; window ends act on cases."""

import asyncio
from dataclasses import replace
from typing import Any

import httpx
from sqlalchemy import func, select

from services.core.cases import service as cases
from services.core.kit.clock import SettableClock
from services.core.kit.db import transaction
from services.core.models import ClockBookmark, ClockFiring, OutboundEvent
from services.workers.clocks import follow_clocks, sweep_clocks
from services.workers.context import KEY, WorkerContext
from tests.conftest import START, SellerFixture
from tests.factories import event, hours, new_order_id


async def _case(client: httpx.AsyncClient, seller: SellerFixture, body: dict) -> dict:  # type: ignore[type-arg]
    response = await client.post("/v1/events", headers=seller.headers, json=body)
    assert response.status_code == 201, response.text
    return response.json()["cases"][0]  # type: ignore[no-any-return]


async def _firings(ctx: dict[str, Any], clock_id: str) -> list[tuple[int, bool]]:
    async with transaction(WorkerContext.of(ctx).sessions) as session:
        rows = await session.execute(
            select(ClockFiring.threshold, ClockFiring.skipped)
            .where(ClockFiring.clock_id == clock_id)
            .order_by(ClockFiring.threshold)
        )
        return [(r.threshold, r.skipped) for r in rows]


async def _outbound(ctx: dict[str, Any], case_id: str) -> list[str]:
    async with transaction(WorkerContext.of(ctx).sessions) as session:
        rows = await session.scalars(
            select(OutboundEvent.type)
            .where(OutboundEvent.case_id == case_id)
            .order_by(OutboundEvent.created_at, OutboundEvent.type)
        )
        return list(rows)


async def test_each_threshold_fires_once_and_escalates(
    client: httpx.AsyncClient, seller: SellerFixture, clock: SettableClock, worker_ctx: dict[str, Any]
) -> None:
    case = await _case(client, seller, event("message.received", new_order_id(), hours(0)))
    clock_id = case["clocks"][0]["id"]
    for at, expected in ((11, []), (12, [(50, False)]), (18, [(50, False), (75, False)])):
        clock.set(START + hours(at))
        await sweep_clocks(worker_ctx)
        await sweep_clocks(worker_ctx)  # a second sweep at the same time changes nothing
        assert await _firings(worker_ctx, clock_id) == expected
    detail = (await client.get(f"/v1/cases/{case['id']}", headers=seller.headers)).json()
    assert detail["assignee"] == "team-lead", "level 1 at 75 %: a lead takes over an unassigned case"
    assert detail["band"] == 4

    clock.set(START + hours(25))
    await sweep_clocks(worker_ctx)
    assert await _firings(worker_ctx, clock_id) == [(50, False), (75, False), (90, True), (100, False)]
    detail = (await client.get(f"/v1/cases/{case['id']}", headers=seller.headers)).json()
    assert detail["clocks"][0]["state"] == "breached" and detail["clocks"][0]["remaining_seconds"] == -3600
    assert detail["assignee"] == "support-manager"
    assert await _outbound(worker_ctx, case["id"]) == [
        "case.opened",
        "clock.warning",
        "clock.warning",
        "case.escalated",
        "clock.breached",
    ]


async def _answered(client: httpx.AsyncClient, seller: SellerFixture, reply_at: int) -> dict:  # type: ignore[type-arg]
    """A buyer message at hour 0 and an agent's reply at `reply_at`: the reply clock is met."""
    order = new_order_id()
    case = await _case(client, seller, event("message.received", order, hours(0)))
    await _case(client, seller, event("message.sent", order, hours(reply_at), author="agent"))
    return case


async def test_a_met_clock_never_fires(
    client: httpx.AsyncClient, seller: SellerFixture, clock: SettableClock, worker_ctx: dict[str, Any]
) -> None:
    case = await _answered(client, seller, 2)
    clock.set(START + hours(48))
    await sweep_clocks(worker_ctx)
    assert await _firings(worker_ctx, case["clocks"][0]["id"]) == []


async def test_a_late_reply_after_the_breach_keeps_it_breached(
    client: httpx.AsyncClient, seller: SellerFixture, clock: SettableClock, worker_ctx: dict[str, Any]
) -> None:
    order = new_order_id()
    case = await _case(client, seller, event("message.received", order, hours(0)))
    clock.set(START + hours(30))
    await sweep_clocks(worker_ctx)
    late = await _case(client, seller, event("message.sent", order, hours(31), author="agent"))
    assert late["status"] == "answered"
    assert [c["state"] for c in late["clocks"]] == ["breached"]
    assert await _firings(worker_ctx, case["clocks"][0]["id"]) == [
        (50, True),
        (75, True),
        (90, True),
        (100, False),
    ]


async def test_return_window_end_closes_the_case_as_not_shipped(
    client: httpx.AsyncClient, seller: SellerFixture, clock: SettableClock, worker_ctx: dict[str, Any]
) -> None:
    order = new_order_id()
    await _case(client, seller, event("return.requested", order, hours(0), return_id="RMA7"))
    case = await _case(client, seller, event("return.authorized", order, hours(10), return_id="RMA7"))
    clock.set(START + hours(10) + hours(24 * 30) - hours(1))
    await sweep_clocks(worker_ctx)
    assert (await client.get(f"/v1/cases/{case['id']}", headers=seller.headers)).json()["open"]
    clock.set(START + hours(10) + hours(24 * 30))
    await sweep_clocks(worker_ctx)
    detail = (await client.get(f"/v1/cases/{case['id']}", headers=seller.headers)).json()
    assert (detail["status"], detail["open"]) == ("closed", False)
    assert detail["facts"]["reason"] == "not_shipped_buyer_keeps_item"
    assert "case.closed" in await _outbound(worker_ctx, case["id"])
    timeline = (await client.get(f"/v1/orders/{order}/timeline", headers=seller.headers)).json()
    closing = [e for e in timeline["entries"] if e.get("type") == "return.closed"]
    assert [e["data"]["reason"] for e in closing] == ["not_shipped_buyer_keeps_item"]
    assert closing[0]["at"] == (START + hours(10 + 24 * 30)).isoformat().replace("+00:00", "Z")


async def test_a_scanned_return_is_not_closed(
    client: httpx.AsyncClient, seller: SellerFixture, clock: SettableClock, worker_ctx: dict[str, Any]
) -> None:
    order = new_order_id()
    case = await _case(client, seller, event("return.authorized", order, hours(0)))
    await _case(client, seller, event("return.label_scanned", order, hours(24 * 20)))
    clock.set(START + hours(24 * 31))
    await sweep_clocks(worker_ctx)
    detail = (await client.get(f"/v1/cases/{case['id']}", headers=seller.headers)).json()
    assert detail["status"] == "in_transit"


async def test_claim_contact_window_end_creates_one_appeal_task(
    client: httpx.AsyncClient, seller: SellerFixture, clock: SettableClock, worker_ctx: dict[str, Any]
) -> None:
    order = new_order_id()
    case = await _case(client, seller, event("claim.opened", order, hours(0), reason="not received"))
    clock.set(START + hours(73))
    await sweep_clocks(worker_ctx)
    await sweep_clocks(worker_ctx)
    tasks = [
        t
        for t in (await client.get("/v1/tasks", headers=seller.headers)).json()
        if t["case_id"] == case["id"]
    ]
    assert [t["kind"] for t in tasks] == ["appeal_now"]
    assert order in tasks[0]["title"]
    assert (await _outbound(worker_ctx, case["id"])).count("task.created") == 1
    done = await client.post(f"/v1/tasks/{tasks[0]['id']}/done", headers=seller.headers)
    assert done.status_code == 200 and done.json()["done_at"]
    assert (await client.get("/v1/tasks", headers=seller.headers)).json() == []


async def _chargebacks_past_their_breach(
    client: httpx.AsyncClient, seller: SellerFixture, clock: SettableClock, count: int
) -> None:
    body = {"events": [event("chargeback.opened", new_order_id(), hours(0)) for _ in range(count)]}
    assert (await client.post("/v1/events:batch", headers=seller.headers, json=body)).status_code == 200
    clock.set(START + hours(24 * 8))


async def test_firings_are_counted_once_across_concurrent_sweeps(
    client: httpx.AsyncClient, seller: SellerFixture, clock: SettableClock, worker_ctx: dict[str, Any]
) -> None:
    await _chargebacks_past_their_breach(client, seller, clock, 30)
    await asyncio.gather(
        *(
            sweep_clocks({KEY: replace(WorkerContext.of(worker_ctx), sweep_batch=7, sweep_concurrency=3)})
            for _ in range(4)
        )
    )
    async with transaction(WorkerContext.of(worker_ctx).sessions) as session:
        counts = await session.execute(
            select(ClockFiring.threshold, func.count())
            .where(ClockFiring.seller_id == seller.id)
            .group_by(ClockFiring.threshold)
        )
        assert dict(counts.all()) == {50: 30, 75: 30, 90: 30, 100: 30}


async def test_clocks_of_one_case_due_together_climb_its_ladder_once(
    client: httpx.AsyncClient, seller: SellerFixture, clock: SettableClock, worker_ctx: dict[str, Any]
) -> None:
    case = await _case(client, seller, event("claim.opened", new_order_id(), hours(0), reason="not received"))
    clock.set(START + hours(24 * 8))
    await sweep_clocks(worker_ctx)
    sent = await _outbound(worker_ctx, case["id"])
    assert sorted(sent) == sorted(
        ["case.opened", "clock.breached", "clock.breached", "clock.warning", "case.escalated", "task.created"]
    ), "the contact window and the 7-day clock breach in one batch; the case escalates once"
    detail = (await client.get(f"/v1/cases/{case['id']}", headers=seller.headers)).json()
    assert detail["assignee"] == "support-manager"


async def test_a_threshold_on_record_moves_the_bookmark_without_a_second_announcement(
    client: httpx.AsyncClient, seller: SellerFixture, clock: SettableClock, worker_ctx: dict[str, Any]
) -> None:
    case = await _case(client, seller, event("message.received", new_order_id(), hours(0)))
    clock_id = case["clocks"][0]["id"]
    async with transaction(WorkerContext.of(worker_ctx).sessions) as session:
        # Fired by an earlier sweep whose bookmark was lost, e.g. restored from a backup.
        session.add(
            ClockFiring(
                seller_id=seller.id,
                clock_id=clock_id,
                threshold=50,
                due_at=START + hours(12),
                fired_at=START + hours(12),
                skipped=False,
                actions=[],
            )
        )
    clock.set(START + hours(13))
    await sweep_clocks(worker_ctx)
    await sweep_clocks(worker_ctx)
    assert await _firings(worker_ctx, clock_id) == [(50, False)]
    assert await _outbound(worker_ctx, case["id"]) == ["case.opened"]
    clock.set(START + hours(18))
    await sweep_clocks(worker_ctx)
    assert await _firings(worker_ctx, clock_id) == [(50, False), (75, False)]
    assert await _outbound(worker_ctx, case["id"]) == ["case.opened", "clock.warning"]


async def test_a_cron_run_that_finds_the_follower_busy_leaves_the_work_to_it(
    client: httpx.AsyncClient, seller: SellerFixture, clock: SettableClock, worker_ctx: dict[str, Any]
) -> None:
    await _chargebacks_past_their_breach(client, seller, clock, 5)
    # arq gives each run its own copy of the worker's ctx, as here.
    first, second = await asyncio.gather(follow_clocks({**worker_ctx}), follow_clocks({**worker_ctx}))
    assert second == 0 and first >= 5
    assert not WorkerContext.of(worker_ctx).sweep_watch.running, "the next run starts a follower again"


async def test_a_clock_whose_order_is_being_changed_fires_after_the_change(
    client: httpx.AsyncClient, seller: SellerFixture, clock: SettableClock, worker_ctx: dict[str, Any]
) -> None:
    case = await _case(client, seller, event("message.received", new_order_id(), hours(0)))
    clock.set(START + hours(18))
    async with transaction(WorkerContext.of(worker_ctx).sessions) as session:
        # A person assigns the case while its 75 % warning is due: the assignment holds the
        # order's lock until it commits, and the sweep leaves the order alone meanwhile.
        assigned = await cases.get_case(session, seller.id, case["id"], lock=True)
        assigned.assignee = "maria"
        assert await sweep_clocks(worker_ctx) == 0
    assert await _firings(worker_ctx, case["clocks"][0]["id"]) == []
    await sweep_clocks(worker_ctx)
    assert await _firings(worker_ctx, case["clocks"][0]["id"]) == [(50, True), (75, False)]
    detail = (await client.get(f"/v1/cases/{case['id']}", headers=seller.headers)).json()
    assert detail["assignee"] == "maria", "the sweep read the case after the assignment, not before it"


async def _bookmarks(ctx: dict[str, Any], clock_id: str) -> list[tuple[str, int]]:
    async with transaction(WorkerContext.of(ctx).sessions) as session:
        rows = await session.execute(
            select(ClockBookmark.next_fire_at, ClockBookmark.fired_through).where(
                ClockBookmark.clock_id == clock_id
            )
        )
        return [(r.next_fire_at.isoformat(), r.fired_through) for r in rows]


async def test_a_clock_keeps_a_bookmark_only_while_a_threshold_is_left_to_fire(
    client: httpx.AsyncClient, seller: SellerFixture, clock: SettableClock, worker_ctx: dict[str, Any]
) -> None:
    order = new_order_id()
    answered = (await _case(client, seller, event("message.received", order, hours(0))))["clocks"][0]["id"]
    assert await _bookmarks(worker_ctx, answered) == [((START + hours(12)).isoformat(), 0)]
    clock.set(START + hours(12))
    await sweep_clocks(worker_ctx)
    assert await _bookmarks(worker_ctx, answered) == [((START + hours(18)).isoformat(), 50)]
    await _case(client, seller, event("message.sent", order, hours(13), author="agent"))
    assert await _bookmarks(worker_ctx, answered) == [], "a stopped clock has nothing left for the sweep"

    ignored = (await _case(client, seller, event("message.received", new_order_id(), hours(0))))["clocks"][0][
        "id"
    ]
    clock.set(START + hours(25))
    await sweep_clocks(worker_ctx)
    assert await _bookmarks(worker_ctx, ignored) == [], "the breach is the last threshold"
    assert (await _firings(worker_ctx, ignored))[-1] == (100, False)


async def test_a_bookmark_left_on_a_stopped_clock_is_dropped_without_a_firing(
    client: httpx.AsyncClient, seller: SellerFixture, clock: SettableClock, worker_ctx: dict[str, Any]
) -> None:
    case = await _answered(client, seller, 1)
    clock_id = case["clocks"][0]["id"]
    async with transaction(WorkerContext.of(worker_ctx).sessions) as session:
        # As a release before the bookmarks' own table might have left one behind.
        session.add(ClockBookmark(clock_id=clock_id, next_fire_at=START + hours(12), fired_through=0))
    clock.set(START + hours(30))
    await sweep_clocks(worker_ctx)
    assert await _bookmarks(worker_ctx, clock_id) == []
    assert await _firings(worker_ctx, clock_id) == []
    assert await _outbound(worker_ctx, case["id"]) == ["case.closed", "case.opened"], "nothing announced"
