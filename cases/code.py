"""The articles' own code: every example, rebuilt line by line in cases/examples/, run as a real program."""

from __future__ import annotations

import os
import re
import sys
from collections import Counter
from typing import Any, NamedTuple

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
    program,
    quote,
    refuted,
)

CASES = os.path.dirname(os.path.abspath(__file__))
EXAMPLES = os.path.join(CASES, "examples")
HEADER = "# article "  # the one line each example file adds; everything else is the article's
# The examples' other sleeps become 20-30 ms, less than the processes around them cost; much lower,
# the daemon of 003's ex4 could finish its work before the main's exit cuts it off.
SLEEP_SCALE = 0.01
RACE_SCALE = 0.03  # where a print races terminate(): see 001's ex5 and ex6
RUN_TIMEOUT = 30.0  # a hang, not a slow start: PyPy spawning 5 children took 11 s on a loaded 2-CPU machine
# a terminal shows each print at once and is UTF-8; a pipe would buffer (a terminated child's prints
# vanish, a buffer copied by os.fork() prints twice) and, on Windows, encode in the ANSI code page
TERMINAL_LIKE = {"PYTHONUNBUFFERED": "1", "PYTHONIOENCODING": "utf-8"}
PID = re.compile(r"\d{4,}")  # the articles' pids have 4-5 digits; small numbers (values, indices) stay exact

PY3_PRINT = "docs: What's New In Python 3.0, 'Print Is A Function' (PEP 3105)"
SPAWN_MAIN = "docs: multiprocessing, Programming guidelines, 'Safe importing of main module'"
CONSOLE_UTF8 = "PEP 528 (Windows console is UTF-8); the probe sets PYTHONIOENCODING=utf-8 for the pipe"


class Example(NamedTuple):
    """One code example of an article, as cases/examples/NNN/exK.py holds it."""

    number: int
    shown: tuple[str, ...] | None = None  # the lines the article shows it printing, verbatim
    after_imports_of: int | None = None  # a fragment that uses the imports of that earlier example
    sleep_scale: float = SLEEP_SCALE


class Article(NamedTuple):
    """An article's examples, the Python it was written for, and what it shows of their output."""

    number: str
    python2: bool
    examples: tuple[Example, ...]
    shown_note: str
    images: tuple[str, ...] = ()


# Not examples: signatures quoted to document the constructor (000's `def __init__(self, group=None, ...)`,
# 002's `Process([group [, target ...]])`, 003's `class multiprocessing.Process(...)`), and variants told
# only in words (001 without pro.join() and with Pool(5); 003 with current_process().pid).
ARTICLES = {
    "000": Article("000", True, (Example(1),), "the article shows no output", images=("p1.jpg", "p2.jpg")),
    "001": Article(
        "001",
        True,
        (
            Example(
                1,
                (
                    "Process 4276 start ...",
                    "This is Fater process, And Its child pid is 4277",
                    "This is child process and my pid is 4277, my father process is 4276",
                ),
            ),
            Example(
                2,
                (
                    "Process 4662 start ...",
                    "This is Fater process, And Its child pid is 4663",
                    "This is child process and my pid is 4663, my father process is 4662",
                    "father process source value is 9",
                    "child process source value is 4",
                    "source value is 9",
                    "source value is 4",
                ),
            ),
            Example(
                3,
                (
                    "Parent process id 4878",
                    "start child process",
                    "This is child process 4879 from parent process 4878, "
                    "and name is test which is used for dev",
                    "Process end",
                ),
            ),
            Example(
                4,
                (
                    "Current process is 19138",
                    "child process id is 19139",
                    "child process id is 19140",
                    "this is process 1",
                    "child process id is 19140",
                    "this is process 0",
                    "child process id is 19139",
                    "this is process 2",
                    "child process id is 19140",
                    "this is process 3",
                    "this is process 4",
                    "pool process done",
                ),
            ),
            # here and in ex6 the writer's last sleep is all that keeps terminate() from cutting the
            # reader's last print, so it is shortened less: 60 ms (ex6: 30 ms) where the reader needs a
            # few; ex6 under 2.7 with only 10 ms never lost that print in 30 runs, CPUs overloaded 2.5x
            Example(
                5,
                (
                    "put name Yi_Zhi_Yu to queue",
                    "begin to read data",
                    "get name Yi_Zhi_Yu from queue",
                    "put name Tony to queue",
                    "get name Tony from queue",
                    "put name San to queue",
                    "get name San from queue",
                    "write data finished",
                ),
                sleep_scale=RACE_SCALE,
            ),
            Example(
                6,
                (
                    "Try to read data in pipe",
                    "put name Yi_Zhi_Yu to Pipe",
                    "get name Yi_Zhi_Yu from pipe",
                    "put name Tony to Pipe",
                    "get name Tony from pipe",
                    "put name San to Pipe",
                    "get name San from pipe",
                ),
                sleep_scale=RACE_SCALE,
            ),
        ),
        "the article shows the output of every example as text",
    ),
    "002": Article("002", False, (Example(1), Example(2, after_imports_of=1)), "the article shows no output"),
    "003": Article(
        "003", False, tuple(Example(k) for k in range(1, 6)), "the article shows the output only as images"
    ),
    "004": Article("004", False, tuple(Example(k) for k in range(1, 4)), "the article shows no output"),
}


