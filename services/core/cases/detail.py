"""One case as its page and `GET /v1/cases/{id}` show it: clocks, notes, and for a message the
seller's no-response-needed rate (heavy use draws Amazon's warnings)."""

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from services.core.cases import service as cases
from services.core.cases.shapes import CaseDetail, case_detail
from services.core.domain.kinds import CaseKind
from services.core.messages import service as messages
from services.core.models import Case


async def detail(session: AsyncSession, case: Case, now: datetime) -> CaseDetail:
    clocks = await cases.clocks_of(session, [case.id])
    rate = (
        await messages.no_response_needed_rate(session, case.seller_id, now)
        if case.kind == CaseKind.MESSAGE
        else None
    )
    return case_detail(case, clocks[case.id], await cases.notes_of(session, case.id), now, rate)
