"""Reminder dispatch: the one reminder of each authorized return whose label shows no scan."""

from typing import Any

import structlog

from services.core.kit.db import transaction
from services.core.kit.doorbell import ring
from services.core.messages import service as messages
from services.core.returns import reminders
from services.core.webhooks import outbox
from services.workers.context import now_for

log = structlog.get_logger(__name__)


async def dispatch_reminders(ctx: dict[str, Any]) -> int:
    """Send every due reminder; each in a savepoint, so one refusal never blocks the rest."""
    sent = 0
    async with transaction(ctx["sessions"]) as session:
        now = await now_for(ctx, session)
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
        rung = outbox.rung_deliveries(session)
    await ring(ctx.get("redis"), "deliver", *rung)
    return sent
