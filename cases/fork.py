"""fork and the operating system: what the articles say about os.fork and where it exists."""

from __future__ import annotations

import json
import os
import re
import select
import signal
import sys
from typing import Any

from harness import (
    Context,
    Facts,
    Verdict,
    Where,
    claim,
    expect,
    holds,
    not_applicable,
    partial,
    program,
    quote,
    refuted,
)

OS_FORK_DOCS = "docs: os.fork, 'Availability: POSIX, not WASI, not Android, not iOS'"


def _fork_here() -> dict[str, Any]:
    """Whether this process has os.fork, and whether calling it really makes a child."""
    facts: dict[str, Any] = {"platform": sys.platform, "os_name": os.name, "has_fork": hasattr(os, "fork")}
    if facts["has_fork"]:
        pid = os.fork()
        if pid == 0:
            os._exit(7)
        facts["forked_child_exit"] = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
    return facts


def _report_fork(conn: Any) -> None:  # noqa: ANN401 -- a Connection of the context under test
    conn.send(_fork_here())
    conn.close()


@claim(
    "fork.unix-only",
    "os.fork exists on Unix-like systems (only on Linux, says its second sentence) and not on Windows.",
    topic="fork",
    sources=[
        quote("001", "在類unix系統中, python的os 模塊內置了fork 函數用以創建子進程"),
        quote("001", "fork 方式是僅在linux 下才有的接口, 在windows下并沒有"),
    ],
)
def fork_unix_only(mp: Context) -> Facts:
    """Look for os.fork, and call it, in this process and in a child started with the method under test."""
    receive, send = mp.Pipe(duplex=False)
    p = mp.Process(target=_report_fork, args=(send,))
    p.start()
    send.close()
    child = receive.recv() if receive.poll(15) else None
    p.join(15)
    return {"main": _fork_here(), "child": child}


@fork_unix_only.judge
def _(facts: Facts, where: Where) -> Verdict:
    seen = [facts["main"], facts["child"] or {}]
    posix = facts["main"]["os_name"] == "posix"
    works = all(s.get("has_fork") and s.get("forked_child_exit") == 7 for s in seen)
    absent = not any(s.get("has_fork") for s in seen)
    main = facts["main"]
    child = seen[1].get("has_fork")
    summary = f"{main['platform']}: os.fork present={main['has_fork']}, in the child={child}"
    if posix and works and main["platform"] != "linux":
        return partial(f"{summary}, and it forks: Unix-like, but not Linux only", key="not only Linux")
    if (posix and works) or (not posix and absent):
        return holds(summary + (", and it forks" if posix else ""))
    return refuted(summary)


fork_unix_only.expect(
    expect(
        "holds", "os.fork exists and forks, in the main process and in a child of every method", os="linux"
    ),
    expect(
        "partial",
        "macOS is POSIX: os.fork exists there too, so not only on Linux",
        os="darwin",
        cite=OS_FORK_DOCS,
    ),
    expect("holds", "Windows has no os.fork", os="win32", cite=OS_FORK_DOCS),
)
fork_unix_only.said(
    en=(
        "^{fork} & {windows} & not|no|n't|missing|unavailable|lack*|absent|without|never|AttributeError",
        "^{fork} & only|exclusively|unix-only|posix-only & unix*|posix|linux|macos",
        "^{fork} & availability & unix & !windows",  # the docs' "Availability: Unix."
    ),
    zh=(
        "^{fork} & {windows} & 没有|不能|不支持|无法|不存在|不可用|用不了",
        "^{fork} & 只|仅 & linux|unix|posix",
        "{fork} & 类unix|unix系统|linux系统|posix系统 & 内置|提供|有|支持",
    ),
    opposite=(
        "{fork} & {windows} & also|too|也可以|也能 & exist*|available|support*|work*|有|支持"
        " & !not|no|n't|没|不|Process|multiprocessing",
        "{fork} & {windows} & can i call|can i use|can call|can use|can be used|can be called|works on|is available"
        "|is supported|exists on & !not|no|n't|没|不|Process|multiprocessing|cannot|instead",
        "{fork} & {windows} & 能用|可以用|可用|能调用|也有 & !不|没|Process|multiprocessing",
    ),
)


# --- shared by the os.fork experiments -----------------------------------------------------------

