"""reST: literal blocks, Sphinx code directives, literalinclude, doctests, headings, without Sphinx."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness._tutorial._model import CODE, HEADING, OUTPUT, PROSE, ReadError
from harness._tutorial._read import _rst

TEXT = """\
Title
=====

Uses :func:`os.fork` and :class:`~multiprocessing.Pool`.

Example::

    import os
    print(os.getpid())

.. code-block:: python
   :linenos:
   :emphasize-lines: 2

   from multiprocessing import Pool
   print(Pool)

.. versionadded:: 3.4

   中文段落。

Section
-------

>>> 1 + 1
2

.. testoutput::

   2

.. toctree::

   other

.. some-unknown-directive:: arg

   Its prose.
"""


def test_blocks_in_order() -> None:
    blocks = _rst.blocks(TEXT, "a.rst")
    assert [(b.kind, b.line) for b in blocks] == [
        (HEADING, 1),
        (PROSE, 4),
        (PROSE, 6),
        (CODE, 8),
        (CODE, 15),
        (PROSE, 20),
        (HEADING, 22),
        (CODE, 25),
        (OUTPUT, 30),
        (PROSE, 38),
    ]


def test_roles_become_their_text() -> None:
    assert _rst.blocks(TEXT, "a.rst")[1].text == "Uses os.fork and multiprocessing.Pool."


def test_code_blocks_keep_language_and_origin() -> None:
    literal, directive, doctest = (b for b in _rst.blocks(TEXT, "a.rst") if b.kind == CODE)
    assert (literal.language, literal.origin) == (None, "literal")
    assert (directive.text, directive.language, directive.origin) == (
        "from multiprocessing import Pool\nprint(Pool)\n",
        "python",
        "code-block",
    )
    assert (doctest.language, doctest.origin) == ("pycon", "doctest")


def test_heading_levels_follow_sections() -> None:
    headings = [b for b in _rst.blocks(TEXT, "a.rst") if b.kind == HEADING]
    assert [(h.text, h.level) for h in headings] == [("Title", 1), ("Section", 2)]


def test_literalinclude_reads_the_file_next_to_the_article(tmp_path: Path) -> None:
    (tmp_path / "ex.py").write_text("a = 1\nb = 2\nc = 3\n", encoding="utf-8")
    text = ".. literalinclude:: ex.py\n   :lines: 2-3\n"
    (block,) = _rst.blocks(text, str(tmp_path / "a.rst"))
    assert (block.kind, block.text, block.language, block.origin) == (
        CODE,
        "b = 2\nc = 3\n",
        "python",
        "literalinclude",
    )


def test_a_missing_include_is_one_line_naming_article_and_file(tmp_path: Path) -> None:
    path = str(tmp_path / "a.rst")
    with pytest.raises(ReadError) as error:
        _rst.blocks("Intro.\n\n.. literalinclude:: gone.py\n", path)
    assert str(error.value) == f"{path}: line 3: literalinclude gone.py: No such file or directory"


def test_sphinx_names_are_taken_back_after_the_parse() -> None:
    from docutils.parsers.rst import directives

    registry = directives._directives  # type: ignore[attr-defined]  # docutils' process-wide registry
    _rst.blocks(".. code-block:: python\n\n   x = 1\n\n.. made-up-thing::\n", "a.rst")
    assert "made-up-thing" not in registry
    assert registry.get("code") is not _rst._Code
