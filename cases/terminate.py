"""terminate() and exit codes: what the articles say happens to a process its parent kills."""

from __future__ import annotations

import atexit
import os
import signal
import sys
import threading
import time
from contextlib import suppress
from typing import Any

from harness import Context, Facts, Verdict, Where, claim, context, expect, holds, partial, quote, refuted

from ._exits import await_exit

POPEN_FORK = (
    "Lib/multiprocessing/popen_fork.py: Popen.terminate sends SIGTERM; Popen.poll -> waitstatus_to_exitcode"
)
TERMINATE_DOCS = (
    "docs: multiprocessing, Process.terminate() ('Exit handlers and finally clauses, etc., "
    "will not be executed'; 'descendant processes of the process will not be terminated')"
)
POPEN_WIN32 = (
    "Lib/multiprocessing/popen_spawn_win32.py: Popen.terminate calls TerminateProcess(TERMINATE); "
    "Popen.wait maps TERMINATE to -signal.SIGTERM"
)


def _block_until_killed(ready: Any) -> None:  # noqa: ANN401 -- an Event of the context under test
    """Tell the parent we run, then wait for a signal that never comes from here."""
    ready.set()
    threading.Event().wait()


def _start_blocked(mp: Context) -> Any:  # noqa: ANN401 -- the context's Process class
    """A child that is certainly running (it said so) and will not end by itself."""
    ready = mp.Event()
    p = mp.Process(target=_block_until_killed, args=(ready,))
    p.start()
    if not ready.wait(15):
        p.kill()
        raise RuntimeError("the child never said it was running")
    return p


# --- terminate.then-join -------------------------------------------------------------------------


@claim(
    "terminate.then-join",
    "join() must follow terminate() to update the child's state; after it, is_alive() is False.",
    topic="terminate",
    sources=[
        quote("000", "p1.terminate():终止子进程的执行,其后要跟上jion()方法更新子进程的状态"),
        quote(
            "003",
            "p.terminate()print('Process terminated:', p, p.is_alive())p.join()print('Process joined:', p, p.is_alive())",
        ),
    ],
)
def terminate_then_join(mp: Context) -> Facts:
    """The child's state right after terminate(), once it has died but before join(), and after join()."""
    from multiprocessing.connection import wait

    p = _start_blocked(mp)
    p.terminate()
    right_after = _state(p)  # racy by nature: evidence of what a reader sees, the judgement needs no race
    died = bool(wait([p.sentinel], 15))  # the sentinel says the child ended; it updates nothing
    _until_reapable(p.pid)
    later = _state(p)  # is_alive() and exitcode asked again, still without join()
    p.join(15)
    return {
        "right_after_terminate": right_after,
        "died": died,
        "later_without_join": later,
        "after_join": _state(p),
    }


def _state(p: Any) -> dict[str, Any]:  # noqa: ANN401 -- the context's Process
    return {"is_alive": p.is_alive(), "exitcode": p.exitcode}


def _until_reapable(pid: int) -> None:
    """Wait, without reaping, until our dead child is a zombie (its sentinel can close a moment before)."""
    # a pidfd (kqueue, a handle) turns readable when the process has ended, for a forkserver child (the
    # server's) too; PyPy has no os.waitid, and without this wait its spawn column raced the zombie
    await_exit(pid, 15)


def _state_words(state: dict[str, Any]) -> str:
    return f"is_alive()={state['is_alive']}, exitcode={state['exitcode']}"


@terminate_then_join.judge
def _(facts: Facts, where: Where) -> Verdict:
    first, later, joined = facts["right_after_terminate"], facts["later_without_join"], facts["after_join"]
    if not facts["died"]:
        raise ValueError(f"the terminated child never ended (its sentinel stayed silent): {later}")
    seen = (
        f"right after terminate(): {_state_words(first)}; once it had died, still without join(): "
        f"{_state_words(later)}; after join(): {_state_words(joined)}"
    )
    if joined["is_alive"]:
        return refuted(f"is_alive() is still True after join(): {seen}")
    if later["is_alive"] or later["exitcode"] is None:
        return holds(f"the state changed only with join(): {seen}", key="join updates the state")
    waited = (
        "right after terminate() it lags until the child has died, and join() is one way to wait for that"
        if first["is_alive"]
        else "here the child was dead, and the state updated, before anything waited"
    )
    return partial(
        f"after join() is_alive() is False, but join() is not what updates the state: is_alive() "
        f"polls the child itself; {waited}: {seen}",
        key="the death updates the state, join() waits for it",
    )


terminate_then_join.expect(
    expect(
        "partial",
        "is_alive() polls waitpid(WNOHANG) itself: once the SIGTERM'd child is dead it says False "
        "without join(); join() only waits for the death",
        os="linux",
    ),
    expect(
        "partial",
        "same POSIX code: is_alive() calls Popen.poll(), which reaps and sets the exit code",
        os="darwin",
        cite=f"Lib/multiprocessing/process.py: BaseProcess.is_alive calls self._popen.poll(); {POPEN_FORK}",
    ),
    expect(
        "partial",
        "is_alive() calls Popen.poll() -> WaitForSingleObject(handle, 0) and GetExitCodeProcess: "
        "once TerminateProcess has ended it, the state is updated without join()",
        os="win32",
        cite=f"Lib/multiprocessing/process.py: BaseProcess.is_alive; {POPEN_WIN32}",
    ),
)
terminate_then_join.said(
    en=(
        "terminat* & join* & is_alive|alive|status|state|exitcode & False|after|then|update*|refresh*|afterwards"
        " & !method*",
        "^terminat* & join* & afterwards|after|then|follow* & reap*|update*|refresh*|collect*|clean* up|status|state",
        "^terminat* & join* & reap*|updat*|refresh*",
        "terminat* & join* & required|need*|must|should|have to|necessary",
    ),
    zh=(
        "terminate|终止 & join & is_alive|状态|exitcode|退出码 & 之后|后|false|更新|跟上|刷新 & !方法",
        "^terminate|终止 & 之后|然后|再|跟上|接着 & join & 回收|更新|刷新|清理|状态",
    ),
)


