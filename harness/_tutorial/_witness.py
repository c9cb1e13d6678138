"""The OS as witness of a hung program: its tree at the deadline, where each thread waits, full pipes.

Linux's `/proc` says, without a debugger, where each thread of each process sleeps in the kernel
(`wchan`: `do_wait` is a parent in `waitpid`, `pipe_write` a writer on a full pipe, `futex` a thread
joining another) and how many unread bytes each pipe holds (FIONREAD on the pipe, reopened through
`/proc/PID/fd/N`). Elsewhere those fields are simply absent.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import struct
import termios
from typing import Any

import psutil

from harness._supervisor import describe


def tree(pid: int) -> list[dict[str, Any]]:
    """The program and every descendant: pid, parent, status, command, threads' waits, pipes."""
    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.Error:
        return []
    return [{**info, **_waits(p.pid)} for p in procs if (info := describe(p))]


def _waits(pid: int) -> dict[str, Any]:
    """Where each thread sleeps (`wchan`) and the fill of each pipe the process holds."""
    task = f"/proc/{pid}/task"
    try:
        tids = sorted(os.listdir(task), key=int)
    except OSError:
        return {}
    return {"wchan": [_first_line(f"{task}/{tid}/wchan") for tid in tids], "pipes": _pipes(pid)}


def _pipes(pid: int) -> list[dict[str, Any]]:
    """Each pipe end the process holds: fd, the pipe's inode, its mode and the bytes unread in it."""
    folder = f"/proc/{pid}/fd"
    found = []
    with contextlib.suppress(OSError):
        for fd in sorted(os.listdir(folder), key=int):
            target = _readlink(f"{folder}/{fd}")
            if target.startswith("pipe:"):
                writes = os.stat(f"{folder}/{fd}", follow_symlinks=False).st_mode & 0o200
                found.append(
                    {
                        "fd": int(fd),
                        "pipe": target[6:-1],
                        "end": "write" if writes else "read",
                        "unread": _unread(f"{folder}/{fd}"),
                    }
                )
    return found


def _unread(path: str) -> int | None:
    """Bytes waiting in a pipe: FIONREAD on a read end of our own, opened without blocking."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        raw = fcntl.ioctl(fd, termios.FIONREAD, b"\0\0\0\0")
        return int(struct.unpack("i", raw)[0])
    except OSError:
        return None
    finally:
        os.close(fd)


def _readlink(path: str) -> str:
    try:
        return os.readlink(path)
    except OSError:
        return ""


def _first_line(path: str) -> str:
    try:
        with open(path, encoding="ascii", errors="replace") as f:
            return f.readline().strip()
    except OSError:
        return ""
