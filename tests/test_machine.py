from __future__ import annotations

import sys

import pytest

from harness import _machine
from harness._machine import Snapshot, load, snapshot, wait_for_quiet


def test_others_time_is_the_machines_busy_time_less_the_probe_and_the_harness() -> None:
    before, after = Snapshot(10.0, 100.0, 1.0, 5.0), Snapshot(10.5, 100.9, 1.0, 5.1)
    assert load(before, after, probe_cpu_s=0.6) == {
        "wall_s": 0.5,
        "others_cpu_s": 0.2,
        "steal_s": 0.0,
        "disturbed": True,
    }


def test_what_the_probe_used_alone_is_no_disturbance() -> None:
    before, after = Snapshot(10.0, 100.0, 1.0, 5.0), Snapshot(10.5, 100.61, 1.0, 5.0)
    assert load(before, after, probe_cpu_s=0.6)["disturbed"] is False  # type: ignore[index]


def test_time_stolen_by_the_hypervisor_is_a_disturbance() -> None:
    before, after = Snapshot(10.0, 100.0, 1.0, 5.0), Snapshot(10.5, 100.6, 1.2, 5.0)
    assert load(before, after, probe_cpu_s=0.6)["disturbed"] is True  # type: ignore[index]


def test_no_counters_or_no_probe_time_means_unknown() -> None:
    now = Snapshot(1.0, 1.0, 0.0, 0.0)
    assert load(None, now, 0.1) is None
    assert load(now, now, None) is None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="steal is counted on Linux")
def test_a_snapshot_reads_the_kernels_counters() -> None:
    first, second = snapshot(), snapshot()
    assert first is not None and second is not None
    assert second.busy_s >= first.busy_s > 0 and second.steal_s >= first.steal_s >= 0


def test_waiting_for_quiet_ends_at_once_on_a_quiet_machine_and_at_the_limit_on_a_busy_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_machine, "load", lambda *a: {"disturbed": False})
    assert wait_for_quiet(limit=1.0, window=0.01) < 0.5
    monkeypatch.setattr(_machine, "load", lambda *a: {"disturbed": True})
    assert 0.05 <= wait_for_quiet(limit=0.05, window=0.01) < 0.5
