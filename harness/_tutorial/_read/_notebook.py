"""Jupyter notebooks to Blocks: code cells with their saved outputs, markdown cells read as Markdown."""

from __future__ import annotations

import json
from typing import Any

from harness._tutorial._model import CODE, OUTPUT, Block, ReadError
from harness._tutorial._read import _markdown


def blocks(text: str, path: str) -> tuple[Block, ...]:
    """Each cell's blocks in order; a code cell's saved outputs as one OUTPUT block right after it."""
    cells = _cells(text, path)
    language = _language(_notebook(text))
    return tuple(block for index, cell in enumerate(cells) for block in _cell(cell, index, language))


def _notebook(text: str) -> dict[str, Any]:
    data = json.loads(text)
    return data if isinstance(data, dict) else {}


def _dict(value: object) -> dict[str, Any]:
    """A notebook's mapping, or an empty one where a hand-edited file has something else."""
    return value if isinstance(value, dict) else {}


def _cells(text: str, path: str) -> list[dict[str, Any]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ReadError(f"{path}: not a Jupyter notebook: {error}") from None
    cells = data.get("cells") if isinstance(data, dict) else None
    if not isinstance(cells, list) or not all(isinstance(cell, dict) for cell in cells):
        raise ReadError(f"{path}: not a Jupyter notebook: no list of cells")
    return cells


def _language(notebook: dict[str, Any]) -> str:
    metadata = _dict(notebook.get("metadata"))
    info = _dict(metadata.get("language_info")) or _dict(metadata.get("kernelspec"))
    return str(info.get("name") or info.get("language") or "python").lower()


def _cell(cell: dict[str, Any], index: int, language: str) -> tuple[Block, ...]:
    source = _text(cell.get("source"))
    if cell.get("cell_type") == "markdown":
        return tuple(b._replace(line=index + 1, cell=index) for b in _markdown.blocks(source))
    if cell.get("cell_type") != "code" or not source.strip():
        return ()
    code = Block(CODE, source.rstrip("\n") + "\n", index + 1, language, origin="cell", cell=index)
    outputs = cell.get("outputs")
    printed = "".join(_output(_dict(o)) for o in (outputs if isinstance(outputs, list) else ()))
    shown = Block(OUTPUT, printed, index + 1, "text", origin="cell-output", cell=index)
    return (code, shown) if printed else (code,)


def _output(output: dict[str, Any]) -> str:
    """What one saved output shows as text: a stream, a result's text/plain, an error's last line."""
    kind = output.get("output_type")
    if kind == "stream":
        return _text(output.get("text"))
    if kind == "execute_result":
        return _line(_text(_dict(output.get("data")).get("text/plain")))
    if kind == "error":
        return f"{output.get('ename', '')}: {output.get('evalue', '')}\n"
    return ""


def _text(value: object) -> str:
    """A notebook's multiline string: one string or a list of lines."""
    if isinstance(value, list):
        return "".join(str(part) for part in value)
    return value if isinstance(value, str) else ""


def _line(text: str) -> str:
    return text if not text or text.endswith("\n") else text + "\n"
