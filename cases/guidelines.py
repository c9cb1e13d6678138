"""The documentation's "Programming guidelines" (and the daemon note beside them), each run as it says."""

from __future__ import annotations

import contextlib
import json
import os
import re
import threading
from typing import Any

from cases._programs import WAIT
from harness import (
    Context,
    Facts,
    Verdict,
    Where,
    claim,
    context,
    doc,
    expect,
    holds,
    not_applicable,
    partial,
    program,
    refuted,
)

GUIDE = "multiprocessing: Programming guidelines"
ALL = f"{GUIDE}: All start methods"
SPAWN = f"{GUIDE}: The spawn and forkserver start methods"
RESTRICTED = ("spawn", "forkserver")  # the methods the docs' second section is about

DOCS_QUEUES = f"docs: {ALL}: Joining processes that use queues"
QUEUE_FEEDER = (
    "Lib/multiprocessing/queues.py: Queue._start_thread registers _finalize_join (joins the feeder thread "
    "at exit) unless cancel_join_thread() was called"
)
SPAWN_PICKLES = (
    "Lib/multiprocessing/popen_spawn_win32.py: Popen.__init__ (reduction.dump(process_obj, to_child)); "
    "Windows has only spawn"
)
POSIX_PICKLES = "Lib/multiprocessing/popen_spawn_posix.py: Popen._launch (reduction.dump(process_obj, fp))"
SPAWN_MAIN = (
    "Lib/multiprocessing/spawn.py: prepare -> _fixup_main_from_path (the main module is run as __mp_main__, "
    "so its `if __name__ == '__main__':` body does not run in the child)"
)
REAPED = (
    "Lib/multiprocessing/process.py: _cleanup (called by start() and active_children()) and is_alive() "
    "poll the finished child, which waits for it"
)
BOOTSTRAP_STDIN = (
    "Lib/multiprocessing/process.py: BaseProcess._bootstrap (sys.stdin.close(); "
    "sys.stdin = open(os.open(os.devnull, os.O_RDONLY), closefd=False))"
)
DOCS_TERMINATE = f"docs: {ALL}: Avoid terminating processes"
DAEMON_ASSERT = (
    "Lib/multiprocessing/process.py: BaseProcess.start "
    "(assert not _current_process._config.get('daemon'), 'daemonic processes are not allowed to have children')"
)


def _nothing() -> None:
    """A target that returns at once."""


# --- guide.join-queue-deadlock --------------------------------------------------------------------

BIG = 1_000_000  # the docs' example item: far more than a pipe buffers, so the feeder cannot finish alone
# A child whose target has returned is gone within milliseconds; one still there this long after is waiting.
HELD = 0.3


def _put_big(q: Any, done: Any, cancel: bool) -> None:  # noqa: ANN401 -- a Queue and an Event of the context
    """Put the docs' 1 MB item (after cancel_join_thread() if asked), then say the target is done."""
    if cancel:
        q.cancel_join_thread()
    q.put("X" * BIG)
    done.set()


def _threads(pid: int | None) -> int | None:
    """How many threads the OS counts in a process (the feeder's among them while it still writes)."""
    import psutil

    try:
        return int(psutil.Process(pid).num_threads())
    except psutil.Error:
        return None


def _join_before_get(mp: Context, cancel: bool) -> dict[str, Any]:
    """The docs' example: join() the child before taking its item; then take it and join again."""
    q, done = mp.Queue(), mp.Event()
    p = mp.Process(target=_put_big, args=(q, done, cancel))
    p.start()
    returned = done.wait(WAIT)
    p.join(HELD)
    facts: dict[str, Any] = {
        "target_returned": returned,
        "alive_after_join": p.is_alive(),
        "threads_while_waiting": _threads(p.pid),
    }
    if not cancel:
        facts["got"] = len(q.get(timeout=WAIT))
    p.join(WAIT)
    q.close()
    return {**facts, "exitcode": p.exitcode}


@claim(
    "guide.join-queue-deadlock",
    "A process that has put items on a queue waits, before it ends, until its feeder thread has written them "
    "all to the pipe (unless it called cancel_join_thread()): joined before its items are taken off the "
    "queue, it can deadlock.",
    topic="queue",
    sources=[
        doc(
            f"{ALL}: Joining processes that use queues",
            "Bear in mind that a process that has put items in a queue will wait before terminating until all "
            'the buffered items are fed by the "feeder" thread to the underlying pipe. (The child process can '
            "call the Queue.cancel_join_thread method of the queue to avoid this behaviour.)",
        ),
        doc(f"{ALL}: Joining processes that use queues", "An example which will deadlock is the following:"),
    ],
)
def guide_join_queue_deadlock(mp: Context) -> Facts:
    """The docs' example (a 1 MB item, join() before get()), and the same after cancel_join_thread()."""
    return {"plain": _join_before_get(mp, cancel=False), "cancelled": _join_before_get(mp, cancel=True)}


