"""Probes that hang: one waits forever, one's child deadlocks on a lock a terminated process held."""

from __future__ import annotations

import os
import threading

from harness import Context, Facts, Verdict, Where, claim, expect, holds, quote

FAULT = [quote("001", "进程可能会挂起")]


def _note(pid: int) -> None:
    with open(os.environ["FAULT_PIDS"], "a") as f:
        f.write(f"{pid}\n")


@claim("fault.never-returns", "A probe that never returns.", topic="fault", sources=FAULT, deadline=2)
def never_returns(mp: Context) -> Facts:
    """Wait for an event nobody sets."""
    _note(os.getpid())
    threading.Event().wait()
    return {}


@never_returns.judge
def _(facts: Facts, where: Where) -> Verdict:
    return holds("unreachable")


never_returns.expect(expect("holds", "never reached: the harness reports timeout"))


def _hold(lock: object, ready: object) -> None:
    _note(os.getpid())
    lock.acquire()  # type: ignore[attr-defined]
    ready.set()  # type: ignore[attr-defined]
    threading.Event().wait()


def _take(lock: object) -> None:
    _note(os.getpid())
    lock.acquire()  # type: ignore[attr-defined]  # blocks forever: the holder was terminated


@claim(
    "fault.lock-deadlock",
    "A child deadlocks on a lock held by a terminated process.",
    topic="fault",
    sources=FAULT,
    deadline=3,
)
def lock_deadlock(mp: Context) -> Facts:
    """Terminate the lock's holder, then let another child wait for the lock with no timeout."""
    lock, ready = mp.Lock(), mp.Event()
    holder = mp.Process(target=_hold, args=(lock, ready))
    holder.start()
    ready.wait(10)
    holder.terminate()
    holder.join()
    taker = mp.Process(target=_take, args=(lock,))
    taker.start()
    taker.join()
    return {}


@lock_deadlock.judge
def _(facts: Facts, where: Where) -> Verdict:
    return holds("unreachable")


lock_deadlock.expect(expect("holds", "never reached: the harness reports timeout"))
