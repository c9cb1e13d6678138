"""sentences(): prose, table cells and code comments split into sentences, each with its block and span."""

from __future__ import annotations

import pytest

from harness._tutorial._model import CODE, HEADING, OUTPUT, PROSE, Block, Document
from harness._tutorial._sentences import sentences


def doc(*blocks: Block) -> Document:
    return Document("a.md", "markdown", "t", tuple(blocks))


def texts(*blocks: Block) -> list[str]:
    return [s.text for s in sentences(doc(*blocks))]


@pytest.mark.parametrize(
    ("prose", "expected"),
    [
        ("Call start(). Then join() waits! Done?", ["Call start().", "Then join() waits!", "Done?"]),
        (
            "Use os.fork, e.g. on Linux. Not 3.12.1 though.",
            ["Use os.fork, e.g. on Linux.", "Not 3.12.1 though."],
        ),
        ("start() 不会阻塞。join() 会等待！真的？", ["start() 不会阻塞。", "join() 会等待！", "真的？"]),
        ("必须在start之前设置;表示子进程结束", ["必须在start之前设置;", "表示子进程结束"]),
        ("Set it first; then start it.", ["Set it first; then start it."]),  # an English ';' joins clauses
    ],
)
def test_western_and_chinese_punctuation_end_sentences(prose: str, expected: list[str]) -> None:
    assert texts(Block(PROSE, prose, 1)) == expected


def test_each_sentence_knows_its_block_and_span() -> None:
    block = Block(PROSE, "One.  Two is here.", 3)
    found = sentences(doc(Block(HEADING, "Title", 1), block))
    assert [(s.block, s.kind, block.text[s.start : s.end]) for s in found[1:]] == [
        (1, "prose", "One."),
        (1, "prose", "Two is here."),
    ]


def test_table_cells_are_sentences_of_their_own() -> None:
    found = sentences(doc(Block(PROSE, "apply_async | submits one call. Returns at once", 1)))
    assert [(s.kind, s.text) for s in found] == [
        ("cell", "apply_async"),
        ("cell", "submits one call."),
        ("cell", "Returns at once"),
    ]


def test_python_comments_are_sentences_with_the_code_they_speak_of() -> None:
    code = 'p.start()  # does not block\n# wait for it\np.join()\ns = "# not a comment"\n'
    found = sentences(doc(Block(CODE, code, 1, "python"), Block(CODE, "# shell\n", 2, "bash")))
    assert [(s.text, s.context, code[s.start : s.end]) for s in found] == [
        ("does not block", "p.start()", "does not block"),
        ("wait for it", "p.join()", "wait for it"),
    ]


def test_output_blocks_say_nothing() -> None:
    assert texts(Block(OUTPUT, "Process end. It works.", 1)) == []


def test_a_flattened_list_of_api_entries_is_a_sentence_per_entry() -> None:
    flattened = (
        "p1.daemon = False : 可以继续 p1.start(): 开始执行 p1.join(): 阻塞主进程 p1.exitcode: 退出状态"
    )
    assert texts(Block(PROSE, flattened, 1)) == [
        "p1.daemon = False : 可以继续",
        "p1.start(): 开始执行",
        "p1.join(): 阻塞主进程",
        "p1.exitcode: 退出状态",
    ]


def test_a_name_with_a_colon_in_running_text_starts_no_sentence() -> None:
    assert texts(Block(PROSE, "Note: call join() after start. Use it as follows: p.start()", 1)) == [
        "Note: call join() after start.",
        "Use it as follows: p.start()",
    ]


def test_a_chinese_list_of_clauses_after_a_lead_in_is_a_sentence_per_item() -> None:
    assert texts(Block(PROSE, "守护进程的特点：随主进程退出、不能创建子进程、必须在start前设置。", 1)) == [
        "守护进程的特点：",
        "随主进程退出、",
        "不能创建子进程、",
        "必须在start前设置。",
    ]


def test_a_list_of_names_stays_one_sentence() -> None:
    assert texts(Block(PROSE, "它提供了：Process、Queue、Pipe、Lock等组件。", 1)) == [
        "它提供了：Process、Queue、Pipe、Lock等组件。"
    ]
