"""recognise(): sentences against every claim's declared saying; scope; what looks checkable."""

from __future__ import annotations

from pathlib import Path

from harness._catalog import load
from harness._said import AFFIRMS, DENIES, said
from harness._tutorial._model import HEADING, PROSE, Block, Document
from harness._tutorial._recognise import looks_checkable, recognise, scope
from harness._tutorial._sentences import Sentence, sentences

SAYINGS = {
    "fork.unix-only": said(en="fork & windows & not|no", zh="fork & windows & 没有"),
    "terminate.immediate": said(
        en="terminat* & immediately|at once", opposite="terminat* & not|n't & immediately|at once"
    ),
}


def prose(*texts: str, kind: str = PROSE) -> tuple[Sentence, ...]:
    return sentences(
        Document("a.md", "markdown", "t", tuple(Block(kind, t, i + 1) for i, t in enumerate(texts)))
    )


def test_a_sentence_is_recognised_with_the_words_that_matched() -> None:
    (found,) = recognise(prose("Plain words. On Windows there is no fork."), SAYINGS)
    assert (found.claim, found.polarity, found.sentence.text) == (
        "fork.unix-only",
        AFFIRMS,
        "On Windows there is no fork.",
    )
    assert [w for w, _, _ in found.words] == ["fork", "Windows", "no"]
    assert found.scope == ("win32",)


def test_a_denial_is_recognised_as_one() -> None:
    (found,) = recognise(prose("terminate() does not stop it at once."), SAYINGS)
    assert (found.claim, found.polarity) == ("terminate.immediate", DENIES)


def test_traditional_chinese_is_matched_as_simplified() -> None:
    (found,) = recognise(prose("在windows下並沒有fork"), SAYINGS)
    assert found.claim == "fork.unix-only"
    assert found.sentence.text == "在windows下並沒有fork"  # the article's own words are kept


def test_headings_name_topics_and_claim_nothing() -> None:
    assert recognise(prose("No fork on Windows", kind=HEADING), SAYINGS) == ()


def test_scope_names_platforms_and_pythons() -> None:
    assert scope("On macOS and Linux, since Python 3.8, …") == ("linux", "darwin", "3.8")
    assert scope("It works.") == ()


def test_what_looks_checkable() -> None:
    looks = [looks_checkable(s) for s in prose("Pool.map keeps order.", "你必须先调用它。", "This is nice.")]
    assert looks == [True, True, False]


def test_every_claim_declares_how_it_is_said() -> None:
    """Except the articles' own code: their examples are run, not recognised in prose."""
    cases, errors = load(Path(__file__).parents[2] / "cases")
    assert errors == []
    assert [c.claim.id for c in cases if c.saying is None and not c.claim.id.startswith("code.runs-")] == []
