"""recognise(): sentences against every claim's declared saying; scope; what looks checkable."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness._catalog import load
from harness._said import AFFIRMS, DENIES, rejects, said
from harness._tutorial._model import HEADING, PROSE, Block, Document
from harness._tutorial._recognise import is_gloss, is_yes_no, looks_checkable, recognise, scope
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


def test_taiwan_s_words_are_matched_as_the_mainland_s() -> None:
    sayings = {"daemon.true-dies-with-main": said(zh="守护进程 & 主进程 & 结束")}
    (found,) = recognise(prose("守護行程會隨主行程結束。"), sayings)  # 行程: Taiwan's word for 进程
    assert found.claim == "daemon.true-dies-with-main"


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


DAEMON = {
    "daemon.before-start": said(en="^{daemon} & set*|assign* & before & start*", zh="^{daemon} & 之前 & 设置")
}
NO_CLEANUP = {
    "terminate.no-cleanup": said(
        en="^terminat* & finally & skip*|not run", opposite="^terminat* & run* & finally"
    )
}


def test_a_subject_named_in_the_heading_and_where_it_was_found() -> None:
    blocks = (Block(HEADING, "What is a daemonic process?", 1), Block(PROSE, "It runs in the background.", 2),
              Block(PROSE, "The flag has to be assigned before the process is started.", 3))  # fmt: skip
    (found,) = recognise(sentences(Document("a.md", "markdown", "t", blocks)), DAEMON)
    assert found.elsewhere == (("daemonic", "heading"),)
    assert found.sentence.text == "The flag has to be assigned before the process is started."


def test_a_subject_named_in_the_sentence_before() -> None:
    found = recognise(prose("守护进程随主进程退出。它必须在 start 之前设置。"), DAEMON)
    assert [(r.sentence.text, r.elsewhere) for r in found] == [
        ("它必须在 start 之前设置。", (("守护进程", "previous sentence"),))
    ]


def test_a_subject_is_not_carried_past_a_heading() -> None:
    texts = (
        prose("A daemon dies with its parent.")
        + prose("Flags", kind=HEADING)
        + prose("Set it before start().")
    )
    assert recognise(texts, DAEMON) == ()


def test_a_yes_no_question_asserts_nothing() -> None:
    assert recognise(prose("Must a daemon flag be set before start()?"), DAEMON) == ()
    assert recognise(prose("守护标志必须在 start 之前设置吗？"), DAEMON) == ()


def test_an_answer_carries_the_question_s_claim_turned_round_after_no() -> None:
    (no,) = recognise(prose("Does terminate() run finally blocks? No."), NO_CLEANUP)
    assert (no.sentence.text, no.polarity, [w for w, _, _ in no.words]) == ("No.", AFFIRMS, ["No"])
    assert ("terminat", "question") in no.elsewhere  # a prefix: terminat*
    (yes,) = recognise(prose("Is the daemon flag set before start()? Yes, always."), DAEMON)
    assert (yes.sentence.text, yes.polarity) == ("Yes, always.", AFFIRMS)


def test_an_answer_that_opens_otherwise_carries_nothing() -> None:
    assert recognise(prose("Does terminate() run finally blocks? Read on."), NO_CLEANUP) == ()


def test_a_why_question_asserts_what_it_asks_about() -> None:
    (found,) = recognise(prose("Why are finally blocks skipped after terminate()?"), NO_CLEANUP)
    assert found.polarity == AFFIRMS


def test_a_list_item_takes_its_subject_from_the_lead_in() -> None:
    found = recognise(prose("守护进程的特点：随主进程退出、不能创建子进程、必须在 start 之前设置。"), DAEMON)
    assert [(r.sentence.text, r.elsewhere) for r in found] == [
        ("必须在 start 之前设置。", (("守护进程", "lead-in"),))
    ]


def test_a_subject_named_earlier_in_the_paragraph() -> None:
    text = "A daemon runs in the background. It is handy for monitors. Set the flag before start()."
    (found,) = recognise(prose(text), DAEMON)
    assert found.elsewhere == (("daemon", "paragraph"),)


def test_no_matter_is_no_answer() -> None:
    assert recognise(prose("Does terminate() run finally blocks? No matter what, read on."), NO_CLEANUP) == ()


def test_a_chinese_answer_carries_the_question_s_claim() -> None:
    (found,) = recognise(prose("守护进程必须在 start 之前设置吗？是的。"), DAEMON)
    assert (found.sentence.text, found.polarity) == ("是的。", AFFIRMS)


@pytest.mark.parametrize(
    ("text", "gloss"),
    [
        ("Value and Array, ctypes objects allocated in shared memory.", True),
        ("Pipe, a pair of connected Connection objects.", True),
        ("Value / Array：共享内存里的单个值和数组。", True),
        ("`daemon`: must be set before start().", False),  # an entry that says something of its term
        ("Pipe：管道，返回两个连接对象，两端都可以收发。", False),
        ("No, it counts logical CPUs, which include hyperthreads.", False),  # an answer, no entry
        ("group参数未使用,值始终为None", False),
    ],
)
def test_a_glossary_entry_names_things_and_asserts_nothing(text: str, gloss: bool) -> None:
    assert is_gloss(text) is gloss


def test_a_glossary_entry_is_recognised_as_no_claim() -> None:
    toolkit = {"ipc.toolkit": said(en="Value & Array & shared memory")}
    gloss = recognise(prose("Value and Array, ctypes objects allocated in shared memory."), toolkit)
    claim = recognise(prose("Value and Array also live in shared memory."), toolkit)
    assert (gloss, [r.claim for r in claim]) == ((), ["ipc.toolkit"])


@pytest.mark.parametrize(
    "rejection", ["That is not true.", "But that is not what happens.", "这点我实测并不成立。", "其实不然。"]
)
def test_a_sentence_that_rejects_the_one_before_turns_its_claims_round(rejection: str) -> None:
    (found,) = recognise(prose("On Windows there is no fork. " + rejection), SAYINGS)
    assert (found.claim, found.polarity) == ("fork.unix-only", DENIES)


def test_a_rejection_in_another_paragraph_turns_nothing() -> None:
    (found,) = recognise(prose("On Windows there is no fork.", "That is not true."), SAYINGS)
    assert found.polarity == AFFIRMS


@pytest.mark.parametrize(
    ("text", "rejecting"),
    [("That is a myth!", True), ("这并不对。", True), ("It is not true that pipes are slow.", False)],
)
def test_what_rejects_the_sentence_before(text: str, rejecting: bool) -> None:
    assert rejects(text) is rejecting


@pytest.mark.parametrize("text", ["这个参数写成列表行不行？", "守护进程会不会被终止？", "顺序对不对？"])
def test_a_chinese_a_not_a_question_is_yes_no(text: str) -> None:
    assert is_yes_no(text)
