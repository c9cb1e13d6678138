"""The template: one process per pytest process that forks a fresh supervisor for each probe.

A supervisor started as a new interpreter spends ~0.15 s on start-up and imports before it does
anything; forked from this template, which has made those imports and never run a probe, it starts in
a few milliseconds and is just as untouched (the idea of multiprocessing's own fork server).

Protocol, one JSON line each way: the harness sends `{"spec": …, "env": …}`; the template answers
`{"pid": …}` once the supervisor runs, then `{"exitcode": …, "strays": […]}` when it has ended.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import select
import signal
import subprocess
import sys
import time
import traceback
from typing import IO, Any

from harness import _supervisor

# Everything a supervisor and its scenario import anyway, loaded once in the template: importing
# these sets up no process state (no start method chosen, no fork server or tracker started).
PRELOAD = (
    "ctypes",  # prctl, in every supervisor
    "resource",  # the probe tree's CPU time
    "psutil",
    "harness",
    "harness._scenario",
    *(f"multiprocessing.{m}" for m in ("connection", "forkserver", "managers", "pool", "queues")),
    *(f"multiprocessing.{m}" for m in ("resource_tracker", "spawn", "synchronize")),
)
STOP_GRACE = 3.0  # seconds a supervisor has to kill its probe's tree after SIGTERM


def main() -> None:
    """Serve requests until the harness closes the pipe."""
    for name in PRELOAD:
        importlib.import_module(name)
    _supervisor.tie_to_parent(os.getppid())  # also a subreaper: a killed supervisor's orphans come here
    requests, replies = sys.stdin.buffer, sys.stdout
    for line in requests:
        request = json.loads(line)
        pid = _fork_supervisor(request["spec"], request["env"])
        _reply(replies, {"pid": pid})
        exitcode = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
        _reply(replies, {"exitcode": exitcode, "strays": _reap_orphans()})


def _fork_supervisor(spec: dict[str, Any], env: dict[str, str]) -> int:
    """Fork a supervisor in a session of its own, with the harness's current environment."""
    spec = {**spec, "harness_pid": os.getpid()}
    pid = os.fork()
    if pid == 0:
        os._exit(_supervise(spec, env))
    return pid


def _supervise(spec: dict[str, Any], env: dict[str, str]) -> int:
    """The forked supervisor's life: its exit code, as a fresh interpreter's would be."""
    try:
        os.setsid()
        _redirect(os.path.join(spec["workdir"], "supervisor.txt"))
        os.environ.clear()
        os.environ.update(env)  # what the probe's exec'd children (spawn, programs) inherit
        _supervisor.main(spec)
    except SystemExit as stop:
        return stop.code if isinstance(stop.code, int) else 1
    except BaseException:
        traceback.print_exc()
        return 1
    return 0


def _redirect(stderr_path: str) -> None:
    """No pipe to the harness in the supervisor: stdin and stdout from /dev/null, stderr to a file."""
    null = os.open(os.devnull, os.O_RDWR)
    err = os.open(stderr_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    for fd, target in ((0, null), (1, null), (2, err)):
        os.dup2(target, fd)
    os.close(null)
    os.close(err)


def _reap_orphans() -> list[dict[str, Any]]:
    """Kill and reap whatever a supervisor killed at the backstop left to this subreaper."""
    import psutil

    if not _has_children():
        return []  # the usual case, known without reading every process in /proc
    left = psutil.Process().children(recursive=True)
    found = [d for p in left if (d := _supervisor.describe(p))]
    for p in left:
        with contextlib.suppress(psutil.Error):
            p.kill()
    psutil.wait_procs(left, timeout=5)
    with contextlib.suppress(ChildProcessError):
        while os.waitpid(-1, os.WNOHANG)[0]:
            pass
    return found


def _has_children() -> bool:
    """Whether any child is left (one that has already ended is reaped on the way)."""
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return False
    return True


def _reply(replies: IO[str], message: dict[str, Any]) -> None:
    replies.write(json.dumps(message) + "\n")
    replies.flush()


class Template:
    """The harness's end of a template process: one probe at a time, replies awaited with a deadline."""

    def __init__(self, env: dict[str, str]) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "harness._template"],
            env=env,  # with a token of its own: every process forked from it carries that in its environ
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            start_new_session=True,  # no terminal signal reaches it: the harness decides when it ends
        )
        self.pending = b""

    def alive(self) -> bool:
        """Whether the template can take a request."""
        return self.proc.poll() is None

    def run(self, spec: dict[str, Any], env: dict[str, str], limit: float) -> tuple[bool, list[Any]]:
        """A fresh supervisor runs `spec`: (ended by itself within `limit`, orphans the template reaped)."""
        deadline = time.monotonic() + limit
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps({"spec": spec, "env": env}).encode() + b"\n")
        self.proc.stdin.flush()
        pid = self._receive(deadline)["pid"]
        try:
            return True, self._receive(deadline)["strays"]
        except TimeoutError:
            return False, self._stop(pid)
        except BaseException:
            self._stop(pid)
            raise

    def close(self) -> None:
        """End the template: EOF on its requests, then SIGKILL if it does not go."""
        with contextlib.suppress(OSError):
            assert self.proc.stdin is not None
            self.proc.stdin.close()
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()

    def _stop(self, pid: int) -> list[Any]:
        """SIGTERM the supervisor (it kills its probe's tree), SIGKILL its group if it does not end."""
        for sig, grace in ((signal.SIGTERM, STOP_GRACE), (signal.SIGKILL, 10.0)):
            with contextlib.suppress(OSError):
                os.killpg(pid, sig)
            with contextlib.suppress(TimeoutError, EOFError):
                return list(self._receive(time.monotonic() + grace)["strays"])
        return []

    def _receive(self, deadline: float) -> dict[str, Any]:
        """The template's next reply; TimeoutError at the deadline, EOFError if the template died."""
        assert self.proc.stdout is not None
        fd = self.proc.stdout.fileno()
        while b"\n" not in self.pending:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
                raise TimeoutError
            chunk = os.read(fd, 65536)
            if not chunk:
                raise EOFError("the template process ended")
            self.pending += chunk
        line, _, self.pending = self.pending.partition(b"\n")
        reply: dict[str, Any] = json.loads(line)
        return reply


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    main()
