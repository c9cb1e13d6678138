from __future__ import annotations

import pytest

from cases.sharing import WORKERS, lock_avoids_deadlock, lock_serializes
from tests.cases import where


def pairs(crossed: list[int], same_order: list[int] | None = None) -> dict[str, object]:
    run = {"crossed": crossed, "same_order": same_order or [1, 1]}
    return {"exitcodes": [0, 0], "window_s": 0.3, "Lock": run, "Semaphore(1)": run}


def deadlock(f: dict[str, object]) -> str:
    assert lock_avoids_deadlock.judgement is not None
    return lock_avoids_deadlock.judgement(f, where()).outcome


def test_locks_taken_in_opposite_orders_that_wait_for_ever_refute_it() -> None:
    assert deadlock(pairs([0, 0])) == "refuted"


def test_a_lock_that_let_one_through_holds() -> None:
    assert deadlock(pairs([1, 0])) == "holds"


def test_a_failed_same_order_control_is_an_error() -> None:
    with pytest.raises(ValueError, match="control"):
        deadlock(pairs([0, 0], same_order=[1, 0]))


def section(guard: str, peak: int, tripped: bool) -> dict[str, object]:
    events = [1, -1] * WORKERS if peak == 1 else [1, 1, -1, -1]
    return {
        "guard": guard,
        "window_s": 0.1,
        "peak_inside": peak,
        "inner_barrier_tripped": tripped,
        "events": events,
    }


def serializes(peak: int, tripped: bool) -> str:
    assert lock_serializes.judgement is not None
    facts = {
        "exitcodes": [0, 0],
        "none": section("none", WORKERS, True),
        "Lock": section("Lock", peak, tripped),
        "Semaphore(1)": section("Semaphore(1)", peak, tripped),
    }
    return lock_serializes.judgement(facts, where()).outcome


def test_one_inside_at_a_time_holds_and_both_inside_refutes() -> None:
    assert serializes(1, tripped=False) == "holds"
    assert serializes(WORKERS, tripped=True) == "refuted"


def state_facts(value: int = 1, thread: bool = True, up: bool = False) -> dict[str, object]:
    mine = ["as imported", "changed by the parent before start()", *(["changed by the child"] if up else [])]
    return {
        "thread_change_seen": thread,
        "child_saw_at_start": ["as imported", "changed by the parent before start()"],
        "child_changed": True,
        "parent_after_child_changed": {"global": mine, "argument": ["sent"], "shared Value": value},
        "child_after_parent_changed": {"global": [*mine[:2], "changed by the child"], "argument": ["sent"]},
        "exitcode": 0,
    }


def judge_state(**kw: object) -> tuple[str, str]:
    from cases.sharing import state_not_shared

    assert state_not_shared.judgement is not None
    verdict = state_not_shared.judgement(state_facts(**kw), where())  # type: ignore[arg-type]
    return verdict.outcome, verdict.key


def test_a_shared_value_makes_no_shared_state_at_all_partial() -> None:
    assert judge_state() == ("partial", "plain objects only")


def test_no_shared_value_and_threads_sharing_holds() -> None:
    assert judge_state(value=0)[0] == "holds"


def test_a_thread_that_kept_its_change_to_itself_is_partial() -> None:
    assert judge_state(value=0, thread=False)[0] == "partial"


def test_a_childs_change_seen_by_the_parent_is_partial() -> None:
    assert "one direction" in state_not_shared_why(up=True)


def state_not_shared_why(**kw: object) -> str:
    from cases.sharing import state_not_shared

    assert state_not_shared.judgement is not None
    return state_not_shared.judgement(state_facts(**kw), where()).why  # type: ignore[arg-type]
