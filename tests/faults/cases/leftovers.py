"""Probes that leave processes behind: a grandchild; a grandchild that double-forks and calls setsid."""

from __future__ import annotations

import os
import threading

from harness import Context, Facts, claim, expect, holds, quote

FAULT = [quote("001", "进程可能会挂起")]


def _linger() -> None:
    with open(os.environ["FAULT_PIDS"], "a") as f:
        f.write(f"{os.getpid()}\n")
    threading.Event().wait()


def _leave_grandchild(escape: bool) -> None:
    if os.fork() == 0:
        if escape:
            os.setsid()
            if os.fork() != 0:
                os._exit(0)
        _linger()
    os._exit(0)


def _run(mp: Context, escape: bool) -> Facts:
    p = mp.Process(target=_leave_grandchild, args=(escape,))
    p.start()
    p.join(10)
    return {"exitcode": p.exitcode}


@claim("fault.grandchild-left", "A grandchild is left running.", topic="fault", sources=FAULT)
def grandchild_left(mp: Context) -> Facts:
    """A child forks a grandchild that waits forever, and returns."""
    return _run(mp, escape=False)


@claim("fault.escapes", "A grandchild double-forks and calls setsid.", topic="fault", sources=FAULT)
def escapes(mp: Context) -> Facts:
    """A child's grandchild leaves its session and double-forks."""
    return _run(mp, escape=True)


for case in (grandchild_left, escapes):
    case.judge(lambda facts, where: holds(f"child exit {facts['exitcode']}"))
    case.expect(expect("holds", "the judgement holds; the harness says leaked"))
