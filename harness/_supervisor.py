"""The supervisor: one fresh process per probe that runs the scenario and reports what it left.

It starts the scenario, enforces its deadline, and reaps whatever it orphans. On Linux it is a
child subreaper, so every orphan of the probe becomes its child: nothing the probe starts can
escape it, not even a double fork with `setsid`.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPORT = "report.json"
HELPERS = {  # multiprocessing's helper processes, each an interpreter: what they run → their kind
    "multiprocessing.resource_tracker": "resource_tracker",
    "multiprocessing.forkserver": "forkserver_server",
    "multiprocessing.semaphore_tracker": "resource_tracker",  # its name before 3.8
}
HELPER_GRACE = 2.0  # seconds for the resource tracker and fork server to see EOF and exit on their own
PR_SET_CHILD_SUBREAPER = 36
PR_SET_PDEATHSIG = 1


def main(spec: dict[str, Any]) -> None:
    """Run one probe under supervision and write `report.json`."""
    signal.signal(
        signal.SIGTERM, _stop
    )  # the harness stops a run (or dies): take the probe's tree down with us
    report: dict[str, Any] = {
        "subreaper": tie_to_parent(spec.get("harness_pid")),
        "supervisor_pid": os.getpid(),
    }
    waiter = _Waiter(report["subreaper"])
    started = time.monotonic()
    pid, exec_handle = _start_scenario(spec)
    try:
        report["scenario_pid"] = pid
        status = waiter.wait_for(pid, exec_handle, started + float(spec["deadline"]))
        report["scenario_s"] = round(time.monotonic() - started, 4)  # the rest is the helpers' grace
        report.update(_after(status, waiter))
        report["duration_s"] = round(time.monotonic() - started, 4)
        report["cpu_s"], report["supervisor_cpu_s"] = _cpu("RUSAGE_CHILDREN"), _cpu("RUSAGE_SELF")
        if status is not None:  # at a deadline the tree is the evidence; what is in it is not a leak
            report.update(classify(_census() if waiter.has_children() else []))
        _write(Path(spec["workdir"]) / REPORT, report)
    finally:
        _kill_all(pid, waiter)


def _cpu(who: str) -> float | None:
    """CPU seconds of the supervisor (`RUSAGE_SELF`) or of all it reaped (`RUSAGE_CHILDREN`)."""
    try:
        import resource
    except ImportError:  # Windows
        return None
    used = resource.getrusage(getattr(resource, who))
    return round(used.ru_utime + used.ru_stime, 4)


def _stop(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


def _after(status: int | None, waiter: _Waiter) -> dict[str, Any]:
    """At the deadline, the tree as it is; after an exit, time for the helpers to go."""
    if status is None:
        return {"status": "timeout", "tree_at_deadline": _census()}
    waiter.wait_for_children(time.monotonic() + HELPER_GRACE)
    return {"status": "exited", "exitcode": status}


def tie_to_parent(parent_pid: int | None) -> bool:
    """On Linux: take the orphans below, and SIGTERM if the parent dies; True if now a subreaper."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    if parent_pid is not None and os.getppid() != parent_pid:
        raise SystemExit("the harness died before the probe started")
    return bool(libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0)


def _start_scenario(spec: dict[str, Any]) -> tuple[int, subprocess.Popen[bytes] | None]:
    """Fork the scenario from this fresh interpreter; start it as a program where there is no fork."""
    if hasattr(os, "fork") and not os.environ.get("HARNESS_SCENARIO_EXEC"):
        pid = os.fork()
        if pid == 0:
            signal.pthread_sigmask(signal.SIG_SETMASK, _Waiter.original_mask)
            signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the probe's processes die of SIGTERM as usual
            try:
                from harness import _scenario

                _scenario.run(spec)
            finally:
                os._exit(70)  # never run the supervisor's code in the scenario, whatever happened
        return pid, None
    handle = subprocess.Popen([sys.executable, "-m", "harness._scenario", json.dumps(spec)])
    return handle.pid, handle