# --- terminate.exitcode-negative -----------------------------------------------------------------


@claim(
    "terminate.exitcode-negative",
    "A terminated process's exitcode is negative: minus the signal that killed it.",
    topic="terminate",
    sources=[
        quote("000", "<0 进程由一个-1 * exitcode信号结束"),
        quote("003", "最后,我们通过读进程的 ExitCode 状态码(status code)验证进程已经结束"),
    ],
)
def terminate_exitcode_negative(mp: Context) -> Facts:
    """Terminate a running child and read its exitcode after join()."""
    p = _start_blocked(mp)
    p.terminate()
    p.join(15)
    return {"exitcode": p.exitcode, "sigterm": int(signal.SIGTERM)}


@terminate_exitcode_negative.judge
def _(facts: Facts, where: Where) -> Verdict:
    code, sigterm = facts["exitcode"], facts["sigterm"]
    if not isinstance(code, int) or code >= 0:
        return refuted(f"exitcode = {code} after terminate()")
    if code == -sigterm:
        return holds(f"exitcode = {code} = -SIGTERM")
    return holds(f"exitcode = {code}, negative but not -SIGTERM ({-sigterm})")


terminate_exitcode_negative.expect(
    expect("holds", "terminate() sends SIGTERM; the exit code is -15", os="linux"),
    expect(
        "holds",
        "SIGTERM gives -15; a freshly started child may show -9 (bpo-31510), still negative",
        os="darwin",
        cite=f"{POPEN_FORK}; Lib/test/_test_multiprocessing.py: test_many_processes (accepts -SIGKILL on macOS, bpo-31510)",
    ),
    expect(
        "holds",
        "TerminateProcess with the TERMINATE code is reported as -SIGTERM",
        os="win32",
        cite=POPEN_WIN32,
    ),
)
terminate_exitcode_negative.said(
    en=(
        "{terminate} & {exitcode} & {negative}|-SIGTERM|-signal.SIGTERM",
        # named before: not when the sentence speaks of a signal or kill(), whose exit code is exitcode.signal's
        "^{terminate} & {exitcode} & {negative}|-SIGTERM|-signal.SIGTERM & !signal*|信号|SIGKILL|kill()|killed by",
        "SIGTERM & {exitcode} & -15|-SIGTERM|-signal.SIGTERM",
    ),
    zh=(
        "{terminate}|强行结束 & {exitcode} & {negative}|-SIGTERM",
        "^{terminate} & {exitcode} & {negative} & !信号|signal*|SIGKILL|kill()|killed by|被杀",
    ),
    opposite=(
        "^{terminate} & {exitcode} & not negative|is not negative|positive|non-negative|不是负|不为负|不会是负",
    ),
)


# --- exitcode.signal -----------------------------------------------------------------------------


def _die_by(how: str) -> None:
    """End this child by a signal, the way `how` says."""
    if how == "abort":
        os.abort()
    os.kill(os.getpid(), getattr(signal, how))
    threading.Event().wait()  # a signal this process does not die of: the parent sees it hang


def _killed_by_parent(mp: Context) -> int | None:
    """A child killed from outside with os.kill(SIGTERM), not with terminate()."""
    p = _start_blocked(mp)
    os.kill(p.pid, signal.SIGTERM)
    return _joined(p)


def _joined(p: Any) -> int | None:  # noqa: ANN401 -- the context's Process
    """Join a child that should end by itself; kill it if it did not. Its exitcode before any kill."""
    p.join(15)
    code: int | None = p.exitcode
    if code is None:
        p.kill()
        p.join(5)
    return code


def _self_signal_ways() -> dict[str, int]:
    # abort() from the C library, the signal no one can handle, a crash; a plain terminating signal
    # (SIGTERM, SIGUSR1 alike) comes from the parent
    ways = {"abort": int(signal.SIGABRT)}
    ways.update(
        {name: int(getattr(signal, name)) for name in ("SIGKILL", "SIGSEGV") if hasattr(signal, name)}
    )
    return ways


@claim(
    "exitcode.signal",
    "A child that dies from a signal has exitcode == -(the signal number).",
    topic="terminate",
    sources=[
        quote("000", "<0 进程由一个-1 * exitcode信号结束"),
        quote("003", "print('Process exit code:', p.exitcode)"),
    ],
)
def exitcode_signal(mp: Context) -> Facts:
    """Children die by several signals, raised by themselves or sent by the parent; read each exitcode."""
    ways = _self_signal_ways()
    dying = {how: mp.Process(target=_die_by, args=(how,)) for how in ways}
    for p in dying.values():
        p.start()  # side by side: each dies on its own, in its own time
    by_parent = {"signal": int(signal.SIGTERM), "exitcode": _killed_by_parent(mp)}
    seen = {how: {"signal": ways[how], "exitcode": _joined(p)} for how, p in dying.items()}
    return {"children": {**seen, "os.kill(SIGTERM) by the parent": by_parent}}


