"""bench/recognise.py: the recogniser's recall and precision, printed (run with -s to see them)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

import recognise  # noqa: E402  (bench/ is a folder of scripts, not a package)

LINE = re.compile(r"^(.+): recall (\d+)% \((\d+)/(\d+)\), precision (\d+)% \((\d+)/(\d+)\)$")


def test_overlap_is_one_passage_inside_the_other_or_a_long_shared_stretch() -> None:
    assert recognise.overlaps("p.close() # 禁止", "`p.close()`  # 禁止 p.join()")
    assert recognise.overlaps("一二三四五六七八九十壹贰 then more", "before 一二三四五六七八九十壹贰")
    assert not recognise.overlaps("Pool() starts workers.", "Queue carries items.")


def test_the_figures_are_printed_and_the_labelled_ones_stay_at_the_aim(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert recognise.main([]) == 0
    out = capsys.readouterr().out
    with capsys.disabled():
        print("\n" + out)
    figures = {m[1]: [int(x) for x in m.groups()[1:]] for m in map(LINE.match, out.splitlines()) if m}
    assert list(figures) == [
        "five articles (quotes)",
        "five articles (quotes in prose)",
        "four test tutorials (labels)",
        "held-out tutorials (labels)",
        "blind tutorials (labels)",
        "second blind pair (labels)",
    ]
    recall, _, _, precision, _, _ = figures["four test tutorials (labels)"]
    assert recall >= 90 and precision >= 90  # the aim, on the labels the rules were written against
    assert figures["five articles (quotes)"][3] >= 80  # precision on the articles' quotes