@guide_join_queue_deadlock.judge
def _(facts: Facts, where: Where) -> Verdict:
    plain, cancelled = facts["plain"], facts["cancelled"]
    if not (plain["target_returned"] and cancelled["target_returned"]):
        raise ValueError(f"a child's put() never returned: {facts}")
    seen = (
        f"joined before get(), the child whose target had returned was still there after {HELD} s: "
        f"{plain['alive_after_join']}; after get() of its {plain['got']} characters it ended (exitcode "
        f"{plain['exitcode']}); threads while it waited: {plain.get('threads_while_waiting')}; with "
        f"cancel_join_thread() still there: {cancelled['alive_after_join']}"
    )
    if not plain["alive_after_join"]:
        return refuted(seen)
    if plain["got"] != BIG or plain["exitcode"] != 0:
        return partial(seen)
    return partial(seen, key="cancel did not help") if cancelled["alive_after_join"] else holds(seen)


guide_join_queue_deadlock.expect(
    expect("holds", "the feeder thread is joined at exit and blocks on the full pipe", os="linux"),
    expect("holds", "the same feeder thread and pipe", os="darwin", cite=f"{QUEUE_FEEDER}; {DOCS_QUEUES}"),
    expect(
        "holds",
        "the feeder's overlapped write waits for a reader",
        os="win32",
        cite=f"{QUEUE_FEEDER}; Lib/multiprocessing/connection.py: PipeConnection._send_bytes; {DOCS_QUEUES}",
    ),
)
guide_join_queue_deadlock.said(
    en=(
        "join* & queue|Queue|Queues & deadlock*|hang*|block* forever|never end*|never return*",
        "queue & feeder|flush*|buffer* & join*|exit*|terminat*",
        "drain*|empty the|consume*|get all|take all|read all|remove all|fetch all|collect* & queue|get(|q.get & before"
        " & join*",
    ),
    zh=(
        "join & queue|队列 & 死锁|卡死|卡住|不会退出",
        "队列 & 还有数据|没取完|没有取完 & 不会退出|卡",
        "先取完|取完|清空|取出 & 队列 & join & 之前|再|然后",
    ),
    opposite=(
        "join* & queue & never deadlock*|can't deadlock|cannot deadlock|will not deadlock|won't deadlock|never hang*|no deadlock & !drain*|empty|empties|emptied|consum*|first|before|if|unless|after",
    ),
)


# --- guide.picklable-args -------------------------------------------------------------------------


def _start_with(mp: Context, target: Any, args: tuple[Any, ...]) -> dict[str, Any]:  # noqa: ANN401 -- any callable
    """start() a child with this target and args; what start() raised, or what the child sent back."""
    receive, send = mp.Pipe(duplex=False)
    p = mp.Process(target=target, args=(send, *args))
    try:
        p.start()
    except Exception as exc:  # whatever start() raises is the observation
        return {"refusal": re.sub(r" at 0x[0-9a-f]+", "", f"{type(exc).__name__}: {exc}")[:200]}
    sent = receive.recv() if receive.poll(WAIT) else None
    p.join(WAIT)
    return {"refusal": None, "sent": sent, "exitcode": p.exitcode}


def _use_lock(conn: Any, lock: Any) -> None:  # noqa: ANN401 -- a Connection, a threading.Lock
    """Take the lock given as an argument and say so."""
    with lock:
        conn.send("used the lock")


@claim(
    "guide.picklable-args",
    "Under spawn and forkserver everything given to Process() must be picklable (a lambda target, a "
    "threading.Lock argument make start() fail); under fork this restriction does not apply.",
    topic="starting",
    sources=[
        doc(SPAWN, "There are a few extra restriction which don't apply to the fork start method."),
        doc(f"{SPAWN}: More picklability", "Ensure that all arguments to Process.__init__() are picklable."),
    ],
)
def guide_picklable_args(mp: Context) -> Facts:
    """start() a child whose target is a lambda, and one given a threading.Lock."""
    return {
        "lambda_target": _start_with(mp, lambda conn: conn.send("the lambda ran"), ()),
        "lock_argument": _start_with(mp, _use_lock, (threading.Lock(),)),
    }