@exitcode_signal.judge
def _(facts: Facts, where: Where) -> Verdict:
    children = facts["children"]
    good = sorted(k for k, v in children.items() if v["exitcode"] == -v["signal"])
    bad = {k: v["exitcode"] for k, v in children.items() if k not in good}
    seen = ", ".join(f"{k}: {v['exitcode']} (signal {v['signal']})" for k, v in sorted(children.items()))
    if not bad:
        return holds(f"every signal death gave -signum: {seen}")
    if good:
        return partial(f"not -signum for {bad}; {seen}")
    return refuted(f"no signal death gave -signum: {seen}")


exitcode_signal.expect(
    expect("holds", "waitstatus_to_exitcode gives -N for a death by signal N", os="linux"),
    expect("holds", "same POSIX wait status decoding as Linux", os="darwin", cite=POPEN_FORK),
    expect(
        "refuted",
        "Windows has no signal deaths: os.kill(pid, SIGTERM) is TerminateProcess(15) and "
        "abort() exits with 3, both positive; only Process.terminate() gives -SIGTERM (gh-76044)",
        os="win32",
        cite=f"{POPEN_WIN32}; docs: os.kill (Windows: any other value calls TerminateProcess and the exit code is "
        "set to sig); Microsoft CRT docs: abort (exit code 3)",
    ),
)


# --- exitcode 0 and > 0 -----------------------------------------------------------------------------

BOOTSTRAP = (
    "Lib/multiprocessing/process.py: BaseProcess._bootstrap (exitcode 0, sys.exit's code, 1 for an exception)"
)
ENDS = ("return", "raise ValueError", "sys.exit(3)", "sys.exit('message')")


def _end_as(how: str) -> None:
    """A child that ends one of the ways in ENDS."""
    if how == "raise ValueError":
        raise ValueError("the child's own error (its traceback on stderr is expected)")
    if how == "sys.exit(3)":
        sys.exit(3)
    if how == "sys.exit('message')":
        sys.exit("the child's message")


@claim(
    "exitcode.zero-or-error",
    "A process's exitcode is 0 when it ended normally without an error, and > 0 when it had an error: "
    "then it exits with that error's code.",
    topic="terminate",
    sources=[quote("000", "== 0 未生成任何错误,正常退出; > 0 进程有一个错误,并以该错误码退出")],
)
def exitcode_zero_or_error(mp: Context) -> Facts:
    """Children that return, raise, or call sys.exit with a number and with a message; read each exitcode."""
    children = {how: mp.Process(target=_end_as, args=(how,)) for how in ENDS}
    for p in children.values():
        p.start()
    return {"exitcodes": {how: _joined(p) for how, p in children.items()}}


@exitcode_zero_or_error.judge
def _(facts: Facts, where: Where) -> Verdict:
    codes = facts["exitcodes"]
    seen = ", ".join(f"{how}: {code}" for how, code in codes.items())
    if codes["return"] != 0:
        return refuted(f"a normal end is not 0: {seen}")
    errors = [codes["raise ValueError"], codes["sys.exit('message')"]]
    if all(isinstance(c, int) and c > 0 for c in errors) and codes["sys.exit(3)"] == 3:
        return holds(
            f"{seen}: an error gives > 0, sys.exit(n) gives n; an exception has no code of its own, so it "
            "gives 1 whatever the error",
            key="0, n, 1",
        )
    return partial(
        f"a normal end is 0, but an error did not give its code (> 0): {seen}", key="error not > 0"
    )


exitcode_zero_or_error.expect(
    expect("holds", "_bootstrap returns 0, sys.exit's code, or 1 for an uncaught exception", os="linux"),
    expect(
        "holds", "the same _bootstrap decides the code; os._exit passes it on", os="darwin", cite=BOOTSTRAP
    ),
    expect(
        "holds",
        "the same _bootstrap; the code reaches the parent through GetExitCodeProcess",
        os="win32",
        cite=f"{BOOTSTRAP}; {POPEN_WIN32}",
    ),
)
exitcode_zero_or_error.said(
    en=(
        "{exitcode} & 0|zero & normal*|success*|clean*|error*|exception*",
        "{exitcode}|exits with|exit with & positive|> 0|1|non-zero|nonzero & error*|exception*|fail*|uncaught"
        "|sys.exit",
    ),
    zh=(
        "{exitcode}|== 0|> 0 & 0|零 & 正常|错误|异常|成功",
        "{exitcode} & 大于 0|大于0|> 0|正数|非零|非 0|1 & 错误|异常|失败",
    ),
)
exitcode_signal.said(
    en="^{exitcode} & signal*|SIGKILL & {negative} & !terminate",  # terminate()'s: terminate.exitcode-negative
    zh="信号|SIGKILL & {exitcode} & {negative}|-1 & !terminate|强制终止",
)


# --- seeing a death without reaping it -----------------------------------------------------------

SEMLOCK_C = (
    "Modules/_multiprocessing/semaphore.c: SemLock over sem_open/CreateSemaphore, no owner-death recovery"
)
IS_ALIVE = (
    "Lib/multiprocessing/process.py: BaseProcess.is_alive (False before start, else Popen.poll() is None)"
)


def _recv(conn: Any, timeout: float) -> Any:  # noqa: ANN401 -- a Connection, and whatever it carries
    """Receive the next message, or a word saying why there is none."""
    try:
        return conn.recv() if conn.poll(timeout) else "nothing"
    except (EOFError, OSError):
        return "EOF: the child is gone"


# --- terminate.immediate -------------------------------------------------------------------------