class _Waiter:
    """Waits for children and reaps them as they end, woken by SIGCHLD rather than by polling."""

    original_mask: frozenset[int] = frozenset()

    def __init__(self, subreaper: bool) -> None:
        self.subreaper = subreaper  # then no child left means no descendant left: orphans come here
        self.statuses: dict[int, int] = {}
        self.event_driven = hasattr(signal, "sigtimedwait")
        if self.event_driven:
            _Waiter.original_mask = frozenset(signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGCHLD}))

    def wait_for(self, pid: int, handle: subprocess.Popen[bytes] | None, deadline: float) -> int | None:
        """The scenario's exit code, or None at the deadline."""
        if handle is not None:
            return _wait_handle(handle, deadline)
        self._until(lambda: pid in self.statuses, deadline)
        return self.statuses.get(pid)

    def wait_for_children(self, deadline: float) -> None:
        """Reap until no child is left or the deadline passes."""
        self._until(self._no_children, deadline)

    def reap(self) -> bool:
        """Reap every child that has ended, recording its exit code; whether any child is left."""
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return False
            if pid == 0:
                return True
            self.statuses[pid] = os.waitstatus_to_exitcode(status)

    def has_children(self) -> bool:
        """Whether any descendant lives (a subreaper asks the kernel, not /proc: no scan of every process)."""
        return self.reap() if self.subreaper else bool(_children())

    def _until(self, done: Callable[[], bool], deadline: float) -> None:
        while True:
            self.reap()
            remaining = deadline - time.monotonic()
            if done() or remaining <= 0:
                return
            if self.event_driven:
                signal.sigtimedwait({signal.SIGCHLD}, min(remaining, 0.5))
            else:
                time.sleep(min(remaining, 0.01))  # no SIGCHLD wait on this OS (macOS): a short poll

    def _no_children(self) -> bool:
        return not self.has_children()


def _wait_handle(handle: subprocess.Popen[bytes], deadline: float) -> int | None:
    try:
        return handle.wait(timeout=max(0.0, deadline - time.monotonic()))
    except subprocess.TimeoutExpired:
        return None


def _children() -> list[Any]:
    import psutil

    try:
        return list(psutil.Process().children(recursive=True))
    except psutil.Error:
        return []


def _census() -> list[dict[str, Any]]:
    """Every living descendant, as plain facts."""
    return [info for p in _children() if (info := describe(p))]


def describe(p: Any) -> dict[str, Any] | None:  # noqa: ANN401 -- a psutil.Process, imported lazily
    """A process as evidence: pid, parent, status, command line."""
    import psutil

    try:
        with p.oneshot():
            return {
                "pid": p.pid,
                "ppid": p.ppid(),
                "status": p.status(),
                "name": p.name(),
                "cmdline": " ".join(p.cmdline())[:300],
                "started": p.create_time(),
            }
    except psutil.Error:
        return None


def classify(census: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Split survivors into multiprocessing's own helpers and leaks.

    A helper is the oldest process of its kind whose parent is not of that kind: what a fork server
    forks shares its command line, so its workers, and their orphans, are not helpers.
    """
    pids = {c["pid"]: c for c in census}
    helpers: list[dict[str, Any]] = []
    for kind in HELPERS:
        heads = [
            c for c in census if _helper_kind(c) == kind and _helper_kind(pids.get(c["ppid"], {})) != kind
        ]
        helpers += sorted(heads, key=lambda c: (c.get("started", 0), c["pid"]))[:1]
    chosen = {c["pid"] for c in helpers}
    leaked = [c for c in census if c["pid"] not in chosen and c["status"] != "zombie"]
    return {"helpers": helpers, "leaked": leaked}


def _helper_kind(info: dict[str, Any]) -> str | None:
    return next((h for h in HELPERS if h in info.get("cmdline", "")), None)


def _kill_all(scenario_pid: int, waiter: _Waiter) -> None:
    """Kill the scenario's group and every descendant, until none is left, and reap them."""
    if hasattr(os, "killpg"):
        with contextlib.suppress(OSError):  # the group may already be empty
            os.killpg(scenario_pid, signal.SIGKILL)
    for _ in range(50):  # a fork bomb is finite: each round kills what the last one orphaned
        survivors = _children() if waiter.has_children() else []
        if not survivors:
            break
        for p in survivors:
            _kill(p)
        waiter.wait_for_children(time.monotonic() + 1.0)


def _kill(p: Any) -> None:  # noqa: ANN401 -- a psutil.Process, imported lazily
    import psutil

    with contextlib.suppress(psutil.Error):  # already gone
        p.kill()


def _write(path: Path, report: dict[str, Any]) -> None:
    partial = path.with_suffix(".tmp")
    partial.write_text(json.dumps(report), encoding="utf-8")
    os.replace(partial, path)


if __name__ == "__main__":
    main(json.loads(sys.argv[1]))
