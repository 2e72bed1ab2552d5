"""Running a policy backtest: the seller's stored events of the window refolded under the policy
in force and under the proposal, side by side with what really happened.

Read-only by construction: it reads events, clocks and firings, and writes only its own
`backtests` row (progress after each chunk of rows, the result at the end). The events are
streamed in order-id order and folded an order at a time, so memory holds one chunk of rows
and the running tallies.
"""

import uuid
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, String, column, select, text, update
from sqlalchemy.dialects.postgresql import JSONB

from services.core.domain.backtest import (
    ClockOutcome,
    Replay,
    Tally,
    explain_change,
    late_return_decisions,
    order_defective,
)
from services.core.domain.cases import Fact, OrderFold, fold, relevant_to, sort_key
from services.core.domain.clocks import EventRef
from services.core.domain.health_facts import buyer_messages, order_health
from services.core.domain.kinds import CaseKind
from services.core.domain.metrics import TARGETS, Target, figure
from services.core.domain.policy import Policy
from services.core.kit.unit_of_work import Work
from services.core.models import Backtest, PolicyVersion

CHUNK = 5000
CHANGES_SHOWN = 200

_WINDOW_ORDERS = """
    SELECT DISTINCT order_id FROM events
    WHERE seller_id = :seller AND occurred_at >= :since AND occurred_at < :asof
"""
_COUNT = text(f"SELECT count(*) FROM ({_WINDOW_ORDERS}) o")
# Every event of those orders up to the backtest's moment (an earlier event can matter to a
# clock of the window), grouped by order.
_EVENTS = text(f"""
    SELECT order_id, event_id, type, occurred_at, data FROM events
    WHERE seller_id = :seller AND occurred_at < :asof AND order_id IN ({_WINDOW_ORDERS})
    ORDER BY order_id
""").columns(
    column("order_id", String),
    column("event_id", String),
    column("type", String),
    column("occurred_at", DateTime(timezone=True)),
    column("data", JSONB),
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

    replay: Replay
    tally: Tally = field(default_factory=Tally)
    orders: int = 0
    defective: int = 0
    returns: int = 0
    late_returns: int = 0
    messages: int = 0
    no_response_needed: int = 0

    def health(self) -> dict[str, Any]:
        # The no-response-needed rate is the same count under both; its warning line is the policy's.
        nrn_target = Target(self.replay.policy.messages.no_response_needed_warning_percent, "below")
        return {
            "no_response_needed": asdict(figure(self.no_response_needed, self.messages, nrn_target)),
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
        ordered = sorted(facts, key=sort_key)
        health = order_health(ordered, folded.order.get("purchased_at"))
        messages, nrn = self._messages(folded, ordered)
        found: dict[str, dict[tuple[str, str, str], ClockOutcome]] = {}
        for name, side in (("now", self.now), ("proposed", self.proposed)):
            mine = list(side.replay.outcomes(order_id, folded, self.since, self.asof))
            found[name] = {o.key: o for o in mine}
            for outcome in mine:
                side.tally.add(outcome)
            if self.since <= health.ordered_at < self.asof:
                side.orders += 1
                side.defective += order_defective(health, side.replay.policy)
            returns, late = late_return_decisions(mine)
            side.returns += returns
            side.late_returns += late
            side.messages += messages
            side.no_response_needed += nrn
        self._compare(found["now"], found["proposed"])

    def _messages(self, folded: OrderFold, ordered: list[Fact]) -> tuple[int, int]:
        """Buyer messages received in the window, and those closed as no response needed."""
        total = nrn = 0
        for case in folded.cases.values():
            if case.kind is CaseKind.MESSAGE:
                for message in buyer_messages([f for f in ordered if relevant_to(case, f)]):
                    if self.since <= message.received_at < self.asof:
                        total += 1
                        nrn += message.no_response_needed
        return total, nrn

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
                        "explanation": explain_change(
                            was, will, self.now.replay.policy, self.proposed.replay.policy
                        ),
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
        total = int(await work.session.scalar(_COUNT, params) or 0)
        await _progress(work, backtest_id, orders_total=total)
    state = Run(
        seller_id,
        since,
        asof,
        Side(Replay(Policy.model_validate(document))),
        Side(Replay(Policy.model_validate(proposal))),
    )
    done = 0
    # One read of the window's orders' events, in order-id order, streamed: Postgres reads and
    # sends the next rows while this process folds the ones it has.
    async with units() as reading:
        stream = await reading.session.stream(_EVENTS, params)
        order_id, facts = None, []
        async for rows in stream.partitions(CHUNK):
            for row in rows:
                if row[0] != order_id:
                    if order_id is not None:
                        state.order(order_id, facts)
                        done += 1
                    order_id, facts = row[0], []
                facts.append(Fact(EventRef(row[1], row[2], row[3]), row[4]))
            async with units() as work:
                await _progress(work, backtest_id, orders_done=done)
        if order_id is not None:
            state.order(order_id, facts)
            done += 1
    async with units() as work:
        actual = {r.kind: dict(r._mapping) for r in await work.session.execute(_ACTUAL, params)}
        for counts in actual.values():
            counts.pop("kind")
        await _progress(
            work,
            backtest_id,
            status="done",
            orders_done=done,
            result=state.result(actual),
            finished_at=work.now,
        )
    return True


async def _progress(work: Work, backtest_id: uuid.UUID, **values: Any) -> None:
    await work.session.execute(update(Backtest).where(Backtest.id == backtest_id).values(**values))


async def fail(units: Units, backtest_id: uuid.UUID, error: str) -> None:
    """A run that raised says so on its row, for the seller to see instead of waiting."""
    async with units() as work:
        await _progress(work, backtest_id, status="failed", error=error, finished_at=work.now)
