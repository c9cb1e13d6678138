"""terminate.no-cleanup and terminate.immediate: fed facts of the other kind, each verdict changes."""

from __future__ import annotations

import pytest

from cases.terminate import AT_ONCE_MS, terminate_immediate, terminate_no_cleanup
from harness import Verdict
from tests.cases import where

EVERY = ["atexit", "finalizer", "finally"]
FORKED = ["finalizer", "finally"]  # a fork child ends by os._exit: no atexit handler, even on return


def judge(killed: list[str], control: list[str]) -> Verdict:
    assert terminate_no_cleanup.judgement is not None
    facts = {
        "terminated": {"exitcode": -15, "markers": killed},
        "returned": {"exitcode": 0, "markers": control},
    }
    return terminate_no_cleanup.judgement(facts, where())


def test_every_handler_the_twin_ran_skipped_holds() -> None:
    verdict = judge([], EVERY)
    assert (verdict.outcome, verdict.key) == ("holds", "")


def test_an_atexit_handler_that_never_runs_in_the_child_is_not_credited_to_terminate() -> None:
    verdict = judge([], FORKED)
    assert (verdict.outcome, verdict.key) == ("holds", "atexit never run in the child")
    assert "atexit handlers run in no such child, terminated or not" in verdict.why


@pytest.mark.parametrize("ran", ["finally", "atexit", "finalizer"])
def test_any_cleanup_in_the_terminated_child_is_refuted(ran: str) -> None:
    assert judge([ran], EVERY).outcome == "refuted"


@pytest.mark.parametrize("control", [["atexit", "finalizer"], ["finally"]])
def test_a_control_without_a_finally_or_any_exit_handler_judges_nothing(control: list[str]) -> None:
    with pytest.raises(ValueError, match="control child"):
        judge([], control)


def immediate(ms: float = 1.0, alive: bool = True, survives: bool = False) -> dict[str, object]:
    plain = [{"alive_right_after": alive, "ended": True, "ended_after_ms": ms, "exitcode": -15}] * 3
    other: dict[str, object] = {
        "handler_said": None,
        "answer_after_terminate": "ping" if survives else "nothing",
    }
    other |= {"is_alive": survives, "still_running": survives, "exitcode_after_kill": -9}
    return {"plain_children": plain, "sigterm": 15, "handle": other, "ignore": other}


def judge_immediate(f: dict[str, object]) -> Verdict:
    assert terminate_immediate.judgement is not None
    return terminate_immediate.judgement(f, where())


def test_deaths_within_the_bound_with_no_survivor_hold() -> None:
    verdict = judge_immediate(immediate())
    assert verdict.outcome == "holds"
    assert (
        "terminate() returned before the death: is_alive() right after it was True in 3 of 3" in verdict.why
    )
    assert "returned before" not in judge_immediate(immediate(alive=False)).why


def test_a_death_slower_than_the_bound_is_not_at_once() -> None:
    verdict = judge_immediate(immediate(ms=AT_ONCE_MS * 3))
    assert (verdict.outcome, verdict.key) == ("partial", "not at once")


def test_children_that_outlive_sigterm_make_it_partial() -> None:
    verdict = judge_immediate(immediate(survives=True))
    assert verdict.outcome == "partial"
    assert verdict.key == "survives if it handles SIGTERM + survives if it ignores SIGTERM"
