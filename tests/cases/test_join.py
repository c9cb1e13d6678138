from __future__ import annotations

from typing import Any

import pytest

from cases.join import OTHERS_ORDER, PLAIN_TRIALS, exit_children_linger, join_blocks, join_order_without
from tests.cases import where

JOINED = {"order": ["child", "parent, after join()"], "alive_after_join": False, "exitcode": 0}


def blocks(others_order: list[str], trial: dict[str, Any] = JOINED) -> str:
    assert join_blocks.judgement is not None
    running = {**trial, "child_status_before_join": "running"}
    facts = {"trials": [running, running], "others": {"order": others_order, "exitcodes": [0, 0]}}
    return join_blocks.judgement(facts, where()).outcome


def test_join_that_waits_while_the_other_child_runs_on_holds() -> None:
    assert blocks(OTHERS_ORDER) == "holds"


def test_an_other_child_held_back_by_join_is_partial() -> None:
    held = ["parent: join() of the first", "joined child (the other had run: False)", "parent, after join()"]
    assert blocks(held) == "partial"


def test_a_join_that_did_not_wait_is_partial_or_refuted() -> None:
    early = {"order": ["parent, after join()", "child"], "alive_after_join": True, "exitcode": None}
    assert blocks(OTHERS_ORDER, early) == "partial"
    assert blocks(OTHERS_ORDER[:1], early) == "refuted"


CHILD_FIRST = ["child", "parent: Process end"]
PARENT_FIRST = ["parent: Process end", "child"]


def order_without(plain: list[list[str]]) -> str:
    assert join_order_without.judgement is not None
    return join_order_without.judgement({"plain": plain}, where()).outcome


def test_the_parent_first_in_any_run_holds() -> None:
    assert order_without([PARENT_FIRST]) == "holds"
    assert order_without([CHILD_FIRST, CHILD_FIRST, PARENT_FIRST]) == "holds"


def test_the_child_first_in_every_run_refutes_it() -> None:
    assert order_without([CHILD_FIRST] * PLAIN_TRIALS) == "refuted"


def test_a_run_without_the_childs_line_is_an_error() -> None:
    with pytest.raises(ValueError, match="one line of each"):
        order_without([["parent: Process end"]])


def ended(held: bool, left: int, still: int = 0, main_alive: bool = True) -> dict[str, Any]:
    children = [11, 12]
    return {
        "children": children,
        "main_ended_while_children_held": held,
        "left_after_main": [
            {"pid": p, "ppid": 1, "status": "sleeping", "role": "child"} for p in children[:left]
        ],
        "still_running": still,
        "done": [{"pid": p, "main_alive": main_alive} for p in children],
    }


def linger(normal: dict[str, Any]) -> str:
    assert exit_children_linger.judgement is not None
    gone = ended(True, 2, main_alive=False)
    facts = {"normal": normal, "os._exit": gone, "killed": gone}
    return exit_children_linger.judgement(facts, where()).outcome


def test_a_main_that_waited_for_its_children_refutes_it() -> None:
    assert linger(ended(held=False, left=0)) == "refuted"


def test_children_left_by_a_main_that_did_not_wait_make_it_hold_or_partial() -> None:
    assert linger(ended(held=True, left=2, still=2)) == "holds"
    assert linger(ended(held=True, left=2, main_alive=False)) == "partial"


@pytest.mark.parametrize("normal", [ended(held=True, left=0), ended(held=False, left=0, main_alive=False)])
def test_no_child_left_by_a_main_that_did_not_wait_is_an_error(normal: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="did not wait"):
        linger(normal)