POPEN_WIN32 = (
    "Lib/multiprocessing/popen_spawn_win32.py: Popen.__init__ starts the child with _winapi.CreateProcess"
)
POPEN_POSIX = (
    "Lib/multiprocessing/popen_fork.py: Popen._launch (os.fork); "
    "popen_spawn_posix.py: Popen._launch (util.spawnv_passfds, fork+exec in C)"
)
FORKSERVER = "Lib/multiprocessing/forkserver.py: main (the server makes each child with os.fork())"
PIPE_WAIT = 10.0


def _await(fd: int, timeout: float = PIPE_WAIT) -> bytes:
    """One read from a pipe, or b'' if nothing came in time (so a lost child cannot hang the probe)."""
    ready, _, _ = select.select([fd], [], [], timeout)
    return os.read(fd, 65536) if ready else b""


def _read_to_eof(fd: int) -> bytes:
    """Everything written to a pipe until every write end is closed, bounded in time."""
    chunks = []
    while chunk := _await(fd):
        chunks.append(chunk)
    return b"".join(chunks)


def _reap(pid: int, finished: bool) -> int:
    """Collect the forked child's exit code; kill it first if it did not finish its part."""
    if not finished:
        os.kill(pid, signal.SIGKILL)
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])


def _run_experiment(conn: Any, name: str) -> None:  # noqa: ANN401 -- a Connection of the context under test
    """In a child started by the method under test: run one os.fork experiment and send its facts."""
    conn.send(_EXPERIMENTS[name]())
    conn.close()


def _here_and_in_child(mp: Context, name: str) -> Facts:
    """Run an os.fork experiment in this process and in a child started with the method under test."""
    main = _EXPERIMENTS[name]()
    receive, send = mp.Pipe(duplex=False)
    p = mp.Process(target=_run_experiment, args=(send, name))
    p.start()
    send.close()
    child = receive.recv() if receive.poll(15) else None
    p.join(15)
    return {"main": main, "child": child, "child_exitcode": p.exitcode}


# --- fork.returns-twice --------------------------------------------------------------------------


def _fork_once() -> dict[str, Any]:
    """Fork; the statement below os.fork() writes who ran it and what fork() returned there."""
    if not hasattr(os, "fork"):
        return {"has_fork": False}
    read, write = os.pipe()
    before = os.getpid()
    pid = os.fork()
    try:
        ran = {"pid": os.getpid(), "ppid": os.getppid(), "fork_returned": pid}
        os.write(write, json.dumps(ran).encode() + b"\n")
    finally:
        if pid == 0:
            os._exit(0)
    os.close(write)
    lines = _read_to_eof(read).splitlines()
    os.close(read)
    return {
        "has_fork": True,
        "pid_before_fork": before,
        "fork_returned_in_parent": pid,
        "runs_below_fork": [json.loads(line) for line in lines],
        "child_exitcode": _reap(pid, len(lines) == 2),
    }


def _twice_as_described(seen: dict[str, Any]) -> str | None:
    """What departs from 'runs twice, 0 in the child, the child's pid in the parent', or None."""
    runs, before = seen["runs_below_fork"], seen["pid_before_fork"]
    parent = [r for r in runs if r["pid"] == before]
    child = [r for r in runs if r["pid"] != before]
    if len(runs) != 2 or len(parent) != 1 or len(child) != 1:
        return f"the code below fork() ran {len(runs)} times: {runs}"
    if child[0]["fork_returned"] != 0 or child[0]["ppid"] != before:
        return f"in the child fork() returned {child[0]['fork_returned']} (ppid {child[0]['ppid']})"
    if parent[0]["fork_returned"] != child[0]["pid"]:
        return (
            f"in the parent fork() returned {parent[0]['fork_returned']}, "
            f"the child's pid is {child[0]['pid']}"
        )
    return None


# 001's example as printed, its print statements made calls (Python 3): nothing else changed.
EXAMPLE = """\
import os
print("Process %s start ..." %(os.getpid()))
pid = os.fork()
if pid == 0:
    print("This is child process and my pid is %d, my father process is %d" %(os.getpid(), os.getppid()))
else:
    print("This is Fater process, And Its child pid is %d" %(pid))
"""
# Nothing but the scheduler orders the two runs. Run as a program here, the child's line came first in
# 3 of 40 runs (load 2-4) and 0 of 40 at SCHED_FIFO (the nearest to a quiet machine here): too rare to
# count on. But the child ran while its parent was still alive (the father's pid it printed was still
# the main's, as in 001's own output) in 38 of 40 and 40 of 40: the two run side by side. At a rate of
# 0.9, all of 5 runs miss both signs with a chance of 1e-5.
RUNS = 5
_MAIN = re.compile(r"Process (\d+) start")
_FATHER = re.compile(r"my father process is (\d+)")


