"""The per-agent report: clocks met and breached, by the person who stopped them; Amazon's clocks
and the team's own targets on working hours counted apart."""

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, func, literal, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from services.core.domain.kinds import TEAM_PREFIX
from services.core.models import Case, Clock, Event


@dataclass(frozen=True)
class AgentLine:
    agent: str
    met: int
    breached: int
    team_met: int
    team_breached: int


_TEAM = Clock.kind.startswith(TEAM_PREFIX)
_ZERO = {"met": 0, "breached": 0, "team_met": 0, "team_breached": 0}


async def agent_report(
    session: AsyncSession, seller_id: uuid.UUID, since: datetime, until: datetime
) -> list[AgentLine]:
    """Clocks stopped in the period, by the person whose reply or action stopped them; clocks
    that breached unstopped count against the case's assignee."""
    stopped = await session.execute(
        select(Event.data["agent"].astext, Clock.state, _TEAM, func.count())
        .select_from(Clock)
        .join(Event, and_(Event.seller_id == Clock.seller_id, Event.event_id == Clock.stopped_by_event))
        .where(
            Clock.seller_id == seller_id,
            Clock.stopped_at >= since,
            Clock.stopped_at < until,
            Clock.state.in_(("met", "breached")),
        )
        .group_by(text("1"), Clock.state, text("3"))
    )
    lines: dict[str, dict[str, int]] = {}
    for agent, state, team, count in stopped:
        lines.setdefault(agent or "(no agent)", dict(_ZERO))[f"team_{state}" if team else state] += count
    unstopped = await session.execute(
        select(func.coalesce(Case.assignee, literal("(unassigned)")), _TEAM, func.count())
        .select_from(Clock)
        .join(Case, Case.id == Clock.case_id)
        .where(
            Clock.seller_id == seller_id,
            Clock.state == "breached",
            Clock.stopped_at.is_(None),
            Clock.due_at >= since,
            Clock.due_at < until,
        )
        .group_by(Case.assignee, text("2"))
    )
    for agent, team, count in unstopped:
        lines.setdefault(agent, dict(_ZERO))["team_breached" if team else "breached"] += count
    return [AgentLine(agent, **c) for agent, c in sorted(lines.items())]
