"""Shared fixtures: a small catalog of our own, written into a temporary folder."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

ARTICLE = "这是一篇文章。进程的退出码是负数。\nPool 默认按照 cpu 的数量开启子进程。\n"
IDS = ("demo.holds", "demo.hangs", "demo.other", "demo.fourth")

HEADER = """\
from __future__ import annotations
import os, signal, sys, threading, time
from harness import claim, expect, holds, refuted, quote
"""

HOLDS = """\
@claim("demo.holds", "A child's exit code is what it returns.", topic="demo",
       sources=[quote("001", "进程的退出码是负数")])
def demo_holds(mp):
    p = mp.Process(target=abs, args=(1,))
    p.start(); p.join(10)
    return {"exitcode": p.exitcode}

@demo_holds.judge
def _(facts, where):
    return holds(f"exitcode={facts['exitcode']}") if facts["exitcode"] == 0 else refuted(str(facts))

demo_holds.expect(expect("holds", "a normal exit is 0"))
"""


def write_catalog(root: Path, modules: dict[str, str], ids: tuple[str, ...] = IDS) -> Path:
    """A catalog folder `cases/` under root with an inventory, one article and the given modules."""
    catalog = root / "cases"
    (catalog / "articles").mkdir(parents=True)
    (catalog / "__init__.py").write_text("")
    (catalog / "articles" / "001_demo.txt").write_text(ARTICLE, encoding="utf-8")
    rows = "\n".join(f"| {i} | something | 001 |" for i in ids)
    (catalog / "CLAIMS.md").write_text(
        f"| id | the claim | from |\n|---|---|---|\n{rows}\n", encoding="utf-8"
    )
    for name, body in modules.items():
        (catalog / f"{name}.py").write_text(HEADER + textwrap.dedent(body), encoding="utf-8")
    return catalog


@pytest.fixture
def catalog(tmp_path: Path) -> Callable[..., Path]:
    """Write a catalog into tmp_path; returns its folder."""
    return lambda modules, ids=IDS: write_catalog(tmp_path, modules, ids)