def _example_runs() -> list[dict[str, Any]]:
    """001's example, RUNS times as a whole program, with stdout unbuffered as on a terminal."""
    runs = []
    for _ in range(RUNS):
        done = program(EXAMPLE, timeout=10, env={"PYTHONUNBUFFERED": "1"})
        runs.append({"stdout": done.stdout, "returncode": done.returncode})
    return runs


def _order_seen(stdout: str) -> dict[str, Any]:
    """Which process's line came first, and whether the child ran while its parent still ran."""
    parent, child = stdout.find("This is Fater process"), stdout.find("This is child process")
    main, father = _MAIN.search(stdout), _FATHER.search(stdout)
    if parent < 0 or child < 0 or not main or not father:
        return {"twice": False}
    return {"twice": True, "child_first": child < parent, "at_once": father.group(1) == main.group(1)}


@claim(
    "fork.returns-twice",
    "After os.fork() the code below it runs twice, first in the parent and then in the child; fork() "
    "returns 0 in the child and the child's pid in the parent.",
    topic="fork",
    sources=[
        quote(
            "001", "從pid = os.fork() 開始, 下面的部分代碼運行了兩次, 第一次是父進程運行, 第二次是子進程運行"
        ),
        quote("001", "且子進程的fork的結果總是0, 所以這個也可以用來作為區分父進程或是子進程標志"),
        quote(
            "001", "This is Fater process, And Its child pid is 4277 This is child process and my pid is 4277"
        ),
    ],
)
def fork_returns_twice(mp: Context) -> Facts:
    """Call os.fork() here and in a child of the method; then run 001's example as a program."""
    facts = _here_and_in_child(mp, "fork_once")
    return {**facts, "example": _example_runs() if facts["main"]["has_fork"] else []}


def _order(runs: list[dict[str, Any]]) -> tuple[str, str]:
    """The order part: the verdict's outcome for it, and what was seen."""
    seen = [_order_seen(r["stdout"]) for r in runs]
    if not all(s["twice"] for s in seen):
        missing = sum(not s["twice"] for s in seen)
        return "refuted", f"in {missing} of {len(runs)} runs of 001's example one line was missing"
    first = sum(s["child_first"] for s in seen)
    at_once = sum(s["at_once"] for s in seen)
    said = (
        f"in {len(runs)} runs of 001's example the child's line came first in {first}, and the child ran "
        f"while its parent was still alive (the father's pid it printed still the main's) in {at_once}"
    )
    return ("partial" if first or at_once else "holds"), said


@fork_returns_twice.judge
def _(facts: Facts, where: Where) -> Verdict:
    seen = {"main": facts["main"], "child": facts["child"]}
    if any(s is None for s in seen.values()):
        raise ValueError(f"the child of {where.method} sent nothing (exitcode {facts['child_exitcode']})")
    if not any(s["has_fork"] for s in seen.values()):
        return not_applicable(f"no os.fork on {where.env.os}: there is nothing to run twice")
    wrong = {where_: _twice_as_described(s) for where_, s in seen.items() if s["has_fork"]}
    if any(wrong.values()):
        return refuted("; ".join(f"{k}: {v}" for k, v in wrong.items() if v))
    m = seen["main"]
    twice = (
        f"the statement below fork() ran twice (parent {m['pid_before_fork']} got "
        f"{m['fork_returned_in_parent']}, that child got 0), in the probe and in a {where.method} child"
    )
    outcome, order = _order(facts["example"])
    if outcome == "refuted":
        return refuted(f"{twice}; but {order}")
    if outcome == "partial":
        return partial(
            f"{twice}; but not first in the parent, then in the child: the two run side by side and only "
            f"timing orders their lines: {order}",
            key="not ordered",
        )
    return holds(f"{twice}; first in the parent, then in the child: {order}", key="parent, then child")


