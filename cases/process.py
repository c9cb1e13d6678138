"""A Process object: its methods, its name and its pid, as the articles describe them."""

from __future__ import annotations

import os
import re
import threading
from multiprocessing import current_process
from typing import TYPE_CHECKING, Any

from harness import Context, Facts, Verdict, Where, claim, expect, holds, partial, quote, refuted

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

PROCESS_PY = "Lib/multiprocessing/process.py"
POPEN_FORK = "Lib/multiprocessing/popen_fork.py: Popen.poll (os.waitpid reaps the child), Popen.terminate"
POPEN_WIN32 = (
    "Lib/multiprocessing/popen_spawn_win32.py: Popen.terminate (TerminateProcess), Popen.wait, "
    "_close_handles on Process.close()"
)
NAMES = (
    f"{PROCESS_PY}: BaseProcess.__init__ (name = type(self).__name__ + '-' + identity), "
    "_MainProcess.__init__ ('MainProcess'); docs: Process.name"
)
API = ("is_alive", "join", "run", "start", "terminate")
JOIN_TIMEOUT = 0.05  # any timeout shows join() returning on it while the child runs on


def _answer(conn: Connection, timeout: float = 15.0) -> Any:  # noqa: ANN401 -- whatever the child sent
    """Return the child's message: None if it ended without one, a marker if it said nothing in time."""
    try:
        return conn.recv() if conn.poll(timeout) else {"no_answer_within_s": timeout}
    except EOFError:
        return None


def _reap(p: Any) -> None:  # noqa: ANN401 -- the context's Process
    """Join the child; kill it if it has not ended by then."""
    p.join(15)
    if p.exitcode is None:
        p.kill()
        p.join(5)


def _checked(checks: dict[str, bool], seen: str) -> Verdict:
    """Holds if every check passed, refuted if none did, else partial naming the failures."""
    failed = [name for name, ok in checks.items() if not ok]
    if not failed:
        return holds(seen)
    if len(failed) == len(checks):
        return refuted(f"all failed: {seen}")
    return partial(f"failed: {', '.join(failed)}; {seen}")


# --- process.api ---------------------------------------------------------------------------------


def _block_until_killed(ready: Any) -> None:  # noqa: ANN401 -- an Event of the context under test
    """Tell the parent we run, then wait for a signal that never comes from here."""
    ready.set()
    threading.Event().wait()


def _append(box: list[str], item: str) -> None:
    box.append(item)


def _run_here(mp: Context) -> list[str]:
    """Call run() directly, in this process, and return what its target left behind."""
    box: list[str] = []
    mp.Process(target=_append, args=(box, "target called")).run()
    return box


@claim(
    "process.api",
    "A Process has is_alive(), join([timeout]), run(), start() and terminate().",
    topic="process",
    sources=[
        quote(
            "000", "Process对象拥有is_alive()\n、join([timeout])\n、run()\n、start()\n、terminate()\n等方法。"
        ),
        quote(
            "002",
            "p.join([timeout]):主线程等待p终止(强调:是主线程处于等的状态,而p是处于运行的状态)。"
            "timeout是可选的超时时间。",
        ),
    ],
)
def process_api(mp: Context) -> Facts:
    """Use each method on a child that runs until terminated, and run() directly here."""
    import inspect

    ready = mp.Event()
    p = mp.Process(target=_block_until_killed, args=(ready,))
    facts: dict[str, Any] = {
        "callable": {name: callable(getattr(p, name, None)) for name in API},
        "join_signature": str(inspect.signature(p.join)),
        "run_called_target_here": _run_here(mp),
        "alive_before_start": p.is_alive(),
    }
    p.start()
    if not ready.wait(15):  # a child that never ran is a broken experiment, not evidence about the API
        p.kill()
        p.join(5)
        raise RuntimeError(f"the child never said it was running (exitcode {p.exitcode})")
    facts["alive_after_start"] = p.is_alive()
    facts["join_timeout_returned"] = repr(p.join(JOIN_TIMEOUT))
    facts.update(alive_after_join_timeout=p.is_alive(), exitcode_after_join_timeout=p.exitcode)
    p.terminate()
    _reap(p)
    facts.update(alive_after_terminate_join=p.is_alive(), exitcode_after_terminate=p.exitcode)
    return facts


