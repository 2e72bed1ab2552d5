"""Running a policy backtest: the seller's stored events of the window refolded under the policy
in force and under the proposal, side by side with what really happened.

Read-only by construction: it reads events, clocks and firings, and writes only its own
`backtests` row (progress after each chunk of orders, the result at the end). Orders are read
and folded a chunk at a time, so memory holds one chunk's events and the running tallies.
"""

import uuid
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, select, text, update

from services.core.domain.backtest import (
    ClockOutcome,
    Tally,
    explain_change,
    late_return_decisions,
    order_defective,
    outcomes,
)
from services.core.domain.cases import Fact, fold, sort_key
from services.core.domain.clocks import EventRef
from services.core.domain.health_facts import order_health
from services.core.domain.metrics import TARGETS, figure
from services.core.domain.policy import Policy
from services.core.kit.unit_of_work import Work
from services.core.models import Backtest, Event, PolicyVersion

CHUNK = 2000
CHANGES_SHOWN = 200

_ORDERS = text("""
    SELECT DISTINCT order_id FROM events
    WHERE seller_id = :seller AND occurred_at >= :since AND occurred_at < :asof
""")
_EVENTS = select(Event.order_id, Event.event_id, Event.type, Event.occurred_at, Event.data).where(
    Event.seller_id == bindparam("seller"),
    Event.order_id.in_(bindparam("orders", expanding=True)),
    Event.occurred_at < bindparam("asof"),
)
# What really happened: the stored clocks that started in the window, and their firings.
_ACTUAL = text("""
    SELECT k.kind, count(*) AS clocks,
           count(*) FILTER (WHERE EXISTS (SELECT 1 FROM clock_firings f
                                          WHERE f.clock_id = k.id AND f.threshold < 100)) AS warned,
           count(*) FILTER (WHERE k.state = 'breached') AS breached,
           count(*) FILTER (WHERE EXISTS (SELECT 1 FROM clock_firings f
                                          WHERE f.clock_id = k.id AND f.actions <> '[]'::jsonb)) AS escalated,
           count(*) FILTER (WHERE k.state = 'met') AS met
    FROM clocks k
    WHERE k.seller_id = :seller AND k.started_at >= :since AND k.started_at < :asof
    GROUP BY k.kind
""")

Units = Callable[[], AbstractAsyncContextManager[Work]]


@dataclass
class Side:
    """One policy's running totals."""

    policy: Policy
    tally: Tally = field(default_factory=Tally)
    orders: int = 0
    defective: int = 0
    returns: int = 0
    late_returns: int = 0

    def health(self) -> dict[str, Any]:
        return {
            "order_defect_rate": asdict(figure(self.defective, self.orders, TARGETS["order_defect_rate"])),
            "return_dissatisfaction": asdict(
                figure(self.late_returns, self.returns, TARGETS["return_dissatisfaction"])
            ),
        }


