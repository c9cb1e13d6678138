from __future__ import annotations

import contextlib
import io
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from harness import find_python
from harness._tutorial import _check
from harness._tutorial._check import NOT_ALL_HOLD, OK, TROUBLE, Plan, Steps, check, status
from harness._tutorial._model import Document, Example, Outcome, ReadError

from .data import CHECKED, DOCUMENT, EXAMPLES, UNREADABLE

METHODS = ("fork", "spawn", "forkserver")

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
        document: Document,
        examples: Sequence[Example],
        *,
        python: str,
        methods: Sequence[str],
        python27: str | None,
    ) -> tuple[Outcome, ...]:
        self.runs.append((python, python27, tuple(methods)))
        here = [Outcome(e.index, python, m, "holds", "ran", "ran", {}) for e in examples for m in methods]
        two = Outcome(
            1, python27 or "cpython-2.7", None, "holds" if python27 else "not-applicable", "", "", {}
        )
        return (*here, two)

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
    assert done[3].document is not None
    assert len(done[3].outcomes) == 2 * 2 * 2 + 1  # examples × methods × Pythons, and Python 2.7 once


def test_each_python_runs_every_example_and_python_27_once() -> None:
    fake = Fake()
    (done,) = check(["a.md"], PLAN, fake.steps())
    assert fake.runs == [("/py/3.12", "/py/2.7", ("fork", "spawn")), ("/py/3.13", None, ("fork", "spawn"))]
    assert [(o.python, o.verdict) for o in done.outcomes if o.method is None] == [("/py/2.7", "holds")]


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


# --- end to end: real articles, real runs -------------------------------------------------------------

GUARDED_MD = """\
# Processes

Start a child and wait for it:

```python
from multiprocessing import Process

def greet(name):
    print("hello", name)

if __name__ == "__main__":
    p = Process(target=greet, args=("bob",))
    p.start()
    p.join()
```

Output:

```text
hello bob
```

Without the guard:

```python
from multiprocessing import Process

def work():
    print("working")

p = Process(target=work)
p.start()
p.join()
```
"""
SQUARES_RST = """\
进程池
======

用 ``Pool`` 计算平方::

    from multiprocessing import Pool

    def square(x):
        return x * x

    if __name__ == '__main__':
        with Pool(2) as pool:
            print(pool.map(square, range(3)))

输出::

    [1, 4, 9]
"""
CHILD_HTML = """\
<!doctype html><html><head><title>Processes</title><style>p {}</style></head><body>
<nav>menu</nav><h1>Processes</h1><p>Start a child and join it:</p>
<pre><code class="language-python">from multiprocessing import Process

def f():
    print("child")

if __name__ == "__main__":
    p = Process(target=f)
    p.start()
    p.join()
</code></pre>
<p>Output:</p><pre>child</pre></body></html>
"""
WORKER_IPYNB = {
    "cells": [
        {"cell_type": "markdown", "metadata": {}, "source": ["# A worker defined in a cell\n"]},
        {
            "cell_type": "code",
            "metadata": {},
            "outputs": [],
            "source": ["def work():\n", "    print('working')"],
        },
        {
            "cell_type": "code",
            "metadata": {},
            "outputs": [{"name": "stdout", "output_type": "stream", "text": ["working\n"]}],
            "source": [
                "from multiprocessing import Process\n",
                "p = Process(target=work)\n",
                "p.start()\n",
                "p.join()",
            ],
        },
    ],
    "metadata": {},
    "nbformat": 4,
    "nbformat_minor": 5,
}


class Run(NamedTuple):
    """One `python -m harness check` of the four articles: its exit code, output and files."""

    code: int
    out: str
    folder: Path
    data: dict[str, Any]


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> Run:
    pytest.importorskip("harness._tutorial._run")
    from harness._cli import main

    folder = tmp_path_factory.mktemp("check")
    (folder / "processes.md").write_text(GUARDED_MD, encoding="utf-8")
    (folder / "squares.rst").write_text(SQUARES_RST, encoding="utf-8")
    (folder / "child.html").write_text(CHILD_HTML, encoding="utf-8")
    (folder / "worker.ipynb").write_text(json.dumps(WORKER_IPYNB), encoding="utf-8")
    articles = [str(folder / n) for n in ("processes.md", "squares.rst", "child.html", "worker.ipynb")]
    outputs = [
        "--html",
        str(folder / "html"),
        "--json",
        str(folder / "c.json"),
        "--markdown",
        str(folder / "c.md"),
    ]
    with contextlib.redirect_stdout(io.StringIO()) as out:
        code = main(["check", *articles, *outputs])
    return Run(code, out.getvalue(), folder, json.loads((folder / "c.json").read_text(encoding="utf-8")))


def verdicts(run: Run, stem: str, example: int) -> dict[str | None, tuple[str, str]]:
    (article,) = [a for a in run.data["articles"] if Path(a["path"]).stem == stem]
    return {o["method"]: (o["verdict"], o["key"]) for o in article["outcomes"] if o["example"] == example}


def test_every_example_judged_is_exit_0_and_every_output_written(checked: Run) -> None:
    assert checked.code == OK
    assert sorted(p.name for p in (checked.folder / "html").iterdir()) == [
        "child.html",
        "processes.html",
        "squares.html",
        "worker.html",
    ]
    assert checked.data["schema"] == 1 and checked.data["kind"] == "tutorial-check"
    assert "| example | line |" in (checked.folder / "c.md").read_text(encoding="utf-8")


def test_a_guarded_example_that_prints_what_the_article_shows_holds_under_every_method(checked: Run) -> None:
    here = {m: ("holds", "ran") for m in METHODS}
    assert verdicts(checked, "processes", 1) == here
    assert verdicts(checked, "child", 1) == here


