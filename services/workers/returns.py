"""Reminder dispatch: the one reminder of each authorized return whose label shows no scan."""

from typing import Any

import structlog

from services.core.messages import service as messages
from services.core.returns import reminders
from services.workers.context import WorkerContext

log = structlog.get_logger(__name__)


async def dispatch_reminders(ctx: dict[str, Any]) -> int:
    """Send every due reminder; each in a savepoint, so one refusal never blocks the rest."""
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
            except messages.NotCompliant as refused:
                log.warning(
                    "return reminder not sent: the seller's template breaks the rules",
                    case=str(case.id),
                    rules=sorted({f.rule for f in refused.findings}),
                )
    return sent