# --- fidelity: the files hold the article's code, the constants its output --------------------------


def _article_text(number: str) -> str:
    folder = os.path.join(CASES, "articles")
    name = next(n for n in sorted(os.listdir(folder)) if n.startswith(f"{number}_") and n.endswith(".txt"))
    return _read(os.path.join(folder, name))


def _read(path: str) -> str:
    with open(path, encoding="utf-8") as f:
        return f.read()


def _write(path: str, text: str) -> None:
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def _compact(text: str) -> str:
    return "".join(text.split())


def _verbatim(number: str, source: str) -> bool:
    """The example, header aside and whitespace ignored, is a piece of the article's text."""
    page = _article_text(number)
    if number == "003":  # the page renders code comments in Markdown italics: `_#comment_`
        page = re.sub(r"_(#[^_\n]*)_", r"\1", page)
    body = "\n".join(line for line in source.splitlines() if not line.startswith(HEADER))
    return _compact(body) in _compact(page)


def _shown_verbatim(article: Article) -> bool:
    page = " ".join(_article_text(article.number).split())
    return all(" ".join(ex.shown) in page for ex in article.examples if ex.shown)


# --- the probe --------------------------------------------------------------------------------------

PY27_CHECK = """import sys
print('%d.%d.%d' % sys.version_info[:3])
for name in ('cv2', 'numpy'):
    try:
        __import__(name)
        print(name + ': ok')
    except ImportError as exc:
        print(name + ': ImportError: ' + str(exc))
"""


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


def _make_images(names: tuple[str, ...]) -> dict[str, Any]:
    """The images article 000 reads from its cwd, made here (with Python 3's cv2) for its 2.7 run."""
    try:
        import cv2
        import numpy
    except ImportError as exc:
        return {"made": [], "why_not": f"{type(exc).__name__}: {exc}"}
    rng = numpy.random.default_rng(0)
    for name in names:
        cv2.imwrite(name, rng.integers(0, 256, (96, 128, 3), dtype=numpy.uint8))
    return {"made": [n for n in names if os.path.isfile(n)], "why_not": None}


class Run(NamedTuple):
    """One program run: which example, which interpreter (or the fragment's joined file), which script."""

    example: int
    key: str
    script: str  # a path in the scratch cwd
    python: str
    sleep_scale: float
    env: dict[str, str] = TERMINAL_LIKE


CODING_LINE = "# -*- coding: utf-8 -*-"


def _lacks_coding_line(source: str) -> bool:
    """Non-ASCII source without a PEP 263 coding line in its first two lines: Python 2 rejects it."""
    return not source.isascii() and not re.search(r"^#.*coding[:=]", "\n".join(source.splitlines()[:2]), re.M)


def _with_coding_line(source: str) -> str:
    """The example with a coding line as its second line (after the header): a modified copy, for evidence."""
    header, _, rest = source.partition("\n")
    return f"{header}\n{CODING_LINE}\n{rest}"


def _with_imports_of(earlier: str, source: str) -> str:
    """A fragment preceded by the import lines of the example it continues (a second, labelled run)."""
    imports = [line for line in earlier.splitlines() if line.startswith(("import ", "from "))]
    return "\n".join([*imports, source])


