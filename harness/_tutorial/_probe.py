"""The scenario's side of an example run: the program started in the sandbox, waited for, witnessed.

The supervisor calls `EXAMPLE.probe(mp, **args)` in a fresh scenario process (see `harness._runner`),
with the arguments `harness._tutorial._run` passes; the facts it returns are plain JSON.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import resource
import selectors
import shutil
import signal
import subprocess
import time
from pathlib import Path
from typing import Any, NamedTuple

import psutil

from harness._program import injected_env, note_started
from harness._supervisor import HELPER_GRACE, classify, describe
from harness._tutorial import _sandbox, _witness
from harness._tutorial._sandbox import Limits

SYS_PIDFD_OPEN = 434  # the same number on every Linux architecture (added after the tables were unified)
KEEP = 64 * 1024  # characters of each stream kept in the facts (tutorials print far less)
CENSUS_EVERY = 0.05  # seconds between counts of the tree, only where no pids cgroup caps it
EXIT_GRACE = 2.0  # seconds to read what the program's children print after it has exited (the supervisor's
# own grace for helpers to leave, harness._supervisor.HELPER_GRACE, is as long)


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
    scratch: str | None = None,
    env: dict[str, str] | None = None,
    provided: tuple[str, ...] = (),
) -> dict[str, Any]:
    """Run `script` as a whole program under `python` in the sandbox, until it ends or the deadline.

    Its folder is fresh: empty but for copies of the `provided` files (data the caller made for it);
    `env` is added to the sandbox's environment; `scratch` is where both go (default: the cwd).
    """
    del mp  # the program picks its start method from the environment, as the catalog's programs do
    caps, scratch_dir = Limits(**limits), Path(scratch) if scratch else Path.cwd()
    (scratch_dir / "example.py").write_text(script, encoding="utf-8")
    folder = scratch_dir / "cwd"  # fresh: the article's data files are not here, only what was provided
    folder.mkdir()
    for path in provided:
        shutil.copy(path, folder)
    path = str(scratch_dir / "example.py")
    command = (
        [python, "-c", DRIVER, path, interactive, ",".join(map(str, starts))]
        if interactive
        else [python, path]
    )
    started = time.monotonic()
    proc = _start(command, folder, method=method, sleep_scale=sleep_scale, caps=caps, cgroup=cgroup, env=env)
    output = _Output()
    timed_out, tree, capped = _wait(proc, caps, cgroup, output)
    duration = time.monotonic() - started
    return {
        **output.facts(),
        "pid": proc.pid,
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
        "provided": [os.path.basename(p) for p in provided],
        "env_added": env or {},
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
    env: dict[str, str] | None,
) -> subprocess.Popen[bytes]:
    """Start the program: injected like `program()`, stdin closed, output to pipes, no display, own TMPDIR."""
    env = injected_env(method=method, sleep_scale=sleep_scale, env={**_sandbox.TERMINAL_LIKE, **(env or {})})
    for name in _sandbox.NO_DISPLAY:
        env.pop(name, None)
    (folder.parent / "tmp").mkdir()
    env["TMPDIR"] = str(folder.parent / "tmp")  # its temporary files go with the run's scratch folder
    proc = subprocess.Popen(
        command,
        cwd=folder,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        preexec_fn=_sandbox.confine(caps, cgroup),  # noqa: PLW1509 -- the scenario runs no threads
    )
    note_started(proc.pid, env)
    return proc


class _Output:
    """The program's two streams as a terminal would show them, kept bounded: stdout's head, stderr's tail."""

    def __init__(self) -> None:
        self.out, self.err, self.sizes = bytearray(), bytearray(), [0, 0]

    def add(self, which: int, chunk: bytes) -> None:
        """Keep the first KEEP bytes of stdout (0) and the last KEEP of stderr (1)."""
        self.sizes[which] += len(chunk)
        if which == 0:
            self.out += chunk[: max(0, KEEP - len(self.out))]
        else:
            self.err = (self.err + chunk)[-KEEP:]

    def facts(self) -> dict[str, Any]:
        """Both streams as text, the harness's pinned-method marks taken out of stderr."""
        cut = self.sizes[0] - len(self.out)
        stdout = self.out.decode("utf-8", "replace") + (f"\n[{cut} more bytes]" if cut else "")
        lines = self.err.decode("utf-8", "replace").splitlines(keepends=True)
        pinned = [ln.split(":", 1)[1].strip() for ln in lines if ln.startswith("HARNESS-PINNED:")]
        stderr = "".join(ln for ln in lines if not ln.startswith("HARNESS-PINNED:"))
        return {"stdout": stdout, "stderr": stderr, "pinned": pinned[-1] if pinned else None}


