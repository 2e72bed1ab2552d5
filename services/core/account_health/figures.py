"""Account health from the stored facts: ODR and its parts, response time, dissatisfaction,
no-response-needed rate, and a forecast."""

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import BindParameter, String, and_, bindparam, func, or_, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from services.core.domain.kinds import CaseKind, ClockKind
from services.core.domain.metrics import (
    TARGETS,
    Figure,
    Target,
    Window,
    figure,
    leaves_window,
    percent,
    whole_days,
    window,
)
from services.core.domain.policy import Policy
from services.core.models import (
    BuyerMessage,
    Case,
    Clock,
    Event,
    Order,
    OrderDay,
    OrderDayChange,
)
from services.core.models.order import DEFECT_DATES

MAX_LEAVING = 200


@dataclass(frozen=True)
class Leaving:
    order_id: str
    defects: list[str]
    leaves_window_on: date


@dataclass(frozen=True)
class Forecast:
    open_claims: int
    percent: float | None
    on: datetime | None
    sentence: str


@dataclass(frozen=True)
class AccountHealth:
    window: Window
    window_days: int
    lag_days: int
    marketplace: str | None
    orders: int
    order_defect_rate: Figure
    negative_feedback: Figure
    a_to_z_claims: Figure
    chargebacks: Figure
    response_under_24h: Figure
    customer_service_dissatisfaction: Figure
    return_dissatisfaction: Figure
    no_response_needed: Figure
    forecast: Forecast
    leaving: list[Leaving]


def _inline(kind: ClockKind) -> BindParameter[str]:
    """A clock kind written into the statement, not bound: the clocks' health index holds only
    the kinds health reads, and a plan made for any kind could not use it."""
    return bindparam(None, kind.value, type_=String, literal_execute=True)


def _in(column: Any, marketplace: str | None) -> list[Any]:
    return [] if marketplace is None else [column == marketplace]


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(), UTC)


async def count_orders(
    session: AsyncSession, seller_id: uuid.UUID, marketplace: str | None, span: Window
) -> int:
    """Orders dated in the window: whole days from the day counts, the edges from the orders."""

    def dated(start: datetime, end: datetime) -> Any:
        return (
            select(func.count())
            .select_from(Order)
            .where(
                Order.seller_id == seller_id,
                *_in(Order.marketplace, marketplace),
                Order.ordered_at >= start,
                Order.ordered_at < end,
            )
            .scalar_subquery()
        )

    days = whole_days(span)
    if days is None:
        return int(await session.scalar(select(dated(span.start, span.end))) or 0)
    first, last = days

    def summed(table: Any) -> Any:
        return (
            select(func.coalesce(func.sum(table.orders), 0))
            .where(
                table.seller_id == seller_id,
                *_in(table.marketplace, marketplace),
                table.day >= first,
                table.day < last,
            )
            .scalar_subquery()
        )

    total = (
        summed(OrderDay)
        + summed(OrderDayChange)
        + dated(span.start, _midnight(first))
        + dated(_midnight(last), span.end)
    )
    return int(await session.scalar(select(total)) or 0)


async def fold_order_days(session: AsyncSession) -> int:
    """Move the appended order-day changes into the day counts; returns how many were moved."""
    moved = await session.execute(
        text("""
        WITH moved AS (DELETE FROM order_day_changes RETURNING seller_id, marketplace, day, orders),
        summed AS (
            SELECT m.seller_id, m.marketplace, m.day, sum(m.orders) AS orders, count(*) AS changes
            FROM moved m JOIN sellers s ON s.id = m.seller_id
            GROUP BY 1, 2, 3
        ),
        folded AS (
            INSERT INTO order_days (seller_id, marketplace, day, orders)
            SELECT seller_id, marketplace, day, orders FROM summed ORDER BY 1, 2, 3
            ON CONFLICT (seller_id, marketplace, day) DO UPDATE SET orders = order_days.orders + excluded.orders
        )
        SELECT coalesce(sum(changes), 0) FROM summed
    """)
    )
    return int(moved.scalar_one())