fork_returns_twice.expect(
    expect(
        "partial",
        "os.fork() returns twice (the child's pid in the parent, 0 in the child), but the scheduler "
        "decides when each runs: the child runs while its parent is still running, and its line "
        "sometimes comes first",
        os="linux",
    ),
    expect(
        "partial",
        "macOS is POSIX: fork() returns twice as on Linux, and nothing there orders parent and child either",
        os="darwin",
        cite=f"{OS_FORK_DOCS} (no order of parent and child is promised)",
    ),
    expect("not-applicable", "Windows has no os.fork", os="win32", cite=OS_FORK_DOCS),
)
fork_returns_twice.said(
    en=(
        "^{fork} & return* & 0|zero|twice|both",
        "^{fork} & twice|both the parent and the child|parent and the child both|in both processes",
        "^fork* & parent & child's|child & pid|process id & return*|receiv*|get*",
    ),
    zh=(
        "fork & 返回 & 0|零|两次",
        "fork & 两次",
        "fork & 子进程 & 0|零|两次",
        "^fork & 返回 & 子进程 & 0|零|pid|id",
    ),
)


# --- fork.memory-independent ---------------------------------------------------------------------

_BOX = [10]  # a module-level object: after fork() parent and child each hold "the same" list


def _child_changes(source: int, to_parent: int, from_parent: int) -> None:
    """The child's side: change its copies, say so, wait for the parent's change, report what it sees."""
    source -= 6
    _BOX[0] -= 6
    os.write(to_parent, b"changed")
    parent_changed = _await(from_parent) == b"changed"
    os.write(to_parent, json.dumps({"source": source, "box": _BOX[0], "waited": parent_changed}).encode())


def _fork_and_change() -> dict[str, Any]:
    """Article 001's `source = 10` experiment, with the interleaving fixed by pipes rather than by luck."""
    if not hasattr(os, "fork"):
        return {"has_fork": False}
    source, _BOX[0] = 10, 10
    up_r, up_w = os.pipe()
    down_r, down_w = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            _child_changes(source, up_w, down_r)
        finally:
            os._exit(0)
    os.close(up_w)
    child_changed = _await(up_r) == b"changed"
    parent_view = {"source": source, "box": _BOX[0]}  # after the child changed its copies
    source -= 1
    _BOX[0] -= 1
    os.write(down_w, b"changed")
    child_view = json.loads(_read_to_eof(up_r) or b"null")
    for fd in (up_r, down_r, down_w):
        os.close(fd)
    return {
        "has_fork": True,
        "child_changed_first": child_changed,
        "parent_after_child_changed": parent_view,
        "child_after_parent_changed": child_view,
        "parent_final": {"source": source, "box": _BOX[0]},
        "child_exitcode": _reap(pid, child_view is not None),
    }


def _independent(seen: dict[str, Any]) -> str | None:
    """What shows shared memory (or a broken handshake), or None if each side kept its own values."""
    if not seen["child_changed_first"] or not (seen["child_after_parent_changed"] or {}).get("waited"):
        raise ValueError(f"the parent/child handshake did not complete: {seen}")
    if seen["parent_after_child_changed"] != {"source": 10, "box": 10}:
        return f"after the child changed source/box to 4, the parent saw {seen['parent_after_child_changed']}"
    child = seen["child_after_parent_changed"]
    if (child["source"], child["box"]) != (4, 4):
        return f"after the parent changed source/box to 9, the child saw {child}"
    return None


@claim(
    "fork.memory-independent",
    "After a fork, a variable changed in the child keeps its old value in the parent, "
    "and the other way round.",
    topic="fork",
    sources=[
        quote(
            "001",
            "很明顯, 初始值為10的source 在父進程中值 減少了 1, 為9, "
            "而子進程明顯source的初始值 是10, 也就是說多進程之間并沒有什么相互影響",
        )
    ],
)
def fork_memory_independent(mp: Context) -> Facts:
    """The child subtracts 6, then the parent 1, from a local int and a module list; each reads its own."""
    return _here_and_in_child(mp, "fork_and_change")


@fork_memory_independent.judge
def _(facts: Facts, where: Where) -> Verdict:
    seen = {"main": facts["main"], "child": facts["child"]}
    if any(s is None for s in seen.values()):
        raise ValueError(f"the child of {where.method} sent nothing (exitcode {facts['child_exitcode']})")
    if not any(s["has_fork"] for s in seen.values()):
        return not_applicable(f"no os.fork on {where.env.os}")
    shared = {k: _independent(s) for k, s in seen.items() if s["has_fork"]}
    if any(shared.values()):
        return refuted("; ".join(f"{k}: {v}" for k, v in shared.items() if v))
    return holds(
        "the parent still saw 10 after the child's change to 4, the child still saw 4 after the "
        f"parent's change to 9 (int and list), in the probe and in a {where.method} child"
    )


