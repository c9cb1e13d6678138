"""The guidelines' judgements, each fed facts of the other kind too."""

from __future__ import annotations

from typing import Any

import pytest

from cases.guidelines import (
    BIG,
    CHANGED,
    CONSTANT,
    guide_daemon_no_children,
    guide_globals_at_start,
    guide_join_queue_deadlock,
    guide_pass_resources,
    guide_picklable_args,
    guide_stdin_devnull,
    guide_terminate_breaks,
    guide_zombies,
)
from harness import Case
from tests.cases import where


def judged(case: Case, facts: dict[str, Any], method: str = "fork", os: str = "linux") -> str:
    assert case.judgement is not None
    return case.judgement(facts, where(method, os)).outcome


def queue_run(alive: bool, cancelled_alive: bool = False, got: int = BIG) -> dict[str, Any]:
    plain = {"target_returned": True, "alive_after_join": alive, "got": got, "exitcode": 0}
    cancelled = {"target_returned": True, "alive_after_join": cancelled_alive, "exitcode": 0}
    return {"plain": plain, "cancelled": cancelled}


def test_a_join_that_waits_for_the_feeder_holds_and_one_that_returns_refutes() -> None:
    assert judged(guide_join_queue_deadlock, queue_run(alive=True)) == "holds"
    assert judged(guide_join_queue_deadlock, queue_run(alive=False)) == "refuted"
    assert judged(guide_join_queue_deadlock, queue_run(alive=True, cancelled_alive=True)) == "partial"
    assert judged(guide_join_queue_deadlock, queue_run(alive=True, got=3)) == "partial"


def test_a_put_that_never_returned_is_an_error() -> None:
    facts = queue_run(alive=True)
    facts["plain"]["target_returned"] = False
    with pytest.raises(ValueError, match="never returned"):
        judged(guide_join_queue_deadlock, facts)


RAN = {"refusal": None, "sent": "ran", "exitcode": 0}
REFUSED = {"refusal": "PicklingError: no"}


@pytest.mark.parametrize(
    ("method", "lambda_run", "lock_run", "outcome"),
    [
        ("spawn", REFUSED, REFUSED, "holds"),
        ("forkserver", RAN, REFUSED, "partial"),
        ("spawn", RAN, RAN, "refuted"),
        ("fork", RAN, RAN, "holds"),
        ("fork", REFUSED, RAN, "refuted"),
    ],
)
def test_pickling_is_required_under_spawn_and_forkserver_only(
    method: str, lambda_run: dict[str, Any], lock_run: dict[str, Any], outcome: str
) -> None:
    facts = {"lambda_target": lambda_run, "lock_argument": lock_run}
    assert judged(guide_picklable_args, facts, method) == outcome


def globals_seen(setting: str, constant: str = CONSTANT) -> dict[str, Any]:
    return {
        "parent": {"setting": CHANGED, "constant": CONSTANT},
        "child": {"setting": setting, "constant": constant},
    }


def test_a_spawned_child_sees_the_module_as_imported_a_forked_one_the_parents_value() -> None:
    assert judged(guide_globals_at_start, globals_seen("as imported"), "spawn") == "holds"
    assert judged(guide_globals_at_start, globals_seen(CHANGED), "spawn") == "refuted"
    assert judged(guide_globals_at_start, globals_seen(CHANGED), "fork") == "holds"
    assert judged(guide_globals_at_start, globals_seen("as imported"), "fork") == "refuted"
    assert judged(guide_globals_at_start, globals_seen("as imported", "other"), "spawn") == "refuted"


SHARED = {"seen": {"acquired": False}, "exitcode": 0}
MISSING = {"seen": {"error": "NameError: name 'lock' is not defined"}, "exitcode": 0}
OTHER_LOCK = {"seen": {"acquired": True}, "exitcode": 0}