@guide_picklable_args.judge
def _(facts: Facts, where: Where) -> Verdict:
    runs = {
        name: run["refusal"] or f"ran ({run['sent']!r}, exitcode {run['exitcode']})"
        for name, run in facts.items()
    }
    refused = [name for name, run in facts.items() if run["refusal"]]
    seen = "; ".join(f"{name}: {said}" for name, said in runs.items())
    if where.method not in RESTRICTED:
        return refuted(seen) if refused else holds(f"fork pickles neither: {seen}")
    if len(refused) < len(facts):
        return partial(seen) if refused else refuted(seen)
    return holds(
        seen, key=f"lambda: {facts['lambda_target']['refusal'].split(':')[0]}"
    )  # 3.14: PicklingError


guide_picklable_args.expect(
    expect(
        "holds",
        "spawn and forkserver pickle the Process object (a lambda: PicklingError); fork copies the parent",
        os="linux",
        python=">=3.14",
    ),
    expect(
        "holds",
        "spawn and forkserver pickle the Process object (a lambda: AttributeError on CPython, PicklingError on "
        "PyPy); fork copies the parent",
        os="linux",
    ),
    expect(
        "holds",
        "spawn and forkserver pickle the Process object; fork copies it",
        os="darwin",
        cite=POSIX_PICKLES,
    ),
    expect("holds", "spawn pickles the Process object to the child's pipe", os="win32", cite=SPAWN_PICKLES),
)
guide_picklable_args.said(
    en=(
        "pickl* & spawn|forkserver|windows|argument*|target|lambda|lambdas|Process|pool|Pool|worker*|child"
        "|function passed|functions passed & must|need*|has to|have to|required"
        "|cannot|can't|not|fail*|error|only|ensure|make sure & !cost|overhead|slow*|expensive|persistent|Pickler"
        "|Unpickler|buffer*",
        "lambda & target & cannot|can't|fail*|error|not|won't|doesn't|不能|无法|不可以|报错|失败",
        "lambda|nested function*|local function*|closure*|inner function* & spawn|forkserver|windows & fail*|error"
        "|cannot|can't|not work|won't work|doesn't work|break*",
    ),
    zh=(
        "pickle|序列化 & 参数|target|spawn|lambda|Process|对象|windows|子进程 & 必须|需要|不能|无法|失败|报错|错误|要求|只能|确保 & !开销|成本|慢"
        "|耗时",
    ),
    opposite=(
        "pickl* & {not}~need*|{not}~have to|{not}~must|needn't|no need & spawn|forkserver|windows|argument*|target & !fork",
        "pickle|序列化 & 不需要|不必|不用|无需 & spawn|windows|参数|子进程|target & !fork",
        "lambda|lambdas & target|Process & spawn|forkserver|windows & can|may|works|fine|allowed & !cannot|can't|not"
        "|n't|fail*|error",
    ),
)


# --- guide.globals-at-start -----------------------------------------------------------------------

STATE = {"setting": "as the module was imported"}  # a global variable: the probe changes it before start()
CONSTANT = "a module-level constant"
CHANGED = "changed by the parent before start()"


def _send_globals(conn: Any) -> None:  # noqa: ANN401 -- a Connection of the context under test
    """Send the global variable and the constant as this process sees them."""
    conn.send({"setting": STATE["setting"], "constant": CONSTANT})


@claim(
    "guide.globals-at-start",
    "Under spawn and forkserver a child that reads a global variable may not see the value the parent had "
    "when it called start() (it sees the module as imported); module-level constants cause no problems. "
    "The fork start method has no such restriction.",
    topic="sharing",
    sources=[
        doc(
            f"{SPAWN}: Global variables",
            "Bear in mind that if code run in a child process tries to access a global variable, then the value "
            "it sees (if any) may not be the same as the value in the parent process at the time that "
            "Process.start was called.",
        ),
        doc(
            f"{SPAWN}: Global variables",
            "However, global variables which are just module level constants cause no problems.",
        ),
    ],
)
def guide_globals_at_start(mp: Context) -> Facts:
    """Change a global variable, then start a child that sends back it and a constant."""
    STATE["setting"] = CHANGED
    receive, send = mp.Pipe(duplex=False)
    p = mp.Process(target=_send_globals, args=(send,))
    p.start()
    seen = receive.recv() if receive.poll(WAIT) else None
    p.join(WAIT)
    return {"parent": {"setting": STATE["setting"], "constant": CONSTANT}, "child": seen}


