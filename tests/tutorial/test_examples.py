"""find_examples(): Python blocks as Examples, their shown output, fragments, Python 2, what they use."""

from __future__ import annotations

from harness._tutorial._examples import find_examples, imports_only
from harness._tutorial._model import CODE, OUTPUT, PROSE, Block, Document


def doc(*blocks: Block) -> Document:
    return Document("a.md", "markdown", "t", tuple(blocks))


def code(text: str, language: str | None = "python", cell: int | None = None) -> Block:
    return Block(CODE, text, 1, language, cell=cell)


def test_only_python_blocks_are_examples_numbered_in_order() -> None:
    examples = find_examples(doc(code("echo hi\n", "bash"), code("import os\n"), code("x = 1\n", None)))
    assert [(e.index, e.block, e.code) for e in examples] == [(1, 1, "import os\n"), (2, 2, "x = 1\n")]


def test_shown_is_the_output_until_the_next_code_block() -> None:
    examples = find_examples(
        doc(
            code("print(1)\n"),
            Block(PROSE, "Output:", 2),
            Block(OUTPUT, "1", 3),
            Block(OUTPUT, "more\n", 4),
            code("print(2)\n"),
            code("print(3)\n"),
        )
    )
    assert [e.shown for e in examples] == ["1\nmore\n", None, None]


def test_a_session_becomes_code_and_its_expected_lines() -> None:
    (example,) = find_examples(doc(code(">>> x = 2\n>>> for i in range(x):\n...     i\n0\n1\n", "pycon")))
    assert example.code == "x = 2\nfor i in range(x):\n    i\n"
    assert example.shown == "0\n1\n"
    assert example.ordered


def test_a_fragment_continues_the_examples_defining_its_names() -> None:
    examples = find_examples(
        doc(
            code("from multiprocessing import Pool\n"),
            code("import os\n\ndef square(x):\n    return x * x\n"),
            code("print(len([1]))\n"),
            code("if __name__ == '__main__':\n    with Pool(2) as p:\n        print(p.map(square, [1]))\n"),
        )
    )
    assert [e.continues for e in examples] == [(), (), (), (1, 2)]
    assert examples[3].uses == ("multiprocessing",)


def test_names_defined_inside_the_main_guard_carry_on() -> None:
    examples = find_examples(doc(code("if __name__ == '__main__':\n    q = 1\n"), code("print(q)\n")))
    assert examples[1].continues == (1,)


def test_a_notebook_cell_continues_every_earlier_cell() -> None:
    examples = find_examples(
        doc(code("a = 1\n", cell=0), code("b = 2\n", cell=1), code("print(3)\n", cell=2))
    )
    assert [e.continues for e in examples] == [(), (0 + 1,), (1, 2)]


def test_python2_with_line_and_reason() -> None:
    (example,) = find_examples(doc(code('import os\npid = os.fork()\nprint "pid", pid\n')))
    assert example.python2 == "line 3: print statement"
    assert example.uses == ("os.fork",)


def test_what_an_example_uses() -> None:
    def uses(text: str) -> tuple[str, ...]:
        return find_examples(doc(code(text)))[0].uses

    assert uses("import multiprocessing.pool\n") == ("multiprocessing",)
    assert uses("from multiprocessing import Process\n") == ("multiprocessing",)
    assert uses("from concurrent.futures import ProcessPoolExecutor\n") == ("concurrent.futures",)
    assert uses("import concurrent.futures as cf\ncf.ProcessPoolExecutor()\n") == ("concurrent.futures",)
    assert uses("from concurrent.futures import ThreadPoolExecutor\n") == ()
    assert uses("import os\nos.fork()\n") == ("os.fork",)
    assert uses("from os import fork\n") == ("os.fork",)
    assert uses("import os\nprint(os.getpid())\n") == ()
    assert uses("import multiprocessing\nprint `multiprocessing.cpu_count()`\n") == ("multiprocessing",)


def test_order_unimplied_where_the_prose_says_so() -> None:
    examples = find_examples(
        doc(code("print(1)\n"), Block(OUTPUT, "1\n", 2), Block(PROSE, "输出的顺序不一定相同。", 3))
    )
    assert not examples[0].ordered
    assert find_examples(doc(code("print(1)\n"), Block(OUTPUT, "1\n", 2)))[0].ordered


def test_an_untagged_or_ipython_session_is_an_example_too() -> None:
    from harness._tutorial._read._kinds import classify

    blocks = classify(
        (code(">>> 1 + 1\n2\n", None), code("In [1]: x = 2\n\nIn [2]: x\nOut[2]: 2\n", "ipython"))
    )
    examples = find_examples(doc(*blocks))
    assert [(e.code, e.shown) for e in examples] == [("1 + 1\n", "2\n"), ("x = 2\nx\n", "2\n")]


def test_a_fragment_that_takes_only_imports_from_earlier_examples() -> None:
    first = "from multiprocessing import Process\nimport time\ndef work():\n    pass\n"
    assert imports_only("p = Process(target=print)\ntime.sleep(0)\n", [first]) == ("Process", "time")
    assert imports_only("p = Process(target=work)\n", [first]) == ()  # a function too: not imports only
    assert imports_only("import os\nprint(os.getpid())\n", [first]) == ()  # nothing taken
