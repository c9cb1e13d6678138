"""Examples run for real, in the sandbox, through the supervisor: each verdict and diagnosis, and its foil."""

from __future__ import annotations

import os
import sys
import textwrap
import time
import uuid
from collections.abc import Sequence
from pathlib import Path

import psutil
import pytest

from harness import _runner, find_python
from harness._tutorial import _sandbox
from harness._tutorial._model import Block, Document, Example, Outcome
from harness._tutorial._run import plan, run_examples, run_here
from harness._tutorial._sandbox import Limits

QUICK = Limits(deadline=4.0)
PY27 = find_python("2.7")


def check(
    tmp_path: Path,
    *codes: str,
    methods: Sequence[str] = ("fork",),
    shown: Sequence[str | None] = (),
    continues: Sequence[tuple[int, ...]] | None = None,
    fmt: str = "markdown",
    language: str = "python",
    limits: Limits = QUICK,
    python2: str | None = None,
    python27: str | None = None,
    ordered: bool = True,
) -> dict[tuple[int, str | None], Outcome]:
    """Run the examples `codes` of an article in tmp_path; a notebook's cells continue every earlier one."""
    sources = [textwrap.dedent(c) for c in codes]
    cells = fmt == "notebook"
    blocks = tuple(
        Block("code", c, 1 + 10 * i, language, cell=i if cells else None) for i, c in enumerate(sources)
    )
    doc = Document(str(tmp_path / "article.md"), fmt, "t", blocks)
    tied = continues or [tuple(range(1, n + 1)) if cells else () for n in range(len(codes))]
    said = [*shown, *[None] * len(codes)]
    examples = [
        Example(n + 1, n, code, 1 + 10 * n, said[n], tied[n], python2, ("multiprocessing",), ordered)
        for n, code in enumerate(sources)
    ]
    outcomes = run_examples(doc, examples, methods=methods, limits=limits, python27=python27)
    return {(o.example, o.method): o for o in outcomes}


UNGUARDED = """\
    import multiprocessing as mp
    def hello():
        print("hello from the child")
    p = mp.Process(target=hello)
    p.start()
    p.join()
    print("done")
"""


def test_an_unguarded_script_breaks_under_spawn_only(tmp_path: Path) -> None:
    got = check(tmp_path, UNGUARDED, methods=("fork", "spawn"), shown=["hello from the child\ndone\n"])
    assert (got[1, "fork"].verdict, got[1, "fork"].key) == ("holds", "ran")
    spawn = got[1, "spawn"]
    assert (spawn.verdict, spawn.key) == ("refuted", "no-main-guard")
    assert "example 1, line 5" in spawn.diagnosis  # p.start()
    assert spawn.python.startswith("cpython-3.")


LAMBDA_POOL = """\
    from multiprocessing import Pool
    if __name__ == "__main__":
        with Pool(2) as pool:
            print(pool.map({target}, [1, 2, 3]))
"""


def test_a_lambda_pool_target_cannot_be_pickled_a_function_can(tmp_path: Path) -> None:
    bad = LAMBDA_POOL.format(target="lambda x: x * x")
    good = "def square(x):\n    return x * x\n" + textwrap.dedent(LAMBDA_POOL.format(target="square"))
    got = check(tmp_path, bad, good, shown=[None, "[1, 4, 9]\n"], continues=[(), ()])
    assert (got[1, "fork"].verdict, got[1, "fork"].key) == ("refuted", "unpicklable")
    assert "lambda" in got[1, "fork"].diagnosis
    assert (got[2, "fork"].verdict, got[2, "fork"].key) == ("holds", "ran")


