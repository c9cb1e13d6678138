"""terminate() and exit codes: what the articles say happens to a process its parent kills."""

from __future__ import annotations

import atexit
import os
import select
import signal
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
import multiprocessing
from contextlib import suppress
from multiprocessing.context import BaseContext
from typing import Any

import psutil

from harness import Facts, Verdict, Where, claim, expect, holds, partial, quote, refuted

POPEN_FORK = "Lib/multiprocessing/popen_fork.py: Popen.terminate sends SIGTERM; Popen.poll -> waitstatus_to_exitcode"
TERMINATE_DOCS = ("docs: multiprocessing, Process.terminate() ('Exit handlers and finally clauses, etc., will not be "
                  "executed'; 'descendant processes of the process will not be terminated')")
POPEN_WIN32 = ("Lib/multiprocessing/popen_spawn_win32.py: Popen.terminate calls TerminateProcess(TERMINATE); "
               "Popen.wait maps TERMINATE to -signal.SIGTERM")


def _block_until_killed(ready: Any) -> None:  # noqa: ANN401 -- an Event of the context under test
    """Tell the parent we run, then wait for a signal that never comes from here."""
    ready.set()
    threading.Event().wait()


def _start_blocked(mp: BaseContext) -> Any:  # noqa: ANN401 -- the context's Process class
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
    "After terminate() and then join(), is_alive() is False.",
    topic="terminate",
    sources=[
        quote("000", "p1.terminate():终止子进程的执行,其后要跟上jion()方法更新子进程的状态"),
        quote("003", "p.terminate()print('Process terminated:', p, p.is_alive())p.join()print('Process joined:', p, p.is_alive())"),
    ],
)
def terminate_then_join(mp: BaseContext) -> Facts:
    """Terminate a running child, join it, ask is_alive()."""
    p = _start_blocked(mp)
    p.terminate()
    alive_before_join = p.is_alive()  # racy by nature: kept as evidence, not judged
    p.join(15)
    return {"alive_right_after_terminate": alive_before_join, "alive_after_join": p.is_alive(),
            "exitcode": p.exitcode}


@terminate_then_join.judge
def _(facts: Facts, where: Where) -> Verdict:
    seen = f"is_alive() after join = {facts['alive_after_join']}, exitcode = {facts['exitcode']}"
    return refuted(seen) if facts["alive_after_join"] else holds(seen)


terminate_then_join.expect(
    expect("holds", "join() reaps the SIGTERM'd child, so is_alive() polls a finished process", os="linux"),
    expect("holds", "same POSIX code path as Linux", os="darwin", cite=POPEN_FORK),
    expect("holds", "join() waits on the process handle, which TerminateProcess signals", os="win32",
           cite=POPEN_WIN32),
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
def terminate_exitcode_negative(mp: BaseContext) -> Facts:
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
    expect("holds", "SIGTERM gives -15; a freshly started child may show -9 (bpo-31510), still negative",
           os="darwin", cite=POPEN_FORK),
    expect("holds", "TerminateProcess with the TERMINATE code is reported as -SIGTERM", os="win32",
           cite=POPEN_WIN32),
)


# --- exitcode.signal -----------------------------------------------------------------------------

def _die_by(how: str) -> None:
    """End this child by a signal, the way `how` says."""
    if how == "abort":
        os.abort()
    os.kill(os.getpid(), getattr(signal, how))
    threading.Event().wait()  # a signal this process does not die of: the parent sees it hang


def _killed_by_parent(mp: BaseContext) -> int | None:
    """A child killed from outside with os.kill(SIGTERM), not with terminate()."""
    p = _start_blocked(mp)
    os.kill(p.pid, signal.SIGTERM)
    p.join(15)
    return p.exitcode


def _self_signal_ways() -> dict[str, int]:
    ways = {"abort": int(signal.SIGABRT)}
    ways.update({name: int(getattr(signal, name)) for name in ("SIGKILL", "SIGUSR1", "SIGSEGV")
                 if hasattr(signal, name)})
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
def exitcode_signal(mp: BaseContext) -> Facts:
    """Children die by several signals, raised by themselves or sent by the parent; read each exitcode."""
    seen: dict[str, dict[str, int | None]] = {}
    for how, signum in _self_signal_ways().items():
        p = mp.Process(target=_die_by, args=(how,))
        p.start()
        p.join(15)
        if p.exitcode is None:
            p.kill()
            p.join(5)
        seen[how] = {"signal": signum, "exitcode": p.exitcode}
    seen["os.kill(SIGTERM) by the parent"] = {"signal": int(signal.SIGTERM), "exitcode": _killed_by_parent(mp)}
    return {"children": seen}


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
    expect("refuted", "Windows has no signal deaths: os.kill(pid, SIGTERM) is TerminateProcess(15) and "
           "abort() exits with 3, both positive; only Process.terminate() gives -SIGTERM (gh-76044)",
           os="win32", cite=POPEN_WIN32),
)
