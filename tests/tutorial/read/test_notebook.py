"""Notebooks: code cells in order with their saved outputs; markdown cells read as Markdown."""

from __future__ import annotations

import json
from typing import Any

import pytest

from harness._tutorial._model import CODE, HEADING, OUTPUT, PROSE, ReadError
from harness._tutorial._read import _notebook


def notebook(*cells: dict[str, Any]) -> str:
    return json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": list(cells)})


def code(source: str | list[str], *outputs: dict[str, Any]) -> dict[str, Any]:
    return {"cell_type": "code", "metadata": {}, "outputs": list(outputs), "source": source}


MARKDOWN = {"cell_type": "markdown", "metadata": {}, "source": ["# 标题\n", "\n", "Some words.\n"]}


def test_cells_in_order_with_outputs() -> None:
    text = notebook(
        MARKDOWN,
        code(["x = 1\n", "print(x)"], {"output_type": "stream", "name": "stdout", "text": ["1\n"]}),
        code("x + 1", {"output_type": "execute_result", "data": {"text/plain": ["2"]}, "metadata": {}}),
        code(""),
    )
    blocks = _notebook.blocks(text, "n.ipynb")
    assert [(b.kind, b.line, b.cell) for b in blocks] == [
        (HEADING, 1, 0),
        (PROSE, 1, 0),
        (CODE, 2, 1),
        (OUTPUT, 2, 1),
        (CODE, 3, 2),
        (OUTPUT, 3, 2),
    ]
    assert [b.text for b in blocks[2:]] == ["x = 1\nprint(x)\n", "1\n", "x + 1\n", "2\n"]
    assert blocks[2].origin == "cell"


def test_an_error_output_shows_its_last_line() -> None:
    error = {
        "output_type": "error",
        "ename": "ZeroDivisionError",
        "evalue": "division by zero",
        "traceback": [],
    }
    blocks = _notebook.blocks(notebook(code("1/0", error)), "n.ipynb")
    assert blocks[-1].text == "ZeroDivisionError: division by zero\n"


def test_not_json_is_one_line() -> None:
    with pytest.raises(ReadError) as error:
        _notebook.blocks("{not json", "n.ipynb")
    assert str(error.value).startswith("n.ipynb: not a Jupyter notebook: Expecting property name")
    assert "\n" not in str(error.value)


def test_json_without_cells_is_one_line() -> None:
    with pytest.raises(ReadError, match=r"^n.ipynb: not a Jupyter notebook: no list of cells$"):
        _notebook.blocks("[1, 2]", "n.ipynb")
