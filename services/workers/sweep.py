"""The clock sweep: claim due thresholds, fire each exactly once, and act on window ends.

Everything that changes an order's cases takes the order's row lock first (ingest does too),
so the sweep claims due clocks by locking their orders with SKIP LOCKED: workers split the
work, never wait on each other, and never deadlock with an event being applied.
"""

import uuid
from datetime import datetime
from typing import Any

import structlog
from sqlalchemy import and_, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.core import outbox, policies
from services.core.db import insert_once, transaction
from services.core.domain.clocks import BREACH, ClockState, next_fire, passed
from services.core.domain.escalation import FiringPlan, plan
from services.core.domain.events import EVENT_MODELS
from services.core.domain.kinds import ClockKind
from services.core.ingest import ingest, window_of
from services.core.models import Case, Clock, ClockFiring, Order, Task
from services.core.views import clock_out
from services.core.doorbell import ring
from services.workers.context import now_for

log = structlog.get_logger(__name__)

SYSTEM_SOURCE = "aftersales"


async def sweep_clocks(ctx: dict[str, Any]) -> int:
    """Fire every due threshold, a batch per transaction, until none is due."""
    fired = 0
    batch = ctx["sweep_batch"]
    while True:
        async with transaction(ctx["sessions"]) as session:
            now = await now_for(ctx, session)
            claimed = await sweep_batch(session, now, batch)
            rung = outbox.rung_deliveries(session)
        await ring(ctx.get("redis"), "deliver", *rung)
        fired += claimed
        if claimed < batch:
            return fired


async def sweep_batch(session: AsyncSession, now: datetime, limit: int) -> int:
    rows = (
        await session.execute(
            select(Clock, Case)
            .join(Case, Case.id == Clock.case_id)
            .join(Order, and_(Order.seller_id == Case.seller_id, Order.order_id == Case.order_id))
            .where(Clock.next_fire_at <= now, Clock.state == ClockState.RUNNING.value)
            .order_by(Clock.next_fire_at)
            .limit(limit)
            .with_for_update(of=Order, skip_locked=True)
        )
    ).all()
    rules: dict[uuid.UUID, Any] = {}
    for clock, case in rows:
        if case.seller_id not in rules:
            rules[case.seller_id] = (await policies.current(session, case.seller_id)).policy.escalations
        await _fire(session, clock, case, rules[case.seller_id], now)
    return len(rows)


async def _fire(session: AsyncSession, clock: Clock, case: Case, rules: Any, now: datetime) -> None:
    window = window_of(clock)
    due = passed(clock.started_at, window, clock.warning_percents, clock.fired_through, now)
    if not due:
        clock.next_fire_at = next_fire(clock.started_at, window, clock.warning_percents, clock.fired_through)
        return
    highest = due[-1]
    firing_plan = plan(rules, case.kind, ClockKind(clock.kind), highest, case.assignee, case.escalation_level)
    for threshold in due:
        inserted = await insert_once(
            session,
            ClockFiring,
            ["clock_id", "threshold"],
            seller_id=clock.seller_id,
            clock_id=clock.id,
            threshold=threshold,
            due_at=clock.started_at + window * threshold / 100,
            fired_at=now,
            skipped=threshold != highest,
            actions=firing_plan.actions if threshold == highest else [],
        )
        if inserted is None and threshold == highest:
            log.warning("threshold already fired", clock=str(clock.id), threshold=threshold)
            return
    clock.fired_through = highest
    if highest >= BREACH:
        clock.state = ClockState.BREACHED.value
        clock.next_fire_at = None
    else:
        clock.next_fire_at = next_fire(clock.started_at, window, clock.warning_percents, highest)
    clock.updated_at = now
    await _apply(session, clock, case, firing_plan, highest, now)


async def _apply(session: AsyncSession, clock: Clock, case: Case, firing: FiringPlan, threshold: int, now: datetime) -> None:
    if firing.assignee is not None:
        case.assignee = firing.assignee
    if firing.band_raise:
        case.band_raise += firing.band_raise
        case.band = max(1, case.band - firing.band_raise)
    case.escalation_level = max(case.escalation_level, firing.level)
    case.updated_at = now
    data = {
        "case_id": str(case.id),
        "order_id": case.order_id,
        "case_kind": case.kind,
        "threshold": threshold,
        "clock": clock_out(clock, now).model_dump(mode="json"),
    }
    await outbox.emit(session, case.seller_id, firing.announce, data, now, case_id=case.id)
    for event in firing.emits:
        escalated = {**data, "level": firing.level, "assignee": case.assignee, "band": case.band}
        await outbox.emit(session, case.seller_id, event, escalated, now, case_id=case.id)
    if firing.window_end == "appeal_now_task":
        await _appeal_now(session, clock, case, now)
    elif firing.window_end == "close_return_not_shipped":
        await _close_not_shipped(session, clock, case, now)


async def _appeal_now(session: AsyncSession, clock: Clock, case: Case, now: datetime) -> None:
    """DOMAIN.md 8: no answer from the buyer after the contact window: appeal with the record."""
    task_id = await insert_once(
        session,
        Task,
        ["case_id", "kind"],
        seller_id=case.seller_id,
        case_id=case.id,
        kind="appeal_now",
        title=f"Appeal the A-to-Z claim on order {case.order_id}: the buyer did not answer within the contact window",
        details={"clock_id": str(clock.id), "contact_window_ended_at": clock.due_at.isoformat()},
        created_at=now,
    )
    if task_id is not None:
        data = {"task_id": str(task_id), "kind": "appeal_now", "case_id": str(case.id), "order_id": case.order_id}
        await outbox.emit(session, case.seller_id, "task.created", data, now, case_id=case.id)


async def _close_not_shipped(session: AsyncSession, clock: Clock, case: Case, now: datetime) -> None:
    """DOMAIN.md 4: the window ended with no scan: the return closes, the buyer keeps the item.

    Recorded as an event of our own, so the case stays the fold of its order's events.
    """
    if not case.is_open:
        return
    envelope = EVENT_MODELS["return.closed"].model_validate(
        {
            "id": f"window-end:{clock.id}",
            "type": "return.closed",
            "occurred_at": clock.due_at,
            "order_id": case.order_id,
            "marketplace": case.marketplace,
            "data": {"return_id": case.key, "reason": "not_shipped_buyer_keeps_item"},
        }
    )
    await ingest(session, case.seller_id, envelope, now, source=SYSTEM_SOURCE)


