from __future__ import annotations

from typing import Any

from cases.constructor import ctor_group_none
from tests.cases import where

REFUSED = {"type": "AssertionError", "message": "group argument must be None for now"}
SHAPE = ["self", "group", "target", "name", "args"]


def group_none(
    thread_refusal: dict[str, str] | None, process_refusal: dict[str, str] | None = REFUSED
) -> str:
    assert ctor_group_none.judgement is not None
    facts: dict[str, Any] = {
        "process_refusals": {"'a-group'": process_refusal, "0": REFUSED, "''": REFUSED},
        "thread_refusal": thread_refusal,
        "process_parameters": SHAPE,
        "thread_parameters": SHAPE,
        "group_none_child": {"exitcode": 0, "answer": {"args": ["ran"]}},
    }
    return ctor_group_none.judgement(facts, where()).outcome


def test_process_and_thread_both_refusing_a_group_holds() -> None:
    assert group_none(REFUSED) == "holds"


def test_a_thread_that_accepts_a_group_leaves_the_compatibility_half_unshown() -> None:
    assert group_none(None) == "partial"


def test_a_process_that_accepts_a_group_is_partial() -> None:
    assert group_none(REFUSED, process_refusal=None) == "partial"
