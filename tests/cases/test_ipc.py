from __future__ import annotations

from typing import Any

import pytest

from cases.ipc import BACK, FIRST, PING, pipe_duplex, pipe_two_processes_only
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