def _plan(article: Article, sources: dict[int, str], py3: str, py27: dict[str, Any] | None) -> list[Run]:
    """Write each example into the scratch cwd; one run per interpreter, and the fragment's joined run."""
    runs = []
    for ex in article.examples:
        script = os.path.abspath(f"ex{ex.number}.py")
        _write(script, sources[ex.number])
        runs.append(Run(ex.number, "python3_run", script, py3, ex.sleep_scale))
        if py27 and py27["path"]:
            runs += _python27_runs(ex, script, sources[ex.number], py27)
        if ex.after_imports_of:
            joined = os.path.abspath(f"ex{ex.number}_after_ex{ex.after_imports_of}_imports.py")
            _write(joined, _with_imports_of(sources[ex.after_imports_of], sources[ex.number]))
            runs.append(Run(ex.number, "with_earlier_imports_run", joined, py3, ex.sleep_scale))
    return runs


def _python27_runs(ex: Example, script: str, source: str, py27: dict[str, Any]) -> list[Run]:
    """The example under 2.7; and, where it lacks its coding line, a copy with one (evidence only)."""
    env = {**TERMINAL_LIKE, "PYTHONPATH": py27["site"]} if py27["site"] else TERMINAL_LIKE
    runs = [Run(ex.number, "python27_run", script, py27["path"], ex.sleep_scale, env)]
    if _lacks_coding_line(source):
        coded = os.path.abspath(f"ex{ex.number}_with_coding_line.py")
        _write(coded, _with_coding_line(source))
        runs.append(Run(ex.number, "python27_coding_line_run", coded, py27["path"], ex.sleep_scale, env))
    return runs


def _run_all(runs: list[Run], method: str) -> list[dict[str, Any]]:
    """Run the programs a few at a time (as many as there are CPUs), each as soon as a slot is free."""
    from concurrent.futures import ThreadPoolExecutor

    # the longest sleeps start first (a Python 2 run before its Python 3 twin, which stops at a
    # SyntaxError there), so the quick runs fill the other slots meanwhile
    first = sorted(runs, key=lambda r: (-r.sleep_scale, not r.key.startswith("python27")))
    with ThreadPoolExecutor(max(2, os.cpu_count() or 2)) as pool:
        started = {(r.example, r.key): pool.submit(_run_one, r, method) for r in first}
        return [started[r.example, r.key].result() for r in runs]


def _run_one(r: Run, method: str) -> dict[str, Any]:
    """One program run to its end (or its deadline), as plain facts."""
    from pathlib import Path  # start_program takes a str as source text, a path as a script

    return program(
        Path(r.script),
        method=method,
        python=r.python,
        sleep_scale=r.sleep_scale,
        env=r.env,
        timeout=RUN_TIMEOUT,
    ).to_json()


def _skeleton(article: Article, sources: dict[int, str], python2: bool) -> list[dict[str, Any]]:
    """Per example, what is known before running it; the runs are filled in by key."""
    return [
        {
            "example": ex.number,
            "verbatim": _verbatim(article.number, sources[ex.number]),
            "calls_set_start_method": "set_start_method" in sources[ex.number],
            "sleep_scale": ex.sleep_scale,
            **({"python27_run": None} if python2 else {}),
            **({"python27_coding_line_run": None} if python2 and _lacks_coding_line(sources[ex.number]) else {}),
        }
        for ex in article.examples
    ]


def _observe(number: str, mp: Context) -> Facts:
    """Copy each example of the article into the scratch cwd and run it under each interpreter."""
    article, method = ARTICLES[number], mp.get_start_method()
    py3 = {"label": f"{sys.implementation.name} {sys.version.split()[0]}", "path": sys.executable}
    py27 = _python27_here(method) if article.python2 else None
    images = _make_images(article.images) if article.images and py27 and py27["path"] else None
    sources = {
        ex.number: _read(os.path.join(EXAMPLES, number, f"ex{ex.number}.py")) for ex in article.examples
    }
    runs = _plan(article, sources, py3["path"], py27)
    examples = _skeleton(article, sources, article.python2)
    for run, seen in zip(runs, _run_all(runs, method), strict=True):
        examples[run.example - 1][run.key] = seen
    return {
        "article": number,
        "method": method,
        "python3": py3,
        "python27": py27,
        "images": images,
        "shown_verbatim": _shown_verbatim(article),
        "examples": examples,
    }


