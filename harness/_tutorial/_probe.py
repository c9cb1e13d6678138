"""The scenario's side of an example run: the program started in the sandbox, waited for, witnessed.

The supervisor calls `EXAMPLE.probe(mp, **args)` in a fresh scenario process (see `harness._runner`),
with the arguments `harness._tutorial._run` passes; the facts it returns are plain JSON.
"""

from __future__ import annotations

import contextlib
import os
import resource
import signal
import subprocess
import time
from pathlib import Path
from typing import Any, NamedTuple

import psutil

from harness._program import injected_env, note_started
from harness._tutorial import _sandbox, _witness
from harness._tutorial._sandbox import Limits

KEEP = 64 * 1024  # characters of each stream kept in the facts (tutorials print far less)
CENSUS_EVERY = 0.05  # seconds between counts of the tree, only where no pids cgroup caps it


PART_END = (
    "HARNESS-PART-END"  # a line the kernel-like driver prints after each cell, for the judge to split on
)
# The kernel-like driver (Python 2.7 and 3): `__main__` with no file, as in a REPL or a notebook kernel,
# where each cell's last expression (each statement of a `>>>` session) is echoed by sys.displayhook.
# Its names live in a function that removes itself: the article's code sees a clean `__main__`.
DRIVER = """def _harness_kernel():
    del globals()['_harness_kernel']
    import ast, sys
    path, mode, starts = sys.argv[1], sys.argv[2], [int(n) for n in sys.argv[3].split(',')]
    sys.argv[:] = ['']
    with open(path, 'rb') as f:
        body = ast.parse(f.read(), path).body
    ends = starts[1:] + [10 ** 9]
    for number, (start, end) in enumerate(zip(starts, ends)):
        cell = [node for node in body if start <= node.lineno < end]
        for at, node in enumerate(cell):
            echo = mode == 'session' or (at == len(cell) - 1 and isinstance(node, ast.Expr))
            tree = ast.Interactive(body=[node]) if echo else ast.Module(body=[node])
            tree.type_ignores = []
            exec(compile(tree, path, 'single' if echo else 'exec'), globals())
        sys.stdout.flush()
        sys.stdout.write('HARNESS-PART-END %d\\n' % number)
        sys.stdout.flush()
_harness_kernel()
"""


class Probe(NamedTuple):
    """What the supervisor's scenario calls: `probe(mp, **args)`."""

    probe: Any


def run_example(
    mp: object,
    *,
    script: str,
    python: str,
    method: str | None,
    sleep_scale: float,
    limits: dict[str, Any],
    cgroup: str | None,
    interactive: str | None,
    starts: list[int],
) -> dict[str, Any]:
    """Run `script` as a whole program under `python` in the sandbox, until it ends or the deadline."""
    del mp  # the program picks its start method from the environment, as the catalog's programs do
    caps, scratch = Limits(**limits), Path.cwd()
    (scratch / "example.py").write_text(script, encoding="utf-8")
    folder = scratch / "cwd"  # fresh and empty: the article's data files are not here
    folder.mkdir()
    path = str(scratch / "example.py")
    command = (
        [python, "-c", DRIVER, path, interactive, ",".join(map(str, starts))]
        if interactive
        else [python, path]
    )
    started = time.monotonic()
    proc = _start(command, folder, method=method, sleep_scale=sleep_scale, caps=caps, cgroup=cgroup)
    timed_out, tree, capped = _wait(proc, caps, cgroup)
    duration = time.monotonic() - started
    return {
        **_streams(scratch),
        "returncode": proc.returncode,
        "timed_out": timed_out,
        "duration_s": round(duration, 3),
        "tree_at_deadline": tree,
        "process_cap": {
            "how": "cgroup" if cgroup else "census",
            "refused_forks": _sandbox.refused_forks(cgroup),
            "killed_at_cap": capped,
        },
        "peak_rss_kib": _peak_rss_kib(),
        "files_left": sorted(os.listdir(folder))[:50],
        "limits": caps.to_json(),
        "interactive": interactive,
    }


