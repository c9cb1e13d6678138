from __future__ import annotations

import pytest

from cases.terminate import terminate_then_join
from tests.cases import where


def facts(later_alive: bool, joined_alive: bool = False) -> dict[str, object]:
    dead = {"is_alive": False, "exitcode": -15}
    alive = {"is_alive": True, "exitcode": None}
    return {
        "right_after_terminate": alive,
        "died": True,
        "later_without_join": alive if later_alive else dead,
        "after_join": alive if joined_alive else dead,
    }


def judge(f: dict[str, object]) -> tuple[str, str]:
    assert terminate_then_join.judgement is not None
    verdict = terminate_then_join.judgement(f, where())
    return verdict.outcome, verdict.why


def test_a_state_updated_without_join_makes_the_reason_false() -> None:
    outcome, why = judge(facts(later_alive=False))
    assert outcome == "partial"
    assert "still without join(): is_alive()=False, exitcode=-15" in why


def test_a_state_that_waits_for_join_holds() -> None:
    assert judge(facts(later_alive=True))[0] == "holds"


def test_alive_after_join_is_refuted() -> None:
    assert judge(facts(later_alive=True, joined_alive=True))[0] == "refuted"


def test_a_child_that_never_died_is_an_error_not_a_verdict() -> None:
    with pytest.raises(ValueError, match="never ended"):
        judge({**facts(later_alive=True), "died": False})
