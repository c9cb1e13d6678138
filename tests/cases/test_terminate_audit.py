"""terminate.no-cleanup: each marker is judged against the twin that returned, not against nothing."""

from __future__ import annotations

import pytest

from cases.terminate import terminate_no_cleanup
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