@guide_globals_at_start.judge
def _(facts: Facts, where: Where) -> Verdict:
    parent, child = facts["parent"], facts["child"]
    if child is None:
        raise ValueError("the child sent nothing")
    seen = f"the parent had {parent['setting']!r} at start(); the child saw {child['setting']!r}"
    if child["constant"] != parent["constant"]:
        return refuted(f"the constant differs: {child['constant']!r}; {seen}")
    same = child["setting"] == parent["setting"]
    if where.method in RESTRICTED:
        return (
            refuted(f"the child saw the parent's value: {seen}")
            if same
            else holds(f"{seen}; the constant is the same")
        )
    return holds(f"fork copies the parent at start(): {seen}") if same else refuted(seen)


guide_globals_at_start.expect(
    expect("holds", "a spawned child imports the module afresh; a forked one is a copy", os="linux"),
    expect(
        "holds", "the same as Linux", os="darwin", cite=f"{SPAWN_MAIN}; Lib/multiprocessing/popen_fork.py"
    ),
    expect("holds", "spawn imports the module afresh", os="win32", cite=SPAWN_MAIN),
)
guide_globals_at_start.said(
    en=(
        "global* & spawn|spawned|forkserver|windows|macOS & child* & {not}~see*|{not}~same|{not}~visible|{not}~chang*"
        "|differ*|import*|no effect|invisible",
        "global* & spawn|forkserver|windows|macOS & re-import*|reimport*|import* again|fresh interpreter|from scratch"
        "|initial value|module-level",
        "global* & child* & value & not the same|may not be the same|differ*|stale|old value & start*|parent",
        "global*|module-level|module level & constant* & no problem*|fine|safe|don't cause|do not cause",
    ),
    opposite=(
        "global* & spawn|forkserver & child* & sees the same|see the same|same value*|current value*|inherit* & !not"
        "|n't|never|may not|differ*|constant*",
    ),
    zh=(
        "全局变量|全局 & spawn|forkserver|windows|macOS|mac & 子进程",
        "模块级|全局 & 常量 & 没有问题|不会有问题|没问题|不受影响",
    ),
)


# --- guide.pass-resources -------------------------------------------------------------------------

PASS_RESOURCES = """\
import contextlib
import json
import multiprocessing


def with_global(conn):
    try:
        conn.send({"acquired": lock.acquire(False)})  # the parent holds it: a shared lock cannot be taken
    except Exception as exc:
        conn.send({"error": "%s: %s" % (type(exc).__name__, exc)})


def with_argument(conn, lock):
    conn.send({"acquired": lock.acquire(False)})


def run(target, *args):
    receive, send = multiprocessing.Pipe(duplex=False)
    p = multiprocessing.Process(target=target, args=(send,) + args)
    p.start()
    seen = receive.recv() if receive.poll(15) else None
    p.join(15)
    return {"seen": seen, "exitcode": p.exitcode}


if __name__ == "__main__":
    lock = multiprocessing.Lock()
    lock.acquire()
    print(json.dumps({"global": run(with_global), "argument": run(with_argument, lock)}))
"""


@claim(
    "guide.pass-resources",
    "Under fork a child can use a resource (a Lock) the parent created as a global; passed as an argument to "
    "Process() instead, the same resource reaches the child under every start method (as a global it does not "
    "under spawn or forkserver).",
    topic="sharing",
    sources=[
        doc(
            f"{ALL}: Explicitly pass resources to child processes",
            "On Unix using the fork start method, a child process can make use of a shared resource created in "
            "a parent process using a global resource. However, it is better to pass the object as an argument "
            "to the constructor for the child process.",
        ),
        doc(
            f"{ALL}: Explicitly pass resources to child processes",
            "Apart from making the code (potentially) compatible with Windows and the other start methods",
        ),
    ],
)
def guide_pass_resources(mp: Context) -> Facts:
    """The docs' program: a Lock created under `__main__` and held, used by a child as a global and as an argument."""
    run = program(PASS_RESOURCES, method=mp.get_start_method(), timeout=WAIT)
    lines = run.stdout.strip().splitlines()
    return {"seen": json.loads(lines[-1]) if lines else None, "run": run.to_json()}