# --- the judgement ----------------------------------------------------------------------------------


def _pattern(line: str) -> str:
    return "".join(r"\d+" if PID.fullmatch(part) else re.escape(part) for part in re.split(r"(\d+)", line))


def _tiles(text: str, lines: tuple[str, ...]) -> bool:
    """The output, line breaks dropped, is exactly the shown lines in some order (pids free).

    Unbuffered processes can interleave a print's text and its newline, so lines are not split on
    newlines: the whole output must be covered by the shown lines, each used as often as shown.
    """
    flat = text.replace("\r", "").replace("\n", "")
    wanted = Counter(_pattern(line) for line in lines)
    compiled = {p: re.compile(p) for p in wanted}

    def cover(pos: int) -> bool:
        if pos == len(flat):
            return not +wanted
        for pat in [p for p, n in wanted.items() if n > 0]:
            found = compiled[pat].match(flat, pos)
            if found and found.end() > pos:
                wanted[pat] -= 1
                if cover(found.end()):
                    return True
                wanted[pat] += 1
        return False

    return cover(0)


def _in_order(text: str, lines: tuple[str, ...]) -> bool:
    return re.fullmatch("".join(_pattern(line) for line in lines), text.replace("\n", "")) is not None


def _error(run: dict[str, Any]) -> str:
    """Where and how a run failed: the last 'File ..., line N' and the last error line of stderr."""
    err = run["stderr"]
    where = re.findall(r'File "[^"]*?([^/\\"]+)", line (\d+)(, in \w+)?', err)
    kinds = [ln.strip() for ln in err.splitlines() if re.match(r"\s*[\w.]*(Error|Exception|error)\b", ln)]
    what = kinds[-1].split("; see http")[0] if kinds else f"exit status {run['returncode']}"
    what = re.sub(r"(?:[A-Za-z]:)?[/\\][^ ]*[/\\]([^/\\ ]+\.py)", r"\1", what)[:200]  # scratch paths
    place = f"{where[-1][0]} line {where[-1][1]}{where[-1][2]} (the header line counts): " if where else ""
    return place + ("timed out" if run["timed_out"] else what)


def _status(run: dict[str, Any] | None) -> str:
    """One of: ran, cannot-run (its interpreter or a module is missing here), failed."""
    if run is None:
        return "cannot-run"
    clean = "Traceback (most recent call last)" not in run["stderr"]  # a child's traceback counts too
    if not run["timed_out"] and run["returncode"] == 0 and clean:
        return "ran"
    if re.search(r"(ImportError|ModuleNotFoundError): No module named '?(cv2|numpy)", run["stderr"]):
        return "cannot-run"
    return "failed"


def _one(ex: dict[str, Any], article: Article, key: str = "python3_run") -> tuple[str, str]:
    """An example's status and a few words on it, from its run under `key` (Python 3 decides)."""
    run = ex[key]
    status = _status(run)
    if run is None:
        return status, "no Python 2.7 here"
    if status == "cannot-run":
        return status, f"could not run ({_error(run)})"
    if status == "failed":
        joined = ex.get("with_earlier_imports_run")
        extra = f"; preceded by the earlier example's imports it {_status(joined)}" if joined else ""
        return status, f"{_error(run)}{extra}"
    pinned = f" (set its own start method: {run['pinned']})" if run["pinned"] else ""
    shown = next(e.shown for e in article.examples if e.number == ex["example"])
    if shown is None:
        return "ran", f"ran{pinned}{_stderr_note(run)}"
    if not _tiles(run["stdout"], shown):
        return "failed", f"printed {run['stdout'][-300:]!r}, not the article's {len(shown)} lines{pinned}"
    order = "in the article's order" if _in_order(run["stdout"], shown) else "in another order"
    return "ran", f"ran and printed the article's {len(shown)} lines ({order}){pinned}"


def _stderr_note(run: dict[str, Any]) -> str:
    """What a run that exited 0 still said on stderr (article 000's children under 2.7: no display)."""
    said, out = run["stderr"].strip().splitlines(), run["stdout"].strip().splitlines()
    last = f" and its last line is {out[-1][:80]!r}" if out else ""
    return f", but its stderr says {said[-1][:120]!r}{last}" if said else ""


