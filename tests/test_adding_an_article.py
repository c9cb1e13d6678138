"""A sixth article with two claims, added to a scratch copy of the project as the README says.

Only the three files the README names change (the article, the inventory, the case module); the
project's own tests that read the catalog, the catalog run, the matrix and the article page take it.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = "cases/articles/005_scratch.txt"
MODULE = "cases/scratch.py"

TEXT = """\
多进程入门（第六篇）
每个子进程有自己的进程号，和父进程的不一样。
一个进程拿着锁的时候，别的进程拿不到。
"""

ROWS = """
## Scratch (article 005)
| id | the claim | from |
|---|---|---|
| scratch.pid-differs | a child process has a pid of its own | 005 |
| scratch.lock-excludes | while one process holds a `Lock`, another cannot acquire it | 005 |
"""

CASES = '''\
"""Article 005: a child's pid, and a lock held by another process."""

from __future__ import annotations

import os
from typing import Any

from harness import Context, Facts, Verdict, Where, claim, expect, holds, quote, refuted

SPAWN_SOURCE = "Lib/multiprocessing/popen_spawn_win32.py: Popen.__init__ (CreateProcess)"


def _send_pid(q: Any) -> None:
    q.put(os.getpid())


def _try_lock(lock: Any, q: Any) -> None:
    q.put(lock.acquire(False))


@claim("scratch.pid-differs", "A child process has a pid of its own, not its parent's.",
       topic="scratch", sources=[quote("005", "每个子进程有自己的进程号，和父进程的不一样")])
def pid_differs(mp: Context) -> Facts:
    """Start a child that sends back its pid."""
    q = mp.Queue()
    p = mp.Process(target=_send_pid, args=(q,))
    p.start()
    child = q.get(timeout=10)
    p.join(10)
    return {"parent": os.getpid(), "child": child}


@pid_differs.judge
def _(facts: Facts, where: Where) -> Verdict:
    same = facts["child"] == facts["parent"]
    return refuted(f"child pid = parent pid = {facts['child']}") if same else holds("the pids differ")


pid_differs.expect(
    expect("holds", "fork, spawn and forkserver all start a new process", os="linux"),
    expect("holds", "spawn and fork start a new process", os="darwin", cite=SPAWN_SOURCE),
    expect("holds", "CreateProcess starts a new process", os="win32", cite=SPAWN_SOURCE),
)


@claim("scratch.lock-excludes", "While one process holds a Lock, another cannot acquire it.",
       topic="scratch", sources=[quote("005", "一个进程拿着锁的时候，别的进程拿不到")])
def lock_excludes(mp: Context) -> Facts:
    """Hold a lock and let a child try it without blocking."""
    lock, q = mp.Lock(), mp.Queue()
    with lock:
        p = mp.Process(target=_try_lock, args=(lock, q))
        p.start()
        got = q.get(timeout=10)
    p.join(10)
    return {"child_got_lock": got}


@lock_excludes.judge
def _(facts: Facts, where: Where) -> Verdict:
    return refuted("the child acquired it") if facts["child_got_lock"] else holds("acquire(False) was False")


lock_excludes.expect(
    expect("holds", "a SemLock is one semaphore shared by both processes", os="linux"),
    expect("holds", "a named POSIX semaphore", os="darwin", cite="Modules/_multiprocessing/semaphore.c"),
    expect("holds", "a Windows semaphore handle", os="win32", cite="Modules/_multiprocessing/semaphore.c"),
)
'''


def snapshot(root: Path) -> dict[str, bytes]:
    """The copied project's files (cases/, tests/, pyproject.toml), without bytecode."""
    files = [root / "pyproject.toml", *(root / "cases").rglob("*"), *(root / "tests").rglob("*")]
    return {str(p.relative_to(root)): p.read_bytes() for p in files if p.is_file() and p.suffix != ".pyc"}


@pytest.fixture
def scratch(pytester: pytest.Pytester) -> pytest.Pytester:
    """The catalog, the tests and pyproject.toml, copied."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for folder in ("cases", "tests"):
        shutil.copytree(ROOT / folder, pytester.path / folder, ignore=ignore)
    shutil.copy(ROOT / "pyproject.toml", pytester.path)
    return pytester


def test_a_sixth_article_goes_in_with_only_its_own_files(scratch: pytest.Pytester) -> None:
    root = scratch.path
    before = snapshot(root)
    (root / ARTICLE).write_text(TEXT, encoding="utf-8")
    with (root / "cases" / "CLAIMS.md").open("a", encoding="utf-8") as inventory:
        inventory.write(ROWS)
    (root / MODULE).write_text(CASES, encoding="utf-8")

    own = scratch.runpytest_subprocess("tests/test_cases.py", "tests/report/test_html.py", "-v")
    assert own.ret == 0 and "skipped" not in own.parseoutcomes()  # the browser tests ran too
    own.stdout.fnmatch_lines(["*test_cases.py::*[[]scratch[]] PASSED*"])

    run = scratch.runpytest_subprocess(MODULE, "--methods", "fork,spawn")
    run.assert_outcomes(passed=4)
    report = scratch.run(sys.executable, "-m", "harness", "report", "results", "--html", "html")
    assert report.ret == 0, report.stderr.str()

    matrix = (root / "html" / "index.html").read_text(encoding="utf-8")
    assert 'id="claim-scratch.pid-differs"' in matrix and 'id="claim-scratch.lock-excludes"' in matrix
    assert '<a href="article-005.html">005</a>' in matrix
    page = (root / "html" / "article-005.html").read_text(encoding="utf-8")
    assert '<mark class="v-holds" title="scratch.lock-excludes: holds (holds 2)">一个进程拿着锁的时候' in page
    assert "Modules/_multiprocessing/semaphore.c" in page  # the predicted lines, with their source

    changed = {path for path, data in snapshot(root).items() if before.get(path) != data}
    assert changed == {ARTICLE, MODULE, "cases/CLAIMS.md"}
