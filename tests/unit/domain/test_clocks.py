from datetime import UTC, datetime, timedelta

from services.core.domain.clocks import ClockState, EventRef, StopKind, explain, settle, warning_times
from services.core.domain.kinds import ClockKind

T0 = datetime(2026, 3, 6, 18, 0, tzinfo=UTC)  # a Friday evening: weekends count


def test_warning_times_are_percentages_of_the_window() -> None:
    assert warning_times(T0, timedelta(hours=24), [90, 50, 75]) == [
        T0 + timedelta(hours=12),
        T0 + timedelta(hours=18),
        T0 + timedelta(hours=21.6),
    ]


def test_settle() -> None:
    due = T0 + timedelta(hours=24)
    assert settle(due, None, None, breached_before=False) is ClockState.RUNNING
    assert settle(due, due, StopKind.MET, breached_before=False) is ClockState.MET
    assert settle(due, due + timedelta(seconds=1), StopKind.MET, breached_before=False) is ClockState.BREACHED
    assert settle(due, T0, StopKind.MOOT, breached_before=False) is ClockState.CANCELLED
    assert settle(due, T0, StopKind.MET, breached_before=True) is ClockState.BREACHED, "a breach is permanent"


def test_explanation_names_the_event_the_policy_and_the_stop() -> None:
    started = EventRef("evt_123", "message.received", T0)
    stopped = EventRef("evt_200", "message.sent", T0 + timedelta(hours=3))
    text = explain(ClockKind.MESSAGE_REPLY, started, timedelta(hours=24), 2, ClockState.MET, stopped)
    assert text == (
        "first reply to the oldest unanswered buyer message: started by message.received evt_123 at "
        "2026-03-06T18:00:00+00:00; policy v2: 24 h; stopped by message.sent evt_200 at "
        "2026-03-06T21:00:00+00:00 (met)"
    )
    assert "30 days" in explain(
        ClockKind.RETURN_SHIP, started, timedelta(days=30), 1, ClockState.RUNNING, None
    )