def _shared(child: dict[str, Any]) -> bool:
    """The child saw the parent's held lock: it could not take it."""
    return bool(child["seen"] == {"acquired": False} and child["exitcode"] == 0)


@guide_pass_resources.judge
def _(facts: Facts, where: Where) -> Verdict:
    seen = facts["seen"]
    if seen is None:
        raise ValueError(f"the program printed nothing: {facts['run']['stderr'][-300:]}")
    said = f"as a global: {seen['global']['seen']}; as an argument: {seen['argument']['seen']}"
    if not _shared(seen["argument"]):
        return refuted(f"the lock passed as an argument did not reach the child: {said}")
    expected_global = where.method not in RESTRICTED
    if _shared(seen["global"]) != expected_global:
        return partial(said, key="the global did otherwise")
    return holds(said)


guide_pass_resources.expect(
    expect(
        "holds",
        "fork copies the global; spawn/forkserver run the main as __mp_main__ (NameError)",
        os="linux",
    ),
    expect("holds", "the same as Linux", os="darwin", cite=SPAWN_MAIN),
    expect(
        "holds", "spawn runs the main as __mp_main__: the global is never made", os="win32", cite=SPAWN_MAIN
    ),
)
guide_pass_resources.said(
    en=(
        "pass*|hand*|giv*|suppl* & argument*|constructor & lock*|resource* & global*|instead|better",
        "better|instead|rather than & pass*|hand*|giv*|suppl* & argument*|constructor & ^lock*|resource*|object*|queue* & child*|Process"
        "|process*",
        "explicitly pass|pass explicitly|pass them explicitly|pass it explicitly & resource*|lock*|queue*|object*",
    ),
    zh="锁|lock|资源 & 参数 & 传|交给|递给 & 全局|更好|而不是|不要",
)


# --- guide.zombies --------------------------------------------------------------------------------


def _wait_for(go: Any) -> None:  # noqa: ANN401 -- an Event of the context under test
    """Run until the parent has looked at us."""
    go.wait(WAIT)


def _status(pid: int) -> str:
    """The OS's word for a process, read without reaping it; `gone` once it is reaped."""
    import psutil

    try:
        return str(psutil.Process(pid).status())
    except psutil.NoSuchProcess:
        return "gone"


def _until_exited(pid: int) -> None:
    """Wait until our child has exited without reaping it (its sentinel closes a moment before)."""
    if not hasattr(os, "waitid"):  # macOS has no waitid(): ask the OS until it says the child has ended
        _poll_until_ended(pid)
        return
    with contextlib.suppress(ChildProcessError):  # a forkserver child is the server's, not ours
        os.waitid(os.P_PID, pid, os.WEXITED | os.WNOWAIT)


def _poll_until_ended(pid: int) -> None:
    import time

    deadline = time.monotonic() + WAIT
    while _status(pid) not in ("zombie", "gone") and time.monotonic() < deadline:
        time.sleep(0.001)  # no event says "exited, not reaped" without waitid(WNOWAIT) or kqueue


def _finished_unjoined(mp: Context, how: str) -> dict[str, Any]:
    """A child that has ended, not joined; its status, then again after `how` (which may join it)."""
    from multiprocessing.connection import wait

    import psutil

    go = mp.Event()
    p = mp.Process(target=_wait_for, args=(go,))
    p.start()
    pid = int(p.pid or 0)
    parent = psutil.Process(pid).ppid()
    go.set()
    wait([p.sentinel], WAIT)
    _until_exited(pid)
    before = _status(pid)
    other = mp.Process(target=_nothing)
    if how == "active_children()":
        mp.active_children()
    elif how == "is_alive()":
        p.is_alive()
    else:
        other.start()
    after = _status(pid)
    for started in (q for q in (p, other) if q.pid is not None):
        started.join(WAIT)
    return {"how": how, "parent_is_us": parent == os.getpid(), "before": before, "after": after}


@claim(
    "guide.zombies",
    "On Unix a process that has finished but has not been joined becomes a zombie; starting a new process, "
    "calling active_children(), or calling the finished process's is_alive() joins it.",
    topic="join",
    sources=[
        doc(
            f"{ALL}: Joining zombie processes",
            "On Unix when a process finishes but has not been joined it becomes a zombie. There should never be "
            "very many because each time a new process starts (or active_children() is called) all completed "
            "processes which have not yet been joined will be joined. Also calling a finished process's "
            "Process.is_alive will join the process.",
        )
    ],
)
def guide_zombies(mp: Context) -> Facts:
    """A finished, unjoined child: is it a zombie; is it gone after each of the three calls."""
    return {"runs": [_finished_unjoined(mp, how) for how in ("start()", "active_children()", "is_alive()")]}


