from __future__ import annotations

from typing import Any

import pytest

from cases.fork import RUNS, fork_returns_twice, fork_unix_only, process_cross_platform
from tests.cases import where


def forked(parent: int = 100, child: int = 101, returned_in_child: int = 0) -> dict[str, Any]:
    runs = [
        {"pid": parent, "ppid": 1, "fork_returned": child},
        {"pid": child, "ppid": parent, "fork_returned": returned_in_child},
    ]
    return {
        "has_fork": True,
        "pid_before_fork": parent,
        "fork_returned_in_parent": child,
        "runs_below_fork": runs,
    }


def example(child_first: bool = False, father: int = 100, child_line: bool = True) -> dict[str, Any]:
    """What one run of 001's example printed: main 100, child 101."""
    lines = ["This is Fater process, And Its child pid is 101"]
    if child_line:
        lines.insert(
            1 if not child_first else 0,
            f"This is child process and my pid is 101, my father process is {father}",
        )
    return {"stdout": "\n".join(["Process 100 start ...", *lines]), "returncode": 0}


def twice(runs: list[dict[str, Any]], **child: int) -> tuple[str, str]:
    assert fork_returns_twice.judgement is not None
    facts = {"main": forked(**child), "child": forked(200, 201), "child_exitcode": 0, "example": runs}
    verdict = fork_returns_twice.judgement(facts, where())
    return verdict.outcome, verdict.key


def test_a_child_that_ran_after_its_parent_ended_every_time_holds() -> None:
    assert twice([example(father=1)] * RUNS) == ("holds", "parent, then child")


@pytest.mark.parametrize(
    "odd",
    [example(), example(father=1, child_first=True), example(child_first=True)],
    ids=["at once", "child first", "both"],
)
def test_a_child_running_beside_its_parent_or_first_in_any_run_is_partial(odd: dict[str, Any]) -> None:
    assert twice([example(father=1)] * (RUNS - 1) + [odd]) == ("partial", "not ordered")


def test_a_run_without_the_childs_line_refutes_it() -> None:
    assert twice([example(father=1)] * (RUNS - 1) + [example(child_line=False)])[0] == "refuted"


def test_a_child_that_does_not_get_0_refutes_it() -> None:
    assert twice([example(father=1)] * RUNS, returned_in_child=7)[0] == "refuted"


PROBE = 10


def child_run(ppid: int, has_fork: bool = False, removed_in: int | None = None) -> dict[str, Any]:
    child = {"pid": ppid + 1, "ppid": ppid, "has_fork": has_fork, "removed_in": removed_in or ppid + 1}
    return {"child": child, "exitcode": 0}


def bare(
    start_error: str | None = None, child_has_fork: bool = False, server: int | None = None
) -> dict[str, Any]:
    """A program without os.fork whose main (pid 50) or server made the child."""
    seen: dict[str, Any] = {"main_pid": 50, "main_has_fork": False, "start_error": start_error}
    if start_error is None:
        seen.update(child_run(server or 50, child_has_fork))
    return {"seen": seen, "returncode": 0, "stderr_tail": ""}


def served(removed_in_server: bool) -> dict[str, Any]:
    run = bare(server=60)
    run["seen"]["child"]["removed_in"] = 60 if removed_in_server else 61
    return run


def cross(method: str, without: dict[str, Any], normal: dict[str, Any] | None = None) -> tuple[str, str]:
    assert process_cross_platform.judgement is not None
    facts = {"parent_pid": PROBE, "normal": normal or child_run(PROBE), "without_os_fork": without}
    verdict = process_cross_platform.judgement(facts, where(method))
    return verdict.outcome, verdict.key


@pytest.mark.parametrize("method", ["fork", "forkserver"])
def test_a_method_that_fails_without_os_fork_is_said_to_need_it(method: str) -> None:
    without = {"spawn": bare(), method: bare("EOFError: unexpected EOF")}
    assert cross(method, without) == ("holds", "this method needs os.fork")


def test_a_method_that_works_without_os_fork_is_said_not_to_need_it() -> None:
    assert cross("spawn", {"spawn": bare()}) == ("holds", "no os.fork")
    assert cross("forkserver", {"spawn": bare(), "forkserver": served(True)}) == ("holds", "no os.fork")


def test_spawn_failing_without_os_fork_refutes_it_in_every_column() -> None:
    assert cross("spawn", {"spawn": bare("AttributeError: fork")})[0] == "refuted"
    assert (
        cross("fork", {"spawn": bare("AttributeError: fork"), "fork": bare("AttributeError")})[0] == "refuted"
    )


def test_a_process_that_does_not_run_refutes_it() -> None:
    assert cross("spawn", {"spawn": bare()}, normal={"child": None, "exitcode": 1})[0] == "refuted"


@pytest.mark.parametrize("run", [bare(child_has_fork=True), served(False)])
def test_a_removal_that_did_not_reach_the_forking_process_is_an_error(run: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="kept os"):
        cross("forkserver", {"spawn": bare(), "forkserver": run})


def here(platform: str, has_fork: bool = True) -> dict[str, Any]:
    seen: dict[str, Any] = {"platform": platform, "os_name": "nt" if platform == "win32" else "posix"}
    return {**seen, "has_fork": has_fork, **({"forked_child_exit": 7} if has_fork else {})}


def unix_only(platform: str, has_fork: bool = True) -> str:
    assert fork_unix_only.judgement is not None
    seen = here(platform, has_fork)
    return fork_unix_only.judgement({"main": seen, "child": seen}, where(os=platform)).outcome


def test_os_fork_on_linux_and_none_on_windows_hold() -> None:
    assert unix_only("linux") == "holds"
    assert unix_only("win32", has_fork=False) == "holds"


def test_os_fork_on_another_unix_leaves_only_linux_false() -> None:
    assert unix_only("darwin") == "partial"


def test_os_fork_missing_on_linux_or_present_on_windows_refutes_it() -> None:
    assert unix_only("linux", has_fork=False) == "refuted"
    assert unix_only("win32") == "refuted"
