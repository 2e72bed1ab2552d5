"""What the sweep does when a clock's breach ends a window the domain acts on (DOMAIN.md 4, 8).

Each action is exactly once: the appeal task is unique per case and kind, and the closing
event is recorded under an id of its own, which ingest keeps once.
"""

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from services.core.cases.shapes import ClockRow
from services.core.clocks.ladder import CaseState
from services.core.domain.events import EVENT_MODELS
from services.core.ingest import ingest
from services.core.kit.db import insert_once
from services.core.models import Task
from services.core.webhooks import outbox

SYSTEM_SOURCE = "aftersales"


async def act(
    session: AsyncSession, window_ends: list[tuple[ClockRow, CaseState, str]], now: datetime
) -> None:
    for clock, case, window_end in window_ends:
        if window_end == "appeal_now_task":
            await _appeal_now(session, clock, case, now)
        elif window_end == "close_return_not_shipped":
            await _close_not_shipped(session, clock, case, now)


async def _appeal_now(session: AsyncSession, clock: ClockRow, case: CaseState, now: datetime) -> None:
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
        data = {
            "task_id": str(task_id),
            "kind": "appeal_now",
            "case_id": str(case.id),
            "order_id": case.order_id,
        }
        await outbox.emit(session, case.seller_id, "task.created", data, now, case_id=case.id)


async def _close_not_shipped(session: AsyncSession, clock: ClockRow, case: CaseState, now: datetime) -> None:
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
