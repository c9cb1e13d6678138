from __future__ import annotations

import pytest

from cases.daemon import MAX_RUNS, SOMETIMES, daemon_no_output
from tests.cases import where


def run(daemon_started: bool, other: bool = True) -> dict[str, object]:
    return {
        "daemon Starting": daemon_started,
        "daemon Exiting": False,
        "other Starting": other,
        "other Exiting": other,
    }


def judge(runs: list[dict[str, object]]) -> tuple[str, str]:
    assert daemon_no_output.judgement is not None
    verdict = daemon_no_output.judgement(
        {"runs": runs, "max_runs": MAX_RUNS, "sometimes": SOMETIMES}, where()
    )
    return verdict.outcome, verdict.key


@pytest.mark.parametrize("printed", [0, SOMETIMES - 1])
def test_a_daemon_silent_in_all_runs_but_a_stray_one_holds(printed: int) -> None:
    runs = [run(True)] * printed + [run(False)] * (MAX_RUNS - printed)
    assert judge(runs) == ("holds", "silent")


@pytest.mark.parametrize("printed", [SOMETIMES, MAX_RUNS // 2, MAX_RUNS])
def test_a_daemon_that_printed_in_some_runs_is_partial(printed: int) -> None:
    runs = [run(True)] * printed + [run(False)] * (MAX_RUNS - printed)
    assert judge(runs) == ("partial", "the daemon prints")


def test_a_silent_non_daemon_child_counts_too() -> None:
    assert judge([run(False, other=False)] * MAX_RUNS)[0] == "partial"
    assert judge([run(True, other=False)] * MAX_RUNS)[0] == "refuted"