TRIALS = 3  # enough to see the spread of the kill times; the article speaks of one process
# "at once": a tenth of a second, below what a reader notices; SIGTERM's default action takes 0.2-2 ms here
AT_ONCE_MS = 100.0


def _outlive_sigterm(how: str, conn: Any) -> None:  # noqa: ANN401 -- a Connection of the context
    """Ignore SIGTERM, or handle it by saying so; then echo whatever comes, until killed."""
    if how == "ignore":
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
    else:
        signal.signal(signal.SIGTERM, lambda signum, frame: conn.send("SIGTERM handled"))
    conn.send("ready")
    while True:
        conn.send(conn.recv())


def _start_running(mp: Context, n: int) -> list[Any]:
    """`n` children that certainly run (each said so), started side by side."""
    started = [
        (mp.Process(target=_block_until_killed, args=(ready,)), ready)
        for ready in (mp.Event() for _ in range(n))
    ]
    for p, _ in started:
        p.start()
    if not all(ready.wait(15) for _, ready in started):
        for p, _ in started:
            p.kill()
            p.join(5)
        raise RuntimeError("a child never said it was running")
    return [p for p, _ in started]


def _terminate_timed(p: Any) -> dict[str, Any]:  # noqa: ANN401 -- the context's Process
    """terminate(), ask is_alive() at once, then time how long until the OS shows the child ended."""
    begun = time.perf_counter()
    p.terminate()
    alive = p.is_alive()  # racy by nature: evidence, not the verdict
    ended = await_exit(p.pid, 5)
    took_ms = round((time.perf_counter() - begun) * 1000, 2)
    p.join(5)
    return {"alive_right_after": alive, "ended": ended, "ended_after_ms": took_ms, "exitcode": p.exitcode}


def _start_survivor(mp: Context, how: str) -> tuple[Any, Any]:
    """Start a child that will handle or ignore SIGTERM; return it and our end of its pipe."""
    here, there = mp.Pipe()
    p = mp.Process(target=_outlive_sigterm, args=(how, there))
    p.start()
    there.close()
    return p, here


def _sigterm_survivor(how: str, p: Any, here: Any) -> dict[str, Any]:  # noqa: ANN401 -- Process, Connection
    """terminate() a child that handles or ignores SIGTERM, then see whether it still answers."""
    if _recv(here, 15) != "ready":
        p.kill()
        p.join(5)
        raise RuntimeError(f"the child that should {how} SIGTERM never said it was ready")
    p.terminate()
    notice = _recv(here, 5) if how == "handle" else None  # the handler's word: SIGTERM has arrived
    with suppress(OSError):
        here.send("ping")
    seen = {"handler_said": notice, "answer_after_terminate": _recv(here, 5)}
    seen["is_alive"] = p.is_alive()
    p.kill()
    p.join(5)
    seen["still_running"] = seen["answer_after_terminate"] == "ping"
    return {**seen, "exitcode_after_kill": p.exitcode}


@claim(
    "terminate.immediate",
    "terminate() kills the process at once.",
    topic="terminate",
    sources=[quote("003", "我们可以使用 terminate() 方法立即杀死一个进程。")],
    deadline=40.0,  # seven children boot at once: PyPy under spawn needs more than the default 20 s
)
def terminate_immediate(mp: Context) -> Facts:
    """Terminate plain children (timed), then children that handle or ignore SIGTERM."""
    others = {how: _start_survivor(mp, how) for how in ("handle", "ignore")}
    plain = [_terminate_timed(p) for p in _start_running(mp, TRIALS)]  # all children boot side by side
    return {
        "plain_children": plain,
        "sigterm": int(signal.SIGTERM),
        **{how: _sigterm_survivor(how, *child) for how, child in others.items()},
    }


def _plain_summary(plain: list[dict[str, Any]]) -> str:
    codes = sorted({t["exitcode"] for t in plain}, key=str)
    alive = sum(t["alive_right_after"] for t in plain)
    ended = [t["ended_after_ms"] for t in plain if t["ended"]]
    return (
        f"{len(plain)} plain children: exitcodes {codes}, {len(ended)} ended within "
        f"{max(ended, default='-')} ms of terminate() (at once: within {AT_ONCE_MS:.0f} ms); "
        f"{'terminate() returned before the death: ' if alive else ''}is_alive() right after it was True "
        f"in {alive} of {len(plain)}"
    )


def _survivor_summary(how: str, seen: dict[str, Any]) -> str:
    who = "a child with a SIGTERM handler" if how == "handle" else "a child that ignores SIGTERM (SIG_IGN)"
    ran = f"its handler ran ({seen['handler_said']!r}), then " if how == "handle" else ""
    return (
        f"{who} kept running: {ran}it answered {seen['answer_after_terminate']!r} after terminate(), "
        f"is_alive() {seen['is_alive']}, exitcode {seen['exitcode_after_kill']} only after kill()"
    )


@terminate_immediate.judge
def _(facts: Facts, where: Where) -> Verdict:
    plain = facts["plain_children"]
    killed = [t for t in plain if t["ended"] and t["exitcode"] == -facts["sigterm"]]
    slow = [t["ended_after_ms"] for t in killed if t["ended_after_ms"] > AT_ONCE_MS]
    survivors = {how: facts[how] for how in ("handle", "ignore") if facts[how]["still_running"]}
    seen = _plain_summary(plain)
    if not killed:
        return refuted(seen)
    faults = {f"survives if it {how}s SIGTERM": _survivor_summary(how, s) for how, s in survivors.items()}
    if len(killed) < len(plain):
        faults["not every plain child died"] = (
            f"{len(plain) - len(killed)} plain children did not die of SIGTERM"
        )
    if slow:
        faults["not at once"] = f"deaths took {slow} ms"
    if faults:
        return partial(f"{seen}; but {'; '.join(faults.values())}", key=" + ".join(faults))
    return holds(f"{seen}; children that handle or ignore SIGTERM died too")


