"""Whole programs that a probe talks to while they run: read their lines as they come, hold them at a gate.

Shared by the case modules about joining and daemons (a module starting with `_` holds no cases).
"""

from __future__ import annotations

import contextlib
import os
import socket
import threading
from typing import IO, TYPE_CHECKING, Any

from harness import kill_group, start_program

if TYPE_CHECKING:
    import psutil

TERMINAL_LIKE = {"PYTHONUNBUFFERED": "1", "PYTHONIOENCODING": "utf-8"}
WAIT = 15.0  # seconds: the bound of every wait that normally ends in milliseconds


class Gate:
    """A localhost socket that a program's process blocks on until the probe lets it go on."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.server.settimeout(WAIT)
        self.port = int(self.server.getsockname()[1])

    def open(self, waiting: int = 1) -> int:
        """Let `waiting` blocked processes go on; how many were there to let go."""
        released = 0
        for _ in range(waiting):
            try:
                conn, _ = self.server.accept()
            except OSError:
                break
            with conn, contextlib.suppress(OSError):
                conn.sendall(b"x")
            released += 1
        return released

    def close(self) -> None:
        self.server.close()


class LiveProgram:
    """A whole program in its own process group; threads read its output, so every wait is bounded."""

    def __init__(
        self,
        source: str,
        method: str,
        folder: str,
        args: tuple[str, ...] = (),
        sleep_scale: float | None = None,
    ) -> None:
        os.mkdir(folder)
        self.folder = folder
        self.proc = start_program(
            source, method=method, args=args, cwd=folder, env=TERMINAL_LIKE, sleep_scale=sleep_scale
        )
        self.changed = threading.Condition()
        self.out: list[str] = []
        self.err: list[str] = []
        self.closed = False  # stdout reached its end: nothing more will come
        self.pumps = [
            threading.Thread(target=self._pump, args=(s, sink), daemon=True)
            for s, sink in ((self.proc.stdout, self.out), (self.proc.stderr, self.err))
        ]
        for pump in self.pumps:
            pump.start()

    def _pump(self, stream: IO[str] | None, sink: list[str]) -> None:
        for line in stream or ():
            with self.changed:
                sink.append(line)
                self.changed.notify_all()
        with self.changed:
            self.closed = self.closed or sink is self.out
            self.changed.notify_all()

    def seen(self, text: str) -> bool:
        """Wait (bounded) until `text` is somewhere in the program's stdout; whether it came."""
        with self.changed:
            self.changed.wait_for(lambda: text in "".join(self.out) or self.closed, timeout=WAIT)
            return text in "".join(self.out)

    def line(self, prefix: str) -> list[str]:
        """The words of the first stdout line that starts with `prefix` (RuntimeError at the bound)."""
        with self.changed:
            self.changed.wait_for(lambda: self._first(prefix) or self.closed, timeout=WAIT)
            found = self._first(prefix)
        if found is None:
            raise RuntimeError(f"the program never printed {prefix!r}: {self.stop()['stderr'][-500:]}")
        return found.split()

    def _first(self, prefix: str) -> str | None:
        return next((line for line in self.out if line.startswith(prefix)), None)

    def stop(self) -> dict[str, Any]:
        """Let its group drain by itself, kill what is left, and return its exit code and output."""
        import psutil

        psutil.wait_procs(process_group(self.proc.pid), timeout=3)
        kill_group(self.proc)
        code = self.proc.wait(WAIT)
        for pump in self.pumps:
            pump.join(WAIT)
        return {"returncode": code, "stdout": "".join(self.out)[-2000:], "stderr": "".join(self.err)[-2000:]}


def process_group(pgid: int) -> list[psutil.Process]:
    """The processes of a process group (POSIX; empty elsewhere)."""
    import psutil

    if not hasattr(os, "getpgid"):
        return []
    found = []
    for p in psutil.process_iter():
        with contextlib.suppress(OSError, psutil.Error):
            if os.getpgid(p.pid) == pgid:
                found.append(p)
    return found