fork_memory_independent.expect(
    expect("holds", "fork() gives the child a copy-on-write copy of the parent's memory", os="linux"),
    expect("holds", "macOS fork() copies the address space as on Linux", os="darwin", cite=OS_FORK_DOCS),
    expect("not-applicable", "Windows has no os.fork", os="win32", cite=OS_FORK_DOCS),
)
fork_memory_independent.said(
    en=(
        "^fork|forked|forking|fork()|os.fork|copy on write|copied on write|copy-on-write & child* & parent*"
        " & chang*|modif*|invisible|unchanged|affect*|see*|own copy|keep*",
        "^{fork} & own copy|a copy|separate copy|copy of memory|copy of the memory|own memory & invisible|not seen"
        "|unaffected|don't affect|doesn't affect|not visible|isn't visible|not affect*|never see*",
    ),
    zh=(
        "fork & 变量|内存|值 & 不会影响|互不影响|不影响|看不到|没有影响|独立",
        "父进程 & 子进程 & 相互影响|互不影响 & 值|变量",
        "^fork & 子进程|父进程 & 修改|改变|改了 & 不会影响|不影响|互不影响|看不到|不变|不会反映|反映不到",
        "子进程 & 父进程 & 副本|拷贝|复制品 & 改|修改 & 还是|仍然|依然|不变|不影响|不会影响",
    ),
)


# --- process.cross-platform ----------------------------------------------------------------------


def _report_child(conn: Any) -> None:  # noqa: ANN401 -- a Connection of the context under test
    """The target: say who runs it and who started it."""
    conn.send({"pid": os.getpid(), "ppid": os.getppid(), "has_fork": hasattr(os, "fork")})
    conn.close()


def _start_and_hear(mp: Context) -> dict[str, Any]:
    """Start a Process running `_report_child`; what the child sent, and its exit code."""
    receive, send = mp.Pipe(duplex=False)
    p = mp.Process(target=_report_child, args=(send,))
    p.start()
    send.close()
    heard = receive.recv() if receive.poll(15) else None
    p.join(15)
    return {"child": heard, "exitcode": p.exitcode}


# Importing it removes os.fork from that interpreter and notes where that was. The program imports it
# at its top, so its spawn children (which import the main module) lose os.fork too; the fork server
# imports the main module only where gh-126631 is fixed (its preparation data lacked "main_path"), so
# the program names it as the server's preload. A fork child inherits the note of the process that
# forked it, so the child can tell whether the process that made it still had os.fork.
WITHOUT_FORK = """\
import os

if hasattr(os, "fork"):
    del os.fork
REMOVED_IN = os.getpid()
"""
NO_FORK_PROGRAM = """\
import json
import os
import sys

import without_fork  # from here on this interpreter has no os.fork
import multiprocessing


def report(conn):
    seen = {"pid": os.getpid(), "ppid": os.getppid(), "has_fork": hasattr(os, "fork")}
    conn.send(dict(seen, removed_in=without_fork.REMOVED_IN))
    conn.close()


if __name__ == "__main__":
    multiprocessing.set_forkserver_preload(["without_fork"])
    receive, send = multiprocessing.Pipe(duplex=False)
    p = multiprocessing.Process(target=report, args=(send,))
    seen = {"main_pid": os.getpid(), "main_has_fork": hasattr(os, "fork"), "start_error": None}
    try:
        p.start()
    except Exception as exc:
        seen["start_error"] = "%s: %s" % (type(exc).__name__, exc)
    send.close()
    if seen["start_error"] is None:
        seen["child"] = receive.recv() if receive.poll(10) else None
        p.join(10)
        seen["exitcode"] = p.exitcode
    print(json.dumps(seen))
"""


def _without_os_fork(method: str) -> dict[str, Any]:
    """A whole program whose every interpreter lacks os.fork starts a Process with `method`."""
    with open("without_fork.py", "w", encoding="utf-8") as f:
        f.write(WITHOUT_FORK)
    run = program(NO_FORK_PROGRAM, method=method, timeout=30)
    lines = run.stdout.strip().splitlines()
    seen = json.loads(lines[-1]) if run.returncode == 0 and lines else None
    return {"seen": seen, "returncode": run.returncode, "stderr_tail": run.stderr[-600:]}