async def account_health(
    session: AsyncSession,
    seller_id: uuid.UUID,
    marketplace: str | None,
    days: int,
    lag_days: int,
    now: datetime,
    policy: Policy,
    *,
    details: bool = True,
) -> AccountHealth:
    """The figures of the window; with `details` False, without the forecast and the list of
    orders leaving the window, which a chart's past days do not show."""
    # Prepared statements turn generic after five runs, and a generic plan cannot see how many
    # rows a window holds (bench/health measured it 2x slower): plan each call for its window.
    await session.execute(text("SET LOCAL plan_cache_mode = force_custom_plan"))
    span = window(now, days, lag_days)
    counting = [outcome for outcome, counts in policy.claims.counts_in_odr.items() if counts]
    # A defect counts once it is known by the end of the window: Amazon's lagged view.
    # Each flag is coalesced to false: a NULL date must mean "no", not SQL's "unknown".
    negative = func.coalesce(Order.negative_feedback_at < span.end, False)
    claim = func.coalesce(and_(Order.claim_outcome.in_(counting), Order.claim_closed_at < span.end), False)
    chargeback = func.coalesce(Order.chargeback_at < span.end, False)
    defective = or_(negative, claim, chargeback)
    open_claim = func.coalesce(
        and_(
            Order.claim_opened_at < span.end,
            or_(Order.claim_outcome.is_(None), Order.claim_closed_at >= span.end),
        ),
        False,
    )
    # Only orders with a defect date can count; saying so lets Postgres read the small partial index.
    with_defects = [
        Order.seller_id == seller_id,
        *_in(Order.marketplace, marketplace),
        Order.ordered_at >= span.start,
        Order.ordered_at < span.end,
        or_(*(getattr(Order, name).is_not(None) for name in DEFECT_DATES)),
    ]
    orders = await count_orders(session, seller_id, marketplace, span)
    n_negative, n_claims, n_chargebacks, n_defective, n_open_claims = (
        await session.execute(
            select(
                func.count().filter(negative),
                func.count().filter(claim),
                func.count().filter(chargeback),
                func.count().filter(defective),
                func.count().filter(and_(open_claim, ~defective)),
            ).where(*with_defects)
        )
    ).one()
    odr = TARGETS["order_defect_rate"]
    part = Target(odr.percent, odr.direction)

    messages = [
        BuyerMessage.seller_id == seller_id,
        *_in(BuyerMessage.marketplace, marketplace),
        BuyerMessage.received_at >= span.start,
        BuyerMessage.received_at < span.end,
    ]
    in_time = and_(
        BuyerMessage.answered_at.is_not(None),
        BuyerMessage.answered_at <= BuyerMessage.received_at + timedelta(hours=24),
    )
    total_messages, answered_in_time, nrn = (
        await session.execute(
            select(
                func.count(),
                func.count().filter(in_time),
                func.count().filter(BuyerMessage.no_response_needed),
            ).where(*messages)
        )
    ).one()

    rated = (
        await session.execute(
            select(Event.data["rating"].astext, func.count())
            .where(
                Event.seller_id == seller_id,
                *_in(Event.marketplace, marketplace),
                Event.type == "message.rated",
                Event.occurred_at >= span.start,
                Event.occurred_at < span.end,
            )
            .group_by(text("1"))
        )
    ).all()
    ratings = {rating: count for rating, count in rated}

    # A return is unhappy when its decision was late, or negative feedback followed it. Late
    # ones come from the clock index alone; feedback is rare, so that part starts from the
    # orders that have it.
    in_returns = [
        Clock.seller_id == seller_id,
        *_in(Clock.marketplace, marketplace),
        Clock.kind == _inline(ClockKind.RETURN_DECIDE),
        Clock.started_at >= span.start,
        Clock.started_at < span.end,
    ]
    late = or_(Clock.state == "breached", and_(Clock.state == "running", Clock.due_at < span.end))
    # Materialised so the plan starts from those few orders, not from every clock in the window.
    feedback = (
        select(Order.order_id, Order.negative_feedback_at)
        .where(
            Order.seller_id == seller_id,
            Order.negative_feedback_at.is_not(None),
            Order.negative_feedback_at >= span.start,
        )
        .cte("feedback")
        .prefix_with("MATERIALIZED")
    )
    followed_by_feedback = (
        select(func.count())
        .select_from(feedback)
        .join(
            Case,
            and_(
                Case.seller_id == seller_id,
                Case.order_id == feedback.c.order_id,
                Case.kind == CaseKind.RETURN.value,
            ),
        )
        .join(Clock, Clock.case_id == Case.id)
        .where(*in_returns, ~late, feedback.c.negative_feedback_at >= Clock.started_at)
        .scalar_subquery()
    )
    returns, late_returns, unhappy_by_feedback = (
        await session.execute(
            select(func.count(), func.count().filter(late), followed_by_feedback).where(*in_returns)
        )
    ).one()
    unhappy_returns = late_returns + unhappy_by_feedback

    nrn_target = Target(policy.messages.no_response_needed_warning_percent, "below")
    shown: dict[str, Any] = dict(
        window=span,
        window_days=days,
        lag_days=lag_days,
        marketplace=marketplace,
        orders=orders,
        order_defect_rate=figure(n_defective, orders, odr),
        negative_feedback=figure(n_negative, orders, part),
        a_to_z_claims=figure(n_claims, orders, part),
        chargebacks=figure(n_chargebacks, orders, part),
        response_under_24h=figure(answered_in_time, total_messages, TARGETS["response_under_24h"]),
        customer_service_dissatisfaction=figure(
            ratings.get("no", 0),
            ratings.get("no", 0) + ratings.get("yes", 0),
            TARGETS["customer_service_dissatisfaction"],
        ),
        return_dissatisfaction=figure(unhappy_returns, returns, TARGETS["return_dissatisfaction"]),
        no_response_needed=figure(nrn, total_messages, nrn_target),
    )
    if not details:
        return AccountHealth(**shown, forecast=Forecast(n_open_claims, None, None, ""), leaving=[])

    forecast_on = await session.scalar(
        select(func.max(Clock.due_at))
        .join(Case, Case.id == Clock.case_id)
        .where(
            Clock.seller_id == seller_id,
            *_in(Clock.marketplace, marketplace),
            Case.is_open.is_(True),
            Clock.kind == _inline(ClockKind.CLAIM_DECISION),
            Clock.state == "running",
        )
    )
    forecast_percent = percent(n_defective + n_open_claims, orders)
    sentence = (
        f"If the {n_open_claims} open claim(s) are granted and open negative feedback stays, the ODR becomes "
        f"{forecast_percent if forecast_percent is not None else 0:.2f} %"
        + (f" on {forecast_on.date().isoformat()}" if forecast_on else "")
        + "."
    )
    leaving_rows = (
        await session.execute(
            select(
                Order.order_id, Order.ordered_at, negative.label("n"), claim.label("c"), chargeback.label("b")
            )
            .where(*with_defects, defective)
            .order_by(Order.ordered_at)
            .limit(MAX_LEAVING)
        )
    ).all()
    leaving = [
        Leaving(
            r.order_id,
            [
                name
                for name, flag in (("negative_feedback", r.n), ("a_to_z_claim", r.c), ("chargeback", r.b))
                if flag
            ],
            leaves_window(r.ordered_at, days, lag_days),
        )
        for r in leaving_rows
    ]
    return AccountHealth(
        **shown, forecast=Forecast(n_open_claims, forecast_percent, forecast_on, sentence), leaving=leaving
    )