@process_api.judge
def _(facts: Facts, where: Where) -> Verdict:
    ended = facts["exitcode_after_terminate"]
    checks = {
        "the five methods exist": all(facts["callable"].values()),
        "join takes an optional timeout": facts["join_signature"] == "(timeout=None)",
        "run() calls the target": facts["run_called_target_here"] == ["target called"],
        "is_alive() False before start()": facts["alive_before_start"] is False,
        "is_alive() True once start() ran the child": facts["alive_after_start"],
        "join(timeout) returns while it runs": facts["alive_after_join_timeout"]
        and facts["exitcode_after_join_timeout"] is None,
        "terminate() ends it": not facts["alive_after_terminate_join"] and (ended or 0) < 0,
    }
    seen = (
        f"methods {facts['callable']}, join{facts['join_signature']}, run() here -> "
        f"{facts['run_called_target_here']}, alive before/after start {facts['alive_before_start']}/"
        f"{facts['alive_after_start']}, after join({JOIN_TIMEOUT}) alive={facts['alive_after_join_timeout']}, "
        f"after terminate()+join() alive={facts['alive_after_terminate_join']} exitcode={ended}"
    )
    return _checked(checks, seen)


process_api.expect(
    expect("holds", "BaseProcess has all five; join(timeout=None)", os="linux"),
    expect(
        "holds",
        "the same BaseProcess API over the POSIX Popen",
        os="darwin",
        cite=f"{PROCESS_PY}; {POPEN_FORK}",
    ),
    expect(
        "holds",
        "the same BaseProcess API over the Windows Popen",
        os="win32",
        cite=f"{PROCESS_PY}; {POPEN_WIN32}",
    ),
)
process_api.said(
    en=(
        "is_alive & join & start",
        "Process & method* & is_alive|terminate & join",
        "start() & join() & terminate()",
    ),
    zh=("is_alive & join & start", "Process & 方法 & is_alive|terminate & join"),
)


# --- process.name-default ------------------------------------------------------------------------

DEFAULT_NAME = re.compile(r"\w+-\d+(:\d+)*")


def _tell_name(conn: Connection) -> None:
    """Send the name this process has for itself."""
    conn.send(current_process().name)
    conn.close()