terminate_immediate.expect(
    expect(
        "partial",
        "SIGTERM kills a plain child within milliseconds (is_alive() is usually still True "
        "right after terminate()), but a child that handles or ignores SIGTERM keeps running",
        os="linux",
    ),
    expect(
        "partial",
        "same POSIX SIGTERM: a handler or SIG_IGN in the child keeps it running",
        os="darwin",
        cite=POPEN_FORK,
    ),
    expect(
        "holds", "TerminateProcess cannot be handled or ignored by the child", os="win32", cite=POPEN_WIN32
    ),
)
terminate_immediate.said(
    en="^terminat* & {at once}",
    zh="^terminate|终止 & {at once}",
    opposite=(
        "^terminat* & {not}~{at once}|not guarantee*|no guarantee|n't guarantee*",
        "^terminat* & {not}~dead|{not}~exited|not yet dead|not dead yet",
        "^terminat* & still alive|still be alive|still running|still be running & after|afterwards|returns|while"
        "|moment",
        "^terminate|终止 & {not}~{at once}|不一定|不保证|仍然存活|还活着",
    ),
)


# --- terminate.no-cleanup ------------------------------------------------------------------------


def _touch(path: str) -> None:
    with open(path, "w", encoding="utf-8") as marker:
        marker.write(str(os.getpid()))


MARKERS = ("finally", "atexit", "finalizer")
FINALIZERS = (
    "Lib/multiprocessing/process.py: BaseProcess._bootstrap calls util._exit_function() (its finalizers) "
    "after run() under every start method; Lib/multiprocessing/popen_fork.py: Popen._launch ends a fork "
    "child with os._exit (atexit handlers run there only from 3.13: gh-83856); Lib/multiprocessing/spawn.py: "
    "spawn_main ends with sys.exit"
)


def _leave_markers(folder: str, ready: Any, stop: Any) -> None:  # noqa: ANN401 -- Events of the context
    """Arm a finally clause, an atexit handler and a multiprocessing finalizer that each leave a file; wait."""
    from multiprocessing import util

    atexit.register(_touch, os.path.join(folder, "atexit"))
    # multiprocessing's own exit handlers: the child runs them after run() returns, whatever the method
    util.Finalize(None, _touch, args=(os.path.join(folder, "finalizer"),), exitpriority=0)
    try:
        ready.set()
        stop.wait()
    finally:
        _touch(os.path.join(folder, "finally"))


def _start_marker_child(mp: Context, folder: str) -> tuple[Any, Any, Any]:
    """Start a marker child writing into its own folder; return it with its two Events."""
    os.makedirs(folder)
    ready, stop = mp.Event(), mp.Event()
    p = mp.Process(target=_leave_markers, args=(folder, ready, stop))
    p.start()
    return p, ready, stop


def _markers_left(folder: str, end: str, p: Any, ready: Any, stop: Any) -> dict[str, Any]:  # noqa: ANN401
    """End the marker child by terminate(), or by letting it return; list what it left."""
    if ready.wait(15):
        p.terminate() if end == "terminate" else stop.set()
    p.join(15)
    if p.exitcode is None:
        p.kill()
        p.join(5)
    return {"exitcode": p.exitcode, "markers": sorted(os.listdir(folder))}


@claim(
    "terminate.no-cleanup",
    "terminate() runs no cleanup in the child: no finally clause, no exit handler.",
    topic="terminate",
    sources=[quote("002", "p.terminate():强制终止进程p,不会进行任何清理操作")],
)
def terminate_no_cleanup(mp: Context) -> Facts:
    """Terminate a child armed with finally, atexit and finalizer markers; a twin that returns is the control."""
    folders = {end: os.path.abspath(end) for end in ("terminate", "return")}
    children = {end: _start_marker_child(mp, folder) for end, folder in folders.items()}  # booting together
    return {
        "terminated": _markers_left(folders["terminate"], "terminate", *children["terminate"]),
        "returned": _markers_left(folders["return"], "return", *children["return"]),
    }


@terminate_no_cleanup.judge
def _(facts: Facts, where: Where) -> Verdict:
    killed, control = facts["terminated"], facts["returned"]
    never = [m for m in MARKERS if m not in control["markers"]]  # not run even when the child returns
    if "finally" in never or set(never) >= {"atexit", "finalizer"}:
        raise ValueError(f"the control child left no finally marker or no exit handler's: {control}")
    seen = (
        f"the terminated child (exitcode {killed['exitcode']}) left {killed['markers'] or 'no marker'}; "
        f"its twin that returned (exitcode {control['exitcode']}) left {control['markers']}"
    )
    if killed["markers"]:
        return refuted(seen)
    if never:
        return holds(
            f"{seen}: terminate() skipped what the twin ran, but {' and '.join(never)} handlers run in no "
            "such child, terminated or not (it ends by os._exit)",
            key=f"{'+'.join(never)} never run in the child",
        )
    return holds(f"{seen}: terminate() skipped every one the twin ran")


