"""Rebuilding code whose line breaks and indentation were lost, with tokenize and compile() as the judges."""

from __future__ import annotations

from harness._tutorial._model import PROSE, Block


def text_blocks(text: str) -> tuple[Block, ...]:
    """The text's lines as prose (code runs not yet found)."""
    return tuple(Block(PROSE, line.strip(), n) for n, line in enumerate(text.splitlines(), 1) if line.strip())