def _wait(
    proc: subprocess.Popen[bytes], caps: Limits, cgroup: str | None, output: _Output
) -> tuple[bool, list[Any], bool]:
    """Read the output until the program ends: (timed out, its tree at the deadline, killed at the cap)."""
    deadline = time.monotonic() + caps.deadline
    streams = [s for s in (proc.stdout, proc.stderr) if s is not None]  # both: Popen made them pipes
    with selectors.DefaultSelector() as watch:
        for which, stream in enumerate(streams):
            watch.register(stream.fileno(), selectors.EVENT_READ, which)
        watch.register(_pidfd(proc.pid), selectors.EVENT_READ, "exit")
        capped = _pump(watch, output, deadline, census=None if cgroup else (proc.pid, caps))
        for key in list(watch.get_map().values()):
            _close(watch, key)
    for stream in streams:
        stream.close()
    return _end(proc, deadline, capped)


def _pidfd(pid: int) -> int:
    """A descriptor that turns readable when `pid` ends (PyPy has no os.pidfd_open: ask the kernel)."""
    if hasattr(os, "pidfd_open"):
        return os.pidfd_open(pid)
    fd = int(ctypes.CDLL(None, use_errno=True).syscall(SYS_PIDFD_OPEN, pid, 0))
    if fd < 0:
        raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()))
    return fd


def _pump(
    watch: selectors.BaseSelector, output: _Output, deadline: float, census: tuple[int, Limits] | None
) -> bool:
    """Take output and the exit as they come; whether the census found the tree past the cap.

    As in a terminal, what the program's children print after it has exited still shows, for
    EXIT_GRACE; a process still holding the streams then is the supervisor's to report as left behind.
    """
    exited: float | None = None
    while len(watch.get_map()) > (exited is None):  # a pipe is open (the pidfd goes at the exit)
        limit = deadline if exited is None else min(deadline, exited + EXIT_GRACE)
        if time.monotonic() >= limit:
            return False
        step = CENSUS_EVERY if census else limit - time.monotonic()  # no event tells a process count
        for key, _ in watch.select(max(0.0, step)):
            exited = _take(watch, key, output) or exited
        if census and _over_cap(*census):
            return True
    return False


def _take(watch: selectors.BaseSelector, key: selectors.SelectorKey, output: _Output) -> float | None:
    """Read what is ready: output, or the program's exit (its time)."""
    if key.data == "exit":
        _close(watch, key)
        return time.monotonic()
    chunk = os.read(key.fd, 65536)
    if chunk:
        output.add(key.data, chunk)
    else:
        _close(watch, key)
    return None


def _close(watch: selectors.BaseSelector, key: selectors.SelectorKey) -> None:
    watch.unregister(key.fd)
    if key.data == "exit":
        os.close(key.fd)  # the pidfd is ours; the pipes close with the Popen's files


def _end(proc: subprocess.Popen[bytes], deadline: float, capped: bool) -> tuple[bool, list[Any], bool]:
    """The program reaped by the deadline; else (or at the cap) its tree as the OS sees it, then killed."""
    if not capped:
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=max(0.0, deadline - time.monotonic()))
    if proc.poll() is not None:
        return False, [], False
    tree = _witness.tree(proc.pid)
    _kill_tree(proc, tree)
    return not capped, tree, capped


def _over_cap(pid: int, caps: Limits) -> bool:
    """Whether the program's tree has more tasks (processes and threads) than the cap."""
    try:
        root = psutil.Process(pid)
        return sum(p.num_threads() for p in [root, *root.children(recursive=True)]) > caps.processes
    except psutil.Error:
        return False


def left_behind(pid: int, cgroup: str | None) -> list[dict[str, Any]]:
    """What the program left running once it ended (in its session or its cgroup), killed.

    As the supervisor does after a probe: HELPER_GRACE for everything to end, then one resource
    tracker or fork server is multiprocessing's own helper, anything else a leak.
    """
    caged = _sandbox.members(cgroup)
    procs = [p for p in psutil.process_iter() if _left(p, pid, caged)]
    _, alive = psutil.wait_procs(procs, timeout=HELPER_GRACE if procs else 0)
    census = [info for p in alive if (info := describe(p))]
    for p in alive:
        with contextlib.suppress(psutil.Error):  # gone meanwhile
            p.kill()
    psutil.wait_procs(alive, timeout=HELPER_GRACE)  # SIGKILL is delivered, not waited for
    return classify(census)["leaked"]


def _left(p: psutil.Process, sid: int, caged: set[int]) -> bool:
    with contextlib.suppress(psutil.Error, OSError):  # gone meanwhile, or not ours to see
        return (p.pid in caged or os.getsid(p.pid) == sid) and p.status() != psutil.STATUS_ZOMBIE
    return False


def _kill_tree(proc: subprocess.Popen[bytes], tree: list[dict[str, Any]]) -> None:
    """SIGKILL the program's group and every process the census found, then reap the program."""
    with contextlib.suppress(OSError):  # the group may be gone already
        os.killpg(proc.pid, signal.SIGKILL)
    for pid in [p["pid"] for p in tree]:
        with contextlib.suppress(OSError):  # already gone
            os.kill(pid, signal.SIGKILL)
    proc.wait()


def _peak_rss_kib() -> int:
    """The largest resident set of any process of the program that was reaped (KiB, Linux)."""
    return int(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)


EXAMPLE = Probe(run_example)
