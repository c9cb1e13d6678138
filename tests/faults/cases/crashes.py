"""Probes that crash: a child segfaults; the probe SIGKILLs its own process."""

from __future__ import annotations

import ctypes
import os
import signal

from harness import Context, Facts, Verdict, Where, claim, expect, holds, quote, refuted

FAULT = [quote("001", "也可能崩溃")]


def _segfault() -> None:
    ctypes.string_at(0)


@claim("fault.child-segfault", "A child segfaults.", topic="fault", sources=FAULT)
def child_segfault(mp: Context) -> Facts:
    """Start a child that reads address 0."""
    p = mp.Process(target=_segfault)
    p.start()
    p.join(10)
    return {"exitcode": p.exitcode}


@child_segfault.judge
def _(facts: Facts, where: Where) -> Verdict:
    code = facts["exitcode"]
    return holds(f"exitcode {code}") if code == -signal.SIGSEGV else refuted(f"exitcode {code}")


child_segfault.expect(expect("holds", "SIGSEGV gives -11"))


@claim("fault.kills-itself", "The probe SIGKILLs its own scenario process.", topic="fault", sources=FAULT)
def kills_itself(mp: Context) -> Facts:
    """Die by SIGKILL before returning any facts."""
    os.kill(os.getpid(), signal.SIGKILL)
    return {}


@kills_itself.judge
def _(facts: Facts, where: Where) -> Verdict:
    return holds("unreachable")


kills_itself.expect(expect("holds", "never reached: the harness reports error"))
