from __future__ import annotations

from typing import Any

import pytest

from cases.api import (
    AFTER_CLOSE,
    MAP_INPUTS,
    close_releases,
    exitcode_values,
    pool_map_order,
    pool_with_terminates,
    queue_unreliable,
    set_start_method_once,
    start_once,
    value_lock,
)
from harness import Case
from tests.cases import where

TWICE = {"type": "AssertionError", "message": "cannot start a process twice"}
CLOSED = {"type": "ValueError", "message": "process object is closed"}


def judged(case: Case, facts: dict[str, Any], os: str = "linux") -> str:
    assert case.judgement is not None
    return case.judgement(facts, where(os=os)).outcome


def test_a_refused_second_start_holds_and_an_accepted_one_refutes() -> None:
    refused = {"optimize": 0, "second_start_while_running": TWICE, "second_start_after_end": TWICE, "runs": 1}
    assert judged(start_once, refused) == "holds"
    once_only = {**refused, "second_start_after_end": None, "runs": 2}
    assert judged(start_once, once_only) == "partial"
    accepted = {**once_only, "second_start_while_running": None, "optimize": 1}
    assert judged(start_once, accepted) == "refuted"


def closing(while_running: dict[str, str] | None, after: dict[str, str] | None) -> dict[str, Any]:
    uses = {name: after for name in AFTER_CLOSE}
    uses["name"] = None
    return {"close_while_running": while_running, "close_after_join": None, "after_close": uses}


def test_close_that_refuses_then_releases_holds() -> None:
    running = {"type": "ValueError", "message": "Cannot close a process while it is still running."}
    assert judged(close_releases, closing(running, CLOSED)) == "holds"
    assert judged(close_releases, closing(None, CLOSED)) == "partial"
    assert judged(close_releases, closing(None, None)) == "refuted"


def exits(while_running: int | None, ended: tuple[int | None, ...]) -> dict[str, Any]:
    returned, code, raised = ended
    return {
        "before_start": None,
        "while_running": while_running,
        "alive_then": True,
        "returned": returned,
        "sys_exit_3": code,
        "uncaught_exception": raised,
    }


def test_exit_codes_as_documented_hold_and_others_do_not() -> None:
    assert judged(exitcode_values, exits(None, (0, 3, 1))) == "holds"
    assert judged(exitcode_values, exits(None, (0, 0, 0))) == "partial"
    assert judged(exitcode_values, exits(0, (0, 0, 0))) == "refuted"


def trials(empty: bool, qsize: int | str = 1) -> dict[str, Any]:
    return {"ints_per_item": 10, "trials": [{"empty": empty, "qsize": qsize, "got": True}] * 3}


def test_an_empty_queue_with_an_item_in_it_shows_unreliability() -> None:
    assert judged(queue_unreliable, trials(True)) == "holds"
    assert judged(queue_unreliable, trials(False)) == "refuted"


def test_a_qsize_that_raises_elsewhere_leaves_only_that_part() -> None:
    assert judged(queue_unreliable, trials(False, "NotImplementedError")) == "partial"


def test_on_macos_qsize_must_raise() -> None:
    assert judged(queue_unreliable, trials(True, "NotImplementedError"), os="darwin") == "holds"
    assert judged(queue_unreliable, trials(True), os="darwin") == "partial"
    assert judged(queue_unreliable, trials(False), os="darwin") == "refuted"


LATE_FIRST = [*MAP_INPUTS[1:], MAP_INPUTS[0]]


def orders(mapped: list[int], finished: list[int], unordered: list[int]) -> dict[str, Any]:
    return {"inputs": MAP_INPUTS, "map": mapped, "map_finished": finished, "imap_unordered": unordered}


def test_map_in_input_order_and_imap_unordered_out_of_it_holds() -> None:
    assert judged(pool_map_order, orders(MAP_INPUTS, LATE_FIRST, LATE_FIRST)) == "holds"
    assert judged(pool_map_order, orders(MAP_INPUTS, LATE_FIRST, MAP_INPUTS)) == "partial"
    assert judged(pool_map_order, orders(MAP_INPUTS, MAP_INPUTS, LATE_FIRST)) == "partial"
    assert judged(pool_map_order, orders(LATE_FIRST, LATE_FIRST, LATE_FIRST)) == "refuted"


def left(done: int, workers: list[str], started: bool = True) -> dict[str, Any]:
    return {
        "task_started": started,
        "workers": 2,
        "workers_after_exit": workers,
        "ready_after_exit": bool(done),
        "done_after_exit": done,
    }


def test_a_with_block_that_stops_the_workers_holds() -> None:
    assert judged(pool_with_terminates, left(0, ["gone", "gone"])) == "holds"
    assert judged(pool_with_terminates, left(0, ["sleeping", "gone"])) == "partial"
    assert judged(pool_with_terminates, left(1, ["gone", "gone"])) == "refuted"


def test_a_task_that_never_started_is_not_judged() -> None:
    with pytest.raises(ValueError, match="never started"):
        judged(pool_with_terminates, left(0, ["gone"], started=False))


def locks(default: bool, raw: bool, blocked: bool | None = True) -> dict[str, Any]:
    return {
        "default_get_lock": [default, default],
        "lock_type": "RLock",
        "recursive": True,
        "parent_blocked_while_child_holds": blocked,
        "raw_types": ["c_int", "c_int_Array_3"],
        "raw_get_lock": [raw, raw],
    }


def test_a_locked_default_and_a_bare_raw_object_hold() -> None:
    assert judged(value_lock, locks(default=True, raw=False)) == "holds"
    assert judged(value_lock, locks(default=True, raw=False, blocked=False)) == "partial"
    assert judged(value_lock, locks(default=False, raw=True)) == "refuted"


def program_run(first: str, second: str, popen: str = "multiprocessing.popen_spawn_posix") -> dict[str, Any]:
    steps = {
        "context-child": ["0", "None"],
        "first": first.split(),
        "second": second.split(),
        "forced": ["ok", "spawn"],
        "global-child": ["0", popen],
    }
    return {"returncode": 0, "stderr": "", "method": "fork", "other": "spawn", "steps": steps}


REFUSED = "RuntimeError context has already been set"


def test_a_second_call_refused_holds_and_an_accepted_one_refutes() -> None:
    assert judged(set_start_method_once, program_run("ok fork", REFUSED)) == "holds"
    assert judged(set_start_method_once, program_run("ok fork", "ok fork")) == "refuted"
    unused = program_run("ok fork", REFUSED, popen="multiprocessing.popen_fork")
    assert judged(set_start_method_once, unused) == "refuted"


def test_a_context_that_fixed_the_global_method_is_partial() -> None:
    assert judged(set_start_method_once, program_run(REFUSED, REFUSED)) == "partial"


def test_a_failed_program_is_an_error_not_a_verdict() -> None:
    failed = {**program_run("ok fork", REFUSED), "returncode": 1, "stderr": "Traceback\nOSError: boom"}
    with pytest.raises(ValueError, match="OSError: boom"):
        judged(set_start_method_once, failed)