def test_a_nested_target_breaks_under_spawn_only(tmp_path: Path) -> None:
    code = """\
        import multiprocessing as mp
        def main():
            def hello():
                print("hello")
            p = mp.Process(target=hello); p.start(); p.join()
        if __name__ == "__main__":
            main()
    """
    got = check(tmp_path, code, methods=("fork", "spawn"), shown=["hello\n"])
    assert (got[1, "fork"].verdict, got[1, "fork"].key) == ("holds", "ran")
    assert (got[1, "spawn"].verdict, got[1, "spawn"].key) == ("refuted", "unpicklable")
    assert "inside another function" in got[1, "spawn"].diagnosis


def test_a_python2_module_is_python2_a_third_party_one_missing(tmp_path: Path) -> None:
    code = "import multiprocessing\nimport {name}\n"
    got = check(
        tmp_path,
        code.format(name="Queue"),
        code.format(name="numpy_or_such"),
        continues=[(), ()],
        python2="line 2: the Queue module",
        python27=None,
    )
    assert (got[1, "fork"].verdict, got[1, "fork"].key) == ("refuted", "python2")
    assert "no module Queue" in got[1, "fork"].diagnosis
    assert (got[2, "fork"].verdict, got[2, "fork"].key) == ("not-applicable", "missing-module")


JOIN = """\
    import multiprocessing as mp
    def work(q):
        q.put("x" * 1_000_000)
    if __name__ == "__main__":
        q = mp.Queue()
        p = mp.Process(target=work, args=(q,))
        p.start()
        {first}
        {second}
"""


def test_join_before_drain_is_seen_in_the_tree_at_the_deadline(tmp_path: Path) -> None:
    stuck = JOIN.format(first="p.join()", second="print(len(q.get()))")
    fine = JOIN.format(first="print(len(q.get()))", second="p.join()")
    got = check(
        tmp_path, stuck, fine, shown=["1000000\n"] * 2, continues=[(), ()], limits=Limits(deadline=2.0)
    )
    hung = got[1, "fork"]
    assert (hung.verdict, hung.key) == ("refuted", "join-before-drain")
    assert "pipe_write" in str(hung.evidence["tree_at_deadline"])
    assert "bytes unread" in hung.diagnosis and "example 1, line 8" in hung.diagnosis
    assert (got[2, "fork"].verdict, got[2, "fork"].key) == ("holds", "ran")


def test_a_plain_hang_is_a_timeout_not_a_deadlock(tmp_path: Path) -> None:
    code = "import multiprocessing, threading\nthreading.Event().wait()\n"
    hung = check(tmp_path, code, limits=Limits(deadline=1.0))[1, "fork"]
    assert (hung.verdict, hung.key) == ("refuted", "timeout")
    assert hung.evidence["timed_out"]


WRITER = """\
    import multiprocessing as mp
    def write():
        with open("big.log", "w") as f:
            {loop}
    if __name__ == "__main__":
        p = mp.Process(target=write)
        p.start()
        p.join()
        print("写完了")
"""


def test_a_file_written_forever_stops_at_the_cap(tmp_path: Path) -> None:
    forever = WRITER.format(loop="while True: f.write('x' * 4096)")
    small = WRITER.format(loop="f.write('x' * 4096)")
    got = check(
        tmp_path,
        forever,
        small,
        shown=["写完了\n"] * 2,
        continues=[(), ()],
        limits=Limits(file_size=2**20, deadline=10.0),
    )
    capped = got[1, "fork"]
    assert (capped.verdict, capped.key) == ("refuted", "file-cap")
    assert "File too large" in capped.diagnosis
    assert capped.evidence["duration_s"] < 5
    assert (got[2, "fork"].verdict, got[2, "fork"].key) == ("holds", "ran")


ALLOCATE = """\
    import multiprocessing as mp
    def grab():
        data = {what}
        print(len(data))
    if __name__ == "__main__":
        p = mp.Process(target=grab)
        p.start()
        p.join()
"""


