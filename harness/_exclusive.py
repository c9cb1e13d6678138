"""A machine-wide readers-writer lock: timing probes run alone, every other probe shares.

Speed claims must not measure their neighbours (other xdist workers, or another nox session). Each
probe holds the lock shared; an exclusive probe holds it alone. A turnstile keeps a waiting exclusive
probe from being starved by a stream of shared ones.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no flock; timing probes there share the machine (noted in their evidence)
    fcntl = None  # type: ignore[assignment]


def lock_dir() -> Path:
    """One folder per user, shared by every run on the machine."""
    uid = os.getuid() if hasattr(os, "getuid") else 0
    return Path(tempfile.gettempdir()) / f"mp-factcheck-{uid}"


@contextlib.contextmanager
def hold(exclusive: bool) -> Iterator[bool]:
    """Hold the lock (shared or exclusive) for the duration; yields whether it is really held."""
    if fcntl is None:
        yield False
        return
    folder = lock_dir()
    folder.mkdir(exist_ok=True)
    with _flock(folder / "turnstile", fcntl.LOCK_EX):
        main = _flock(folder / "probes", fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
        main.__enter__()
    try:
        yield True
    finally:
        main.__exit__(None, None, None)


@contextlib.contextmanager
def _flock(path: Path, mode: int) -> Iterator[None]:
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, mode)
        yield
    finally:
        os.close(fd)  # closing releases the lock, also if the holder dies
