"""HTML saved from a browser to Blocks: <pre> as code, h1-h6 as headings, paragraphs and items as prose."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag
from bs4.dammit import EncodingDetector

from harness._tutorial._model import CODE, HEADING, PROSE, Block
from harness._tutorial._read._kinds import PYCON, PYTHON

_SKIP = ["script", "style", "nav", "header", "footer", "aside", "noscript", "template", "form"]
_HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"]
# where a page keeps its words; a <div> or <section> counts for the text directly in it (blogs put it there)
_PROSE = ["p", "li", "tr", "dt", "dd", "blockquote", "figcaption", "div", "section", "article", "main"]
_BLOCK_CHILDREN = {
    "p",
    "pre",
    "ul",
    "ol",
    "div",
    "table",
    "blockquote",
    "dl",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "figure",
}
_LANGUAGE = re.compile(r"^(?:language|lang|highlight|brush)[-:]?(\w+)$")


def declared_text(data: bytes) -> str | None:
    """The page decoded as its <meta charset> says, None when it declares none or its bytes do not fit."""
    encoding = EncodingDetector.find_declared_encoding(data, is_html=True)
    try:
        return data.decode(encoding) if encoding else None
    except (LookupError, UnicodeDecodeError):
        return None


def blocks(text: str) -> tuple[Block, ...]:
    """The page's headings, prose and <pre> blocks in order (scripts, styles, navigation left out)."""
    soup = BeautifulSoup(text, "html.parser")
    for tag in soup.find_all(_SKIP):
        tag.decompose()
    for br in soup.find_all("br"):
        br.replace_with("\n")
    found = [tag for tag in soup.find_all([*_HEADINGS, "pre", *_PROSE]) if not _inside(tag)]
    return tuple(block for block in map(_block, found) if block is not None)


def _inside(tag: Tag) -> bool:
    """Inside a <pre>, a heading or a paragraph, whose block already holds its text."""
    return any(parent.name in {"pre", "p", *_HEADINGS} for parent in tag.parents)


def _block(tag: Tag) -> Block | None:
    line = tag.sourceline or 0
    if tag.name == "pre":
        return Block(CODE, tag.get_text().rstrip() + "\n", line, _language(tag), origin="pre")
    if tag.name in _HEADINGS:
        return Block(HEADING, _words(tag.get_text()), line, level=int(tag.name[1]))
    text = _words(_own_text(tag))
    return Block(PROSE, text, line) if text else None


def _own_text(tag: Tag) -> str:
    """An item, row or div's text without its nested blocks (blocks of their own, a space in their stead)."""
    if tag.name == "tr":
        return " | ".join(cell.get_text(" ") for cell in tag.find_all(["td", "th"]))
    return "".join(_inline_text(child) for child in tag.children)


def _inline_text(node: object) -> str:
    if isinstance(node, Tag):
        return " " if node.name in _BLOCK_CHILDREN else node.get_text()
    return str(node)


def _words(text: str) -> str:
    return " ".join(text.split())


def _language(pre: Tag) -> str | None:
    """The language a highlighter's classes name: language-python, highlight-python3, sourceCode python."""
    tags = [pre, *pre.find_all("code", limit=1), *list(pre.parents)[:2]]
    for tag in tags:
        for name in _classes(tag):
            word = name.lower().strip(";:,")
            match = _LANGUAGE.match(word)
            language = match.group(1) if match else word
            if language in PYTHON or language in PYCON or language in {"default", "text", "console", "bash"}:
                return "python" if language == "default" else language  # Sphinx: default is Python 3
    return None


def _classes(tag: Tag) -> list[str]:
    value: str | list[str] = tag.get("class") or []
    return [value] if isinstance(value, str) else list(value)
