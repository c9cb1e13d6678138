from __future__ import annotations

from typing import Any

import pytest

from cases.ipc import BACK, FIRST, NAMES, PING, pipe_duplex, pipe_two_processes_only, queue_reader_blocks
from tests.cases import where


def duplex(first: str | None = FIRST, got: str | None = PING, back: str | None = BACK) -> tuple[str, str]:
    assert pipe_duplex.judgement is not None
    facts = {
        "child_end_spoke_first": first,
        "child_end_got": got,
        "child_end_send_error": None if back else "OSError: connection is read-only",
        "parent_end_got_back": back,
        "child_exitcode": 0,
    }
    verdict = pipe_duplex.judgement(facts, where())
    return verdict.outcome, verdict.key


def test_an_end_that_received_and_then_sent_leaves_the_roles_half_false() -> None:
    assert duplex() == ("partial", "roles swap")


def test_an_end_that_received_and_could_not_send_keeps_the_roles_fixed() -> None:
    assert duplex(back=None) == ("holds", "roles fixed")


def test_ends_that_cannot_start_refute_it() -> None:
    assert duplex(first=None, got=None)[0] == "refuted"
    assert duplex(first=None)[0] == "partial"


READERS_OK = {
    "sent": ["first", "second"],
    "child_pids": [7, 8],
    "children_got": [{"pid": 7, "got": "first"}, {"pid": 8, "got": "second"}],
    "exitcodes": [0, 0],
}
READERS_FAILED = {**READERS_OK, "children_got": [{"pid": 7, "got": None}]}


def two(parent_got: list[Any], readers: dict[str, Any], back: str | None) -> tuple[str, str]:
    assert pipe_two_processes_only.judgement is not None
    senders = {"child_pids": [5, 6], "parent_got": parent_got, "exitcodes": [0, 0], "b_sent_back": back}
    facts = {"parent_pid": 1, "two_senders": senders, "two_readers": readers}
    verdict = pipe_two_processes_only.judgement(facts, where())
    return verdict.outcome, verdict.key


SWAP = "back on the receiving end"


@pytest.mark.parametrize(("back", "key"), [(SWAP, "roles swap"), (None, "roles fixed")])
def test_a_pipe_shared_by_three_refutes_it_and_the_reason_is_judged(back: str | None, key: str) -> None:
    assert two([5, 6], READERS_OK, back) == ("refuted", key)


def test_a_pipe_no_third_process_could_use_holds_only_if_the_roles_stayed_fixed() -> None:
    assert two([None, None], READERS_FAILED, None) == ("holds", "roles fixed")
    assert two([None, None], READERS_FAILED, SWAP) == ("partial", "roles swap")
    assert two([5, 6], READERS_FAILED, None) == ("partial", "roles fixed")


def reader(after: dict[str, Any], alive: bool = True, os: str = "linux") -> tuple[str, str]:
    assert queue_reader_blocks.judgement is not None
    facts = {
        "writer_exitcode": 0,
        "reader_got": NAMES,
        "quiet_s": 0.1,
        "os_before": {"status": "sleeping", "cpu_s": 0.04},
        "os_after": after,
        "alive_after_quiet": alive,
        "exitcode_after_quiet": None if alive else 0,
        "alive_after_terminate": False,
        "exitcode_after_terminate": -15,
        "timeout_reader": {"items": NAMES, "exitcode": 0},
    }
    verdict = queue_reader_blocks.judgement(facts, where(os=os))
    return verdict.outcome, verdict.key


def test_a_reader_asleep_in_get_through_the_watch_holds() -> None:
    assert reader({"status": "sleeping", "cpu_s": 0.04})[0] == "holds"
    assert reader({"status": "running", "cpu_s": 0.04}, os="win32")[0] == "holds"
    assert reader({"status": "running", "cpu_s": 0.04}, os="darwin")[0] == "holds"
    assert reader({"status": "running", "cpu_s": 0.09}, os="darwin")[0] == "partial"


@pytest.mark.parametrize(
    "after", [{"status": "running", "cpu_s": 0.04}, {"status": "sleeping", "cpu_s": 0.09}]
)
def test_a_reader_alive_but_busy_does_not_show_never(after: dict[str, Any]) -> None:
    assert reader(after) == ("partial", "busy")


def test_a_reader_that_ended_refutes_it() -> None:
    assert reader({"status": "gone", "cpu_s": None}, alive=False)[0] == "refuted"