def _names(mp: Context, options: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Start one child per set of constructor options; each says its current_process().name."""
    started = []
    for option in options:
        receive, send = mp.Pipe(duplex=False)
        p = mp.Process(target=_tell_name, args=(send,), **option)
        p.start()
        send.close()
        started.append((p, receive))
    said: list[dict[str, Any]] = []
    for option, (p, receive) in zip(options, started, strict=True):
        with receive:
            said.append(
                {
                    "given": option.get("name"),
                    "parent_sees": p.name,
                    "child_saw": _answer(receive),
                    "class": type(p).__name__,
                }
            )
        _reap(p)
    return said


@claim(
    "process.name-default",
    "current_process().name names the current process; a process created without a name gets a default one.",
    topic="process",
    sources=[
        quote(
            "003",
            "current_process() 可以返回返回与当前进程相对应的 Process 对象。"
            "下面的代码在主程序中创建了一个有名字的进程和一个没有名字的进程,"
            "目标函数都是 foo() 函数。",
        )
    ],
)
def process_name_default(mp: Context) -> Facts:
    """One named and two unnamed children report current_process().name; the main process reads its own."""
    named, *unnamed = _names(mp, [{"name": "foo_process"}, {}, {}])
    return {"main": mp.current_process().name, "named": named, "unnamed": unnamed}


def _default_named(child: dict[str, Any]) -> bool:
    name = child["parent_sees"]
    return child["child_saw"] == name and DEFAULT_NAME.fullmatch(str(name)) is not None


@process_name_default.judge
def _(facts: Facts, where: Where) -> Verdict:
    named, unnamed = facts["named"], facts["unnamed"]
    if not all(isinstance(c["child_saw"], str) for c in [named, *unnamed]):
        raise ValueError(f"a child did not tell its name: {[named, *unnamed]}")
    defaults = [u["parent_sees"] for u in unnamed]
    checks = {
        "main is 'MainProcess'": facts["main"] == "MainProcess",
        "a given name is what the child sees": named["child_saw"] == named["parent_sees"] == "foo_process",
        "unnamed children get a default, seen alike in the child": all(map(_default_named, unnamed)),
        "default names differ": len(set(defaults)) == len(defaults),
    }
    seen = (
        f"main: {facts['main']!r}; named child: {named['child_saw']!r}; unnamed children: "
        + ", ".join(f"{u['child_saw']!r} (parent: {u['parent_sees']!r})" for u in unnamed)
        + f" -- prefixed by the context's class {unnamed[0]['class']}, not 'Process'"
    )
    return _checked(checks, seen)


process_name_default.expect(
    expect("holds", "'MainProcess'; defaults are '<class>-N' (ForkProcess-2, SpawnProcess-2...)", os="linux"),
    expect("holds", "the constructor names it; the name travels with the object", os="darwin", cite=NAMES),
    expect(
        "holds", "the name is pickled with the Process object to the spawned child", os="win32", cite=NAMES
    ),
)
process_name_default.said(
    en=(
        "name & default|not pass|without|invent*|automatic*|Process-#|Process-N|no explicit name|no name"
        " & process*",
        "current_process().name|current_process & name",
    ),
    zh=(
        "名字|name & 默认|没有名字|自动",
        "current_process & name",
        "current_process & 返回|当前进程 & Process & !pid",
    ),
)


# --- process.pid ---------------------------------------------------------------------------------

RUNNING = 2  # with the main process, three pids running at once to tell apart
REUSE_TRIALS = 2  # evidence only: Linux reuses a pid after pid_max wraps, rarely within a run


def _tell_pid(conn: Connection, stop: Any) -> None:  # noqa: ANN401 -- an Event of the context under test
    """Send this process's pid two ways, then stay alive until the parent has looked."""
    conn.send({"getpid": os.getpid(), "current_process_pid": current_process().pid})
    conn.close()
    stop.wait(15)


def _witness(pid: int, table: list[int]) -> dict[str, Any]:
    """What the OS says about a pid while its process runs."""
    import psutil

    proc = psutil.Process(pid)
    return {
        "pid": pid,
        "status": proc.status(),
        "create_time": proc.create_time(),
        "ppid": proc.ppid(),
        "entries_in_table": table.count(pid),
    }


def _after_end(seen: dict[str, Any]) -> str:
    """Whether a finished, joined and closed child's pid is still taken, as the OS says."""
    import psutil

    try:
        proc = psutil.Process(seen["pid"])
        same, status = proc.create_time() == seen["create_time"], proc.status()
    except psutil.NoSuchProcess:
        return "free"
    return f"still taken by the child ({status})" if same else "free, and already given to another process"


def _running_children(mp: Context) -> dict[str, Any]:
    """Start children that stay alive; collect their own pids and the OS's view; end, join, close them."""
    import psutil

    stop = mp.Event()
    children = []
    for _ in range(RUNNING):
        receive, send = mp.Pipe(duplex=False)
        p = mp.Process(target=_tell_pid, args=(send, stop))
        p.start()
        send.close()
        children.append((p, receive))
    told = [_answer(receive) for _, receive in children]
    table = psutil.pids()
    witnessed = [_witness(p.pid or -1, table) for p, _ in children]  # started: the pid is set
    stop.set()
    for p, receive in children:
        _reap(p)
        receive.close()
        p.close()  # releases the process handle too (Windows keeps a pid while a handle is open)
    return {"told": told, "witnessed": witnessed, "after_end": [_after_end(w) for w in witnessed]}


def _later_children(mp: Context, earlier: list[int]) -> dict[str, Any]:
    """Start and end short children one after another, and note which got a finished child's pid."""
    later = []
    for _ in range(REUSE_TRIALS):
        p = mp.Process()
        p.start()
        later.append(p.pid)
        _reap(p)
        p.close()
    return {"later_pids": later, "reused": [pid for i, pid in enumerate(later) if pid in earlier + later[:i]]}


def _pid_max() -> int | None:
    path = "/proc/sys/kernel/pid_max"
    if not os.path.exists(path):
        return None
    with open(path, encoding="ascii") as f:
        return int(f.read())


@claim(
    "process.pid",
    "current_process().pid is the process's id, unique among running processes; a finished process's pid "
    "can be given to a new one.",
    topic="process",
    deadline=30.0,  # children one after another: slow spawns on a loaded machine must not time out
    sources=[
        quote(
            "003",
            "程序一运行系统就会自动分配给进程一个独一无二的 PID。进程中止后 PID 被系统回收,"
            "可能会被继续分配给新运行的程序。",
        ),
        quote("003", "这里可以使用 current_process().pid 获取当前进程的 PID。"),
    ],
)
def process_pid(mp: Context) -> Facts:
    """Compare pids of running children with the OS table; after they end, is the pid free? Count reuse."""
    facts = {
        "main": {"getpid": os.getpid(), "current_process_pid": mp.current_process().pid},
        **_running_children(mp),
        "pid_max": _pid_max(),
    }
    return {**facts, **_later_children(mp, [w["pid"] for w in facts["witnessed"]])}


@process_pid.judge
def _(facts: Facts, where: Where) -> Verdict:
    main, told, witnessed = facts["main"], facts["told"], facts["witnessed"]
    pids = [w["pid"] for w in witnessed]
    if not all(isinstance(t, dict) for t in told):
        raise ValueError(f"a child did not tell its pid: {told}")
    own = all(t["getpid"] == t["current_process_pid"] == pid for t, pid in zip(told, pids, strict=True))
    if not own or main["getpid"] != main["current_process_pid"]:
        return refuted(f"current_process().pid is not the process id: main {main}, children {told} vs {pids}")
    once = all(w["entries_in_table"] == 1 for w in witnessed)
    unique = once and len({*pids, main["getpid"]}) == len(pids) + 1
    if not unique:
        return refuted(f"pids not unique among running processes: {witnessed}")
    later = facts["later_pids"]
    reuse = (
        f"actual reuse seen in {len(facts['reused'])} of {len(later)} later children (pids {later}; "
        f"pid_max={facts['pid_max']})"
    )
    taken = [a for a in facts["after_end"] if not a.startswith("free")]
    if taken:
        return partial(
            f"running pids {pids} unique and equal to current_process().pid, but after the end "
            f"a pid stays taken: {facts['after_end']}; {reuse}"
        )
    return holds(
        f"running children had distinct pids {pids} = their current_process().pid, each once in the "
        f"OS table ({[w['status'] for w in witnessed]}); once ended, joined and closed each pid was "
        f"{facts['after_end']}, free to be given again; {reuse}"
    )


process_pid.expect(
    expect(
        "holds",
        "pids are unique while running and free once the child is reaped; Linux hands pids "
        "out cyclically up to pid_max: reuse comes after a wrap, rarely within a short run",
        os="linux",
    ),
    expect("holds", "join() reaps the child with waitpid, freeing its pid", os="darwin", cite=POPEN_FORK),
    expect(
        "holds",
        "a pid is free once the process ended and its handle is closed (Process.close())",
        os="win32",
        cite=POPEN_WIN32,
    ),
)
process_pid.said(
    en=(
        "pid|process id & unique|reus*|recycl*|never share|distinct",
        "current_process().pid|current_process & pid",
    ),
    zh=("pid & 唯一|回收|重新使用|重复|独一无二|分配给新|重新分配|复用|再次分配", "current_process & pid"),
)
