"""Markdown to Blocks: markdown-it-py's CommonMark tokens, a Block per heading, paragraph, table row, code."""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.token import Token

from harness._tutorial._model import CODE, HEADING, PROSE, Block

_PROSE_OPENERS = {"paragraph_open", "tr_open"}
_TEXT_CHILDREN = {"text", "code_inline", "html_inline"}


def blocks(text: str) -> tuple[Block, ...]:
    """The article's headings, prose (paragraphs, list items, table rows) and code blocks, in order."""
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    return tuple(block for block in (_block(tokens, i) for i in range(len(tokens))) if block is not None)


def _block(tokens: list[Token], i: int) -> Block | None:
    token = tokens[i]
    line = token.map[0] + 1 if token.map else 0
    if token.type == "fence":
        return Block(CODE, token.content, line, _language(token.info), origin="fenced")
    if token.type == "code_block":
        return Block(CODE, token.content, line, None, origin="indented")
    if token.type == "heading_open":
        return Block(HEADING, inline_text(tokens[i + 1]), line, level=int(token.tag[1:]))
    if token.type in _PROSE_OPENERS and not _in_heading(tokens, i):
        return Block(PROSE, _prose(tokens, i), line) if _prose(tokens, i) else None
    return None


def _in_heading(tokens: list[Token], i: int) -> bool:
    return i > 0 and tokens[i - 1].type == "heading_open"


def _prose(tokens: list[Token], i: int) -> str:
    """A paragraph's text, or a table row's cells joined by ' | '."""
    if tokens[i].type == "paragraph_open":
        return inline_text(tokens[i + 1])
    cells: list[str] = []
    for token in tokens[i + 1 :]:
        if token.type == "tr_close":
            break
        if token.type == "inline":
            cells.append(inline_text(token))
    return " | ".join(cells)


def inline_text(token: Token) -> str:
    """An inline token's words without their markup (emphasis, links); line breaks become spaces."""
    parts = [
        child.content if child.type in _TEXT_CHILDREN else " " if child.type.endswith("break") else ""
        for child in token.children or ()
    ]
    return "".join(parts).strip()


def _language(info: str) -> str | None:
    return info.split(maxsplit=1)[0].lower().strip("{}.") if info.split() else None
