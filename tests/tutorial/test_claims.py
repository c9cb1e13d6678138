"""claims_of(): recognised sentences with the catalog's verdicts, a denial inverted; the rest not checked."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest

from harness._claims import Case, Claim, Source
from harness._said import said
from harness._tutorial._check import results_file
from harness._tutorial._claims import Verdicts, claims_of, either, from_results
from harness._tutorial._model import CODE, PROSE, Block, Document

PROSE_TEXT = (
    "On Windows there is no fork. terminate() does not stop it at once. "
    "Pool.map keeps the order. This is nice."
)
DOC = Document(
    "a.md", "markdown", "t", (Block(PROSE, PROSE_TEXT, 3), Block(CODE, "import os\n", 5, "python"))
)


def case(id: str, **saying: str) -> Case:
    made = Case(Claim(id, f"statement of {id}", "t", (Source("000", "x"),)), lambda mp: {})
    made.saying = said(**saying)
    return made


CASES = [
    case("fork.unix-only", en="fork & windows & no"),
    case("terminate.immediate", en="terminat* & at once", opposite="terminat* & not & at once"),
]


def judge(claims: Sequence[str]) -> Verdicts:
    rows = {"fork.unix-only": [("fork", "holds", "no os.fork on win32")], "terminate.immediate": []}
    rows["terminate.immediate"] = [("fork", "holds", "gone in 2 ms"), ("spawn", "partial", "a handler ran")]
    return {c: ("fake", rows[c]) for c in claims}


def test_each_recognised_sentence_gets_its_claims_verdicts() -> None:
    claims, _ = claims_of(DOC, CASES, judge, "linux")
    fork = claims[0]
    assert (fork.claim, fork.sentence, fork.verdicts, fork.source) == (
        "fork.unix-only",
        "On Windows there is no fork.",
        (("fork", "holds", "no os.fork on win32"),),
        "fake",
    )
    assert fork.note == "the sentence speaks of Windows; these verdicts are Linux's"
    assert DOC.blocks[fork.block].text[fork.start : fork.end] == fork.sentence


def test_a_denial_gets_the_inverted_verdict_and_says_so() -> None:
    _, denied = claims_of(DOC, CASES, judge, "linux")[0]
    assert denied.polarity == "denies"
    assert denied.verdicts == (("fork", "refuted", "gone in 2 ms"), ("spawn", "partial", "a handler ran"))
    assert denied.note == "the sentence denies the claim: the catalog's verdicts are shown inverted"


def test_checkable_looking_sentences_that_match_nothing_are_listed() -> None:
    _, unchecked = claims_of(DOC, CASES, judge, "linux")
    assert [u.sentence for u in unchecked] == ["Pool.map keeps the order."]


def test_a_claim_without_a_verdict_says_so() -> None:
    claims, _ = claims_of(DOC, CASES, lambda ids: {}, "win32")
    assert claims[0].note == "no verdict for this claim here"


def test_verdicts_come_from_a_results_file(tmp_path: Path) -> None:
    from .test_claims_data import results_data

    path = tmp_path / "linux-x.json"
    path.write_text(json.dumps(results_data()))
    verdicts = from_results(path, ["fork", "spawn"])(["fork.unix-only"])
    assert verdicts == {"fork.unix-only": (f"{path} (linux-x)", [("fork", "refuted", "os.fork exists")])}
    assert from_results(path, ["spawn"])(["fork.unix-only"]) == {}  # the methods asked for only


def test_a_claim_the_results_file_lacks_is_judged_by_the_next_source() -> None:
    def results(ids: Sequence[str]) -> Verdicts:
        return {i: ("file", [("fork", "holds", "r")]) for i in ids if i == "a.b"}

    def now(ids: Sequence[str]) -> Verdicts:
        return {i: ("now", [("fork", "refuted", "n")]) for i in ids}

    assert either(results, now)(["a.b", "c.d"]) == {
        "a.b": ("file", [("fork", "holds", "r")]),
        "c.d": ("now", [("fork", "refuted", "n")]),
    }


def test_the_results_file_is_this_environments(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "env-a.json").write_text("{}")
    assert results_file(tmp_path, "env-a") == tmp_path / "env-a.json"
    assert results_file(tmp_path / "env-a.json", "other") == tmp_path / "env-a.json"  # a file: as given
    with pytest.raises(ValueError, match=r"no results file for this environment \(env-b.json\)"):
        results_file(tmp_path, "env-b")
    monkeypatch.chdir(tmp_path)
    assert results_file(None, "env-a") is None  # no results/ here: the probes are run now


def test_a_sentence_about_unix_and_windows_speaks_of_linux_too() -> None:
    doc = DOC._replace(blocks=(Block(PROSE, "fork exists on Unix, and Windows has no fork.", 1),))
    claims, _ = claims_of(doc, CASES, judge, "linux")
    assert claims[0].note == ""
    assert claims_of(doc, CASES, judge, "darwin")[0][0].note == ""


def test_a_sentence_about_unix_checked_on_windows_says_whose_verdicts() -> None:
    doc = DOC._replace(blocks=(Block(PROSE, "On Unix terminate() kills at once.", 1),))
    (claim,) = claims_of(doc, CASES, judge, "win32")[0]
    assert claim.note == "the sentence speaks of Unix; these verdicts are Windows's"


def test_a_word_met_in_the_context_says_where_it_was_found() -> None:
    doc = Document(
        "a.md", "markdown", "t", (Block(PROSE, "What does terminate() do? It stops it at once.", 1),)
    )
    cases = [case("terminate.immediate", en="^terminat* & at once")]
    (found,), _ = claims_of(doc, cases, judge, "linux")
    assert (found.sentence, found.words) == (
        "It stops it at once.",
        ("at once", "terminat (in the question)"),
    )
