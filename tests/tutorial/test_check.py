from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from harness import find_python
from harness._tutorial import _check
from harness._tutorial._check import NOT_ALL_HOLD, OK, TROUBLE, Plan, Steps, check, status
from harness._tutorial._model import Document, Example, Outcome, ReadError

from .data import CHECKED, DOCUMENT, EXAMPLES, UNREADABLE

# --- the pipeline, with steps of our own ------------------------------------------------------------


class Fake:
    """A reader that refuses `*.bad`, finds no examples in `*.empty`, and a runner that notes its calls."""

    def __init__(self) -> None:
        self.runs: list[tuple[str, str | None, tuple[str, ...]]] = []

    def read(self, path: str) -> Document:
        if path.endswith(".bad"):
            raise ReadError(f"{path}: not a Jupyter notebook: Expecting value: line 1 column 1 (char 0)")
        return DOCUMENT._replace(path=path)

    def find(self, doc: Document) -> tuple[Example, ...]:
        return () if doc.path.endswith(".empty") else EXAMPLES

    def run(
        self,
        examples: Sequence[Example],
        *,
        article_dir: str,
        python: str,
        methods: Sequence[str],
        python27: str | None,
    ) -> tuple[Outcome, ...]:
        self.runs.append((python, python27, tuple(methods)))
        return tuple(
            Outcome(e.index, python, m, "holds", "ran", "ran", {}) for e in examples for m in methods
        )

    def steps(self) -> Steps:
        return Steps(self.read, self.find, self.run)


PLAN = Plan(("/py/3.12", "/py/3.13"), ("fork", "spawn"), "/py/2.7")


def test_an_article_that_cannot_be_read_is_one_line_and_the_others_are_still_checked() -> None:
    fake = Fake()
    done = list(check(["a.md", "b.bad", "c.empty", "d.md"], PLAN, fake.steps()))
    assert [c.error for c in done] == [
        None,
        "b.bad: not a Jupyter notebook: Expecting value: line 1 column 1 (char 0)",
        "c.empty: no Python code examples in it",
        None,
    ]
    assert done[3].document is not None and len(done[3].outcomes) == 2 * 2 * 2  # examples × methods × Pythons


def test_each_python_runs_every_example_and_python_27_once() -> None:
    fake = Fake()
    list(check(["a.md"], PLAN, fake.steps()))
    assert fake.runs == [("/py/3.12", "/py/2.7", ("fork", "spawn")), ("/py/3.13", None, ("fork", "spawn"))]


def test_the_exit_status_judged_is_0_strict_is_1_when_not_all_hold_unreadable_is_2() -> None:
    refuted = CHECKED  # has a refuted and a partial outcome
    held = CHECKED._replace(outcomes=tuple(o._replace(verdict="holds") for o in CHECKED.outcomes))
    assert status([refuted], strict=False) == OK
    assert status([held], strict=True) == OK
    assert status([refuted, held], strict=True) == NOT_ALL_HOLD
    assert status([held, UNREADABLE], strict=False) == TROUBLE
    assert status([refuted, UNREADABLE], strict=True) == TROUBLE


# --- choosing the Pythons ---------------------------------------------------------------------------


def test_no_python_given_is_this_one() -> None:
    assert _check.plan([], ("fork",)).pythons == (sys.executable,)


def test_a_version_is_found_as_the_catalog_finds_pythons() -> None:
    found = find_python("3.12")
    if found is None:
        pytest.skip("no Python 3.12 here")
    assert _check.plan(["3.12"], ("spawn",)).pythons == (found,)


def test_python_27_given_runs_the_python_2_code_only() -> None:
    found = find_python("2.7")
    if found is None:
        pytest.skip("no Python 2.7 here")
    plan = _check.plan([sys.executable, found], ("spawn",))
    assert plan == Plan((sys.executable,), ("spawn",), found)


@pytest.mark.parametrize(
    ("spec", "line"),
    [
        ("9.99", "--python 9.99: no such Python found (in pyenv or on PATH)"),
        ("README.md", "--python README.md: not an executable file"),
    ],
)
def test_a_python_that_is_not_there_is_one_line(
    spec: str, line: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(Path(__file__).parents[2])
    with pytest.raises(ValueError, match=f"^{line.replace('(', '.').replace(')', '.')}$"):
        _check.plan([spec], ("fork",))


def test_pages_are_named_by_stem_and_a_second_of_the_same_stem_is_numbered() -> None:
    assert _check.page_names(["a/intro.md", "b/intro.ipynb", "guide.rst", "c/intro.html"]) == {
        "a/intro.md": "intro.html",
        "b/intro.ipynb": "intro-2.html",
        "guide.rst": "guide.html",
        "c/intro.html": "intro-3.html",
    }
