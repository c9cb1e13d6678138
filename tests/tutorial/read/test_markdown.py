"""Markdown: fenced and indented code, headings, paragraphs, list items and table rows, in order."""

from __future__ import annotations

from harness._tutorial._model import CODE, HEADING, OUTPUT, PROSE
from harness._tutorial._read import _markdown
from harness._tutorial._read._kinds import classify

TEXT = """\
# 标题 *one*

A paragraph with `code` and a [link](x).

- a list item

| a | b |
|---|---|
| 1 | 2 |

```python
print("hi")
```

    x = 1

```text
hi
```
"""


def test_blocks_in_order_with_their_lines() -> None:
    blocks = _markdown.blocks(TEXT)
    assert [(b.kind, b.line) for b in blocks] == [
        (HEADING, 1),
        (PROSE, 3),
        (PROSE, 5),
        (PROSE, 7),
        (PROSE, 9),
        (CODE, 11),
        (CODE, 15),
        (CODE, 17),
    ]


def test_markup_is_removed_from_prose_and_headings() -> None:
    blocks = _markdown.blocks(TEXT)
    assert blocks[0].text == "标题 one"
    assert blocks[0].level == 1
    assert blocks[1].text == "A paragraph with code and a link."
    assert blocks[3].text == "a | b"


def test_code_keeps_its_language_and_origin() -> None:
    fenced, indented, text = (b for b in _markdown.blocks(TEXT) if b.kind == CODE)
    assert (fenced.text, fenced.language, fenced.origin) == ('print("hi")\n', "python", "fenced")
    assert (indented.text, indented.language, indented.origin) == ("x = 1\n", None, "indented")
    assert classify((text,))[0].kind == OUTPUT
