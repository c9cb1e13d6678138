"""args.passed: a run without numpy is told apart from one that carried an image array."""

from __future__ import annotations

from typing import Any

from cases.sharing import _describe_all, args_passed
from harness import Verdict
from tests.cases import where

PLAIN = ("test", 7, [1, 2], b"\x00\xff")
ARRAY = {"type": "numpy.ndarray", "dtype": "uint8", "shape": [48, 64, 3], "sha256": "ab" * 32, "sum": 1}


def facts(numpy: bool, received: dict[str, Any] | None = None) -> dict[str, Any]:
    sent = _describe_all(PLAIN, {"name": "egon"})
    if numpy:
        sent["args"].append(ARRAY)
    return {
        "sent": sent,
        "received": sent if received is None else received,
        "exitcode": 0,
        "numpy_available": numpy,
    }


def judge(f: dict[str, Any]) -> Verdict:
    assert args_passed.judgement is not None
    return args_passed.judgement(f, where())


def test_every_value_and_the_array_received_holds() -> None:
    verdict = judge(facts(numpy=True))
    assert (verdict.outcome, verdict.key) == ("holds", "")
    assert "uint8 array [48, 64, 3]" in verdict.why


def test_without_numpy_the_verdict_says_only_plain_values_were_passed() -> None:
    verdict = judge(facts(numpy=False))
    assert (verdict.outcome, verdict.key) == ("holds", "plain values only (no numpy)")
    assert "array" not in verdict.why


def test_an_array_that_arrives_changed_is_partial() -> None:
    f = facts(numpy=True)
    f["received"] = {**f["sent"], "args": [*f["sent"]["args"][:-1], {**ARRAY, "sha256": "cd" * 32}]}
    assert judge(f).outcome == "partial"
