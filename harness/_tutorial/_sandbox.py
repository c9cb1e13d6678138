"""The sandbox for an article's code, which is a stranger's: caps, a fresh folder, no stdin, no display.

Caps: memory per process (`RLIMIT_AS`), file size (`RLIMIT_FSIZE`: Python ignores SIGXFSZ, so a write
past it fails with EFBIG, "File too large"), no core files, and time (the deadline). The number of
processes: `RLIMIT_NPROC` does not bind root, so where a pids cgroup can be made (cgroup v1's
`pids` hierarchy, writable by root) the program runs in one of its own with `pids.max`; the kernel
then refuses a fork past it (EAGAIN) and counts the refusals in `pids.events`. Where none can be
made, the waiting probe counts the program's tree and kills it past the cap (`census`).
"""

from __future__ import annotations

import contextlib
import os
import resource
import signal
import uuid
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

PIDS_ROOT = "/sys/fs/cgroup/pids"  # cgroup v1; under v2 alone the census is the cap
NO_DISPLAY = ("DISPLAY", "WAYLAND_DISPLAY")
# a terminal shows each print at once and is UTF-8; a file would buffer (a terminated child's prints
# vanish, a buffer copied by os.fork() prints twice): the reader's terminal, as cases/code.py has it
TERMINAL_LIKE = {"PYTHONUNBUFFERED": "1", "PYTHONIOENCODING": "utf-8", "MPLBACKEND": "Agg"}


class Limits(NamedTuple):
    """The sandbox's caps on one program run."""

    memory: int = 512 * 2**20  # bytes of address space per process: a 10**8-element list fails in ~1 s
    file_size: int = 16 * 2**20  # bytes per file written (its stdout and stderr files too)
    processes: int = 64  # tasks (processes and their threads) in the run's pids cgroup
    deadline: float = 30.0  # seconds: a hang, not a slow start (PyPy spawning 5 children took 11 s)

    def to_json(self) -> dict[str, Any]:
        """Plain data."""
        return dict(self._asdict())


@contextlib.contextmanager
def pids_cgroup(processes: int) -> Iterator[str | None]:
    """A pids cgroup of its own capped at `processes` tasks, removed afterwards; None if none can be made."""
    path = os.path.join(PIDS_ROOT, f"{cgroup_prefix()}{uuid.uuid4().hex[:12]}")
    try:
        os.mkdir(path)
        _write(os.path.join(path, "pids.max"), str(processes))
    except OSError:
        with contextlib.suppress(OSError):
            os.rmdir(path)
        yield None
        return
    try:
        yield path
    finally:
        _remove_cgroup(path)


def cgroup_prefix() -> str:
    """The start of the names of this process's cgroups (other checks on the machine have their own)."""
    return f"mp-factcheck-{os.getpid()}-"


def _remove_cgroup(path: str) -> None:
    """Kill whatever is still in the cgroup (the supervisor has, normally) and remove it."""
    with contextlib.suppress(OSError):
        for pid in _read(os.path.join(path, "cgroup.procs")).split():
            with contextlib.suppress(OSError):
                os.kill(int(pid), signal.SIGKILL)
    with contextlib.suppress(OSError):
        os.rmdir(path)


def confine(limits: Limits, cgroup: str | None) -> Callable[[], None]:
    """What the program's process runs between fork and exec: its caps, and its cgroup."""

    def preexec() -> None:
        for which, value in (
            (resource.RLIMIT_AS, limits.memory),
            (resource.RLIMIT_FSIZE, limits.file_size),
            (resource.RLIMIT_CORE, 0),
        ):
            resource.setrlimit(which, (value, value))
        if cgroup:
            _write(os.path.join(cgroup, "cgroup.procs"), str(os.getpid()))

    return preexec


def members(cgroup: str | None) -> set[int]:
    """The pids in the cgroup (what a program left there, even in a session of its own); none without one."""
    if not cgroup:
        return set()
    try:
        return {int(pid) for pid in _read(os.path.join(cgroup, "cgroup.procs")).split()}
    except (OSError, ValueError):
        return set()


def refused_forks(cgroup: str | None) -> int | None:
    """How many forks the cgroup refused at its cap (`pids.events`' `max`); None without a cgroup."""
    if not cgroup:
        return None
    try:
        events = dict(line.split() for line in _read(os.path.join(cgroup, "pids.events")).splitlines())
    except (OSError, ValueError):
        return None
    return int(events.get("max", 0))


def _write(path: str, text: str) -> None:
    with open(path, "w", encoding="ascii") as f:
        f.write(text)


def _read(path: str) -> str:
    with open(path, encoding="ascii") as f:
        return f.read()
