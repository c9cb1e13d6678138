from __future__ import annotations

from harness._report._articles import Part, locate, passages

TEXT = "第一段。\nimport os print 'a'\n第二段 有 空格。"


def test_a_quote_is_found_across_changed_whitespace() -> None:
    assert locate(TEXT, "import os  print") == (5, 20)
    assert locate(TEXT, "不在") is None


def test_passages_cut_the_text_and_merge_overlaps() -> None:
    parts = passages(TEXT, [("第二段 有", "b.one"), ("有 空格", "b.two"), ("第一段", "a.one")])
    assert parts == [
        Part("第一段", ("a.one",)),
        Part("。\nimport os print 'a'\n"),
        Part("第二段 有 空格", ("b.one", "b.two")),
        Part("。"),
    ]
    assert "".join(p.text for p in parts) == TEXT
