"""A Document's prose as sentences: Chinese and Western punctuation, table cells, code comments."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise
from typing import NamedTuple

from harness._tutorial._model import CODE, HEADING, PROSE, Block, Document

# a sentence ends at 。！？ (and a closing quote after it), or at . ! ? before a space, unless the word before
# the dot is an abbreviation; in Chinese text at ；or ; too (saved pages list clauses with them), while an
# English ';' joins clauses of one sentence
_END = re.compile(
    r"[。！？!?；]+[”’」』)]*|(?<=[\u3400-\u9fff]);|;(?=\s*[\u3400-\u9fff])"
    r"|(?<!\b[eE]\.g)(?<!\b[iI]\.e)(?<!\betc)(?<!\bvs)\.(?=\s|$)"
)
# a flattened list of API entries ("p.start(): 启动进程 p.join(): 等待它"): each entry starts a sentence
_ENTRY = re.compile(
    r"(?<=\S)\s+(?=[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+(?:\([^()]*\)|\s*=\s*\w+)?\s*[:：]\s*\S"
    r"|[A-Za-z_][\w.]*\([^()]*\)\s*[:：]\s*\S)"
)
_LEAD, _ITEM, _HAN = re.compile("[：:]"), re.compile("、"), re.compile(r"[\u3400-\u9fff]")
_CELL = " | "  # how the Markdown reader joins a table row's cells
_COMMENT = re.compile(r"(?<![\"'\w])#\s?(.+)$", re.MULTILINE)


class Sentence(NamedTuple):
    """One sentence of a document, where it is: its block's index and its span in the block's text."""

    block: int
    start: int
    end: int
    text: str
    kind: str  # "prose", "heading", "cell" (a table cell) or "comment" (in a code block)
    context: str = ""  # a comment's code line, which the comment speaks about


def sentences(document: Document) -> tuple[Sentence, ...]:
    """Every sentence of the document's headings, prose and Python code comments, in order."""
    return tuple(s for i, block in enumerate(document.blocks) for s in _of(i, block))


def _of(index: int, block: Block) -> Iterator[Sentence]:
    if block.kind == HEADING:
        yield from _split(index, block.text, 0, len(block.text), "heading")
    elif block.kind == PROSE:
        for start, end, kind in _cells(block.text):
            yield from _split(index, block.text, start, end, kind)
    elif block.kind == CODE and block.language in (None, "python", "py", "pycon", "python3"):
        yield from _comments(index, block.text)


def _cells(text: str) -> Iterator[tuple[int, int, str]]:
    """A paragraph whole, or a table row cell by cell."""
    if _CELL not in text:
        yield 0, len(text), "prose"
        return
    start = 0
    for cell in text.split(_CELL):
        yield start, start + len(cell), "cell"
        start += len(cell) + len(_CELL)


def _split(index: int, text: str, start: int, end: int, kind: str) -> Iterator[Sentence]:
    """The sentences of text[start:end], each span trimmed of surrounding space."""
    ends = [m.end() for m in _END.finditer(text, start, end)] + [
        m.start() for m in _ENTRY.finditer(text, start, end)
    ]
    stops = [*sorted(ends), end]
    items = [i for a, b in pairwise([start, *stops]) for i in _items(text, a, b)]
    at = start
    for stop in sorted({*stops, *items}):
        piece = text[at:stop]
        lead = len(piece) - len(piece.lstrip())
        if piece.strip():
            yield Sentence(index, at + lead, at + lead + len(piece.strip()), piece.strip(), kind)
        at = stop


def _items(text: str, start: int, end: int) -> list[int]:
    """Where each item ends of a Chinese list of clauses after a lead-in ("特点：随主进程退出、不能…")."""
    lead = _LEAD.search(text, start, end)
    if lead is None:
        return []
    marks = [m.end() for m in _ITEM.finditer(text, lead.end(), end)]
    bounds = [lead.end(), *marks, end]
    clauses = all(len(_HAN.findall(text, a, b)) >= 4 for a, b in pairwise(bounds))
    return [lead.end(), *marks] if marks and clauses else []


def _comments(index: int, code: str) -> Iterator[Sentence]:
    """A code block's `#` comments, each with the code it speaks of: its line's, or the next line's."""
    for match in _COMMENT.finditer(code):
        line_start = code.rfind("\n", 0, match.start()) + 1
        context = code[line_start : match.start()].strip() or _next_line(code, match.end())
        for s in _split(index, code, match.start(1), match.end(1), "comment"):
            yield s._replace(context=context)


def _next_line(code: str, at: int) -> str:
    """The next line's code, for a comment alone on its line (it describes what follows)."""
    line = code[at + 1 :].split("\n", 1)[0]
    return "" if line.lstrip().startswith("#") else line.split("#", 1)[0].strip()