@pytest.mark.parametrize(
    ("method", "as_global", "as_argument", "outcome"),
    [
        ("fork", SHARED, SHARED, "holds"),
        ("spawn", MISSING, SHARED, "holds"),
        ("fork", MISSING, SHARED, "partial"),
        ("forkserver", SHARED, SHARED, "partial"),
        ("spawn", MISSING, OTHER_LOCK, "refuted"),
    ],
)
def test_a_resource_passed_as_an_argument_reaches_every_child(
    method: str, as_global: dict[str, Any], as_argument: dict[str, Any], outcome: str
) -> None:
    facts = {"seen": {"global": as_global, "argument": as_argument}, "run": {}}
    assert judged(guide_pass_resources, facts, method) == outcome


def test_a_program_that_printed_nothing_is_an_error() -> None:
    with pytest.raises(ValueError, match="printed nothing"):
        judged(guide_pass_resources, {"seen": None, "run": {"stderr": "Traceback"}})


def zombie_runs(before: str, after: str, ours: bool = True) -> dict[str, Any]:
    hows = ("start()", "active_children()", "is_alive()")
    return {"runs": [{"how": h, "parent_is_us": ours, "before": before, "after": after} for h in hows]}


def test_a_finished_child_is_a_zombie_until_joined() -> None:
    assert judged(guide_zombies, zombie_runs("zombie", "gone")) == "holds"
    assert judged(guide_zombies, zombie_runs("zombie", "zombie")) == "refuted"
    assert judged(guide_zombies, zombie_runs("gone", "gone", ours=False), "forkserver") == "refuted"
    assert judged(guide_zombies, zombie_runs("zombie", "gone"), "spawn", "win32") == "not-applicable"


def test_one_call_that_did_not_join_is_partial() -> None:
    facts = zombie_runs("zombie", "gone")
    facts["runs"][1]["after"] = "zombie"
    assert judged(guide_zombies, facts) == "partial"


def stdin_seen(devnull: bool, read: str, closed: bool = True) -> dict[str, Any]:
    child = {"devnull": devnull, "read": read, "original_closed": closed}
    return {"child": child, "parent_read_after": "the parent's input\n", "exitcode": 0}


def test_a_childs_stdin_is_devnull() -> None:
    assert judged(guide_stdin_devnull, stdin_seen(True, "")) == "holds"
    assert judged(guide_stdin_devnull, stdin_seen(False, "the parent's input\n")) == "refuted"
    assert judged(guide_stdin_devnull, stdin_seen(True, "", closed=False)) == "partial"


def cut(received: str) -> dict[str, Any]:
    finished = {"sending": True, "received": f"{BIG} bytes", "exitcode": 0}
    return {"terminated": {"sending": True, "received": received, "exitcode": -15}, "finished": finished}


def test_a_pipe_cut_by_terminate_is_broken() -> None:
    assert judged(guide_terminate_breaks, cut("OSError: got end of file during message")) == "holds"
    assert judged(guide_terminate_breaks, cut("nothing: recv_bytes() still blocked")) == "holds"
    assert judged(guide_terminate_breaks, cut(f"{BIG} bytes")) == "refuted"


def test_a_control_that_did_not_deliver_is_an_error() -> None:
    facts = cut("EOFError: ")
    facts["finished"]["received"] = "EOFError: "
    with pytest.raises(ValueError, match="control failed"):
        judged(guide_terminate_breaks, facts)


def test_a_daemon_that_starts_a_child_refutes_it() -> None:
    control = {"refusal": None, "exitcode": 0}
    refused = {"refusal": "AssertionError: daemonic processes are not allowed to have children"}
    assert judged(guide_daemon_no_children, {"daemonic": refused, "non_daemonic": control}) == "holds"
    assert judged(guide_daemon_no_children, {"daemonic": control, "non_daemonic": control}) == "refuted"
    with pytest.raises(ValueError, match="control"):
        judged(guide_daemon_no_children, {"daemonic": refused, "non_daemonic": refused})
