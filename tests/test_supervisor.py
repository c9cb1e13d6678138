from __future__ import annotations

from typing import Any

from harness._supervisor import classify

TRACKER = "python -c from multiprocessing.resource_tracker import main;main(5)"
SERVER = "python -c from multiprocessing.forkserver import main; main(8, 9, ['__main__'])"


def proc(pid: int, ppid: int, cmdline: str, status: str = "sleeping") -> dict[str, Any]:
    return {"pid": pid, "ppid": ppid, "cmdline": cmdline, "status": status}


def test_helpers_are_not_leaks_but_their_forked_children_are() -> None:
    census = [proc(10, 1, TRACKER), proc(11, 1, SERVER), proc(12, 11, SERVER), proc(13, 1, "python x.py")]
    found = classify(census)
    assert [p["pid"] for p in found["helpers"]] == [10, 11]
    assert [p["pid"] for p in found["leaked"]] == [12, 13]


def test_an_orphan_of_a_fork_server_worker_is_not_taken_for_the_server() -> None:
    census = [proc(11, 1, SERVER), proc(14, 1, SERVER)]  # 14: a worker's child, orphaned to us
    census[0]["started"], census[1]["started"] = 100.0, 105.0
    found = classify(census)
    assert [p["pid"] for p in found["helpers"]] == [11]
    assert [p["pid"] for p in found["leaked"]] == [14]


def test_a_zombie_waiting_to_be_reaped_is_not_a_leak() -> None:
    assert classify([proc(5, 1, "python", "zombie")])["leaked"] == []