@guide_zombies.judge
def _(facts: Facts, where: Where) -> Verdict:
    if where.env.os == "win32":
        return not_applicable("Windows has no zombie processes: the docs' guideline is about Unix")
    runs = facts["runs"]
    seen = "; ".join(f"{r['how']}: {r['before']} → {r['after']}" for r in runs)
    zombies = [r for r in runs if r["before"] == "zombie"]
    joined = [r for r in zombies if r["after"] == "gone"]
    if not zombies and not any(r["parent_is_us"] for r in runs):
        return refuted(f"no zombie: its parent, the fork server, reaped it at once; {seen}", key="forkserver")
    if len(zombies) == len(runs) and len(joined) == len(runs):
        return holds(seen)
    return partial(seen) if joined else refuted(seen)


guide_zombies.expect(
    expect(
        "refuted",
        "a forkserver child is the fork server's: the server reaps it",
        os="linux",
        method="forkserver",
    ),
    expect("holds", "the child is ours until waitpid() in poll()", os="linux"),
    expect(
        "refuted",
        "the fork server reaps its children",
        os="darwin",
        method="forkserver",
        cite="Lib/multiprocessing/forkserver.py: main (os.waitpid of each child, status written to its pipe)",
    ),
    expect("holds", "the same POSIX waitpid() as Linux", os="darwin", cite=REAPED),
    expect(
        "not-applicable", "no zombies on Windows", os="win32", cite="Lib/multiprocessing/popen_spawn_win32.py"
    ),
)
guide_zombies.said(
    en=(
        "zombie*|defunct & join*|finish*|not joined|active_children|is_alive|reap* & !terminat*",
        "active_children|is_alive & reap*|clean* up & finished|completed|exited|dead|zombie*|children",
    ),
    zh=("僵尸 & join|结束|回收|active_children|is_alive|等待 & !终止|terminate", "active_children|is_alive & 回收 & 结束|退出|僵尸"),
    opposite=(
        "zombie* & does not become|doesn't become|won't become|will not become|do not become|don't become|never become*"
        "|never turn* into|never leave*|no zombie*",
        "僵尸 & 不会变成|不会成为|不会产生|不会留下",
    ),
)


# --- guide.stdin-devnull --------------------------------------------------------------------------

PARENT_INPUT = b"the parent's input\n"


def _read_stdin(conn: Any) -> None:  # noqa: ANN401 -- a Connection of the context under test
    """Send what sys.stdin is here: whether it is os.devnull, what it reads, and the first one's state."""
    import sys

    conn.send(
        {
            "devnull": os.path.samestat(os.fstat(sys.stdin.fileno()), os.stat(os.devnull)),
            "read": sys.stdin.read(),
            "original_closed": sys.__stdin__ is None or sys.__stdin__.closed,
        }
    )


@claim(
    "guide.stdin-devnull",
    "In a child process multiprocessing closes sys.stdin and replaces it with os.devnull opened read-only: "
    "the child reads nothing of the parent's standard input.",
    topic="starting",
    sources=[
        doc(
            f'{ALL}: Beware of replacing sys.stdin with a "file like object"',
            "This has been changed to: sys.stdin.close() sys.stdin = open(os.open(os.devnull, os.O_RDONLY), "
            "closefd=False)",
        )
    ],
)
def guide_stdin_devnull(mp: Context) -> Facts:
    """Give the parent a pipe with a line on it as its standard input; ask a child what its sys.stdin is."""
    r, w = os.pipe()
    os.write(w, PARENT_INPUT)
    os.close(w)
    saved = os.dup(0)
    os.dup2(r, 0)
    os.close(r)
    try:
        receive, send = mp.Pipe(duplex=False)
        p = mp.Process(target=_read_stdin, args=(send,))
        p.start()
        seen = receive.recv() if receive.poll(WAIT) else None
        p.join(WAIT)
        left = os.read(0, 1000).decode()
    finally:
        os.dup2(saved, 0)
        os.close(saved)
    return {"child": seen, "parent_read_after": left, "exitcode": p.exitcode}


