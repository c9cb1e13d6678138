"""read(): the format from the extension or the content; every bad input is one line naming the file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import NoReturn

import pytest

from harness._tutorial._model import CODE, ReadError
from harness._tutorial._read import read

MARKDOWN = "# Title\n\n```python\nimport os\n```\n"


@pytest.mark.parametrize(
    ("name", "text", "kind"),
    [
        ("a.md", MARKDOWN, "markdown"),
        ("a.markdown", MARKDOWN, "markdown"),
        ("a.rst", "Title\n=====\n\n::\n\n    import os\n", "rst"),
        ("a.txt", "Title\n=====\n\n.. code-block:: python\n\n   import os\n", "rst"),
        ("a.txt", "说明文字\nimport os print(os.getpid())\n", "text"),
        ("a.htm", "<html><pre>import os</pre></html>", "html"),
        ("a.ipynb", json.dumps({"cells": [{"cell_type": "code", "source": "import os"}]}), "notebook"),
        ("no-extension", MARKDOWN, "markdown"),
        ("page.saved", "<!DOCTYPE html><html><pre>import os</pre></html>", "html"),
        ("nb.json", json.dumps({"cells": [{"cell_type": "code", "source": "import os"}]}), "notebook"),
    ],
)
def test_format_from_extension_then_content(tmp_path: Path, name: str, text: str, kind: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    document = read(str(path))
    assert document.format == kind
    assert document.path == str(path)
    assert any(b.kind == CODE and "import os" in b.text for b in document.blocks)


def test_title_is_the_first_heading_or_the_file_name(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(MARKDOWN, encoding="utf-8")
    (tmp_path / "b.md").write_text("```python\nimport os\n```\n", encoding="utf-8")
    assert read(str(tmp_path / "a.md")).title == "Title"
    assert read(str(tmp_path / "b.md")).title == "b"


def test_a_bom_is_not_text(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_bytes(b"\xef\xbb\xbf" + MARKDOWN.encode())
    assert read(str(tmp_path / "a.md")).title == "Title"


def one_line(path: Path) -> str:
    with pytest.raises(ReadError) as error:
        read(str(path))
    message = str(error.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: ")
    return message[len(str(path)) + 2 :]


def test_missing_file(tmp_path: Path) -> None:
    assert one_line(tmp_path / "gone.md") == "cannot read: No such file or directory"


def test_a_directory(tmp_path: Path) -> None:
    assert one_line(tmp_path) == "cannot read: Is a directory"


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import harness._tutorial._read as reader

    def denied(path: str, mode: str) -> NoReturn:
        raise PermissionError(13, "Permission denied", path)

    path = tmp_path / "secret.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    monkeypatch.setattr(reader, "open", denied, raising=False)  # chmod 0 does not stop root, who runs CI here
    assert one_line(path) == "cannot read: Permission denied"


def test_undecodable_bytes(tmp_path: Path) -> None:
    path = tmp_path / "gbk.md"
    path.write_bytes("# 标题\n".encode("gbk"))
    assert one_line(path) == "not UTF-8 text (byte 0xb1 at offset 2)"


def test_a_saved_page_in_the_encoding_it_declares(tmp_path: Path) -> None:
    path = tmp_path / "gbk.html"
    path.write_bytes('<meta charset="gbk"><h1>多进程</h1><pre>import os</pre>'.encode("gbk"))
    assert read(str(path)).title == "多进程"


def test_a_page_whose_bytes_fit_no_declared_encoding(tmp_path: Path) -> None:
    path = tmp_path / "bad.html"
    path.write_bytes(b"<pre>import os</pre>\xff\xfe")
    assert one_line(path) == "not UTF-8 text (byte 0xff at offset 20)"


def test_unknown_format(tmp_path: Path) -> None:
    path = tmp_path / "notes.xyz"
    path.write_text("just some words, no code at all\n", encoding="utf-8")
    assert one_line(path).startswith("unknown format")


def test_no_code(tmp_path: Path) -> None:
    path = tmp_path / "prose.md"
    path.write_text("# Only words\n\nNothing to run here.\n", encoding="utf-8")
    assert one_line(path) == "no code blocks found (read as markdown)"


def test_notebook_that_is_not_json(tmp_path: Path) -> None:
    path = tmp_path / "broken.ipynb"
    path.write_text("{oops", encoding="utf-8")
    assert one_line(path).startswith(
        "not a Jupyter notebook: Expecting property name enclosed in double quotes"
    )


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("odd.ipynb", '{"cells": [{"cell_type": "code", "source": 3, "outputs": {"x": 1}}], "metadata": []}'),
        ("odd.ipynb", '{"cells": [{"cell_type": "code", "source": "x", "outputs": ["text", 1]}]}'),
        ("odd.md", "```\n" + "(" * 500 + "\n```\n"),
        ("odd.rst", "+---+\n| a |\n+--\n\n::\n\n  x = 1\n\n.. code-block::\n"),
        ("odd.html", "<pre><pre>import os</pre></p></div>"),
        ("odd.txt", "import " + "a" * 10000 + "\n" + "from x import y def f(: #\n" + "# " * 300 + "\n"),
    ],
)
def test_odd_input_reads_or_is_one_line(tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    try:
        read(str(path))
    except ReadError as error:  # a Document or one line, never another exception
        message = str(error)
    else:
        message = ""
    assert "\n" not in message
