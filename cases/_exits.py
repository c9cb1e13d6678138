"""Seeing a process end without reaping it: a reaped zombie could no longer be seen, nor judged.

Shared by the case modules about terminating and daemons (a module starting with `_` holds no cases).
"""

from __future__ import annotations

import os
import select
import sys

SYS_PIDFD_OPEN = 434  # the same number on every Linux architecture (added after the tables were unified)


def _pidfd(pid: int) -> int:
    """Open a descriptor that turns readable when `pid` ends (PyPy has no os.pidfd_open: ask the kernel)."""
    if hasattr(os, "pidfd_open"):
        return os.pidfd_open(pid)
    import ctypes

    fd = int(ctypes.CDLL(None, use_errno=True).syscall(SYS_PIDFD_OPEN, pid, 0))
    if fd < 0:
        err = ctypes.get_errno()
        raise OSError(err, os.strerror(err))  # ESRCH becomes ProcessLookupError: already reaped
    return fd


def await_exit(pid: int, timeout: float) -> bool:
    """Wait until `pid` has ended (a zombie counts) without reaping it: reaping would hide the zombie."""
    try:
        if sys.platform.startswith("linux"):
            return _await_pidfd(pid, timeout)
        if sys.platform == "darwin":
            return _await_kqueue(pid, timeout)
        return _await_handle(pid, timeout)
    except ProcessLookupError:
        return True


def _await_pidfd(pid: int, timeout: float) -> bool:
    """Wait for `pid`'s descriptor to turn readable (Linux)."""
    fd = _pidfd(pid)
    try:
        return bool(select.select([fd], [], [], timeout)[0])
    finally:
        os.close(fd)


def _await_handle(pid: int, timeout: float) -> bool:
    """Wait on the process handle (Windows: there is nothing to reap)."""
    import psutil

    try:
        psutil.Process(pid).wait(timeout)
    except psutil.NoSuchProcess:
        return True
    except psutil.TimeoutExpired:
        return False
    return True


def _await_kqueue(pid: int, timeout: float) -> bool:
    """Wait for the kernel's NOTE_EXIT event for `pid` (macOS)."""
    if sys.platform != "darwin":
        raise OSError("kqueue process events are a BSD feature")
    queue = select.kqueue()
    try:
        event = select.kevent(
            pid, filter=select.KQ_FILTER_PROC, flags=select.KQ_EV_ADD, fflags=select.KQ_NOTE_EXIT
        )
        return bool(queue.control([event], 1, timeout))
    finally:
        queue.close()