@claim(
    "process.cross-platform",
    "multiprocessing.Process is the way to create processes where os.fork is missing, and works on Windows.",
    topic="fork",
    sources=[
        quote(
            "001",
            "fork 方式是僅在linux 下才有的接口, 在windows下并沒有, 那么在windows下如何實現多進程呢, "
            "這就用到了multiprocessing",
        ),
        quote(
            "001", "multiprocessing 模塊的Process 對象表示的是一個進程對象, 可以創建子進程并執行制定的函數"
        ),
    ],
    deadline=40.0,
)
def process_cross_platform(mp: Context) -> Facts:
    """Start a Process here; then in programs without os.fork, with spawn and with the method under test."""
    method = mp.get_start_method()
    methods = sorted({"spawn", method})
    return {
        "parent_pid": os.getpid(),
        "normal": _start_and_hear(mp),
        "without_os_fork": {m: _without_os_fork(m) for m in methods},
    }


def _ran(run: dict[str, Any], parent_pid: int) -> bool:
    child = run.get("child")
    return bool(run.get("exitcode") == 0 and child and child["pid"] != parent_pid)


def _made_by(child: dict[str, Any], parent_pid: int) -> str:
    return "the probe" if child["ppid"] == parent_pid else f"pid {child['ppid']}, not the probe"


def _bare(run: dict[str, Any], method: str) -> str | None:
    """How a program without os.fork fared with `method`: None if its child ran, else what stopped it."""
    seen = run["seen"]
    if seen is None or seen["main_has_fork"]:
        raise ValueError(f"the program without os.fork under {method} failed to report: {run}")
    if seen["start_error"] is not None:
        return str(seen["start_error"])
    if not _ran(seen, seen["main_pid"]):
        return f"no child ran: {seen}"
    child = seen["child"]
    if child["has_fork"] or child["ppid"] not in (seen["main_pid"], child["removed_in"]):
        raise ValueError(
            f"the process that made the {method} child (pid {child['ppid']}) kept os.fork: {seen}"
        )
    return None


@process_cross_platform.judge
def _(facts: Facts, where: Where) -> Verdict:
    normal, me, bare = facts["normal"], facts["parent_pid"], facts["without_os_fork"]
    if not _ran(normal, me):
        return refuted(f"Process did not run its target under {where.method}: {normal}")
    ran = f"the child ran its function, exitcode 0, made by {_made_by(normal['child'], me)}"
    spawn = _bare(bare["spawn"], "spawn")
    if spawn is not None:
        return refuted(f"{ran}; but in a program without os.fork spawn failed too: {spawn}")
    if where.method == "spawn":
        return holds(f"{ran}; in a program without os.fork in any process it ran as well", key="no os.fork")
    mine = _bare(bare[where.method], where.method)
    if mine is None:
        return holds(f"{ran}; without os.fork it ran under spawn and {where.method} alike", key="no os.fork")
    return holds(
        f"{ran}; in a program without os.fork spawn (Windows' only method) still ran it, while "
        f"{where.method} itself needs os.fork: {mine}",
        key="this method needs os.fork",
    )


process_cross_platform.expect(
    expect(
        "holds",
        "Process works; without os.fork spawn still starts children (fork+exec in C), while fork "
        "and the fork server's children are made by os.fork",
        os="linux",
    ),
    expect("holds", "same POSIX code paths as Linux", os="darwin", cite=f"{POPEN_POSIX}; {FORKSERVER}"),
    expect(
        "holds",
        "Windows has only spawn, which creates the child with CreateProcess",
        os="win32",
        cite=POPEN_WIN32,
    ),
)
process_cross_platform.said(
    en=(
        "api & windows & work*|run*|portable|cross-platform|available|support* & !__main__|guard|must|main module",
        "api & instead of|rather than|replac*|where & fork",
    ),
    zh=("api & windows & 都能|也能|可以|都可以|跨平台|实现多进程|支持 & !必须|__main__", "api & 跨平台"),
    api=("Process", "multiprocessing"),
)


_EXPERIMENTS = {"fork_once": _fork_once, "fork_and_change": _fork_and_change}
