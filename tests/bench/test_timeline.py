"""bench/timeline.py: spans, idle time per worker, the text chart and the round trip, from plain results."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

import timeline  # noqa: E402  (bench/ is a folder of scripts, not a package)

LAUNCH = 1000.0


def result(claim: str, worker: str, times: tuple[float, ...], *, exclusive: bool = False) -> dict[str, Any]:
    started, held, released, ended = (LAUNCH + t for t in times)
    timing = {"worker": worker, "started": started, "lock_held": held, "lock_released": released}
    run = {"duration_s": released - held - 0.01, "scenario_s": released - held - 0.03}
    return {
        "claim": claim,
        "start_method": "fork",
        "timing": {**timing, "ended": ended, "exclusive": exclusive},
        "evidence": {"run": run},
    }


RESULTS = [
    result("a", "gw0", (1.0, 1.0, 3.0, 3.0)),
    result("b", "gw0", (4.0, 4.0, 5.0, 5.0)),
    result("c", "gw1", (1.0, 1.0, 2.0, 2.0)),
    result("x", "gw1", (2.0, 5.0, 9.0, 9.0), exclusive=True),  # waited 3 s for gw0's items
    {"claim": "gone", "start_method": "fork", "evidence": {}},  # a lost item has no timing
]


def test_idle_time_per_worker_is_start_up_gaps_lock_waits_and_after_the_last() -> None:
    spans = timeline.spans(RESULTS, LAUNCH)
    assert [s.item for s in spans] == ["a[fork]", "b[fork]", "c[fork]", "x[fork]"]
    figures = timeline.per_worker(spans, wall=10.0)
    assert figures["gw0"] == {
        "items": 2,
        "start_up_s": 1.0,
        "between_items_s": 1.0,
        "lock_waits_s": 0.0,
        "harness_in_items_s": 0.0,
        "after_last_s": 5.0,
        "probes_s": 3.0,
    }
    assert figures["gw1"]["lock_waits_s"] == 3.0 and figures["gw1"]["probes_s"] == 5.0


def test_the_chart_marks_probes_exclusive_probes_lock_waits_and_idle() -> None:
    text = timeline.chart(timeline.spans(RESULTS, LAUNCH), wall=10.0, width=10)
    assert text.splitlines()[1:] == ["  gw0 |.##.#.....|", "  gw1 |.#wwwXXXX.|"]


def test_the_svg_has_a_rectangle_per_wait_and_probe() -> None:
    svg = timeline.svg(timeline.spans(RESULTS, LAUNCH), wall=10.0)
    assert svg.startswith("<svg") and svg.count("<rect") == 8
    assert "<title>x[fork] waiting 3.000 s</title>" in svg


def test_the_round_trip_splits_each_item_into_its_parts() -> None:
    parts = timeline.round_trip(timeline.spans(RESULTS, LAUNCH), RESULTS)
    assert parts["pytest_between"] == 0.5  # the median of gw0's gap of 1 s and gw1's of none
    assert parts["runner_outside"] == 0.01 and parts["supervisor_after_scenario"] == 0.02
    assert parts["lock"] == 0.0


def test_the_profile_of_a_serial_slice_names_the_harness_round_trip(tmp_path: Path) -> None:
    import bench

    text = bench.profile(tmp_path / "profile.json", "-k", "api.start-once and fork")
    assert "Ordered by: cumulative time" in text
    assert "harness/_runner.py" in text and "(run_probe)" in text  # the round trip, in the harness's list