@dataclass
class Run:
    seller_id: uuid.UUID
    since: datetime
    asof: datetime
    now: Side
    proposed: Side
    changes: list[dict[str, Any]] = field(default_factory=list)
    changed: int = 0

    def order(self, order_id: str, facts: list[Fact]) -> None:
        """One order under both policies: tallies, health counts, and its changed clocks."""
        folded = fold(facts)
        health = order_health(sorted(facts, key=sort_key), folded.order.get("purchased_at"))
        found: dict[str, dict[tuple[str, str, str], ClockOutcome]] = {}
        for name, side in (("now", self.now), ("proposed", self.proposed)):
            mine = list(outcomes(order_id, folded, side.policy, self.since, self.asof))
            found[name] = {o.key: o for o in mine}
            for outcome in mine:
                side.tally.add(outcome)
            if self.since <= health.ordered_at < self.asof:
                side.orders += 1
                side.defective += order_defective(health, side.policy)
            returns, late = late_return_decisions(mine)
            side.returns += returns
            side.late_returns += late
        self._compare(found["now"], found["proposed"])

    def _compare(
        self,
        before: dict[tuple[str, str, str], ClockOutcome],
        after: dict[tuple[str, str, str], ClockOutcome],
    ) -> None:
        for key in sorted(before.keys() | after.keys()):
            was, will = before.get(key), after.get(key)
            if (
                was is not None
                and will is not None
                and (was.word(), was.escalated) == (will.word(), will.escalated)
            ):
                continue
            self.changed += 1
            if len(self.changes) < CHANGES_SHOWN:
                some = will or was
                assert some is not None
                self.changes.append(
                    {
                        "order_id": some.order_id,
                        "case_kind": some.case_kind,
                        "case_key": some.case_key,
                        "clock_kind": some.kind,
                        "now": None if was is None else was.word(),
                        "proposed": None if will is None else will.word(),
                        "escalated_now": None if was is None else was.escalated,
                        "escalated_proposed": None if will is None else will.escalated,
                        "explanation": explain_change(was, will, self.now.policy, self.proposed.policy),
                    }
                )

    def result(self, actual: dict[str, dict[str, int]]) -> dict[str, Any]:
        kinds = sorted(self.now.tally.kinds.keys() | self.proposed.tally.kinds.keys() | actual.keys())
        empty = {"clocks": 0, "warned": 0, "breached": 0, "escalated": 0, "met": 0}
        return {
            "clocks": {
                kind: {
                    "actual": actual.get(kind, empty),
                    "now": self.now.tally.kinds.get(kind, empty),
                    "proposed": self.proposed.tally.kinds.get(kind, empty),
                }
                for kind in kinds
            },
            "health": {"now": self.now.health(), "proposed": self.proposed.health()},
            "changes_total": self.changed,
            "changes": self.changes,
        }


async def run(units: Units, backtest_id: uuid.UUID) -> bool:
    """Run a queued backtest to its end; False when there was none to run (gone, or taken by
    another run: the job may be rung twice)."""
    async with units() as work:
        claimed = await work.session.execute(
            update(Backtest)
            .where(Backtest.id == backtest_id, Backtest.status == "queued")
            .values(status="running")
            .returning(
                Backtest.seller_id, Backtest.since, Backtest.asof, Backtest.proposal, Backtest.policy_version
            )
        )
        row = claimed.first()
        if row is None:
            return False
        seller_id, since, asof, proposal, version = row
        document = await work.session.scalar(
            select(PolicyVersion.document).where(
                PolicyVersion.seller_id == seller_id, PolicyVersion.version == version
            )
        )
        params = {"seller": seller_id, "since": since, "asof": asof}
        orders = sorted((await work.session.scalars(_ORDERS, params)).all())
        await _progress(work, backtest_id, orders_total=len(orders))
    state = Run(
        seller_id, since, asof, Side(Policy.model_validate(document)), Side(Policy.model_validate(proposal))
    )
    for start in range(0, len(orders), CHUNK):
        chunk = orders[start : start + CHUNK]
        async with units() as work:
            facts = await _facts(work, {"seller": seller_id, "asof": asof, "orders": chunk})
            for order_id in chunk:
                state.order(order_id, facts.get(order_id, []))
            await _progress(work, backtest_id, orders_done=start + len(chunk))
    async with units() as work:
        actual = {r.kind: dict(r._mapping) for r in await work.session.execute(_ACTUAL, params)}
        for counts in actual.values():
            counts.pop("kind")
        await _progress(work, backtest_id, status="done", result=state.result(actual), finished_at=work.now)
    return True


async def _facts(work: Work, params: dict[str, Any]) -> dict[str, list[Fact]]:
    found: dict[str, list[Fact]] = {}
    for order_id, event_id, type_, occurred_at, data in await work.session.execute(_EVENTS, params):
        found.setdefault(order_id, []).append(Fact(EventRef(event_id, type_, occurred_at), data))
    return found


async def _progress(work: Work, backtest_id: uuid.UUID, **values: Any) -> None:
    await work.session.execute(update(Backtest).where(Backtest.id == backtest_id).values(**values))


async def fail(units: Units, backtest_id: uuid.UUID, error: str) -> None:
    """A run that raised says so on its row, for the seller to see instead of waiting."""
    async with units() as work:
        await _progress(work, backtest_id, status="failed", error=error, finished_at=work.now)