def _start(
    command: list[str],
    folder: Path,
    *,
    method: str | None,
    sleep_scale: float,
    caps: Limits,
    cgroup: str | None,
) -> subprocess.Popen[bytes]:
    """Start the program: injected like `program()`, stdin closed, output to files, no display."""
    env = injected_env(method=method, sleep_scale=sleep_scale, env=_sandbox.TERMINAL_LIKE)
    for name in _sandbox.NO_DISPLAY:
        env.pop(name, None)
    with open("out.txt", "wb") as out, open("err.txt", "wb") as err:
        proc = subprocess.Popen(
            command,
            cwd=folder,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            start_new_session=True,
            preexec_fn=_sandbox.confine(caps, cgroup),  # noqa: PLW1509 -- no threads here
        )
    note_started(proc.pid, env)
    return proc


def _wait(proc: subprocess.Popen[bytes], caps: Limits, cgroup: str | None) -> tuple[bool, list[Any], bool]:
    """Wait until the program ends: (timed out, its tree at the deadline, killed at the process cap)."""
    deadline = time.monotonic() + caps.deadline
    step = None if cgroup else CENSUS_EVERY  # no kernel event tells a process count: poll only then
    while True:
        remaining = deadline - time.monotonic()
        try:
            proc.wait(timeout=max(0.0, remaining if step is None else min(step, remaining)))
            return False, [], False
        except subprocess.TimeoutExpired:
            pass
        if remaining <= 0 or (step and _over_cap(proc.pid, caps)):
            tree = _witness.tree(proc.pid)
            _kill_tree(proc, tree)
            return remaining <= 0, tree, remaining > 0


def _over_cap(pid: int, caps: Limits) -> bool:
    """Whether the program's tree has more tasks (processes and threads) than the cap."""
    try:
        root = psutil.Process(pid)
        return sum(p.num_threads() for p in [root, *root.children(recursive=True)]) > caps.processes
    except psutil.Error:
        return False


def _kill_tree(proc: subprocess.Popen[bytes], tree: list[dict[str, Any]]) -> None:
    """SIGKILL the program's group and every process the census found, then reap the program."""
    with contextlib.suppress(OSError):  # the group may be gone already
        os.killpg(proc.pid, signal.SIGKILL)
    for pid in [p["pid"] for p in tree]:
        with contextlib.suppress(OSError):  # already gone
            os.kill(pid, signal.SIGKILL)
    proc.wait()


def _streams(scratch: Path) -> dict[str, Any]:
    """The program's stdout and stderr, the harness's pinned-method marks taken out of stderr."""
    out, err = _head(scratch / "out.txt"), _tail(scratch / "err.txt")
    lines = err.splitlines(keepends=True)
    pinned = [ln.split(":", 1)[1].strip() for ln in lines if ln.startswith("HARNESS-PINNED:")]
    stderr = "".join(ln for ln in lines if not ln.startswith("HARNESS-PINNED:"))
    return {"stdout": out, "stderr": stderr, "pinned": pinned[-1] if pinned else None}


def _head(path: Path) -> str:
    """The first KEEP characters of a stream, and the size of what was cut."""
    with path.open("rb") as f:
        data = f.read(KEEP + 1)
        size = f.seek(0, os.SEEK_END)
    text = data[:KEEP].decode("utf-8", "replace")
    return text + (f"\n[{size - KEEP} more bytes]" if size > KEEP else "")


def _tail(path: Path) -> str:
    """The last KEEP characters of a stream (a traceback ends it), and the size of what was cut."""
    with path.open("rb") as f:
        size = f.seek(0, os.SEEK_END)
        f.seek(max(0, size - KEEP))
        text = f.read().decode("utf-8", "replace")
    return (f"[{size - KEEP} bytes before]\n" if size > KEEP else "") + text


def _peak_rss_kib() -> int:
    """The largest resident set of any process of the program that was reaped (KiB, Linux)."""
    return int(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)


EXAMPLE = Probe(run_example)
