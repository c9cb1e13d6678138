"""Which code blocks are output: a program's printout shown in the article, not code to run."""

from __future__ import annotations

import ast
import re

from harness._tutorial._model import CODE, OUTPUT, PROSE, Block
from harness._tutorial._python import as_python3, is_python

PYTHON = {"python", "py", "python3", "py3", "python2", "py2", "ipython", "ipython3"}
PYCON = {"pycon", "python-console", "doctest", "ipython-console"}
OUTPUT_LANGUAGES = {
    "pytb",  # a traceback
    "text",
    "txt",
    "console",
    "output",
    "out",
    "stdout",
    "none",
    "plain",
    "plaintext",
    "result",
}
# a Python session's prompts: the standard `>>> `/`... `, IPython's `In [1]: `/`   ...: `
PROMPT = re.compile(r"^(?:>>>|\.\.\.)(?: |$)|^In \[\d*\]: ?|^ +\.\.\.: ?")
# words just before a block that say it is what a program printed (English, simplified, traditional Chinese)
_CUE = re.compile(
    r"(?:\b(?:output|outputs|prints|printed|result|results|produces)\b(?:\s+(?:is|are|was|like this))?"
    r"|输出|輸出|结果如下|結果如下|执行结果|執行結果|运行结果|運行結果|结果|結果)\s*[:：]?\s*$",
    re.IGNORECASE,
)


def classify(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """The blocks, with each code block that is output turned into an OUTPUT block."""
    return tuple(
        block._replace(kind=OUTPUT) if block.kind == CODE and _is_output(block, previous) else block
        for previous, block in zip((None, *blocks), blocks, strict=False)
    )


def _is_output(block: Block, previous: Block | None) -> bool:
    if block.language in OUTPUT_LANGUAGES:
        return True
    if block.language is not None or PROMPT.match(block.text):
        return False  # declared python, bash, ...: the author said what it is; or a session
    if not is_python(block.text) or _only_values(block.text):
        return True
    return _after_cue(previous) and not _program(block.text)  # "here is a function that prints:" then code


def _after_cue(previous: Block | None) -> bool:
    return previous is not None and previous.kind == PROSE and bool(_CUE.search(previous.text))


def _program(text: str) -> bool:
    """More than expressions: an import, a definition, an assignment, a loop (output can look like a call)."""
    try:
        tree = ast.parse(as_python3(text))
    except SyntaxError:
        return False
    return any(not isinstance(node, ast.Expr) for node in tree.body)


def _only_values(text: str) -> bool:
    """Text that parses only as bare values (`42`, `[1, 2]`, `True`, `hello`): a printout, not a program."""
    try:
        tree = ast.parse(as_python3(text))
    except SyntaxError:
        return False
    return all(
        isinstance(node, ast.Expr) and not any(isinstance(sub, ast.Call) for sub in ast.walk(node))
        for node in tree.body
    )
