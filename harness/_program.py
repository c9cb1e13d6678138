"""Whole programs: a script run as `__main__` by a real interpreter, for claims about programs."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from pathlib import Path

# os.path rather than pathlib here, and no dataclass: case modules import this module, and every
# spawned child re-imports its case module
INJECT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "_inject")
STARTED: list[dict[str, int]] = []  # the scenario's counters: whole programs count as "program" starts
COUNT_FILES: dict[int, str] = {}  # a program's pid → the file its interpreters note their starts in


class ProgramRun(NamedTuple):
    """What a program did: exit code (negative: killed by that signal), output, time."""

    returncode: int | None
    stdout: str
    stderr: str
    duration_s: float
    timed_out: bool
    pinned: str | None

    def to_json(self) -> dict[str, Any]:
        """Plain facts."""
        return {
            "returncode": self.returncode,
            "stdout": self.stdout[-4000:],
            "stderr": self.stderr[-4000:],
            "duration_s": round(self.duration_s, 3),
            "timed_out": self.timed_out,
            "pinned": self.pinned,
        }


def start_program(
    script: str | Path,
    *,
    method: str | None = None,
    python: str | None = None,
    args: tuple[str, ...] = (),
    sleep_scale: float | None = None,
    env: dict[str, str] | None = None,
    cwd: str | Path | None = None,
) -> subprocess.Popen[str]:
    """Start `script` (a path, or source text written to `program.py`) in a process group of its own."""
    path = _script_path(script, os.fspath(cwd or "."))
    full_env = injected_env(method=method, sleep_scale=sleep_scale, env=env)
    proc = subprocess.Popen(
        [python or sys.executable, path, *args],
        cwd=cwd,
        env=full_env,
        text=True,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=hasattr(os, "setsid"),
        errors="replace",
    )
    note_started(proc.pid, full_env)
    return proc


def injected_env(
    *, method: str | None, sleep_scale: float | None, env: dict[str, str] | None = None
) -> dict[str, str]:
    """The environment of a whole program: the start method and sleep scale injected, counted if asked."""
    for counts in STARTED:
        counts["program"] = counts.get("program", 0) + 1
    extra = {
        "HARNESS_START_METHOD": method or "",
        "HARNESS_SLEEP_SCALE": "" if sleep_scale is None else str(sleep_scale),
        "HARNESS_COUNT_FILE": _count_file() if STARTED else "",
    }
    return {**os.environ, **(env or {}), **extra, "PYTHONPATH": _pythonpath(env)}


def note_started(pid: int, env: dict[str, str]) -> None:
    """Remember where a started program's interpreters note their starts (see `injected_env`)."""
    if env.get("HARNESS_COUNT_FILE"):
        COUNT_FILES[pid] = env["HARNESS_COUNT_FILE"]


def finish_program(
    proc: subprocess.Popen[str], *, timeout: float, started: float | None = None
) -> ProgramRun:
    """Wait for a started program until `timeout`; at the deadline kill its whole group."""
    started = time.monotonic() if started is None else started
    timed_out = False
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        timed_out = True
        kill_group(proc)
        out, err = proc.communicate()
    return ProgramRun(proc.returncode, out, err, time.monotonic() - started, timed_out, _pinned(err))


def program(script: str | Path, *, timeout: float = 10.0, **options: Any) -> ProgramRun:  # noqa: ANN401
    """Run a whole program to its end (or its deadline) and return what it did."""
    started = time.monotonic()
    return finish_program(start_program(script, **options), timeout=timeout, started=started)


def kill_group(proc: subprocess.Popen[str]) -> None:
    """SIGKILL the program's process group (its children with it), or the program alone on Windows."""
    if hasattr(os, "killpg"):
        with contextlib.suppress(OSError):
            os.killpg(proc.pid, signal.SIGKILL)
    else:
        proc.kill()


def find_python(version: str) -> str | None:
    """An interpreter for `version` ("2.7"): pyenv's own install, else one on PATH that is not a shim."""
    import glob
    import shutil

    root = os.environ.get("PYENV_ROOT", os.path.expanduser("~/.pyenv"))
    candidates = sorted(glob.glob(os.path.join(root, "versions", f"{version}.*", "bin", f"python{version}")))
    found = shutil.which(f"python{version}")
    on_path = [found] if found and f"{os.sep}shims{os.sep}" not in found else []  # a shim may name nothing
    found_any = candidates[-1:] or on_path
    return found_any[0] if found_any else None


def _script_path(script: str | Path, cwd: str) -> str:
    """The script's absolute path; source text is written to `program.py` in `cwd` first."""
    if not isinstance(script, str):
        return os.path.abspath(script)
    path = os.path.abspath(os.path.join(cwd, "program.py"))
    with open(path, "w", encoding="utf-8") as f:
        f.write(script)
    return path


def _count_file() -> str:
    """A fresh file in the scenario's scratch folder for a program's start counts."""
    import tempfile

    fd, path = tempfile.mkstemp(prefix="starts-", suffix=".txt", dir=os.getcwd())
    os.close(fd)
    return path


def add_program_counts() -> None:
    """Add what the programs' interpreters started to the scenario's counters (when the probe is done)."""
    while COUNT_FILES:
        with open(COUNT_FILES.popitem()[1], encoding="utf-8") as f:
            kinds = f.read().split()
        for counts in STARTED:
            for kind in kinds:
                counts[kind] = counts.get(kind, 0) + 1


def _pythonpath(env: dict[str, str] | None) -> str:
    given = (env or {}).get("PYTHONPATH", os.environ.get("PYTHONPATH", ""))
    return os.pathsep.join(p for p in (INJECT, given) if p)


def _pinned(stderr: str) -> str | None:
    marks = [
        line.split(":", 1)[1].strip() for line in stderr.splitlines() if line.startswith("HARNESS-PINNED:")
    ]
    return marks[-1] if marks else None
