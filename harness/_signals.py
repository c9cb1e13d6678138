"""SIGTERM (nox's stop, a CI cancel) ends a session as Ctrl+C does: results kept, the summary shown."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

STOPS = [s for s in (signal.SIGINT, getattr(signal, "SIGTERM", None)) if s is not None]


class Interrupts:
    """SIGTERM raises KeyboardInterrupt, as SIGINT does, for the length of a session."""

    def __init__(self) -> None:
        self.before: Any = None

    def install(self) -> None:
        """Take SIGTERM over (in the main thread; elsewhere nothing changes)."""
        if threading.current_thread() is threading.main_thread() and hasattr(signal, "SIGTERM"):
            self.before = signal.signal(signal.SIGTERM, _interrupt)

    def uninstall(self) -> None:
        """Give SIGTERM back its handler (pytester runs sessions inside one process)."""
        if self.before is not None:
            signal.signal(signal.SIGTERM, self.before)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt(signal.Signals(signum).name)


@contextmanager
def held() -> Iterator[None]:
    """No second interrupt while the results are written and shown (a few milliseconds)."""
    before = {s: signal.signal(s, signal.SIG_IGN) for s in STOPS}
    try:
        yield
    finally:
        for sig, handler in before.items():
            signal.signal(sig, handler)
