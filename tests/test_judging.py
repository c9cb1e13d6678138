from __future__ import annotations

from harness._claims import Case, Claim, Source
from harness._environment import Environment, Where
from harness._expect import Expect
from harness._judging import conclude, mismatch, verdict_of
from harness._runner import Run
from harness._verdicts import Verdict, holds, refuted

ENV = Environment("win32", "amd64", "cpython", "3.13.0", True, False, "spawn", ("spawn",), 4, 4, "0")
WHERE = Where(ENV, "spawn")


def judge(facts: dict[str, object], where: Where) -> Verdict:
    return holds("n=1") if facts["n"] == 1 else refuted(f"n={facts['n']}")


CASE = Case(
    Claim("a.b", "s", "t", (Source("001", "q"),)),
    lambda mp: {},
    judgement=judge,
    expectations=(Expect("holds", "one", os="win32", cite="docs"),),
    deadline=5,
)


def test_a_judged_run_keeps_facts_and_expectation() -> None:
    result = conclude(CASE, WHERE, Run("ok", facts={"n": 1}))
    assert (result.verdict, result.why, result.status) == ("holds", "n=1", "pass")
    assert result.evidence["facts"] == {"n": 1}
    assert result.expected is not None and result.expected["basis"] == "source (not yet observed)"


def test_observed_differs_from_expected_is_a_failure_with_a_plain_line() -> None:
    result = conclude(CASE, WHERE, Run("ok", facts={"n": 2}))
    assert result.status == "fail"
    assert mismatch(result, WHERE) == "expected holds on win32/cpython-3.13.0/spawn, observed refuted: n=2"


def test_harness_outcomes() -> None:
    assert verdict_of(CASE, Run("timeout"), WHERE)[0].outcome == "timeout"
    crashed = Run("crashed", error={"type": "NoFacts", "message": "exited with -9"})
    assert verdict_of(CASE, crashed, WHERE)[0] == Verdict("error", "NoFacts: exited with -9")


def test_leftover_processes_make_it_leaked_and_keep_the_judgement() -> None:
    run = Run(
        "ok", facts={"n": 1}, report={"leaked": [{"pid": 7, "status": "sleeping", "cmdline": "python x"}]}
    )
    verdict, extra = verdict_of(CASE, run, WHERE)
    assert verdict.outcome == "leaked" and "pid 7" in verdict.why
    assert extra == {"judged": {"verdict": "holds", "why": "n=1"}}


def test_a_broken_judgement_is_an_error_of_its_item() -> None:
    assert verdict_of(CASE, Run("ok", facts={}), WHERE)[0].outcome == "error"


def test_a_missing_method_is_not_applicable_and_expected_so() -> None:
    result = conclude(CASE, Where(ENV, "fork"), None)
    assert (result.verdict, result.status) == ("not-applicable", "pass")
    assert "does not exist on win32" in result.why


def test_no_expectation_is_new() -> None:
    result = conclude(CASE, Where(ENV._replace(os="linux"), "spawn"), Run("ok", facts={"n": 1}))
    assert result.status == "new"
    assert mismatch(result, WHERE).startswith("NEW: no expectation for a.b")


TIMED = Case(
    CASE.claim, CASE.probe, judgement=judge, expectations=CASE.expectations, deadline=5, exclusive=True
)
BUSY = {"wall_s": 0.2, "others_cpu_s": 0.15, "steal_s": 0.0, "disturbed": True}


def test_a_timing_probe_on_a_busy_machine_is_inconclusive_and_keeps_its_judgement() -> None:
    result = conclude(TIMED, WHERE, Run("ok", facts={"n": 2}, machine=BUSY, earlier=[{}, {}]))
    assert (result.verdict, result.status) == ("inconclusive", "inconclusive")
    assert "all 3 attempts" in result.why and "0.15 s of CPU by other processes" in result.why
    assert result.evidence["judged"] == {"verdict": "refuted", "why": "n=2"}


def test_other_probes_are_judged_whatever_else_the_machine_did() -> None:
    assert conclude(CASE, WHERE, Run("ok", facts={"n": 1}, machine=BUSY)).verdict == "holds"


def test_a_quiet_machine_leaves_a_timing_probe_judged() -> None:
    quiet = {**BUSY, "others_cpu_s": 0.0, "disturbed": False}
    assert conclude(TIMED, WHERE, Run("ok", facts={"n": 1}, machine=quiet)).status == "pass"