terminate_no_cleanup.expect(
    expect(
        "holds",
        "SIGTERM's default action ends the child in the kernel: no finally clause, no multiprocessing "
        "finalizer; before 3.13 atexit handlers run in no fork or forkserver child anyway (os._exit, gh-83856)",
        os="linux",
    ),
    expect(
        "holds",
        "same POSIX SIGTERM default action",
        os="darwin",
        cite=f"{POPEN_FORK}; {TERMINATE_DOCS}; {FINALIZERS}",
    ),
    expect(
        "holds",
        "TerminateProcess runs no code in the child",
        os="win32",
        cite=f"{POPEN_WIN32}; {TERMINATE_DOCS}; {FINALIZERS}",
    ),
)
terminate_no_cleanup.said(
    en=(
        "^{terminate} & finally|atexit|exit handler*|cleanup|clean* up|clean-up|__exit__|with block*|with-block*"
        "|context manager*|tidy* up & skip*|not|n't|never|no|bypass*|without|ignor*|lost|none",
    ),
    zh="^{terminate} & finally|清理|atexit|退出处理|善后|with 语句 & 不会|不|没有|跳过|无法|没机会|来不及",
    opposite=(
        "^{terminate} & finally|atexit|exit handler*|cleanup|clean* up & run|runs|still run*|are run|is run"
        "|get* run|do run|gracefully|are executed|is executed|execute*|called & !not|n't|never|skip*|no|without"
        "|bypass*",
        "^{terminate} & finally|清理|atexit|退出处理 & 仍会执行|也会执行|会执行|会运行|照常执行 & !不会|不|没有|跳过",
    ),
)


# --- terminate.orphans-zombies -------------------------------------------------------------------


def _parent_of_grandchild(method: str, report: Any) -> None:  # noqa: ANN401 -- a Connection
    """Start a grandchild with the same method, report its pid, then wait to be terminated."""
    ready = context(method).Event()
    grandchild = context(method).Process(target=_block_until_killed, args=(ready,))
    grandchild.start()
    report.send({"pid": grandchild.pid, "running": ready.wait(15)})
    threading.Event().wait()


def _who(pid: int | None, roles: dict[int, str]) -> dict[str, Any]:
    """Describe a process as the OS shows it, with the part it plays in this experiment."""
    import psutil

    if pid is None:
        return {"pid": None, "status": "none"}
    try:
        proc = psutil.Process(pid)
        seen: dict[str, Any] = {"pid": pid, "ppid": proc.ppid(), "status": proc.status()}
    except psutil.NoSuchProcess:
        return {"pid": pid, "status": "gone", "role": roles.get(pid, "?")}
    with suppress(psutil.Error):  # a zombie keeps its pid and status, not its command line
        seen.update(name=proc.name(), cmdline=" ".join(proc.cmdline())[:160])
    server = "multiprocessing.forkserver" in seen.get("cmdline", "")
    return {**seen, "role": roles.get(pid) or ("a fork server" if server else "another process")}


def _roles(child: int, grandchild: int) -> dict[int, str]:
    return {
        1: "init",
        os.getppid(): "the harness supervisor (the probe's parent)",
        os.getpid(): "the probe",
        child: "the terminated child",
        grandchild: "the grandchild",
    }


def _orphan_facts(child: Any, grandchild: int) -> dict[str, Any]:  # noqa: ANN401 -- the context's Process
    """Who the grandchild's parent is before and after terminate(), and what the dead child looks like."""
    roles = _roles(child.pid, grandchild)
    before = _who(grandchild, roles)
    first_parent: int = before["ppid"]
    if first_parent != child.pid and _who(first_parent, roles).get("ppid") == child.pid:
        roles[first_parent] = "the child's own fork server"
    parent_before = _who(first_parent, roles)
    child.terminate()
    ended = await_exit(child.pid, 15)
    dead = _with_parent(_who(child.pid, roles), roles)  # a zombie names its reaper: probe or fork server
    grand_after = _who(grandchild, roles)
    return {
        "child_ended": ended,
        "grandchild_before": before,
        "grandchild_parent_before": parent_before,
        "grandchild_after": grand_after,
        "grandchild_parent_after": _who(grand_after.get("ppid"), roles),
        "first_parent_after": _with_parent(_who(first_parent, roles), roles),
        "terminated_child_at_death": dead,
        "terminated_child_before_join": _dead_child_later(child, dead, roles),
    }


def _with_parent(who: dict[str, Any], roles: dict[int, str]) -> dict[str, Any]:
    return {**who, "parent_role": _who(who["ppid"], roles).get("role")} if "ppid" in who else who


def _dead_child_later(child: Any, dead: dict[str, Any], roles: dict[int, str]) -> dict[str, Any]:  # noqa: ANN401
    """Look at the terminated child again, once whoever reaps it has had its chance (join() not called)."""
    from multiprocessing.connection import wait

    if dead.get("ppid") != os.getpid():  # a fork server reaps it, then writes its status to the sentinel
        wait([child.sentinel], 5)
    return _with_parent(_who(child.pid, roles), roles)


def _end_orphan(grandchild: int) -> dict[str, Any]:
    """Kill the grandchild, and wait for it, and for a fork server it kept alive, to end."""
    import psutil

    server = _who(_who(grandchild, {}).get("ppid"), {})
    with suppress(psutil.NoSuchProcess):
        psutil.Process(grandchild).kill()
    done = {"grandchild_ended": await_exit(grandchild, 5)}
    if server.get("role") == "a fork server":  # the child's own: it ends once the grandchild is gone
        done["child_fork_server_ended_by_itself"] = await_exit(server["pid"], 5)
        with suppress(psutil.NoSuchProcess):
            psutil.Process(server["pid"]).kill()
    return done


