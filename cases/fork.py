"""fork and the operating system: what the articles say about os.fork and where it exists."""

from __future__ import annotations

import os
import sys
from multiprocessing.context import BaseContext
from typing import Any

from harness import Facts, Verdict, Where, claim, expect, holds, quote, refuted

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
    "os.fork exists on Unix-like systems and not on Windows.",
    topic="fork",
    sources=[
        quote("001", "在類unix系統中, python的os 模塊內置了fork 函數用以創建子進程"),
        quote("001", "fork 方式是僅在linux 下才有的接口, 在windows下并沒有"),
    ],
)
def fork_unix_only(mp: BaseContext) -> Facts:
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
    summary = f"{facts['main']['platform']}: os.fork present={facts['main']['has_fork']}, in the child={seen[1].get('has_fork')}"
    if (posix and works) or (not posix and absent):
        return holds(summary + (", and it forks" if posix else ""))
    return refuted(summary)


fork_unix_only.expect(
    expect("holds", "os.fork exists and forks, in the main process and in a child of every method", os="linux"),
    expect("holds", "macOS is POSIX: os.fork exists", os="darwin", cite=OS_FORK_DOCS),
    expect("holds", "Windows has no os.fork", os="win32", cite=OS_FORK_DOCS),
)
