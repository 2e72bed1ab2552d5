"""The pure fold: case states and clocks from events, in any arrival order."""

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from services.core.domain.cases import CaseKind, Fact, case_of, fold
from services.core.domain.clocks import EventRef, StopKind
from services.core.domain.kinds import ClockKind

T0 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)


def fact(event_id: str, type_: str, hours: float, **data: object) -> Fact:
    return Fact(EventRef(event_id, type_, T0 + timedelta(hours=hours)), data)


def clocks(folded_case) -> list[tuple[str, str, str | None, str | None]]:  # type: ignore[no-untyped-def]
    return [
        (c.kind.value, c.started.id, c.stopped.id if c.stopped else None, c.stop) for c in folded_case.clocks
    ]


def test_return_moves_forward_only() -> None:
    result = fold(
        [
            fact("a", "return.authorized", 2),
            fact("r", "return.requested", 1),
            fact("s", "return.label_scanned", 3),
        ]
    )
    case = result.cases[(CaseKind.RETURN, "")]
    assert case.status == "in_transit" and case.is_open
    assert clocks(case) == [
        ("return.decide", "r", "a", StopKind.MET),
        ("return.ship", "a", "s", StopKind.MET),
    ]


def test_refund_or_close_makes_the_ship_window_moot() -> None:
    case = fold(
        [
            fact("r", "return.requested", 0),
            fact("a", "return.authorized", 1),
            fact("c", "return.closed", 5, reason="replacement_sent"),
        ]
    ).cases[(CaseKind.RETURN, "")]
    assert case.status == "closed" and case.closed_at == T0 + timedelta(hours=5)
    assert clocks(case)[1] == ("return.ship", "a", "c", StopKind.MOOT)


def test_only_a_person_stops_a_reply_clock() -> None:
    case = fold(
        [
            fact("m1", "message.received", 0, thread_id="t"),
            fact("auto", "message.sent", 0.1, thread_id="t", author="automation"),
            fact("other", "message.sent", 1, thread_id="elsewhere", author="agent"),
        ]
    ).cases[(CaseKind.MESSAGE, "t")]
    assert case.status == "awaiting_reply"
    assert clocks(case) == [("message.reply", "m1", None, None)]


def test_agent_reply_answers_cancellation_and_claim_contact() -> None:
    result = fold(
        [
            fact("c", "cancellation.requested", 0),
            fact("cl", "claim.opened", 0, claim_id="Z", reason="x"),
            fact("reply", "message.sent", 2, thread_id="t", author="agent"),
        ]
    )
    assert result.cases[(CaseKind.CANCELLATION, "")].status == "resolved"
    contact = next(
        c for c in result.cases[(CaseKind.CLAIM, "Z")].clocks if c.kind is ClockKind.CLAIM_CONTACT_BUYER
    )
    assert contact.stopped and contact.stopped.id == "reply" and contact.stop is StopKind.MET


def test_claim_refund_meets_act_clock_and_withdrawal_moots_it() -> None:
    refunded = fold(
        [fact("o", "claim.opened", 0, reason="x"), fact("c", "claim.closed", 9, outcome="refunded")]
    )
    withdrawn = fold(
        [fact("o", "claim.opened", 0, reason="x"), fact("c", "claim.closed", 9, outcome="withdrawn")]
    )

    def act(result) -> StopKind | None:  # type: ignore[no-untyped-def]
        return next(
            c.stop for c in result.cases[(CaseKind.CLAIM, "")].clocks if c.kind is ClockKind.CLAIM_ACT
        )

    assert act(refunded) is StopKind.MET
    assert act(withdrawn) is StopKind.MOOT


def test_only_one_to_three_stars_open_a_feedback_case() -> None:
    assert (CaseKind.FEEDBACK, "") not in fold([fact("f", "feedback.received", 0, rating=4)]).cases
    assert fold([fact("f", "feedback.received", 0, rating=3)]).cases[(CaseKind.FEEDBACK, "")].is_open


def test_order_facts_take_the_latest_value_of_each_field() -> None:
    result = fold(
        [
            fact("u2", "order.upserted", 5, status="shipped", tracking="1Z"),
            fact("u1", "order.upserted", 1, status="unshipped", buyer_name="Ana"),
        ]
    )
    assert result.order == {"status": "shipped", "tracking": "1Z", "buyer_name": "Ana"}


def test_case_of_routes_events_to_cases() -> None:
    assert case_of("order.upserted", {}) is None
    assert case_of("claim.opened", {"claim_id": "C9"}) == (CaseKind.CLAIM, "C9")
    assert case_of("message.sent", {"thread_id": "t"}) == (CaseKind.MESSAGE, "t")


STORY = [
    fact("u", "order.upserted", 0, status="shipped"),
    fact("m1", "message.received", 1, thread_id="t"),
    fact("m2", "message.received", 2, thread_id="t"),
    fact("s1", "message.sent", 3, thread_id="t", author="agent"),
    fact("m3", "message.received", 4, thread_id="t"),
    fact("rr", "return.requested", 1),
    fact("ra", "return.authorized", 2),
    fact("rc", "return.closed", 9, reason="no_return_needed"),
    fact("co", "claim.opened", 3, reason="x"),
    fact("ci", "claim.info_requested", 4),
    fact("cc", "claim.closed", 5, outcome="withdrawn"),
    fact("x", "cancellation.requested", 1),
    fact("o2", "order.upserted", 1.5, status="canceled"),
    # Two events at the same instant: lifecycle order decides, not arrival.
    fact("b1", "chargeback.opened", 6),
    fact("b2", "chargeback.responded", 6, response="refunded"),
]


@given(st.permutations(STORY))
def test_fold_ignores_arrival_order(shuffled: list[Fact]) -> None:
    assert fold(shuffled) == fold(STORY)