@pytest.mark.parametrize(
    ("what", "size"), [("bytearray(4 * 1024 ** 3)", 4 * 1024**3), ("[i for i in range(10 ** 8)]", 10**8)]
)
def test_a_huge_allocation_fails_fast_under_the_memory_cap(tmp_path: Path, what: str, size: int) -> None:
    started = time.monotonic()
    got = check(
        tmp_path,
        ALLOCATE.format(what=what),
        ALLOCATE.format(what="bytearray(1000)"),
        shown=[f"{size}\n", "1000\n"],
        continues=[(), ()],
    )
    capped = got[1, "fork"]
    assert (capped.verdict, capped.key) == ("refuted", "memory-cap")
    assert capped.evidence["duration_s"] < 4  # measured: ~0.1 s (bytearray), ~1.5 s (the list)
    assert capped.evidence["peak_rss_kib"] * 1024 <= QUICK.memory
    assert (got[2, "fork"].verdict, got[2, "fork"].key) == ("holds", "ran")
    assert time.monotonic() - started < 15


def test_too_many_processes_stop_at_the_cap(tmp_path: Path) -> None:
    many = """\
        import multiprocessing as mp, time
        if __name__ == "__main__":
            ps = [mp.Process(target=time.sleep, args=(3,)) for _ in range({n})]
            for p in ps: p.start()
            for p in ps: p.join()
            print("all done")
    """
    got = check(
        tmp_path,
        many.format(n=40),
        many.format(n=3),
        shown=["all done\n"] * 2,
        continues=[(), ()],
        limits=Limits(processes=20, deadline=10.0),
    )
    capped = got[1, "fork"]
    assert (capped.verdict, capped.key) == ("refuted", "process-cap")
    assert capped.evidence["process_cap"]["how"] == ("cgroup" if _cgroup_here() else "census")
    assert (got[2, "fork"].verdict, got[2, "fork"].key) == ("holds", "ran")


def test_without_a_cgroup_the_census_caps_the_processes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_sandbox, "PIDS_ROOT", str(tmp_path / "no-cgroups"))
    many = """\
        import multiprocessing as mp, threading
        if __name__ == "__main__":
            for _ in range(40): mp.Process(target=threading.Event().wait).start()
    """
    capped = check(tmp_path, many, limits=Limits(processes=20, deadline=10.0))[1, "fork"]
    assert (capped.verdict, capped.key) == ("refuted", "process-cap")
    assert capped.evidence["process_cap"] == {"how": "census", "refused_forks": None, "killed_at_cap": True}


def _cgroup_here() -> bool:
    with _sandbox.pids_cgroup(10) as path:
        return path is not None


