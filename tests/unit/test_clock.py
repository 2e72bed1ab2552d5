"""The scaled clock that bench/soak shares between processes: same settings, same time."""

from datetime import UTC, datetime, timedelta

import pytest

from services.core.kit.clock import ScaledClock, SystemClock, configured, real_span
from services.core.kit.config import Settings


def test_a_scaled_clock_runs_scale_times_faster_from_its_epoch() -> None:
    epoch = datetime.now(UTC) - timedelta(seconds=10)
    clock = ScaledClock(144, epoch)
    elapsed = clock.now() - epoch
    # Ten real seconds (and the few microseconds this line takes) are a day's 1,440 seconds.
    assert timedelta(seconds=1440) <= elapsed < timedelta(seconds=1445)


def test_processes_given_the_same_settings_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AFTERSALES_CLOCK_SCALE", "86.4")
    monkeypatch.setenv("AFTERSALES_CLOCK_EPOCH", "2026-12-01T17:00:00+00:00")
    a, b = (configured(s.clock_scale, s.clock_epoch) for s in (Settings(), Settings()))
    assert isinstance(a, ScaledClock) and a.scale == 86.4
    assert abs((a.now() - b.now()).total_seconds()) < 1


def test_the_system_clock_unless_a_scale_is_set() -> None:
    assert isinstance(configured(None, None), SystemClock)
    assert Settings().clock_scale is None


def test_a_lease_on_real_time_is_scaled_with_the_clock() -> None:
    minute = timedelta(minutes=1)
    assert real_span(SystemClock(), minute) == minute
    assert real_span(ScaledClock(144, datetime.now(UTC)), minute) == timedelta(hours=2, minutes=24)


def test_a_naive_epoch_is_refused() -> None:
    with pytest.raises(ValueError):
        ScaledClock(2, datetime(2026, 1, 1))
