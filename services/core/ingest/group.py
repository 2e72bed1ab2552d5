"""Group commit: concurrent single-event requests applied together, each answered on its own.

Producers send events one at a time: helpdesk webhooks, SQS messages, ops scripts. Alone, each
pays for a transaction of its own (a connection, BEGIN, three statements, a COMMIT that waits
for the disk) and for an order fold, where the batch path pays those once for a thousand. The
collector of an API process takes what arrives within `window` seconds, or `max_events`
items, whichever comes first, and applies it in one transaction: the events of one seller
through `ingest_many` (one fold per order), each inbound delivery in a savepoint of its own,
then one commit. Each request is answered only after that commit, with its own outcome.

- A group starts when nothing else is being applied, when `window` has passed since its first
  request, or when it holds `max_events`: a lone request never waits, and under load groups form
  from what arrives while others are applied. With `concurrency` groups already in flight, what
  arrives waits for one of them to end and goes in the next group.
- One item's refusal never fails another's: a conflict is an outcome of its own, a delivery's
  refusal rolls back its savepoint only, and a group whose transaction fails for any other
  reason is applied again item by item, so each request gets the answer it would have had alone.
  When the database is unreachable every request of the group gets that error (a 503), and none
  of the group was committed.
- A request whose client has gone before its group starts is left out; one that goes during its
  group changes nothing for the others.
- API keys are checked once for the whole group, in its transaction: a key revoked before the
  group ran refuses its requests however long this process has known the key.
- With `window` or `max_events` 0 each request is a group of its own.
"""

import asyncio
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import structlog
from arq.connections import ArqRedis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.core.domain.events import Envelope
from services.core.ingest import DEFAULT_SOURCE, Ingested, ingest_many
from services.core.kit.clock import Clock
from services.core.kit.db import is_unavailable
from services.core.kit.errors import AftersalesError, Unavailable
from services.core.kit.unit_of_work import unit_of_work
from services.core.sellers.service import KeyRefused

log = structlog.get_logger(__name__)

# The batch endpoint's own limit: a group never holds more order locks than a full batch.
MAX_GROUP = 1000

Apply = Callable[[AsyncSession, datetime], Awaitable[Any]]


@dataclass(eq=False)
class _Item:
    future: asyncio.Future[Any] = field(init=False)


@dataclass(eq=False)
class _Event(_Item):
    seller_id: uuid.UUID
    key_id: uuid.UUID | None
    source: str
    envelope: Envelope


@dataclass(eq=False)
class _Unit(_Item):
    apply: Apply


class GroupInterrupted(Unavailable):
    """The process stopped while the request's group was being applied; its commit is unknown."""

    slug = "group-interrupted"


