"""The articles' own code: read from their raw text, run and judged by the tutorial checker (`check`'s)."""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING, Any

from harness import (
    Context,
    Facts,
    Verdict,
    Where,
    claim,
    expect,
    find_python,
    holds,
    not_applicable,
    partial,
    quote,
    refuted,
)

if TYPE_CHECKING:
    from harness._tutorial._model import Outcome
    from harness._tutorial._run import Program

ARTICLES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "articles")
IMREAD = re.compile(r"imread\(\s*['\"]([^'\"]+)['\"]")  # the images an example reads (article 000's)
CODING_LINE = "# -*- coding: utf-8 -*-"
KEPT = ("returncode", "timed_out", "duration_s", "pinned", "provided", "env_added", "supervisor")
TAIL = 2000  # characters of each stream kept per run in the results (the page of `check` keeps more)
# The reader rebuilds the flattened text's lines by rules; where a block's end is ambiguous the rebuild can
# differ from the article's lines (the two misses of tests/tutorial/test_rebuild.py's figure). Python 3
# stops at the first print statement either way: only the 2.7 evidence can depend on them.
REBUILD_MISSES = {
    "001": "ex2 as rebuilt prints its last line under else: (the article's prints it after), "
    "ex3 has two comments moved",
}

PY3_PRINT = "docs: What's New In Python 3.0, 'Print Is A Function' (PEP 3105)"
SPAWN_MAIN = "docs: multiprocessing, Programming guidelines, 'Safe importing of main module'"
CONSOLE_UTF8 = "PEP 528 (Windows console is UTF-8); the probe sets PYTHONIOENCODING=utf-8 for the pipe"

PY27_CHECK = """import sys
print('%d.%d.%d' % sys.version_info[:3])
for name in ('cv2', 'numpy'):
    try:
        __import__(name)
        print(name + ': ok')
    except ImportError as exc:
        print(name + ': ImportError: ' + str(exc))
"""


# --- the environment: Python 2.7, the images --------------------------------------------------------


