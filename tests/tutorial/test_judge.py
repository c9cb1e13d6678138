"""The rule that puts an article's example verdicts together (the catalog's code.runs-* and bench's)."""

from __future__ import annotations

import pytest

from harness._tutorial._judge import together


@pytest.mark.parametrize(
    ("verdicts", "article"),
    [
        (["holds", "holds"], "holds"),
        (["holds", "not-applicable"], "holds"),
        (["holds", "partial"], "partial"),
        (["refuted", "holds"], "partial"),
        (["refuted", "partial"], "refuted"),
        (["not-applicable", "not-applicable"], "not-applicable"),
    ],
)
def test_none_failed_holds_some_partial_all_refuted_none_ran_not_applicable(
    verdicts: list[str], article: str
) -> None:
    assert together(verdicts) == article
