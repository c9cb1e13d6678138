from __future__ import annotations

import pytest

from cases.daemon import OFTEN, RUNS, _settled, daemon_no_output
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
    verdict = daemon_no_output.judgement({"runs": runs, "max_runs": RUNS, "often": OFTEN}, where())
    return verdict.outcome, verdict.key


@pytest.mark.parametrize("printed", [0, 1, OFTEN - 1])
def test_a_daemon_silent_or_rarely_heard_holds(printed: int) -> None:
    runs = [run(True)] * printed + [run(False)] * (RUNS - printed)
    assert judge(runs) == ("holds", "silent or rare")


@pytest.mark.parametrize("printed", [OFTEN, RUNS // 2, RUNS])
def test_a_daemon_that_printed_in_some_runs_is_partial(printed: int) -> None:
    runs = [run(True)] * printed + [run(False)] * (RUNS - printed)
    assert judge(runs) == ("partial", "the daemon prints")


def test_a_silent_non_daemon_child_counts_too() -> None:
    assert judge([run(False, other=False)] * RUNS)[0] == "partial"
    assert judge([run(True, other=False)] * RUNS)[0] == "refuted"


def test_the_runs_stop_once_the_verdict_cannot_change() -> None:
    assert not _settled([run(True)] * (OFTEN - 1))
    assert _settled([run(True)] * OFTEN)
    assert not _settled([run(False)] * (RUNS - OFTEN))
    assert _settled([run(False)] * (RUNS - OFTEN + 1))
