"""Reminder dispatch: the one reminder of each authorized return whose label shows no scan."""

from datetime import datetime
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from services.core.messages import service as messages
from services.core.models import Case
from services.core.returns import reminders
from services.workers.context import WorkerContext

log = structlog.get_logger(__name__)


async def dispatch_reminders(ctx: dict[str, Any]) -> int:
    """Send every due reminder, each in a savepoint: one return's failure is logged with its ids
    (and, for a template its seller must fix, held back with a task) and never stops the rest."""
    sent = 0
    async with WorkerContext.of(ctx).unit_of_work() as work:
        session, now = work.session, work.now
        for case, reason in await reminders.due_returns(session, now):
            try:
                async with session.begin_nested():
                    await reminders.send_reminder(session, case, reminders.SYSTEM, reason, now)
                sent += 1
            except reminders.ReminderExists:
                continue  # an agent was quicker; one reminder is all there is
            except (messages.TemplateValuesMissing, messages.NotCompliant) as refused:
                await _hold(work.session, case, refused, now)
            except Exception:
                log.exception("return reminder failed; the others go on", **_ids(case))
    return sent


async def _hold(
    session: AsyncSession,
    case: Case,
    refused: messages.TemplateValuesMissing | messages.NotCompliant,
    now: datetime,
) -> None:
    try:
        async with session.begin_nested():
            if await reminders.hold(session, case, refused, now):
                log.warning(
                    "return reminder held back: the seller's template cannot make it",
                    problem=refused.slug,
                    detail=refused.detail,
                    **_ids(case),
                )
    except Exception:
        log.exception("holding back a return reminder failed; the others go on", **_ids(case))


def _ids(case: Case) -> dict[str, str]:
    return {"seller_id": str(case.seller_id), "case_id": str(case.id), "order_id": case.order_id}
