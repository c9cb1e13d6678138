from __future__ import annotations

from harness._matrix import render


def test_rows_are_claims_columns_are_methods_and_mismatches_are_marked() -> None:
    text = render(
        [
            {
                "claim": "a.b",
                "start_method": "fork",
                "verdict": "holds",
                "status": "pass",
                "expected": {"verdict": "holds"},
            },
            {
                "claim": "a.b",
                "start_method": "spawn",
                "verdict": "refuted",
                "status": "fail",
                "expected": {"verdict": "holds"},
            },
            {"claim": "c.d", "start_method": "fork", "verdict": "partial", "status": "new", "expected": None},
        ]
    )
    lines = text.splitlines()
    assert lines[0].split() == ["claim", "fork", "spawn", "forkserver"]
    assert "✗refuted (exp. holds)" in lines[1]
    assert lines[2].split()[:2] == ["c.d", "?partial"]
    assert lines[-1].startswith("(1 fail, 1 new, 1 pass")
