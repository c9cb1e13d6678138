"""Plain text whose code lost its line breaks: prose lines, and code runs rebuilt (see _rebuild)."""

from __future__ import annotations

from harness._tutorial._model import Block
from harness._tutorial._rebuild import text_blocks


def blocks(text: str) -> tuple[Block, ...]:
    """The text's prose lines and its code runs, rebuilt."""
    return text_blocks(text)