def test_an_unguarded_example_breaks_under_spawn_and_forkserver_only(checked: Run) -> None:
    found = verdicts(checked, "processes", 2)
    assert found["fork"][0] == "holds"
    assert found["spawn"] == found["forkserver"] == ("refuted", "no-main-guard")


def test_output_other_than_the_article_shows_is_partial(checked: Run) -> None:
    assert {v for v, _ in verdicts(checked, "squares", 1).values()} == {"partial"}


def test_a_worker_defined_in_a_notebook_cell_cannot_be_found_by_a_spawned_child(checked: Run) -> None:
    found = verdicts(checked, "worker", 2)
    assert found["fork"] == ("holds", "ran")  # the cells, in order, as one kernel runs them
    assert found["spawn"] == found["forkserver"] == ("refuted", "unpicklable")
    assert verdicts(checked, "worker", 1) == {}  # a cell that only defines the worker is not run alone


def test_the_page_shows_the_real_output_beside_the_shown_one(checked: Run) -> None:
    page = (checked.folder / "html" / "squares.html").read_text(encoding="utf-8")
    assert "[1, 4, 9]" in page and "[0, 1, 4]" in page and "◐ partial" in page
    assert '<h2 id="b-0" class="block">进程池</h2>' in page


def test_the_terminal_summary_has_a_line_per_example(checked: Run) -> None:
    assert "ex2 line 25: cpython-" in checked.out
    assert "spawn ✗ refuted" in checked.out


def test_strict_exits_1_when_an_example_does_not_hold(checked: Run) -> None:
    from harness._cli import main

    squares = str(checked.folder / "squares.rst")
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["check", squares, "--methods", "fork", "--strict"]) == NOT_ALL_HOLD


# --- the test articles against what a careful reviewer expects (tests/tutorial/articles/EXPECTED.md) ---

ARTICLES = Path(__file__).parent / "articles"
# Where the check, as merged, differs from EXPECTED.md: the expectation stands, the difference is named.
KNOWN = {
    (
        "notebook.ipynb",
        4,
    ): "under spawn and forkserver the cell never runs, as expected, but the hang of cell 3 "
    "before it is diagnosed by its cause (`unpicklable`), where the reviewer wrote `timeout`",
}


def expected() -> dict[tuple[str, int], tuple[dict[str, str], str]]:
    """(article, example) → (verdict per method, key), from EXPECTED.md's tables."""
    return {k: (verdicts, key) for k, (verdicts, key, _) in expected_rows().items()}


def expected_rows() -> dict[tuple[str, int], tuple[dict[str, str], str, str]]:
    """(article, example) → (verdict per method, key, line or cell), from EXPECTED.md's tables."""
    found, article = {}, ""
    for line in (ARTICLES / "EXPECTED.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            article = line[3:].split(" (")[0]
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if article and len(cells) >= 7 and cells[0].isdigit():
            found[article, int(cells[0])] = (dict(zip(METHODS, cells[2:5], strict=True)), cells[5], cells[1])
    return found


def observed_key(verdicts: dict[str, tuple[str, str]]) -> str:
    """The cause the runs name: the key of those that did not hold, `ran` when all held."""
    keys = {key for verdict, key in verdicts.values() if verdict != "holds"}
    return keys.pop() if len(keys) == 1 else ("ran" if not keys else "/".join(sorted(keys)))


@pytest.fixture(scope="module")
def test_articles(tmp_path_factory: pytest.TempPathFactory) -> Run:
    from harness._cli import main

    folder = tmp_path_factory.mktemp("expected")
    names = sorted({article for article, _ in expected()})
    args = [str(ARTICLES / n) for n in names] + ["--deadline", "15", "--json", str(folder / "c.json")]
    with contextlib.redirect_stdout(io.StringIO()) as out:
        code = main(["check", *args])
    return Run(code, out.getvalue(), folder, json.loads((folder / "c.json").read_text(encoding="utf-8")))


def test_the_test_articles_get_the_verdicts_a_careful_reviewer_expects(test_articles: Run) -> None:
    assert test_articles.code == OK
    differ = {}
    for (article, example), (verdicts, key) in expected().items():
        found = verdicts_of(test_articles, article, example)
        seen = {m: v for m, (v, _) in found.items() if m in METHODS}
        if (seen, observed_key({m: found[m] for m in seen})) != (verdicts, key):
            differ[article, example] = f"expected {verdicts} {key}, observed {found}"
    assert sorted(differ) == sorted(KNOWN), differ


def test_the_examples_are_found_where_the_reviewer_numbered_them(test_articles: Run) -> None:
    lines = {
        (Path(a["path"]).name, e["index"]): e["line"] - (1 if a["document"]["format"] == "notebook" else 0)
        for a in test_articles.data["articles"]
        for e in a["examples"]
    }
    assert lines == {k: int(line) for k, (_, _, line) in expected_rows().items()}  # a notebook: its cell


def test_python_2_code_runs_on_a_python_27_as_evidence(test_articles: Run) -> None:
    two = verdicts_of(test_articles, "page.html", 4).get(None)
    if find_python("2.7") is None:
        assert two == ("not-applicable", "python2")
    else:
        assert two == ("holds", "ran")


def verdicts_of(run: Run, name: str, example: int) -> dict[str | None, tuple[str, str]]:
    (article,) = [a for a in run.data["articles"] if Path(a["path"]).name == name]
    return {o["method"]: (o["verdict"], o["key"]) for o in article["outcomes"] if o["example"] == example}
