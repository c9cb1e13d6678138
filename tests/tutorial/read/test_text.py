"""Plain text: prose lines, code runs found and rebuilt, the printout after an output cue."""

from __future__ import annotations

from harness._tutorial._model import CODE, OUTPUT, PROSE
from harness._tutorial._read import _text

# the second line is one flattened example, as the saved articles have them
TEXT = """\
本文讲述 Pool 的用法。
代码如下:from multiprocessing import Pool def f(x): return x * x if __name__ == "__main__": print(f(2))
输出:
[1, 4]
image
The signature, not an example:
def __init__(self, group=None, target=None, name=None, args=(), kwargs={})
结束。
"""


def test_kinds_and_lines() -> None:
    blocks = _text.blocks(TEXT)
    assert [(b.kind, b.line) for b in blocks] == [
        (PROSE, 1),
        (PROSE, 2),
        (CODE, 2),
        (PROSE, 3),
        (OUTPUT, 4),
        (PROSE, 5),
        (PROSE, 6),
        (PROSE, 7),
        (PROSE, 8),
    ]


def test_code_starting_mid_line_after_chinese_is_rebuilt() -> None:
    blocks = _text.blocks(TEXT)
    assert blocks[1].text == "代码如下:"
    assert blocks[2].text == (
        "from multiprocessing import Pool\n"
        "\n"
        "def f(x):\n"
        "    return x * x\n"
        "\n"
        'if __name__ == "__main__":\n'
        "    print(f(2))\n"
    )
    assert (blocks[2].language, blocks[2].origin) == ("python", "rebuilt")


def test_code_with_its_lines_kept_is_kept_as_is() -> None:
    text = "例子:\nimport os\n\nfor i in range(2):\n    print(i)  # 注释\n方式一\n"
    (code,) = (b for b in _text.blocks(text) if b.kind == CODE)
    assert code.text == "import os\n\nfor i in range(2):\n    print(i)  # 注释\n"


def test_the_next_sections_title_glued_to_a_printout_is_cut_off() -> None:
    text = (
        "from os import getpid print(getpid()) print('done')\n結果如下:\n1234 doneQueue\nQueue 是一种方式\n"
    )
    printed = [b.text for b in _text.blocks(text) if b.kind == OUTPUT]
    assert printed == ["1234 done\n"]


def test_a_line_that_goes_on_from_a_mark_joins_the_line_before() -> None:
    text = "Process对象拥有is_alive()\n、join([timeout])\n、start()\n等方法。\n下一句。\n"
    assert [(b.kind, b.text, b.line) for b in _text.blocks(text)] == [
        (PROSE, "Process对象拥有is_alive()、join([timeout])、start()等方法。", 1),
        (PROSE, "下一句。", 5),
    ]