def test_a_window_is_not_applicable_without_a_display(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DISPLAY", ":0")  # the sandbox removes it
    window = """\
        import multiprocessing as mp
        def show():
            import tkinter as tk
            tk.Tk()
        if __name__ == "__main__":
            p = mp.Process(target=show); p.start(); p.join()
    """
    got = check(tmp_path, window)[1, "fork"]
    assert (got.verdict, got.key) == ("not-applicable", "display")
    assert "no display" in got.diagnosis


def test_python2_code_is_refuted_on_python3_and_run_by_a_python27(tmp_path: Path) -> None:
    code = """\
        import multiprocessing
        def hello(name):
            print "hello", name
        if __name__ == "__main__":
            p = multiprocessing.Process(target=hello, args=("bob",)); p.start(); p.join()
    """
    got = check(tmp_path, code, shown=["hello bob\n"], python2="line 3: print statement", python27=PY27)
    py3 = got[1, "fork"]
    assert (py3.verdict, py3.key) == ("refuted", "python2")
    assert "example 1, line 3" in py3.diagnosis and "SyntaxError" in py3.diagnosis
    py27 = got[1, None]
    if PY27 is None:
        assert (py27.verdict, py27.key) == ("not-applicable", "python2")
    else:
        assert (py27.python, py27.verdict, py27.key) == ("cpython-2.7.18", "holds", "ran")


def test_without_a_python27_the_python2_run_is_not_applicable(tmp_path: Path) -> None:
    code = "import multiprocessing\nprint 'x'\n"
    got = check(tmp_path, code, methods=(), python2="line 2: print statement")[1, None]
    assert (got.verdict, got.key, got.method) == ("not-applicable", "python2", None)


def test_a_fragment_runs_after_the_example_it_continues(tmp_path: Path) -> None:
    first = "from multiprocessing import Pool\ndef square(x):\n    return x * x\n"
    fragment = 'if __name__ == "__main__":\n    with Pool(2) as p:\n        print(p.map(square, range(5)))\n'
    got = check(
        tmp_path, first, fragment, fragment, shown=[None, "[0, 1, 4, 9, 16]\n"] * 2, continues=[(), (1,), ()]
    )
    assert (got[2, "fork"].verdict, got[2, "fork"].key) == ("holds", "ran")
    alone = got[3, "fork"]  # the same fragment, not tied to the first example
    assert (alone.verdict, alone.key) == ("refuted", "error")
    assert "NameError" in alone.diagnosis and "example 3, line 2" in alone.diagnosis


def test_a_fragment_that_needs_only_an_earlier_examples_imports_is_partial(tmp_path: Path) -> None:
    first = "from multiprocessing import Process\nprint('first')\n"
    fragment = 'if __name__ == "__main__":\n    p = Process(target=print)\n    p.start()\n    p.join()\n'
    got = check(tmp_path, first, fragment, continues=[(), (1,)])
    assert (got[2, "fork"].verdict, got[2, "fork"].key) == ("partial", "needs-imports")
    assert "it needs example 1's imports: it uses Process without importing it" in got[2, "fork"].diagnosis
    assert got[2, "fork"].evidence["returncode"] == 0  # it did run, after example 1


def test_a_run_inside_a_probe_is_judged_alike_and_leaves_nothing(tmp_path: Path) -> None:
    """run_here: what the catalog's code.runs probes call; a provided file is in the run's fresh folder."""
    (tmp_path / "data.txt").write_text("42\n", encoding="utf-8")
    reads = "import multiprocessing\nprint(open('data.txt').read().strip())\n"
    leaks = "import os, multiprocessing, threading\nif os.fork() == 0:\n    threading.Event().wait()\n"
    leaks += "print('parent done')\n"
    doc = Document(
        str(tmp_path / "a.md"), "markdown", "t", (Block("code", reads, 1), Block("code", leaks, 9))
    )
    examples = [
        Example(1, 0, reads, 1, "42\n", (), None, ("multiprocessing",)),
        Example(2, 1, leaks, 9, "parent done\n", (), None, ("multiprocessing",)),
    ]
    first, second = plan(doc, examples)
    provided = (str(tmp_path / "data.txt"),)
    got = run_here(first, sys.executable, "fork", limits=QUICK, provided=provided)
    assert (got.verdict, got.key, got.evidence["provided"]) == ("holds", "ran", ["data.txt"])
    alone = run_here(first, sys.executable, "fork", limits=QUICK)
    assert (alone.verdict, alone.key) == ("not-applicable", "missing-file")
    leaked = run_here(second, sys.executable, "fork", limits=QUICK)
    assert (leaked.verdict, leaked.key) == ("refuted", "leaked")  # its child, still in its session
    assert _ours() == set()


NOTEBOOK = (
    "from multiprocessing import Pool\n",
    "def square(x):\n    return x * x\n",
    "with Pool(2) as pool:\n    print(pool.map(square, [1, 2, 3]))\n",
    "sum(range(10))\n",
)


def test_a_notebook_worker_defined_in_a_cell_breaks_under_spawn(tmp_path: Path) -> None:
    got = check(
        tmp_path,
        *NOTEBOOK,
        methods=("fork", "spawn"),
        fmt="notebook",
        shown=[None, None, "[1, 4, 9]\n", "45\n"],
        limits=Limits(deadline=3.0),
    )
    assert {(n, m): (o.verdict, o.key) for (n, m), o in got.items() if n >= 3} == {
        (3, "fork"): ("holds", "ran"),
        (4, "fork"): ("holds", "ran"),  # the kernel echoes the cell's last expression
        (3, "spawn"): ("refuted", "unpicklable"),
        (4, "spawn"): ("refuted", "unpicklable"),  # it never runs: the cell before hangs
    }
    assert got[4, "fork"].evidence["stdout"] == "45\n"  # its own output, not the earlier cells'
    assert got[4, "fork"].evidence["stdout_all"] == "[1, 4, 9]\n45\n"
    assert "notebook" in got[3, "spawn"].diagnosis and "example 2, line 1" in got[3, "spawn"].diagnosis


def test_a_session_echoes_values(tmp_path: Path) -> None:
    session = "import multiprocessing as mp\n'spawn' in mp.get_all_start_methods()\n"
    got = check(tmp_path, session, session, language="pycon", shown=["True\n", "False\n"], continues=[(), ()])
    assert (got[1, "fork"].verdict, got[2, "fork"].verdict) == ("holds", "partial")


ORDER = """\
    import multiprocessing as mp
    if __name__ == "__main__":
        for n in (1, 2):
            p = mp.Process(target=print, args=(f"child {n}, pid {mp.current_process().pid + n * 1000}",))
            p.start(); p.join()
"""


@pytest.mark.parametrize(
    ("shown", "ordered", "verdict"),
    [
        ("child 1, pid 4242\nchild 2, pid 4343\n", True, "holds"),  # pids differ: noise
        ("child 2, pid 4343\nchild 1, pid 4242\n", False, "holds"),
        ("child 2, pid 4343\nchild 1, pid 4242\n", True, "partial"),
        ("child 1, pid 4242\nchild 3, pid 4444\n", False, "partial"),
    ],
)
def test_shown_output_is_compared_pids_aside(tmp_path: Path, shown: str, ordered: bool, verdict: str) -> None:
    got = check(tmp_path, ORDER, shown=[shown], ordered=ordered)[1, "fork"]
    assert got.verdict == verdict, got.diagnosis
    assert got.key == ("ran" if verdict == "holds" else "output-differs")


def test_daemonic_processes_cannot_have_children(tmp_path: Path) -> None:
    code = """\
        import multiprocessing as mp
        def inner(): pass
        def outer():
            mp.Process(target=inner).start()
        if __name__ == "__main__":
            p = mp.Process(target=outer, daemon={daemon}); p.start(); p.join()
    """
    got = check(tmp_path, code.format(daemon=True), code.format(daemon=False), continues=[(), ()])
    assert (got[1, "fork"].verdict, got[1, "fork"].key) == ("refuted", "daemon-children")
    assert "example 1, line 4" in got[1, "fork"].diagnosis
    assert (got[2, "fork"].verdict, got[2, "fork"].key) == ("holds", "ran")


def test_the_articles_own_syntax_error(tmp_path: Path) -> None:
    got = check(tmp_path, "import multiprocessing\nif True\n    pass\n")[1, "fork"]
    assert (got.verdict, got.key) == ("refuted", "syntax-error")
    assert "example 1, line 2" in got.diagnosis


def test_a_missing_module_and_a_missing_data_file(tmp_path: Path) -> None:
    (tmp_path / "data.csv").write_text("1,2\n")  # beside the article, not copied into the sandbox
    module = "import multiprocessing\nimport no_such_module_here\n"
    data = "import multiprocessing\nprint(open('data.csv').read())\n"
    got = check(tmp_path, module, data, continues=[(), ()])
    assert (got[1, "fork"].verdict, got[1, "fork"].key) == ("not-applicable", "missing-module")
    assert "no_such_module_here" in got[1, "fork"].diagnosis
    assert (got[2, "fork"].verdict, got[2, "fork"].key) == ("not-applicable", "missing-file")
    assert "data.csv" in got[2, "fork"].diagnosis and "does not copy" in got[2, "fork"].diagnosis


ESCAPE = """\
    import os, multiprocessing, threading
    if os.fork() == 0:
        os.setsid()
        {child}
    print("parent done")
"""


def test_a_process_left_behind_is_refuted_as_leaked_and_killed(tmp_path: Path) -> None:
    got = check(
        tmp_path,
        ESCAPE.format(child="threading.Event().wait()"),
        ESCAPE.format(child="os._exit(0)"),
        shown=["parent done\n"] * 2,
        continues=[(), ()],
    )
    assert (got[1, "fork"].verdict, got[1, "fork"].key) == ("refuted", "leaked")
    assert (got[2, "fork"].verdict, got[2, "fork"].key) == ("holds", "ran")
    assert got[1, "fork"].evidence["supervisor"]["leaked"]  # the supervisor's census found it ...
    assert _ours() == set()  # ... and killed it


def test_nothing_any_example_starts_survives_the_check(tmp_path: Path) -> None:
    stuck = JOIN.format(first="p.join()", second="print(len(q.get()))")
    bomb = """\
        import multiprocessing as mp, threading
        for _ in range(30):
            mp.Process(target=threading.Event().wait).start()
    """
    check(
        tmp_path,
        stuck,
        bomb,
        continues=[(), ()],
        methods=("forkserver",),
        limits=Limits(deadline=1.5, processes=16),
    )
    assert _ours() == set()
    assert not [n for n in _listdir(_sandbox.PIDS_ROOT) if n.startswith(_sandbox.cgroup_prefix())]


def test_an_example_that_reads_stdin_is_not_applicable(tmp_path: Path) -> None:
    reads = "import multiprocessing\nname = input('name? ')\n"
    got = check(tmp_path, reads, "import multiprocessing\nraise EOFError('done')\n", continues=[(), ()])
    assert (got[1, "fork"].verdict, got[1, "fork"].key) == ("not-applicable", "stdin")
    assert "example 1, line 2" in got[1, "fork"].diagnosis
    assert (got[2, "fork"].verdict, got[2, "fork"].key) == ("refuted", "error")


def test_the_sandbox_starts_in_an_empty_folder_without_stdin(tmp_path: Path) -> None:
    code = "import multiprocessing, os, sys\nprint(os.listdir('.'), sys.stdin.read(), os.getenv('DISPLAY'))\n"
    got = check(tmp_path, code, shown=["[]  None\n"])[1, "fork"]
    assert got.evidence["stdout"] == "[]  None\n"


def _ours() -> set[int]:
    """Processes that carry this test's mark in their environment (every run's processes inherit it)."""
    found = set()
    for p in psutil.process_iter():
        try:
            if p.environ().get("TEST_RUN_MARK") == os.environ["TEST_RUN_MARK"]:
                found.add(p.pid)
        except psutil.Error:
            pass  # gone, or a zombie
    return found - {os.getpid(), *(t.proc.pid for t, _ in _runner._TEMPLATES)}  # the template stays


@pytest.fixture(autouse=True)
def _mark(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TEST_RUN_MARK", uuid.uuid4().hex)


def _listdir(path: str) -> list[str]:
    try:
        return os.listdir(path)
    except OSError:
        return []


def test_a_run_the_harness_cannot_make_is_not_judged_as_the_examples(tmp_path: Path) -> None:
    doc = Document(str(tmp_path / "a.md"), "markdown", "t", (Block("code", "import multiprocessing\n", 1),))
    example = Example(1, 0, "import multiprocessing\n", 1, None, (), None, ("multiprocessing",))
    (got,) = run_examples(doc, [example], python=str(tmp_path / "no-python"), methods=("fork",))
    assert (got.verdict, got.key) == ("not-applicable", "error")
    assert "FileNotFoundError" in got.diagnosis