class GroupCommit:
    """The collector of one API process."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        clock: Clock,
        redis: ArqRedis | None,
        *,
        window_seconds: float,
        max_events: int,
        concurrency: int,
        observe: Callable[[int], None] = lambda size: None,
    ) -> None:
        self._sessions, self._clock, self._redis = sessions, clock, redis
        self.window = window_seconds
        self.max_events = min(max_events, MAX_GROUP)
        self.concurrency = concurrency
        self._observe = observe
        self._pending: list[_Item] = []
        self._timer: asyncio.TimerHandle | None = None
        self._in_flight: set[asyncio.Task[None]] = set()

    @property
    def grouping(self) -> bool:
        return self.window > 0 and self.max_events > 1

    @property
    def waiting(self) -> int:
        """Requests waiting for the next group."""
        return len(self._pending)

    async def event(
        self,
        seller_id: uuid.UUID,
        envelope: Envelope,
        *,
        key_id: uuid.UUID | None,
        source: str = DEFAULT_SOURCE,
    ) -> Ingested:
        """Apply one event with whatever else is arriving; raises EventConflict for an id used
        before for another event, KeyRefused when `key_id` was revoked meanwhile."""
        outcome = await self._submit(_Event(seller_id, key_id, source, envelope))
        assert isinstance(outcome, Ingested)
        return outcome

    async def unit(self, apply: Apply) -> Any:
        """Run `apply(session, now)` in a savepoint of the next group; its result once committed.
        An AftersalesError it raises undoes its own writes only."""
        return await self._submit(_Unit(apply))

    async def drain(self) -> None:
        """Apply what is waiting and wait for every group in flight (on shutdown)."""
        self._flush()
        while self._in_flight:
            await asyncio.gather(*self._in_flight, return_exceptions=True)
            self._flush()

    async def _submit(self, item: _Item) -> Any:
        loop = asyncio.get_running_loop()
        item.future = loop.create_future()
        self._pending.append(item)
        if not self.grouping or len(self._pending) >= self.max_events or not self._in_flight:
            # An idle collector has nothing to wait for: a lone request goes at once, and what
            # arrives while it is applied makes the next group.
            self._flush()
        elif self._timer is None:
            self._timer = loop.call_later(self.window, self._flush)
        return await item.future

    def _flush(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        size = self.max_events if self.grouping else 1
        while self._pending and len(self._in_flight) < self.concurrency:
            group, self._pending = self._pending[:size], self._pending[size:]
            task = asyncio.get_running_loop().create_task(self._run(group))
            self._in_flight.add(task)
            task.add_done_callback(self._ended)

    def _ended(self, task: asyncio.Task[None]) -> None:
        self._in_flight.discard(task)
        # What arrived while the others were applied has waited long enough already, unless its
        # window is still open beside another group in flight.
        if self._pending and (
            self._timer is None or not self._in_flight or len(self._pending) >= self.max_events
        ):
            self._flush()

    async def _run(self, group: list[_Item]) -> None:
        items = [item for item in group if not item.future.done()]
        try:
            if items:
                self._observe(len(items))
                await self._settle_group(items)
        finally:
            for item in items:
                _settle(
                    item.future, GroupInterrupted("the service stopped while applying this request; retry it")
                )

    async def _settle_group(self, items: list[_Item]) -> None:
        try:
            outcomes = await self._together(items)
        except Exception as error:
            if len(items) == 1 or is_unavailable(error):
                for item in items:
                    _settle(item.future, error)
                return
            log.warning("group failed; applying its items one by one", size=len(items), error=repr(error))
            for item in items:
                try:
                    [outcome] = await self._together([item])
                except Exception as alone:
                    outcome = alone
                _settle(item.future, outcome)
            return
        for item, outcome in zip(items, outcomes, strict=True):
            _settle(item.future, outcome)

    async def _together(self, items: Sequence[_Item]) -> list[Any]:
        """Every item's outcome (a result or the error to raise), all committed in one transaction."""
        outcomes: dict[int, Any] = {}
        async with unit_of_work(self._sessions, self._clock, self._redis, agreed_now=False) as work:
            session, now = work.session, work.now
            events = [(n, item) for n, item in enumerate(items) if isinstance(item, _Event)]
            revoked = await _revoked(session, {item.key_id for _, item in events if item.key_id})
            by_seller: dict[tuple[str, str], list[tuple[int, _Event]]] = {}
            for n, item in events:
                if item.key_id in revoked:
                    outcomes[n] = KeyRefused("the API key is unknown or revoked")
                else:
                    by_seller.setdefault((str(item.seller_id), item.source), []).append((n, item))
            # Sellers in one order, so two groups take their order locks in one order.
            for key in sorted(by_seller):
                members = by_seller[key]
                results = await ingest_many(
                    session, members[0][1].seller_id, [item.envelope for _, item in members], now, key[1]
                )
                for (n, _), result in zip(members, results, strict=True):
                    outcomes[n] = result
            for n, item in enumerate(items):
                if isinstance(item, _Unit):
                    outcomes[n] = await _in_savepoint(session, item.apply, now)
        return [outcomes[n] for n in range(len(items))]


async def _in_savepoint(session: AsyncSession, apply: Apply, now: datetime) -> Any:
    try:
        async with session.begin_nested():
            return await apply(session, now)
    except AftersalesError as refused:
        return refused


async def _revoked(session: AsyncSession, key_ids: set[uuid.UUID]) -> set[uuid.UUID]:
    """The keys of `key_ids` no longer live: one statement for the whole group."""
    if not key_ids:
        return set()
    # On the driver, as ingest's statements are: it also begins the transaction they join.
    connection = await session.connection()
    rows = await connection.exec_driver_sql(_LIVE_KEYS, (list(key_ids),))
    return key_ids - {row[0] for row in rows}


_LIVE_KEYS = "SELECT id FROM api_keys WHERE id = ANY($1::uuid[]) AND revoked_at IS NULL"


def _settle(future: asyncio.Future[Any], outcome: Any) -> None:
    if future.done():
        return
    if isinstance(outcome, BaseException):
        future.set_exception(outcome)
    else:
        future.set_result(outcome)
