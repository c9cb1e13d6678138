from __future__ import annotations

import pytest

from cases.starting import main_guard_windows
from tests.cases import where

GUARDED = {"returncode": 0, "child_ran": True, "child_exitcode": "0", "last_error_line": ""}


def unguarded(works: bool = False, top_level_runs: int = 2, timed_out: bool = False) -> dict[str, object]:
    return {
        "returncode": 0,
        "child_ran": works,
        "child_exitcode": "0" if works else "1",
        "top_level_runs": 1 if works else top_level_runs,
        "timed_out": timed_out,
        "bootstrapping_error": not works,
        "last_error_line": "" if works else "RuntimeError: ...",
    }


def judge(bare: dict[str, object], os: str = "win32", method: str = "spawn") -> tuple[str, str]:
    assert main_guard_windows.judgement is not None
    verdict = main_guard_windows.judgement({"guarded": GUARDED, "unguarded": bare}, where(method, os))
    return verdict.outcome, verdict.why


def test_on_windows_an_error_without_recursion_leaves_the_reason_false() -> None:
    outcome, why = judge(unguarded())
    assert outcome == "partial"
    assert "not against infinite recursion" in why


@pytest.mark.parametrize("bare", [unguarded(top_level_runs=9), unguarded(timed_out=True)])
def test_on_windows_a_seen_recursion_makes_it_hold(bare: dict[str, object]) -> None:
    assert judge(bare)[0] == "holds"


def test_on_windows_unguarded_code_that_works_refutes_it() -> None:
    assert judge(unguarded(works=True))[0] == "refuted"


def test_elsewhere_needed_is_partial_and_not_needed_holds() -> None:
    assert judge(unguarded(), os="linux")[0] == "partial"
    assert judge(unguarded(works=True), os="linux", method="fork")[0] == "holds"
