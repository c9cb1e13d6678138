from __future__ import annotations

import pytest

from cases.code import _judge, _lacks_coding_line, _with_coding_line
from tests.cases import where

SYNTAX = "File \"/tmp/x/ex1.py\", line 11\nSyntaxError: Missing parentheses in call to 'print'\n"
PY27 = {"runs_in": "fork", "find_python": "python2.7", "path": "/py27", "version": "2.7.18", "site": None}


def run(stderr: str = "", returncode: int = 0) -> dict[str, object]:
    return {"stdout": "", "stderr": stderr, "returncode": returncode, "timed_out": False, "pinned": None}


def facts(py3: dict[str, object], py27: dict[str, object] | None, method: str = "fork") -> dict[str, object]:
    here = (
        {**PY27, "imports": {"cv2": "ok"}}
        if py27 is not None
        else {"runs_in": "fork", "path": None, "find_python": None}
    )
    return {
        "article": "000",
        "method": method,
        "python3": {"label": "cpython 3.12.1", "path": "/py3"},
        "python27": here,
        "images": None,
        "shown_verbatim": True,
        "examples": [{"example": 1, "verbatim": True, "python3_run": py3, "python27_run": py27}],
    }


def test_python_3_decides_a_syntax_error_refutes_it_with_its_line() -> None:
    verdict = _judge(facts(run(SYNTAX, 1), None), where())
    assert verdict.outcome == "refuted"
    assert "ex1.py line 11" in verdict.why and "Missing parentheses" in verdict.why


@pytest.mark.parametrize("py27", [run(), run("Traceback (most recent call last):\nImportError: x", 1), None])
def test_the_python_2_run_never_changes_the_verdict(py27: dict[str, object] | None) -> None:
    assert _judge(facts(run(SYNTAX, 1), py27), where()).outcome == "refuted"


def test_code_that_runs_under_python_3_holds() -> None:
    assert _judge(facts(run(), run()), where()).outcome == "holds"


def test_another_column_says_where_python_2_ran() -> None:
    verdict = _judge(facts(run(SYNTAX, 1), None, method="spawn"), where("spawn"))
    assert "Python 2.7 runs once, in the fork column" in verdict.why


def test_a_coding_line_goes_second_and_only_where_it_is_missing() -> None:
    source = "# article 001\nprint '中文'\n"
    assert _lacks_coding_line(source)
    assert _with_coding_line(source).splitlines()[1] == "# -*- coding: utf-8 -*-"
    assert not _lacks_coding_line(_with_coding_line(source))
    assert not _lacks_coding_line("# article 001\nprint 'ascii'\n")