def _ask_python27(path: str, site: str | None) -> list[str] | None:
    import subprocess

    env = {**os.environ, "PYTHONPATH": site} if site else None
    try:
        done = subprocess.run(
            [path, "-c", PY27_CHECK], capture_output=True, text=True, timeout=20, check=False, env=env
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    lines = done.stdout.split("\n")
    return lines if done.returncode == 0 and lines[0].startswith("2.7") else None


def _python27() -> dict[str, Any]:
    """Python 2.7: the one `nox -s cases` found (with article 000's packages beside it), else any that runs."""
    import glob

    given, site = os.environ.get("MP_FACTCHECK_PY27"), os.environ.get("MP_FACTCHECK_PY27_SITE")
    named = find_python("2.7")
    pyenv_root = os.path.expanduser(os.environ.get("PYENV_ROOT", "~/.pyenv"))
    installed = sorted(glob.glob(os.path.join(pyenv_root, "versions", "2.7.*", "bin", "python2.7")))
    for path in filter(None, [given, named, *installed]):  # find_python() may name a shim that runs nothing
        answer = _ask_python27(path, site if path == given else None)
        if answer:
            imports = dict(line.split(": ", 1) for line in answer[1:] if ": " in line)
            found = {"path": path, "version": answer[0], "imports": imports}
            return {"find_python": named, **found, "site": site if path == given else None}
    return {"find_python": named, "path": None, "version": None, "imports": None, "site": None}


def _python27_here(method: str) -> dict[str, Any]:
    """Python 2.7 for the default method's column only: it has no start methods, so it runs once."""
    import multiprocessing

    default = multiprocessing.get_all_start_methods()[0]  # "the first of which is the default" (docs)
    if method != default:
        return {"runs_in": default, "path": None}
    return {"runs_in": default, **_python27()}


def _make_images(names: list[str]) -> dict[str, Any]:
    """The images the examples read, made here with Python 3's cv2 (noise): copied into each run's folder."""
    if not names:
        return {"made": [], "why_not": None}
    try:
        import cv2
        import numpy
    except ImportError as exc:
        return {"made": [], "why_not": f"{type(exc).__name__}: {exc}"}
    rng = numpy.random.default_rng(0)
    for name in names:
        cv2.imwrite(name, rng.integers(0, 256, (96, 128, 3), dtype=numpy.uint8))
    return {"made": [os.path.abspath(n) for n in names if os.path.isfile(n)], "why_not": None}


def _article_path(number: str) -> str:
    return next(os.path.join(ARTICLES, n) for n in sorted(os.listdir(ARTICLES)) if n.startswith(f"{number}_"))


# --- the probe: the tutorial checker's plan, each run in this probe ---------------------------------


def _lacks_coding_line(source: str) -> bool:
    """Non-ASCII source without a PEP 263 coding line in its first two lines: Python 2 rejects it."""
    return not source.isascii() and not re.search(r"^#.*coding[:=]", "\n".join(source.splitlines()[:2]), re.M)


def _with_coding_line(prog: Program) -> Program:
    """The program with a coding line first: a modified copy, run for evidence only."""
    parts = tuple((ex, first + 1) for ex, first in prog.parts)
    return prog._replace(script=f"{CODING_LINE}\n{prog.script}", parts=parts)


def _observe(number: str, mp: Context) -> Facts:
    """Read the raw article, find its examples, run each under this method (and Python 2.7) here."""
    from harness._tutorial._examples import find_examples
    from harness._tutorial._read import read
    from harness._tutorial._run import plan

    method, document = mp.get_start_method(), read(_article_path(number))
    examples = find_examples(document)
    programs = plan(document, examples)
    python2 = any(p.example.python2 for p in programs)
    py27 = _python27_here(method) if python2 else None
    images = _make_images(sorted({os.path.basename(n) for p in programs for n in IMREAD.findall(p.script)}))
    return {
        "article": number,
        "method": method,
        "examples": len(examples),
        "shown": sum(e.shown is not None for e in examples),
        "python27": py27,
        "images": images,
        "outcomes": [_kept(o, run) for run, o in _runs(programs, method, py27, tuple(images["made"]))],
    }


def _runs(
    programs: tuple[Program, ...], method: str, py27: dict[str, Any] | None, provided: tuple[str, ...]
) -> list[tuple[str, Outcome]]:
    """Each program under this Python and method; a Python 2 one also under 2.7 (and with a coding line)."""
    import sys

    from harness._tutorial._run import run_here

    runs = []
    env27 = {"PYTHONPATH": py27["site"]} if py27 and py27.get("site") else None
    for prog in programs:
        runs.append(("python3", run_here(prog, sys.executable, method, provided=provided)))
        if not (prog.example.python2 and py27 and py27["path"]):
            continue
        runs.append(("python27", run_here(prog, py27["path"], None, env=env27, provided=provided)))
        if _lacks_coding_line(prog.script):
            coded = _with_coding_line(prog)
            runs.append(("python27-coding-line", run_here(coded, py27["path"], None, env=env27)))
    return runs


def _kept(o: Outcome, run: str) -> dict[str, Any]:
    """An outcome as plain facts: the judge's words and the run's essentials (streams cut short)."""
    ev = o.evidence
    essentials = {k: ev[k] for k in KEPT if k in ev}
    streams = {"stdout": ev.get("stdout", "")[:TAIL], "stderr": ev.get("stderr", "")[-TAIL:]}
    return {"run": run, **o._asdict(), "evidence": {**essentials, **streams}}


# --- the judgement: the tutorial judge's verdicts, together -----------------------------------------


def _told(outcomes: list[dict[str, Any]]) -> str:
    """'ex1, ex2: holds (it ran and ended ...)': the examples of the same verdict and words together."""
    words: dict[str, list[str]] = {}
    for o in outcomes:
        words.setdefault(f"{o['verdict']} ({o['diagnosis']})", []).append(f"ex{o['example']}")
    return "; ".join(f"{', '.join(names)}: {said}" for said, names in words.items())


def _py27_evidence(facts: Facts) -> str:
    """What Python 2.7 made of the examples, once per environment: evidence beside the verdict, never in it."""
    py27 = facts["python27"]
    if py27 is None:
        return ""
    if not py27["path"]:
        where = py27.get("runs_in")
        return (
            f"Python 2.7 runs once, in the {where} column"
            if where != facts["method"]
            else f"no Python 2.7 here (find_python('2.7') gave {py27['find_python']})"
        )
    as_printed = _told([o for o in facts["outcomes"] if o["run"] == "python27"])
    coded = _told([o for o in facts["outcomes"] if o["run"] == "python27-coding-line"])
    also = f"; with a coding line added (a modified copy, PEP 263): {coded}" if coded else ""
    miss = REBUILD_MISSES.get(facts["article"])
    rebuilt = f"; the code as rebuilt from the flattened page, where {miss}" if miss else ""
    return (
        f"evidence, not judged: under Python {py27['version']} ({os.path.basename(py27['path'])}, "
        f"no start methods: it forks; run once, in this column{rebuilt}): {as_printed}{also}"
    )


def _images_note(facts: Facts) -> str:
    images, modules = facts["images"], (facts["python27"] or {}).get("imports")
    if not images["made"] and not images["why_not"]:
        return ""
    made = [os.path.basename(p) for p in images["made"]]
    said = f"images {made} made with cv2, copied into each run's fresh folder" if made else ""
    said = said or f"no images ({images['why_not']})"
    return said + (f"; Python 2.7's imports: {modules}" if modules else "")


def _shown_note(facts: Facts) -> str:
    shown, examples = facts["shown"], facts["examples"]
    return (
        f"the article shows the output of {shown} of its {examples} examples"
        if shown
        else "the article shows no output as text"
    )


def _judge(facts: Facts, where: Where) -> Verdict:
    """The article's verdict from its examples' under Python 3, by the rule `bench/articles.py` uses too."""
    from harness._tutorial._judge import together

    mine = [o for o in facts["outcomes"] if o["run"] == "python3"]
    if not mine:
        raise ValueError(f"article {facts['article']}: no example uses multiprocessing")
    told = _told(mine)
    under = f"under {mine[0]['python']}: {told}" if facts["python27"] is not None else told
    why = "; ".join(filter(None, [under, _py27_evidence(facts), _shown_note(facts), _images_note(facts)]))
    held = sum(o["verdict"] == "holds" for o in mine)
    verdict = together([o["verdict"] for o in mine])
    if verdict == "not-applicable":
        return not_applicable(f"no example could run here: {why}")
    if verdict == "holds":
        return holds(f"{held} of {len(mine)} examples hold: {why}")
    if verdict == "partial":
        return partial(f"{held} of {len(mine)} examples hold: {why}")
    return refuted(f"none of the {len(mine)} examples holds: {why}")


@claim(
    "code.runs-000",
    "The article's code example runs as printed (Python 2, OpenCV).",
    topic="code",
    sources=[quote("000", "multiprocessing使用示例:")],
    deadline=120.0,
)
def code_runs_000(mp: Context) -> Facts:
    """Run article 000's example under Python 3 and Python 2.7, with the images it reads provided."""
    return _observe("000", mp)


@claim(
    "code.runs-001",
    "The article's code examples run as printed (Python 2) and print what it shows.",
    topic="code",
    sources=[
        quote("001", 'import os print "Process %s start ..." %(os.getpid()) pid = os.fork()'),
        quote("001", "執行結果"),
    ],
    deadline=120.0,
)
def code_runs_001(mp: Context) -> Facts:
    """Run article 001's six examples under Python 2.7 and Python 3."""
    return _observe("001", mp)


@claim(
    "code.runs-002",
    "The article's code examples run as printed.",
    topic="code",
    sources=[quote("002", "四. 开启进程的两种方式"), quote("002", "方式二")],
    deadline=120.0,
)
def code_runs_002(mp: Context) -> Facts:
    """Run article 002's two examples; the second, a fragment, after the first (whose imports it needs)."""
    return _observe("002", mp)


@claim(
    "code.runs-003",
    "The article's code examples run as printed; the second gives the same result as the first.",
    topic="code",
    sources=[
        quote("003", "这里,我们进行进程创建和启动的测试,代码如下:"),
        quote("003", "结果如下,效果和第一种方式一样:"),
    ],
    deadline=120.0,
)
def code_runs_003(mp: Context) -> Facts:
    """Run article 003's five examples."""
    return _observe("003", mp)


@claim(
    "code.runs-004",
    "The article's code examples run as printed.",
    topic="code",
    sources=[quote("004", "让我们从一个简单的例子开始,展示如何创建和运行多个进程:")],
    deadline=120.0,
)
def code_runs_004(mp: Context) -> Facts:
    """Run article 004's three examples."""
    return _observe("004", mp)


code_runs_000.judge(_judge)
code_runs_000.expect(
    expect(
        "refuted",
        "Python 2 code: under Python 3 its first print statement is a SyntaxError (the 2.7 run, "
        "with opencv-python 4.2.0.32 where nox made it, is evidence only)",
        os="linux",
    ),
    expect("refuted", "Python 3 rejects the print statements", os="darwin", cite=PY3_PRINT),
    expect("refuted", "Python 3 rejects the print statements", os="win32", cite=PY3_PRINT),
)

code_runs_001.judge(_judge)
code_runs_001.expect(
    expect(
        "refuted",
        "Python 2 code: under Python 3 every example's first print statement is a SyntaxError "
        "(the 2.7 run, where there is one, is evidence only)",
        os="linux",
    ),
    expect("refuted", "Python 3 rejects the print statements", os="darwin", cite=PY3_PRINT),
    expect("refuted", "Python 3 rejects the print statements", os="win32", cite=PY3_PRINT),
)

code_runs_002.judge(_judge)
code_runs_002.expect(
    expect(
        "partial",
        "example 1 holds; example 2 (方式二) uses Process without importing it: it needs example 1's "
        "imports, after which it runs (partial)",
        os="linux",
    ),
    expect(
        "partial",
        "same code, guarded, so spawn runs example 1; example 2 needs example 1's imports everywhere",
        os="darwin",
        cite=SPAWN_MAIN,
    ),
    expect(
        "partial",
        "same code, guarded, so spawn runs example 1; example 2 needs example 1's imports everywhere",
        os="win32",
        cite=f"{SPAWN_MAIN}; {CONSOLE_UTF8}",
    ),
)


def _second_differs(facts: Facts) -> str | None:
    """Article 003's "效果和第一种方式一样": example 2's printed text against example 1's, in any order."""
    runs = {o["example"]: o for o in facts["outcomes"] if o["run"] == "python3"}
    if not {1, 2} <= runs.keys():
        raise ValueError(f"article 003: examples 1 and 2 not both run ({sorted(runs)})")
    first, second = (runs[n]["evidence"]["stdout"] for n in (1, 2))
    # five children print at once: their writes interleave ("测试…测试…\n\n"), so the same result is the
    # same characters, not the same lines
    if _printed(first) == _printed(second) and _printed(first):
        return None
    return f"ex2 printed {second.splitlines()!r}, ex1 printed {first.splitlines()!r}"


def _printed(stdout: str) -> list[str]:
    """What a run printed, as its characters in order, whitespace left out."""
    return sorted(c for c in stdout if not c.isspace())


@code_runs_003.judge
def _judge_003(facts: Facts, where: Where) -> Verdict:
    """The examples' verdict, and whether example 2 gave example 1's result, as the article says it does."""
    verdict, differs = _judge(facts, where), _second_differs(facts)
    if differs is None:
        return verdict._replace(why=f"{verdict.why}; ex2's output is ex1's, as the article says")
    if verdict.outcome == "holds":
        return partial(
            f"{verdict.why}; but not the same result as the first way: {differs}", key="ex2 differs"
        )
    return verdict._replace(why=f"{verdict.why}; nor the same result as the first way: {differs}")


code_runs_003.expect(
    expect(
        "holds",
        "all five examples are guarded and run under every method; ex2 prints ex1's lines",
        os="linux",
    ),
    expect("holds", "guarded examples run under spawn (macOS default)", os="darwin", cite=SPAWN_MAIN),
    expect(
        "holds",
        "guarded examples run under spawn; Chinese output needs a UTF-8 stdout",
        os="win32",
        cite=f"{SPAWN_MAIN}; {CONSOLE_UTF8}",
    ),
)

code_runs_004.judge(_judge)
code_runs_004.expect(
    expect("holds", "all three examples are guarded and run under every method", os="linux"),
    expect("holds", "guarded examples run under spawn (macOS default)", os="darwin", cite=SPAWN_MAIN),
    expect("holds", "guarded examples run under spawn", os="win32", cite=SPAWN_MAIN),
)
