"""daemon.true-dies-with-main: a killed main, a zombie and a foreign parent each change the verdict."""

from __future__ import annotations

from typing import Any

import pytest

from cases.daemon import daemon_true_dies_with_main
from harness import Verdict
from tests.cases import where

MAIN = 100


def facts(
    at_exit: str | None = "reaped", parent: int = MAIN, killed_left: bool = False, normal_done: bool = False
) -> dict[str, Any]:
    running = {"pid": 200, "ppid": 1, "status": "sleeping"}
    common = {"main_pid": MAIN, "child": 200, "daemon": "True", "child_running": "True", "returncode": 0}
    normal = {**common, "at_main_exit": at_exit, "left_after_main": None, "done": None}
    if normal_done:
        normal["done"] = {"pid": 200, "main_alive": False}
    killed = {
        **common,
        "parent": {"pid": 200, "ppid": parent, "status": "sleeping"},
        "left_after_main": running if killed_left else None,
        "done": {"pid": 200, "main_alive": False} if killed_left else None,
    }
    return {"normal": normal, "killed": killed}


def judge(f: dict[str, Any]) -> Verdict:
    assert daemon_true_dies_with_main.judgement is not None
    return daemon_true_dies_with_main.judgement(f, where())


def test_a_daemon_reaped_by_the_main_and_gone_with_a_killed_main_holds() -> None:
    assert judge(facts()).outcome == "holds"


def test_a_killed_main_that_leaves_its_daemon_running_is_partial() -> None:
    verdict = judge(facts(killed_left=True))
    assert (verdict.outcome, verdict.key) == ("partial", "killed main leaves it")
    assert "only when the main exits normally" in verdict.why


def test_a_daemon_left_a_zombie_at_the_main_s_end_was_not_reaped_by_it() -> None:
    verdict = judge(facts(at_exit="zombie"))
    assert (verdict.outcome, verdict.key) == ("partial", "not reaped by the main")


def test_a_daemon_whose_parent_is_another_process_is_not_reaped_by_the_main() -> None:
    verdict = judge(facts(parent=MAIN + 1, killed_left=True))
    assert verdict.outcome == "partial"
    assert verdict.key == "not reaped by the main + killed main leaves it"
    assert f"its parent is pid {MAIN + 1}" in verdict.why


def test_a_daemon_still_running_when_the_main_ended_is_partial() -> None:
    assert judge(facts(at_exit="running")).outcome == "partial"


def test_where_reaping_cannot_be_seen_the_verdict_says_so() -> None:
    verdict = judge(facts(at_exit=None))
    assert (verdict.outcome, verdict.key) == ("holds", "reaping unseen")


def test_a_daemon_that_worked_after_a_normal_exit_is_refuted() -> None:
    assert judge(facts(normal_done=True)).outcome == "refuted"


def test_a_child_that_was_no_running_daemon_is_an_error() -> None:
    f = facts()
    f["normal"]["daemon"] = "False"
    with pytest.raises(ValueError, match="not a running daemon"):
        judge(f)