@guide_stdin_devnull.judge
def _(facts: Facts, where: Where) -> Verdict:
    child = facts["child"]
    if child is None:
        raise ValueError(f"the child sent nothing (exitcode {facts['exitcode']})")
    seen = (
        f"the child's sys.stdin is os.devnull: {child['devnull']}, read {child['read']!r}, its first sys.stdin "
        f"closed: {child['original_closed']}; the parent read {facts['parent_read_after']!r} afterwards"
    )
    if child["read"] or not child["devnull"]:
        return refuted(seen)
    return holds(seen) if child["original_closed"] else partial(seen)


guide_stdin_devnull.expect(
    expect("holds", "_bootstrap replaces sys.stdin under every start method", os="linux"),
    expect("holds", "the same _bootstrap", os="darwin", cite=BOOTSTRAP_STDIN),
    expect("holds", "the same _bootstrap", os="win32", cite=BOOTSTRAP_STDIN),
)
guide_stdin_devnull.said(
    en=(
        "stdin & devnull|/dev/null|redirect*|closed|close*|replace* & child*|process*|worker* & !Popen|subprocess*|communicate"
        "|file descriptor*|inheritable",
        "input() & child*|worker*|Process & EOF*|fail*|nothing|error",
        "standard input & child*|worker* & closed|devnull|/dev/null|EOF*|nothing|not inherit*|no access & !Popen"
        "|subprocess*",
    ),
    zh="stdin|标准输入|input & 子进程 & 关闭|devnull|读不到|EOF",
)


# --- guide.terminate-breaks -----------------------------------------------------------------------


def _send_big(conn: Any) -> None:  # noqa: ANN401 -- a Connection of the context under test
    """Send one message far larger than the pipe holds: it blocks until someone reads."""
    conn.send_bytes(b"X" * BIG)


def _receive(receive: Any, into: list[str]) -> None:  # noqa: ANN401 -- a Connection
    """What recv_bytes() gave: the message's length, or what it raised."""
    try:
        into.append(f"{len(receive.recv_bytes())} bytes")
    except Exception as exc:  # whatever the broken pipe raises is the observation
        into.append(
            f"{type(exc).__name__}: {exc}" if str(exc) else f"{type(exc).__name__} (nothing of the message)"
        )


def _mid_message(mp: Context, terminate: bool) -> dict[str, Any]:
    """A child sends 1 MB over a pipe; once its first bytes are in, terminate() it (or not); then read."""
    receive, send = mp.Pipe(duplex=False)
    p = mp.Process(target=_send_big, args=(send,))
    p.start()
    send.close()  # the child's end is the only writer left
    sending = receive.poll(WAIT)
    if terminate:
        p.terminate()
        p.join(WAIT)
    got: list[str] = []
    reader = threading.Thread(target=_receive, args=(receive, got), daemon=True)
    reader.start()
    reader.join(WAIT)
    p.join(WAIT)
    return {
        "sending": sending,
        "received": got[0] if got else "nothing: recv_bytes() still blocked",
        "exitcode": p.exitcode,
    }


@claim(
    "guide.terminate-breaks",
    "Stopping a process with terminate() can leave a shared resource it was using (such as a lock, semaphore, "
    "pipe or queue) broken or unavailable to other processes.",
    topic="terminate",
    sources=[
        doc(
            f"{ALL}: Avoid terminating processes",
            "Using the Process.terminate method to stop a process is liable to cause any shared resources (such "
            "as locks, semaphores, pipes and queues) currently being used by the process to become broken or "
            "unavailable to other processes.",
        )
    ],
)
def guide_terminate_breaks(mp: Context) -> Facts:
    """A child terminated while sending 1 MB over a pipe, and the same child left to finish."""
    return {"terminated": _mid_message(mp, terminate=True), "finished": _mid_message(mp, terminate=False)}


@guide_terminate_breaks.judge
def _(facts: Facts, where: Where) -> Verdict:
    cut, whole = facts["terminated"], facts["finished"]
    if not (cut["sending"] and whole["received"] == f"{BIG} bytes"):
        raise ValueError(f"the control failed: a child left to finish did not deliver its message: {facts}")
    seen = (
        f"terminated mid-message (exitcode {cut['exitcode']}), the reader got {cut['received']}; "
        f"left to finish, it got {whole['received']}"
    )
    return holds(f"the pipe was broken: {seen}") if cut["received"] != whole["received"] else refuted(seen)


