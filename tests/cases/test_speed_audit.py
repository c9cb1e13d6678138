"""process.start-cost and gil.per-process: the reason and the comparison with threads decide too."""

from __future__ import annotations

from typing import Any

import pytest

from cases.speed import gil_per_process, process_start_cost
from harness import Verdict
from tests.cases import where

MIB = 2**20


def start_cost(ratio: float, grown_mib: float) -> dict[str, Any]:
    idle = {"child_rss": 14 * MIB, "child_uss": int(1.3 * MIB)}
    given = {**idle, "child_uss": idle["child_uss"] + int(grown_mib * MIB)}
    return {
        "best_process_s": 0.002,
        "best_thread_s": 0.002 / ratio,
        "process_per_thread": ratio,
        "median_ratio": ratio,
        "data_bytes": 32 * MIB,
        "memory": {"idle": idle, "given_data": given},
    }


def judge_start(f: dict[str, Any]) -> Verdict:
    assert process_start_cost.judgement is not None
    return process_start_cost.judgement(f, where())


def test_a_dear_start_with_a_copy_of_the_data_holds() -> None:
    assert judge_start(start_cost(60, 32.0)).outcome == "holds"


def test_a_dear_start_that_shares_the_data_is_partial_for_the_reason() -> None:
    verdict = judge_start(start_cost(60, 0.1))
    assert (verdict.outcome, verdict.key) == ("partial", "data shared, not copied")
    assert "not for the reason given" in verdict.why


@pytest.mark.parametrize(("ratio", "outcome"), [(1.5, "refuted"), (3, "partial")])
def test_a_cheap_start_is_not_expensive_whatever_the_memory(ratio: float, outcome: str) -> None:
    assert judge_start(start_cost(ratio, 32.0)).outcome == outcome


def rounds(both_done: float, ratio: float, share: float = 0.95) -> dict[str, Any]:
    return {
        "alone_s": [0.01] * 7,
        "beside_s": [0.01 * ratio] * 7,
        "both_done_s": [0.01 * both_done] * 7,
        "ratio": ratio,
        "both_done_ratio": both_done,
        "both_running_s": 0.06,
        "both_running_share": share,
    }


def per_process(ratio: float = 1.0, share: float = 0.95, threads: float = 2.0) -> dict[str, Any]:
    return {
        "usable_cpus": 2,
        "gil_enabled": None,
        "clock_grain_s": 1e-6,
        "pinned_to": [0, 1],
        **rounds(ratio, ratio, share),
        "threads": rounds(threads, threads),
    }


def judge_gil(f: dict[str, Any]) -> Verdict:
    assert gil_per_process.judgement is not None
    return gil_per_process.judgement(f, where())


def test_processes_that_speed_up_where_threads_do_not_hold() -> None:
    assert judge_gil(per_process()).outcome == "holds"


def test_no_speed_up_seen_is_never_holds_even_when_both_ran_at_once() -> None:
    verdict = judge_gil(per_process(ratio=1.9, share=0.9))
    assert (verdict.outcome, verdict.key) == ("partial", "at once, no speed-up seen")


def test_threads_as_fast_as_processes_make_processes_no_better_choice() -> None:
    verdict = judge_gil(per_process(threads=1.05))
    assert (verdict.outcome, verdict.key) == ("partial", "threads as fast")


def test_processes_that_never_ran_at_once_are_refuted() -> None:
    assert judge_gil(per_process(ratio=2.0, share=0.0)).outcome == "refuted"
