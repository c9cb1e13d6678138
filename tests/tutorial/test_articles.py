"""The test articles (tests/tutorial/articles/) read as EXPECTED.md numbers them: end-to-end tests' input."""

from __future__ import annotations

import os

import pytest

from harness._tutorial._examples import find_examples
from harness._tutorial._read import read

ARTICLES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "articles")

# per article: its format, and per example (line, continues, python2, uses, shown)
MP = ("multiprocessing",)
EXPECTED = {
    "unguarded.md": (
        "markdown",
        [
            (5, (), None, MP, "hello from the child\ndone\n"),
            (30, (), None, MP, "[1, 4, 9]\n"),
            (51, (), None, MP, None),
        ],
    ),
    "sandbox.zh.md": (
        "markdown",
        [
            (5, (), None, MP, None),
            (24, (), None, MP, "4294967296\n"),
            (47, (), None, MP, None),
            (68, (), None, MP, "[2, 4, 6]\n"),
        ],
    ),
    "deadlock.rst": (
        "rst",
        [(9, (), None, MP, "1000000\n"), (32, (), None, MP, "1000\n"), (43, (), None, MP, "True\n")],
    ),
    "notebook.ipynb": (
        "notebook",
        [
            (2, (), None, MP, None),
            (3, (1,), None, MP, None),
            (5, (1, 2), None, MP, "[1, 4, 9]\n"),
            (7, (1, 2, 3), None, MP, "45\n"),
        ],
    ),
    "page.html": (
        "html",
        [
            (14, (), None, MP, None),
            (21, (1,), None, MP, "[0, 1, 4, 9, 16]\n"),
            (28, (1,), None, MP, "[1, 4, 6]\n"),
            (35, (), "line 5: print statement", MP, "hello bob\n"),
            (50, (), None, ("concurrent.futures",), "[1, 8, 27]\n"),
        ],
    ),
    "flattened.txt": (
        "text",
        [(3, (), None, MP, "[2, 4, 6]\n"), (7, (), None, ("os.fork",), "child parent\n")],
    ),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_article_reads_as_expected_md_says(name: str) -> None:
    kind, expected = EXPECTED[name]
    document = read(os.path.join(ARTICLES, name))
    examples = find_examples(document)
    assert document.format == kind
    assert [(e.line, e.continues, e.python2, e.uses, e.shown) for e in examples] == expected


def test_every_article_is_in_expected_md() -> None:
    with open(os.path.join(ARTICLES, "EXPECTED.md"), encoding="utf-8") as file:
        text = file.read()
    assert all(f"## {name} " in text for name in EXPECTED)
    assert sorted(EXPECTED) == sorted(
        f for f in os.listdir(ARTICLES) if f not in {"EXPECTED.md", "clean_worker.py"}
    )


def test_both_languages_and_every_format() -> None:
    formats = {kind for kind, _ in EXPECTED.values()}
    assert formats == {"markdown", "rst", "notebook", "html", "text"}
    chinese = [n for n in EXPECTED if any("\u4e00" <= c <= "\u9fff" for c in _text(n))]
    assert set(chinese) >= {"sandbox.zh.md", "notebook.ipynb", "page.html", "flattened.txt"}


def _text(name: str) -> str:
    with open(os.path.join(ARTICLES, name), encoding="utf-8") as file:
        return file.read()
