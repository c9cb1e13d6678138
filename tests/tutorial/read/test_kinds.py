"""Output blocks: tagged text/console/output, untagged non-Python, after a cue in English or Chinese."""

from __future__ import annotations

import pytest

from harness._tutorial._model import CODE, OUTPUT, PROSE, Block
from harness._tutorial._read._kinds import classify


def kind(text: str, language: str | None = None, before: str | None = None) -> str:
    blocks = ((Block(PROSE, before, 1),) if before else ()) + (Block(CODE, text, 2, language),)
    return classify(blocks)[-1].kind


@pytest.mark.parametrize("language", ["text", "console", "output"])
def test_tagged_output(language: str) -> None:
    assert kind("print(1)\n", language) == OUTPUT


def test_untagged_text_that_is_no_python_is_output() -> None:
    assert kind("Worker 0 starting\nWorker 0 done\n") == OUTPUT


def test_untagged_bare_values_are_output() -> None:
    assert kind("[1, 4, 9]\n") == OUTPUT
    assert kind("True\n") == OUTPUT


def test_untagged_python_is_code() -> None:
    assert kind("import os\nprint(os.getpid())\n") == CODE
    assert kind('print "python 2"\n') == CODE


@pytest.mark.parametrize(
    "cue", ["Output:", "The output is:", "输出:", "结果如下:", "執行結果", "運行結果如下："]
)
def test_after_a_cue_even_python_looking_text_is_output(cue: str) -> None:
    assert kind("print(1)\n", before=cue) == OUTPUT


def test_declared_python_stays_code_after_a_cue() -> None:
    assert kind("print(1)\n", "python", before="Output:") == CODE


def test_a_program_after_a_cue_stays_code() -> None:
    assert kind("def f():\n    print(1)\n", before="Here is a function that prints:") == CODE
    assert kind("Counter({'a': 1})\n", before="Output:") == OUTPUT
