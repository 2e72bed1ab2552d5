"""The smaller pure rule modules: retries, escalation, metrics, offers, advice, templates."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from services.core.domain.advice import ContactAttempt, claim_advice
from services.core.domain.escalation import DEFAULT_ESCALATIONS, plan
from services.core.domain.health_facts import buyer_messages, order_health
from services.core.domain.kinds import ClockKind
from services.core.domain.metrics import TARGETS, leaves_window, status, window
from services.core.domain.policy import Compensation
from services.core.domain.resolution import offers
from services.core.domain.retries import MAX_ATTEMPTS, DeliveryState, after_attempt, retry_after
from services.core.domain.templates import (
    MissingValues,
    TemplateError,
    Text,
    pick,
    placeholders,
    refund_amount,
    render,
)
from tests.unit.domain.test_cases import fact

NOW = datetime(2026, 5, 4, 12, 0, tzinfo=UTC)


def test_retry_schedule_and_its_exceptions() -> None:
    waits = [after_attempt(n, 500, None, NOW).next_attempt_at for n in range(1, MAX_ATTEMPTS)]
    assert [w - NOW for w in waits if w] == [
        timedelta(seconds=5),
        timedelta(minutes=5),
        timedelta(minutes=30),
        timedelta(hours=2),
        timedelta(hours=5),
        timedelta(hours=10),
        timedelta(hours=10),
    ]
    assert after_attempt(MAX_ATTEMPTS, 500, None, NOW).state is DeliveryState.DEAD
    assert after_attempt(1, 204, None, NOW).state is DeliveryState.DELIVERED
    gone = after_attempt(1, 410, None, NOW)
    assert gone.state is DeliveryState.DEAD and gone.disable_endpoint
    assert after_attempt(1, 429, "60", NOW).next_attempt_at == NOW + timedelta(seconds=60)
    assert after_attempt(1, 503, "999999", NOW).next_attempt_at == NOW + timedelta(hours=10), "capped"
    assert retry_after("Mon, 04 May 2026 12:02:00 GMT", NOW) == timedelta(minutes=2)
    assert retry_after("soon", NOW) is None


def test_escalation_climbs_and_never_steps_down() -> None:
    rules = list(DEFAULT_ESCALATIONS)
    assert plan(rules, "message", ClockKind.MESSAGE_REPLY, 50, None, 0).level == 0
    first = plan(rules, "message", ClockKind.MESSAGE_REPLY, 75, None, 0)
    assert (first.level, first.assignee, first.announce) == (1, "team-lead", "clock.warning")
    assert plan(rules, "message", ClockKind.MESSAGE_REPLY, 75, "bob", 0).assignee is None, (
        "only if unassigned"
    )
    assert plan(rules, "message", ClockKind.MESSAGE_REPLY, 90, None, 2).band_raise == 0, (
        "already on that rung"
    )
    breach = plan(rules, "claim", ClockKind.CLAIM_CONTACT_BUYER, 100, None, 0)
    assert (breach.announce, breach.window_end) == ("clock.breached", "appeal_now_task")


def test_metric_status_and_window() -> None:
    odr, response = TARGETS["order_defect_rate"], TARGETS["response_under_24h"]
    assert [status(v, odr) for v in (None, 0.5, 0.75, 1.0)] == ["ok", "ok", "at_risk", "breach"]
    assert [status(v, response) for v in (99.0, 94.0, 89.9)] == ["ok", "at_risk", "breach"]
    span = window(NOW, 60, 5)
    assert (span.start, span.end) == (NOW - timedelta(days=65), NOW - timedelta(days=5))
    assert leaves_window(datetime(2026, 3, 1, 12, tzinfo=UTC), 60, 5) == date(2026, 5, 6)


def test_offers() -> None:
    order = {
        "items": [{"sku": "A", "qty": 3, "price": "10.00"}],
        "currency": "GBP",
        "stock_on_hand": {"A": 2},
    }
    slight = offers("slight_damage", order, Compensation())
    assert (slight[0].amount, slight[0].currency) == (Decimal("10.50"), "GBP")
    assert [o.kind for o in offers("serious_damage", order, Compensation())] == ["full_refund"], (
        "2 in stock, 3 needed"
    )
    assert offers("changed_mind", order, Compensation())[0].kind == "discount_to_keep"


def test_claim_advice_order_of_rules() -> None:
    today = date(2026, 5, 4)
    silent = [ContactAttempt(NOW - timedelta(days=4), "phone", "li")]
    assert claim_advice({"reason": "x"}, {}, silent, True, 100, today).rule == "buyer_did_not_answer"
    assert claim_advice({"reason": "x"}, {}, silent, False, 100, today).rule == "no_grounds"
    answered = [ContactAttempt(NOW - timedelta(days=4), "phone", "li", answered=True)]
    assert claim_advice({"reason": "x"}, {}, answered, True, 100, today).action == "refund"


def test_templates() -> None:
    assert placeholders("Hi {buyer_name}, order {order_id}") == ["buyer_name", "order_id"]
    for bad in ("{nope}", "{order_id!r}", "{order_id:>10}", "{unclosed"):
        with pytest.raises(TemplateError):
            placeholders(bad)
    with pytest.raises(MissingValues) as missing:
        render(Text("s", "{buyer_name}"), {"buyer_name": ""})
    assert missing.value.names == ["buyer_name"]
    texts = {"en": Text("a", "b"), "de": Text("c", "d")}
    assert pick(texts, "de-AT")[0] == "de" and pick(texts, "ja")[0] == "en"


def test_refund_amount_prefers_the_cases_amount_to_the_orders_total() -> None:
    order = {"currency": "EUR", "items": [{"sku": "A", "qty": 3, "price": "9.90"}, {"sku": "B", "price": 5}]}
    assert refund_amount({}, order) == "34.70 EUR"
    assert refund_amount({"amount": "12.5"}, order) == "12.50 EUR", "a return's refund, a claim's amount"
    assert refund_amount({}, {"items": [{"sku": "A", "qty": 1}]}) is None, "a price unknown is no total"
    assert refund_amount({}, {}) is None


def test_health_facts() -> None:
    facts = [
        fact("o", "order.upserted", 0),
        fact("f1", "feedback.received", 1, rating=2),
        fact("f2", "feedback.removed", 2),
        fact("c", "claim.opened", 3, reason="x"),
        fact("m1", "message.received", 4, thread_id="t"),
        fact("m2", "message.received", 5, thread_id="t"),
        fact("auto", "message.sent", 5.5, thread_id="t", author="automation"),
        fact("r", "message.sent", 6, thread_id="t", author="agent", agent="li"),
        fact("m3", "message.received", 7, thread_id="t"),
    ]
    health = order_health(facts, None)
    assert (
        health.negative_feedback_at is None
        and health.claim_opened_at is not None
        and health.claim_outcome is None
    )
    answers = [
        (m.event_id, m.answered_by)
        for m in buyer_messages([f for f in facts if f.type.startswith("message")])
    ]
    assert answers == [("m1", "li"), ("m2", "li"), ("m3", None)]
