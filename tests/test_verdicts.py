from __future__ import annotations

import pytest

from harness._verdicts import OUTCOMES, Verdict, holds, not_applicable, partial, refuted


def test_constructors_give_their_outcome() -> None:
    made = [f("why").outcome for f in (holds, refuted, partial, not_applicable)]
    assert made == ["holds", "refuted", "partial", "not-applicable"]


def test_unknown_outcome_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown verdict 'true'"):
        Verdict("true", "because")  # type: ignore[arg-type]


def test_a_verdict_needs_a_reason() -> None:
    with pytest.raises(ValueError, match="needs a reason"):
        holds("")


def test_harness_outcomes_are_known() -> None:
    assert {"timeout", "error", "leaked"} <= set(OUTCOMES)
