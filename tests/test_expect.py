from __future__ import annotations

import sys

import pytest

from harness._environment import Environment, Where
from harness._expect import Expect, expect, expected_for, problem_with

LINUX = Environment(
    "linux", "x86_64", "cpython", "3.13.0", True, False, "fork", ("fork", "spawn", "forkserver"), 2, 2, "0"
)


def where(method: str = "fork", **env: object) -> Where:
    return Where(LINUX._replace(**env), method)  # type: ignore[arg-type]


def test_fields_narrow_the_match() -> None:
    e = expect("holds", "r", os="linux", method="spawn", python=">=3.13", impl="cpython", gil=True)
    assert e.matches(where("spawn"))
    assert not e.matches(where("fork"))
    assert not e.matches(where("spawn", python_version="3.12.1"))
    assert not e.matches(where("spawn", implementation="pypy"))
    assert not e.matches(where("spawn", gil_enabled=False))


def test_prereleases_count_as_their_version() -> None:
    assert expect("holds", "r", python=">=3.15").matches(where(python_version="3.15.0a2"))


def test_first_matching_expectation_wins() -> None:
    found = expected_for([expect("partial", "new", python=">=3.13"), expect("holds", "old")], where())
    assert found is not None and found.verdict == "partial"


def test_no_match_is_none_so_the_environment_is_new() -> None:
    assert expected_for([expect("holds", "r", os="linux", method="spawn")], where("fork")) is None


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"method": "forks"}, "unknown start method 'forks'"),
        ({"os": "windows"}, "unknown os 'windows'"),
        ({"python": "3.13+"}, "not a PEP 440 specifier"),
        ({"os": "win32"}, "cite="),
    ],
)
def test_a_bad_expectation_is_named_not_raised(fields: dict[str, str], message: str) -> None:
    made = expect("holds", "r", **fields)  # type: ignore[arg-type]
    assert message in (problem_with(made) or "")


def test_an_expectation_knows_the_line_it_was_written_on() -> None:
    line = sys._getframe().f_lineno + 1
    assert expect("holds", "r").line == line


def test_a_harness_outcome_cannot_be_expected() -> None:
    assert "not one of" in (problem_with(Expect("timeout", "r")) or "")


def test_cited_expectations_are_not_yet_observed() -> None:
    cited = expect("holds", "r", os="darwin", cite="Lib/multiprocessing/context.py")
    assert cited.to_json()["basis"] == "source (not yet observed)"
    assert expect("holds", "r").to_json()["basis"] == "observed"