@claim(
    "terminate.orphans-zombies",
    "Children of a terminated process become zombie processes.",
    topic="terminate",
    sources=[quote("002", "如果p创建了子进程,该子进程就成了僵尸进程,使用该方法需要特别小心这种情况。")],
)
def terminate_orphans_zombies(mp: Context) -> Facts:
    """Terminate a child that started a grandchild; ask the OS for the grandchild's state and parent."""
    receive, send = mp.Pipe(duplex=False)
    child = mp.Process(target=_parent_of_grandchild, args=(mp.get_start_method(), send))
    child.start()
    send.close()
    started = _recv(receive, 15)
    grandchild = started.get("pid") if isinstance(started, dict) else None
    try:
        if grandchild is None or not started["running"]:
            raise RuntimeError(f"the child never reported a running grandchild: {started!r}")
        facts = _orphan_facts(child, grandchild)
    finally:
        cleanup = _end_orphan(grandchild) if grandchild else {}
        child.kill()
        child.join(5)
    return {**facts, **cleanup, "probe_pid": os.getpid(), "child_exitcode": child.exitcode}


def _place(who: dict[str, Any]) -> str:
    command = who.get("cmdline", "-")[:60]
    return f"pid {who.get('pid')} ({who.get('role')}, {who.get('status')}, `{command}`)"


def _dead_child_summary(facts: Facts) -> str:
    at_death, later = facts["terminated_child_at_death"], facts["terminated_child_before_join"]
    return (
        f"the terminated child itself, before join(): {at_death['status']} (parent: "
        f"{at_death.get('parent_role', '-')}), then {later['status']} "
        f"(parent: {later.get('parent_role', '-')}); exitcode {facts['child_exitcode']}"
    )


def _server_summary(facts: Facts) -> str:
    server = facts["first_parent_after"]
    if server.get("role") != "the child's own fork server":
        return ""
    return f"; that fork server is {server['status']}, its parent now {server.get('parent_role', '-')}"


@terminate_orphans_zombies.judge
def _(facts: Facts, where: Where) -> Verdict:
    grand = facts["grandchild_after"]
    seen = (
        f"after its parent was terminated the grandchild is {grand['status']}, parent "
        f"{_place(facts['grandchild_parent_after'])}; its parent before was "
        f"{_place(facts['grandchild_parent_before'])}{_server_summary(facts)}; "
        f"{_dead_child_summary(facts)}"
    )
    if grand["status"] == "zombie":  # psutil.STATUS_ZOMBIE
        return holds(seen)
    if grand["status"] == "gone":
        return refuted(f"the grandchild died with its parent: {seen}")
    return refuted(f"orphaned, not a zombie: {seen}")


terminate_orphans_zombies.expect(
    expect(
        "refuted",
        "the grandchild keeps running, reparented to the nearest subreaper (the harness "
        "supervisor); only the terminated child itself is a zombie until joined",
        os="linux",
        method="fork",
    ),
    expect(
        "refuted",
        "as under fork: the grandchild keeps running, reparented to the subreaper",
        os="linux",
        method="spawn",
    ),
    expect(
        "refuted",
        "the grandchild keeps running under the child's own fork server, which is orphaned and "
        "stays alive; the terminated child is reaped by the main fork server (a zombie for an instant at "
        "most), not left for join()",
        os="linux",
        method="forkserver",
    ),
    expect(
        "refuted",
        "descendants are orphaned and keep running, reparented to launchd or a subreaper",
        os="darwin",
        cite=TERMINATE_DOCS,
    ),
    expect("refuted", "Windows has no zombies; descendants keep running", os="win32", cite=TERMINATE_DOCS),
)
terminate_orphans_zombies.said(
    en=(
        "^{terminate} & child*|grandchild*|descendant* & zombie*",
    ),
    zh="^{terminate} & 子进程|孙进程|后代 & 僵尸",
    opposite=(
        "terminat* & child*|grandchild*|descendant* & orphan*|left running|keep* running|still running|continu* running"
        "|surviv*|on their own|not killed|aren't killed|not terminated|not stopped|aren't stopped & !zombie*",
        "^terminat* & grandchild*|descendant*|children it started|its own children|its children & orphan*|left running"
        "|keep* running|still running|continu* running|surviv*|on their own|not killed|aren't killed & !zombie*",
        "{terminate} & 子进程|孙进程 & 孤儿|继续运行|仍在运行|还在运行|不会被终止|不会被杀 & !僵尸|守护|daemon",
        "^{terminate} & 孙进程|子进程的子进程|它创建的子进程|它启动的子进程|后代 & 孤儿|继续运行|仍在运行|还在运行"
        "|不会被终止|不会被杀 & !僵尸",
    ),
)


# --- terminate.lock-deadlock ---------------------------------------------------------------------

WAIT_S = 0.1  # the holder is dead and joined: no one can release the locks, however long one waits


def _hold(locks: list[Any], ready: Any) -> None:  # noqa: ANN401 -- locks and an Event of the context
    """Acquire every lock, say so, and keep them until killed."""
    for lock in locks:
        lock.acquire()
    ready.set()
    threading.Event().wait()


def _timed_acquire(lock: Any) -> dict[str, Any]:  # noqa: ANN401 -- a lock of the context
    begun = time.perf_counter()
    got = lock.acquire(timeout=WAIT_S)
    waited = round(time.perf_counter() - begun, 3)
    if got:
        lock.release()
    return {"acquired": got, "waited_s": waited}


