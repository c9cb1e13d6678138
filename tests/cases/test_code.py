from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from cases.code import _judge, _judge_003, _lacks_coding_line, _observe, _with_coding_line
from harness import context
from harness._tutorial._model import Example
from harness._tutorial._run import Program
from tests.cases import where

SYNTAX = "Python 2 code (line 11: print statement): Python 3 rejects it at example 1, line 11: SyntaxError"
PY27 = {"runs_in": "fork", "find_python": "python2.7", "path": "/py27", "version": "2.7.18", "site": None}


def outcome(example: int, verdict: str, run: str = "python3", words: str = "it ran") -> dict[str, Any]:
    method = None if run.startswith("python27") else "fork"
    python = "cpython-2.7.18" if method is None else "cpython-3.12.1"
    return {"run": run, "example": example, "python": python, "method": method, "verdict": verdict,
            "diagnosis": words, "key": "k", "evidence": {}}  # fmt: skip


def facts(
    *outcomes: dict[str, Any], py27: dict[str, Any] | None = None, method: str = "fork"
) -> dict[str, Any]:
    return {
        "article": "000",
        "method": method,
        "examples": len({o["example"] for o in outcomes}),
        "shown": 0,
        "python27": py27,
        "images": {"made": [], "why_not": None},
        "outcomes": list(outcomes),
    }


def test_python_3_decides_a_syntax_error_refutes_it_with_its_line() -> None:
    verdict = _judge(facts(outcome(1, "refuted", words=SYNTAX), py27={**PY27, "path": None}), where())
    assert verdict.outcome == "refuted"
    assert "example 1, line 11" in verdict.why and "under cpython-3.12.1" in verdict.why


@pytest.mark.parametrize("py27_verdict", ["holds", "refuted", "not-applicable"])
def test_the_python_2_run_never_changes_the_verdict(py27_verdict: str) -> None:
    got = facts(outcome(1, "refuted", words=SYNTAX), outcome(1, py27_verdict, "python27"), py27=PY27)
    verdict = _judge(got, where())
    assert verdict.outcome == "refuted"
    assert "evidence, not judged: under Python 2.7.18 (py27, " in verdict.why
    assert f"ex1: {py27_verdict} (it ran)" in verdict.why


@pytest.mark.parametrize(
    ("verdicts", "outcome_"),
    [
        (["holds", "holds"], "holds"),
        (["holds", "partial"], "partial"),
        (["refuted", "partial"], "refuted"),
        (["not-applicable", "holds"], "holds"),
        (["not-applicable"], "not-applicable"),
    ],
)
def test_the_examples_verdicts_together(verdicts: list[str], outcome_: str) -> None:
    got = facts(*(outcome(i + 1, v) for i, v in enumerate(verdicts)))
    assert _judge(got, where()).outcome == outcome_


def test_another_column_says_where_python_2_ran() -> None:
    here = {"runs_in": "fork", "path": None}
    verdict = _judge(facts(outcome(1, "refuted", words=SYNTAX), py27=here, method="spawn"), where("spawn"))
    assert "Python 2.7 runs once, in the fork column" in verdict.why


def test_a_coding_line_goes_first_and_only_where_it_is_missing() -> None:
    example = Example(1, 0, "print '中文'\n", 1, None, (), "line 1: print statement", ("os.fork",))
    prog = Program(example, example.code, ((example, 1),), None, True)
    coded = _with_coding_line(prog)
    assert _lacks_coding_line(prog.script)
    assert coded.script.splitlines()[0] == "# -*- coding: utf-8 -*-"
    assert coded.parts[0][1] == 2  # its lines are still counted from the example's first
    assert not _lacks_coding_line(coded.script)
    assert not _lacks_coding_line("print 'ascii'\n")


def test_article_002_read_from_its_raw_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The real probe: the fragment needing example 1's imports is partial, so the article is."""
    monkeypatch.chdir(tmp_path)
    got = _observe("002", context("fork"))
    assert [(o["example"], o["verdict"], o["key"]) for o in got["outcomes"]] == [
        (1, "holds", "ran"),
        (2, "partial", "needs-imports"),
    ]
    assert "example 1's imports" in got["outcomes"][1]["diagnosis"]
    assert _judge(got, where()).outcome == "partial"
    assert os.listdir(tmp_path) == []  # each run's fresh folder is gone with it


def printed(example: int, stdout: str, verdict: str = "holds") -> dict[str, Any]:
    return {**outcome(example, verdict), "evidence": {"stdout": stdout}}


FIVE = "测试Python多进程\n" * 5 + "结束测试\n"


def test_003_holds_when_the_second_way_prints_what_the_first_printed_in_any_order() -> None:
    shuffled = (
        "结束测试\n" + "测试Python多进程\n" * 3 + "测试Python多进程测试Python多进程\n\n"
    )  # writes interleaved
    verdict = _judge_003({**facts(printed(1, FIVE), printed(2, shuffled)), "article": "003"}, where())
    assert verdict.outcome == "holds"
    assert "ex2's output is ex1's" in verdict.why


def test_003_is_partial_when_the_second_way_prints_something_else() -> None:
    verdict = _judge_003({**facts(printed(1, FIVE), printed(2, "结束测试\n")), "article": "003"}, where())
    assert (verdict.outcome, verdict.key) == ("partial", "ex2 differs")
    assert "not the same result as the first way" in verdict.why


def test_003_keeps_the_examples_verdict_when_it_is_not_holds_and_says_the_results_differ_too() -> None:
    got = facts(printed(1, FIVE), printed(2, "", verdict="refuted"))
    verdict = _judge_003({**got, "article": "003"}, where())
    assert (verdict.outcome, verdict.key) == ("partial", "")
    assert "nor the same result" in verdict.why