def _grouped(judged: list[tuple[int, str, str]], status: str) -> list[str]:
    """'ex1, ex2: ran' for the examples of one status, those with the same words together."""
    words: dict[str, list[str]] = {}
    for number, seen, said in judged:
        if seen == status:
            words.setdefault(said, []).append(f"ex{number}")
    return [f"{', '.join(names)}: {said}" for said, names in words.items()]


def _told(judged: list[tuple[int, str, str]]) -> str:
    return "; ".join(line for status in ("ran", "failed", "cannot-run") for line in _grouped(judged, status))


def _py27_evidence(facts: Facts, article: Article) -> str:
    """What Python 2.7 made of the examples, once per environment: evidence beside the verdict, never in it."""
    py27, examples = facts["python27"], facts["examples"]
    if not py27["path"]:
        where = py27.get("runs_in")
        return (
            f"Python 2.7 runs once, in the {where} column"
            if where != facts["method"]
            else f"no Python 2.7 here (find_python('2.7') gave {py27['find_python']})"
        )
    as_printed = _told([(ex["example"], *_one(ex, article, "python27_run")) for ex in examples])
    coded = [
        (ex["example"], *_one(ex, article, "python27_coding_line_run"))
        for ex in examples
        if ex.get("python27_coding_line_run")
    ]
    also = f"; with a coding line added (a modified copy, PEP 263): {_told(coded)}" if coded else ""
    return (
        f"evidence, not judged: under Python {py27['version']} ({os.path.basename(py27['path'])}, "
        f"no start methods: it forks; run once, in this column): {as_printed}{also}"
    )


def _judge(facts: Facts, where: Where) -> Verdict:
    article = ARTICLES[facts["article"]]
    bad = [f"ex{ex['example']}" for ex in facts["examples"] if not ex["verbatim"]]
    if bad or not facts["shown_verbatim"]:
        raise ValueError(f"reconstruction is not the article's text: {bad or 'shown output'}")
    judged = [(ex["example"], *_one(ex, article)) for ex in facts["examples"]]
    ran, failed = sum(s == "ran" for _, s, _ in judged), sum(s == "failed" for _, s, _ in judged)
    told = _told(judged)
    context = [f"under {facts['python3']['label']}: {told}" if article.python2 else told]
    context += [_py27_evidence(facts, article)] if article.python2 else []
    context += [article.shown_note, _images_note(facts)]
    why = "; ".join(filter(None, context))
    if not ran and not failed:
        return not_applicable(f"no example could run here: {why}")
    if not failed:
        return holds(f"{ran} of {len(judged)} examples ran as printed: {why}")
    if ran:
        return partial(f"{ran} of {len(judged)} ran as printed, {failed} failed: {why}")
    return refuted(f"none of the {len(judged)} examples ran as printed: {why}")


def _images_note(facts: Facts) -> str:
    images, modules = facts["images"], (facts["python27"] or {}).get("imports")
    if images is None:
        return ""
    made = f"images {images['made']} made with cv2" if images["made"] else f"no images ({images['why_not']})"
    return made + (f"; Python 2.7's imports: {modules}" if modules else "")


# --- the claims -------------------------------------------------------------------------------------


@claim(
    "code.runs-000",
    "The article's code example runs as printed (Python 2, OpenCV).",
    topic="code",
    sources=[quote("000", "multiprocessing使用示例:")],
    deadline=120.0,
)
def code_runs_000(mp: Context) -> Facts:
    """Run article 000's example under Python 2.7 and Python 3, with its images made beside it."""
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
    """Run article 002's two examples; the second again after the first one's imports."""
    return _observe("002", mp)


@claim(
    "code.runs-003",
    "The article's code examples run as printed.",
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
        "example 1 runs; example 2 (方式二) has no imports: NameError: name 'Process' is not "
        "defined (after example 1's imports it runs)",
        os="linux",
    ),
    expect(
        "partial",
        "same code, guarded, so spawn runs example 1; example 2 lacks its imports everywhere",
        os="darwin",
        cite=SPAWN_MAIN,
    ),
    expect(
        "partial",
        "same code, guarded, so spawn runs example 1; example 2 lacks its imports everywhere",
        os="win32",
        cite=f"{SPAWN_MAIN}; {CONSOLE_UTF8}",
    ),
)

code_runs_003.judge(_judge)
code_runs_003.expect(
    expect("holds", "all five examples are guarded and run under every method", os="linux"),
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
