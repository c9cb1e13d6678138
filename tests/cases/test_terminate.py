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


def judge_codes(**codes: int | None) -> tuple[str, str]:
    from cases.terminate import exitcode_zero_or_error

    base = {"return": 0, "raise ValueError": 1, "sys.exit(3)": 3, "sys.exit('message')": 1}
    assert exitcode_zero_or_error.judgement is not None
    verdict = exitcode_zero_or_error.judgement({"exitcodes": {**base, **codes}}, where())
    return verdict.outcome, verdict.key


def test_zero_then_the_errors_code_holds() -> None:
    assert judge_codes() == ("holds", "0, n, 1")


@pytest.mark.parametrize(
    "codes", [{"raise ValueError": 0}, {"sys.exit(3)": 1}, {"sys.exit('message')": None}]
)
def test_an_error_without_its_code_is_partial(codes: dict[str, int | None]) -> None:
    assert judge_codes(**codes)[0] == "partial"


def test_a_normal_end_that_is_not_zero_is_refuted() -> None:
    assert judge_codes(**{"return": 1})[0] == "refuted"