guide_terminate_breaks.expect(
    expect(
        "holds",
        "SIGTERM ends the write mid-message: the reader gets end of file during the message",
        os="linux",
    ),
    expect(
        "holds",
        "the same POSIX pipe",
        os="darwin",
        cite=f"Lib/multiprocessing/connection.py: Connection._recv; {DOCS_TERMINATE}",
    ),
    expect("holds", "TerminateProcess cuts the pipe write short", os="win32", cite=DOCS_TERMINATE),
)
guide_terminate_breaks.said(
    en=(
        "terminat* & lock*|semaphore*|pipe*|queue*|shared resource* & broken|corrupt*|unavailable|unusable|damag*"
        "|inconsistent|break the|break a|breaks the|break it",
        "^{terminate}|kill* & lock*|semaphore* & never releas*|not be releas*|isn't releas*|stays taken|stay* held"
        "|forever|deadlock*",
    ),
    zh=(
        "terminate|终止 & 锁|队列|管道|共享资源 & 损坏|不可用|无法使用",
        "terminate|终止|杀死|杀掉 & 锁|信号量 & 不会被释放|永远不会释放|无法释放|释放不了|永远|死锁",
    ),
    opposite=(
        "terminat* & never break*|{not}~break*|{not}~corrupt*|{not}~damag* & lock*|queue*|pipe*|shared resource*",
        "terminate|终止 & 不会损坏|不会破坏|不会弄坏 & 锁|队列|管道|共享资源",
    ),
)


# --- guide.daemon-no-children ---------------------------------------------------------------------


def _start_grandchild(conn: Any, method: str) -> None:  # noqa: ANN401 -- a Connection of the context under test
    """Try to start a child of our own; send what happened."""
    try:
        p = context(method).Process(target=_nothing)
        p.start()
        p.join(WAIT)
        conn.send({"refusal": None, "exitcode": p.exitcode})
    except Exception as exc:  # whatever start() raises is the observation
        conn.send({"refusal": f"{type(exc).__name__}: {exc}"})


def _as_parent(mp: Context, daemon: bool) -> dict[str, Any] | None:
    receive, send = mp.Pipe(duplex=False)
    p = mp.Process(target=_start_grandchild, args=(send, mp.get_start_method()), daemon=daemon)
    p.start()
    seen = receive.recv() if receive.poll(WAIT) else None
    p.join(WAIT)
    return seen


@claim(
    "guide.daemon-no-children",
    "A daemonic process is not allowed to create child processes.",
    topic="daemon",
    sources=[
        doc(
            "multiprocessing: Reference: Process and exceptions: daemon",
            "Note that a daemonic process is not allowed to create child processes.",
        )
    ],
)
def guide_daemon_no_children(mp: Context) -> Facts:
    """A daemonic child and a non-daemonic one each try to start a child of their own."""
    return {"daemonic": _as_parent(mp, daemon=True), "non_daemonic": _as_parent(mp, daemon=False)}


@guide_daemon_no_children.judge
def _(facts: Facts, where: Where) -> Verdict:
    daemonic, control = facts["daemonic"], facts["non_daemonic"]
    if control is None or control["refusal"] or control["exitcode"] != 0:
        raise ValueError(f"the control (a non-daemonic child starting one) failed: {control}")
    if daemonic is None:
        raise ValueError("the daemonic child sent nothing")
    if daemonic["refusal"] is None:
        return refuted(f"the daemonic child started one (exitcode {daemonic['exitcode']})")
    return holds(f"the daemonic child's start() raised {daemonic['refusal']}; a non-daemonic one could")


guide_daemon_no_children.expect(
    expect("holds", "start() asserts the current process is not daemonic", os="linux"),
    expect("holds", "the same assert in process.py", os="darwin", cite=DAEMON_ASSERT),
    expect("holds", "the same assert in process.py", os="win32", cite=DAEMON_ASSERT),
)
guide_daemon_no_children.said(
    en="^{daemon}|daemons & not allowed|cannot|can't|may not|must not|unable|no & creat*|spawn*|start*|have|launch*"
    "|fork* & child*|children|subprocess*|sub-process*|processes of its own",
    zh="^{daemon} & 不能|不允许|无法|不可以|禁止 & 创建|启动|开启|生成|产生|有子进程|再开|开子进程 & 子进程",
    opposite=(
        "^{daemon}|daemons & can|may|able to|allowed to & creat*|start*|spawn*|have & child*|subprocess*"
        " & !not|cannot|can't|n't|never|unable",
        "^{daemon} & 可以|能够|也能|能创建|能启动|能开启|能否|能不能 & 创建|启动|开启 & 子进程 & !不能|不可以|不允许|无法|不",
    ),
)