def _release_by_parent(lock: Any) -> str:  # noqa: ANN401 -- a lock of the context
    """Whether another process may release the dead holder's lock, and whether it is usable then."""
    try:
        lock.release()
    except Exception as exc:
        return f"{type(exc).__name__}: {exc}"
    usable = lock.acquire(timeout=0)
    if usable:
        lock.release()
    return f"released; acquire() afterwards -> {usable}"


@claim(
    "terminate.lock-deadlock",
    "A lock held by a terminated process is never released, and others deadlock on it.",
    topic="terminate",
    sources=[quote("002", "如果p还保存了一个锁那么也将不会被释放,进而导致死锁")],
)
def terminate_lock_deadlock(mp: Context) -> Facts:
    """Terminate a child holding a Lock, an RLock and a Semaphore; then try to take them here."""
    from concurrent.futures import ThreadPoolExecutor

    locks = {"Lock": mp.Lock(), "RLock": mp.RLock(), "Semaphore": mp.Semaphore(1)}
    ready = mp.Event()
    p = mp.Process(target=_hold, args=(list(locks.values()), ready))
    p.start()
    held = ready.wait(15)
    p.terminate()
    p.join(15)
    if not held:
        raise RuntimeError(f"the child never said it held the locks (exitcode {p.exitcode})")
    with ThreadPoolExecutor(len(locks)) as pool:  # the timed waits side by side: one WAIT_S, not three
        tries = dict(zip(locks, pool.map(_timed_acquire, locks.values()), strict=True))
    return {
        "exitcode": p.exitcode,
        "acquire_after_terminate": tries,
        "release_by_parent": {name: _release_by_parent(lock) for name, lock in locks.items()},
    }


@terminate_lock_deadlock.judge
def _(facts: Facts, where: Where) -> Verdict:
    tries, freed = facts["acquire_after_terminate"], facts["release_by_parent"]
    stuck = [name for name, t in tries.items() if not t["acquired"]]
    seen = (
        ", ".join(
            f"{n}.acquire(timeout={WAIT_S}) -> {t['acquired']} after {t['waited_s']} s"
            for n, t in tries.items()
        )
        + f" (holder's exitcode {facts['exitcode']}); release() by the parent: "
        + "; ".join(f"{n}: {r}" for n, r in freed.items())
    )
    if len(stuck) == len(tries):
        return holds(f"still held by the dead child: {seen}")
    return partial(f"only {stuck} stayed held: {seen}") if stuck else refuted(seen)


terminate_lock_deadlock.expect(
    expect(
        "holds",
        "a SemLock has no owner-death recovery: the dead holder's locks stay taken (a plain Lock "
        "and a Semaphore can still be released by another process, an RLock cannot)",
        os="linux",
    ),
    expect("holds", "same SemLock over POSIX semaphores", os="darwin", cite=SEMLOCK_C),
    expect("holds", "Windows semaphores have no owner either", os="win32", cite=SEMLOCK_C),
)
terminate_lock_deadlock.said(
    en=(
        "terminat*|kill* & lock* & releas*|forever|deadlock*|never",
        "lock & stay* taken|stay* held|forever|never releas*|not be releas*|isn't releas*|not released",
    ),
    zh="锁 & 永远|不会被释放|不会释放|不释放|无法释放|得不到释放",
)


# --- is-alive.running ----------------------------------------------------------------------------


def _wait_for_go(ready: Any, go: Any) -> None:  # noqa: ANN401 -- Events of the context
    """Say we run, then run until told to stop."""
    ready.set()
    go.wait()


@claim(
    "is-alive.running",
    "is_alive() is True while the process runs.",
    topic="terminate",
    sources=[
        quote("002", "p.is_alive():如果p仍然运行,返回True"),
        quote("000", "Process对象拥有is_alive()"),
        quote("003", "我们可以使用 is_alive() 方法来判断一个进程是否还存活"),
    ],
)
def is_alive_running(mp: Context) -> Facts:
    """Ask is_alive() before start(), while the child is blocked on an Event only we set, and after join()."""
    ready, go = mp.Event(), mp.Event()
    p = mp.Process(target=_wait_for_go, args=(ready, go))
    before = p.is_alive()
    p.start()
    running = ready.wait(15)
    status = _who(p.pid, {}).get("status")  # the OS's word first: is_alive() may reap
    during = p.is_alive()
    go.set()
    p.join(15)
    return {
        "before_start": before,
        "child_said_running": running,
        "os_status": status,
        "while_running": during,
        "after_join": p.is_alive(),
        "exitcode": p.exitcode,
    }


@is_alive_running.judge
def _(facts: Facts, where: Where) -> Verdict:
    if not facts["child_said_running"]:
        raise ValueError("the child never said it was running")
    seen = (
        f"is_alive() before start {facts['before_start']}, while the child runs ({facts['os_status']}) "
        f"{facts['while_running']}, after join {facts['after_join']} (exitcode {facts['exitcode']})"
    )
    if not facts["while_running"]:
        return refuted(seen)
    return partial(seen) if facts["before_start"] or facts["after_join"] else holds(seen)


is_alive_running.expect(
    expect(
        "holds",
        "is_alive() polls the child: True while it runs, False before start() and after join()",
        os="linux",
    ),
    expect("holds", "same Popen.poll over waitpid", os="darwin", cite=IS_ALIVE),
    expect("holds", "Popen.poll over WaitForSingleObject", os="win32", cite=IS_ALIVE),
)
is_alive_running.said(
    en="is_alive & True|running|still run*|whether|alive|runs & !terminat*",
    zh="is_alive & true|运行|还在|存活|活着 & !terminate|false|终止",
)
