from datetime import timedelta

import pytest
from pydantic import ValidationError

from services.core.domain.policy import ClockKind, Policy


def test_defaults_follow_the_domain_rules() -> None:
    policy = Policy()
    assert policy.window(ClockKind.MESSAGE_REPLY) == timedelta(hours=24)
    assert policy.window(ClockKind.RETURN_DECIDE) == timedelta(hours=48)
    assert policy.window(ClockKind.RETURN_SHIP) == timedelta(days=30)
    assert policy.window(ClockKind.CLAIM_DECISION) == timedelta(days=14)
    assert policy.window(ClockKind.FEEDBACK_REMOVAL) == timedelta(days=60)
    assert policy.warnings(ClockKind.CHARGEBACK_RESPOND) == [50, 75, 90]


def test_partial_policy_keeps_defaults_for_the_rest() -> None:
    policy = Policy.model_validate({"clocks": {"message.reply": {"hours": 12, "warning_percents": [90, 80]}}})
    assert policy.window(ClockKind.MESSAGE_REPLY) == timedelta(hours=12)
    assert policy.warnings(ClockKind.MESSAGE_REPLY) == [80, 90]
    assert policy.window(ClockKind.CANCELLATION_ACT) == timedelta(hours=24)
    assert Policy.model_validate({}) == Policy()


def test_nonsense_is_refused() -> None:
    for bad in (
        {"clocks": {"message.reply": {"hours": -1}}},
        {"warning_percents": [0]},
        {"clocks": {"nope": {"hours": 1}}},
        {"producers": {"unmatched_days": 0}},
    ):
        with pytest.raises(ValidationError):
            Policy.model_validate(bad)


def test_unmatched_deliveries_are_kept_30_days_by_default() -> None:
    # DOMAIN.md, outside systems: policy producers.unmatched_days.
    assert Policy().producers.unmatched_days == 30
    assert Policy.model_validate({"producers": {"unmatched_days": 90}}).producers.unmatched_days == 90
