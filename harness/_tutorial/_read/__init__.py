"""read(path): any tutorial file (Markdown, reST, notebook, HTML, flattened text) as a Document of Blocks."""

from __future__ import annotations

import os
import re
from collections.abc import Callable

from harness._tutorial._model import CODE, HEADING, Block, Document, ReadError
from harness._tutorial._read import _html, _markdown, _notebook, _rst, _text
from harness._tutorial._read._kinds import classify

__all__ = ["read"]

_EXTENSIONS = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".rst": "rst",
    ".rest": "rst",
    ".ipynb": "notebook",
    ".html": "html",
    ".htm": "html",
    ".txt": "text",  # or rst, when it has what only reST has: see _RST_MARKS
}
_READERS: dict[str, Callable[[str, str], tuple[Block, ...]]] = {
    "markdown": lambda text, path: _markdown.blocks(text),
    "rst": _rst.blocks,
    "notebook": _notebook.blocks,
    "html": lambda text, path: _html.blocks(text),
    "text": lambda text, path: _text.blocks(text),
}
# what only reST has: a directive, or a `::` literal block (underlined titles alone are plain text too)
_RST_MARKS = re.compile(r"^\.\. [\w:-]+::|::\s*\n\s*\n[ \t]+\S", re.MULTILINE)


def read(path: str) -> Document:
    """The article at path, its format told by the extension or, failing that, by the content."""
    text = _decode(path, _bytes(path))
    kind = _format(path, text)
    blocks = classify(_READERS[kind](text, path))
    if not any(block.kind == CODE for block in blocks):
        raise ReadError(f"{path}: no code blocks found (read as {kind})")
    return Document(path, kind, _title(blocks, path), blocks)


def _bytes(path: str) -> bytes:
    try:
        with open(path, "rb") as file:
            return file.read()
    except OSError as error:
        raise ReadError(f"{path}: cannot read: {error.strerror or error}") from None


def _decode(path: str, data: bytes) -> str:
    """UTF-8 text; a page saved from a browser in the encoding its <meta charset> declares (GBK, Big5)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        declared = _html.declared_text(data) if _EXTENSIONS.get(_extension(path)) == "html" else None
        if declared is not None:
            return declared
        raise ReadError(
            f"{path}: not UTF-8 text (byte {data[error.start]:#04x} at offset {error.start})"
        ) from None


def _extension(path: str) -> str:
    return os.path.splitext(path)[1].lower()


def _format(path: str, text: str) -> str:
    kind = _EXTENSIONS.get(_extension(path)) or _sniff(text)
    if kind is None:
        raise ReadError(f"{path}: unknown format (not Markdown, reST, a notebook, HTML or text with code)")
    return "rst" if kind == "text" and _RST_MARKS.search(text) else kind


def _sniff(text: str) -> str | None:
    """The format the content shows, for a file whose extension says nothing."""
    head = text.lstrip()[:500].lower()
    if head.startswith("{") and '"cells"' in text:
        return "notebook"
    if head.startswith(("<!doctype html", "<html")) or "<pre" in head:
        return "html"
    if re.search(r"^(```|~~~)", text, re.MULTILINE):
        return "markdown"
    if _RST_MARKS.search(text):
        return "rst"
    return "text" if any(b.kind == CODE for b in _text.blocks(text)) else None


def _title(blocks: tuple[Block, ...], path: str) -> str:
    heading = next((b.text for b in blocks if b.kind == HEADING), None)
    return heading or os.path.splitext(os.path.basename(path))[0]
