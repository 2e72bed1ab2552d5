from datetime import UTC, datetime, timedelta

from services.core.domain.backtest import Replay, Tally, explain_change
from services.core.domain.cases import Fact, fold
from services.core.domain.clocks import EventRef
from services.core.domain.policy import Policy

T0 = datetime(2026, 11, 2, 14, 0, tzinfo=UTC)  # Monday 09:00 in New York
ASOF = T0 + timedelta(days=5)
NOW = Policy()
LONGER = Policy.model_validate({"clocks": {"message.reply": {"hours": 48}}, "escalations": []})
TEAM = Policy.model_validate(
    {
        "calendars": {
            "US": {"time_zone": "America/New_York", "week": {"mon": [{"start": "09:00", "end": "17:00"}]}}
        },
        "team_targets": {"message.reply": {"calendar": "US", "working_hours": 4}},
    }
)


def _facts(reply_after: float | None) -> list[Fact]:
    facts = [Fact(EventRef("m1", "message.received", T0), {"thread_id": "T"})]
    if reply_after is not None:
        at = T0 + timedelta(hours=reply_after)
        facts.append(Fact(EventRef("r1", "message.sent", at), {"thread_id": "T", "author": "agent"}))
    return facts


def test_a_late_reply_breaches_now_and_is_met_under_a_longer_window() -> None:
    folded = fold(_facts(30))
    (now,) = Replay(NOW).outcomes("O1", folded, T0, ASOF)
    (longer,) = Replay(LONGER).outcomes("O1", folded, T0, ASOF)
    assert (now.breached, now.warned, now.escalated, now.met) == (True, True, True, False)
    assert (longer.breached, longer.warned, longer.escalated, longer.met) == (False, True, False, True)
    assert explain_change(now, longer, NOW, LONGER) == (
        "message.reply of order O1: breached, due 2026-11-03T14:00:00+00:00 now, "
        "met, due 2026-11-04T14:00:00+00:00 proposed (24 h -> 48 h)"
    )


def test_a_reply_at_the_due_time_is_met_and_a_running_clock_counts_to_asof() -> None:
    (exact,) = Replay(NOW).outcomes("O1", fold(_facts(24)), T0, ASOF)
    assert exact.met and not exact.breached
    (running,) = Replay(NOW).outcomes("O1", fold(_facts(None)), T0, T0 + timedelta(hours=13))
    assert (running.warned, running.breached, running.met) == (True, False, False)


def test_a_team_target_is_replayed_beside_amazons_clock() -> None:
    found = list(Replay(TEAM).outcomes("O1", fold(_facts(5)), T0, ASOF))
    assert [(o.kind, o.met, o.breached) for o in found] == [
        ("message.reply", True, False),
        ("team:message.reply", False, True),
    ]
    tally = Tally()
    for outcome in found:
        tally.add(outcome)
    assert tally.kinds["team:message.reply"] == {
        "clocks": 1,
        "warned": 1,
        "breached": 1,
        "escalated": 0,
        "met": 0,
    }


def test_clocks_started_outside_the_window_are_left_out() -> None:
    assert list(Replay(NOW).outcomes("O1", fold(_facts(30)), T0 + timedelta(seconds=1), ASOF)) == []
