"""Running one probe from the harness: a supervised process with a deadline, and a sweep after it."""

from __future__ import annotations

import atexit
import contextlib
import functools
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil

from harness._machine import load, snapshot, wait_for_quiet
from harness._scenario import FACTS, STDERR, STDOUT
from harness._supervisor import REPORT, describe
from harness._template import Template

BACKSTOP = 10.0  # seconds past the probe's deadline before the supervisor itself is presumed hung
TAIL = 4000  # characters of each output stream kept as evidence
TOKEN = "HARNESS_PROBE_TOKEN"
USE_TEMPLATE = sys.platform.startswith("linux")  # elsewhere each supervisor is a fresh interpreter
_TEMPLATES: list[tuple[Template, str]] = []  # this process's template, and the token it carries


@dataclass
class Run:
    """What one supervised probe run produced: facts or an error, and what the OS saw."""

    status: str  # "ok", "error", "crashed", "timeout", "lost"
    facts: dict[str, Any] | None = None
    error: dict[str, str] | None = None
    report: dict[str, Any] = field(default_factory=dict)
    strays: list[dict[str, Any]] = field(default_factory=list)
    stdout: str = ""
    stderr: str = ""
    duration_s: float = 0.0
    starts: dict[str, int] = field(default_factory=dict)
    machine: dict[str, Any] | None = None  # what else the machine did meanwhile (see _machine)
    earlier: list[dict[str, Any]] = field(default_factory=list)  # attempts set aside as disturbed

    @property
    def disturbed(self) -> bool:
        """Whether other work on the machine took CPU time from the run."""
        return bool(self.machine and self.machine["disturbed"])

    def evidence(self) -> dict[str, Any]:
        """The run as the results file keeps it."""
        keep = (
            "exitcode",
            "duration_s",
            "scenario_s",
            "cpu_s",
            "subreaper",
            "leaked",
            "helpers",
            "tree_at_deadline",
        )
        return {
            "status": self.status,
            **({"error": self.error} if self.error else {}),
            **{k: self.report[k] for k in keep if k in self.report},
            **({"strays": self.strays} if self.strays else {}),
            "starts": self.starts,
            **({"machine": self.machine} if self.machine else {}),
            **({"earlier_attempts": self.earlier} if self.earlier else {}),
            "stdout_tail": self.stdout,
            "stderr_tail": self.stderr,
        }


def run_undisturbed(
    attempts: int, module: str, name: str, method: str, *, deadline: float, catalog_parent: str
) -> Run:
    """Run a timing probe again while others disturbed it, up to `attempts` runs; set-aside runs are kept."""
    probe = functools.partial(
        run_probe, module, name, method, deadline=deadline, catalog_parent=catalog_parent
    )
    run, earlier = probe(), list[dict[str, Any]]()
    while run.status == "ok" and run.disturbed and len(earlier) + 1 < attempts:  # a hang is not re-run
        waited = wait_for_quiet()  # a burst of other work often outlasts one run; let it pass first
        earlier.append({"facts": run.facts, "machine": run.machine, "then_waited_s": waited})
        run = probe()
    run.earlier = earlier
    return run


def run_probe(
    module: str,
    name: str,
    method: str,
    *,
    deadline: float,
    catalog_parent: str,
    args: dict[str, Any] | None = None,
) -> Run:
    """Run `module.name`'s probe with `method` in a fresh supervised process; always returns.

    `args` (plain JSON) become the probe's keyword arguments, after its context.
    """
    token = uuid.uuid4().hex
    with _scratch() as workdir:
        spec = {
            "module": module,
            "name": name,
            "method": method,
            "deadline": deadline,
            "workdir": str(workdir),
            "catalog_parent": catalog_parent,
            **({"args": args} if args else {}),
        }
        started, before = time.monotonic(), snapshot()
        finished, strays = _supervise(spec, _probe_env(token), deadline + BACKSTOP)
        run = _read(workdir, finished)
        run.machine = load(before, snapshot(), _probe_cpu(run.report))
        if not (USE_TEMPLATE and finished and run.report.get("subreaper")):
            # a subreaper supervisor that ended by itself killed what was below it, and the template
            # (a subreaper too) reaped any rest; otherwise search the machine for the token (~5 ms)
            strays += sweep(token, *(t for _, t in _TEMPLATES))
    run.strays = strays
    run.duration_s = round(time.monotonic() - started, 4)
    return run


def _probe_cpu(report: dict[str, Any]) -> float | None:
    """CPU seconds of the supervisor and everything it reaped; None if it did not say."""
    tree, own = report.get("cpu_s"), report.get("supervisor_cpu_s")
    return None if tree is None or own is None else float(tree) + float(own)


def _supervise(spec: dict[str, Any], env: dict[str, str], limit: float) -> tuple[bool, list[Any]]:
    """Run a supervisor and wait: (ended by itself within `limit`, strays found on the way)."""
    if not USE_TEMPLATE:
        return _fresh_supervisor(spec, env, limit), []
    try:
        return _template().run(spec, env, limit)
    except EOFError:  # the template died with the supervisor: the files it left are all there is
        return True, []


def _template() -> Template:
    """The template of this process, started on first use (again if it died)."""
    if not _TEMPLATES or not _TEMPLATES[0][0].alive():
        token = uuid.uuid4().hex
        _TEMPLATES[:] = [(Template(_probe_env(token)), token)]
        atexit.register(_TEMPLATES[0][0].close)
    return _TEMPLATES[0][0]


def _fresh_supervisor(spec: dict[str, Any], env: dict[str, str], limit: float) -> bool:
    """Start the supervisor as a new interpreter in a session of its own; False if it had to be killed."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "harness._supervisor", json.dumps({**spec, "harness_pid": os.getpid()})],
        env=env,
        start_new_session=True,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=open(Path(spec["workdir"]) / "supervisor.txt", "wb"),  # noqa: SIM115 -- the child owns it
    )
    try:
        proc.wait(timeout=limit)
    except BaseException:
        _stop(proc)
        if sys.exc_info()[0] is not subprocess.TimeoutExpired:
            raise
        return False
    return True


def _probe_env(token: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONOPTIMIZE", "PYTHONINSPECT")}
    return {**env, TOKEN: token}  # no -O: probes observe assert-based errors (group, join, daemon)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    """SIGTERM first (the supervisor kills its tree), then SIGKILL to its group."""
    with contextlib.suppress(OSError):
        proc.terminate()
    try:
        proc.wait(timeout=3)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(OSError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def sweep(*tokens: str) -> list[dict[str, Any]]:
    """Find, describe and kill every process that carries one of these tokens (escaped or not)."""
    spare = {t.proc.pid for t, _ in _TEMPLATES}  # only what the template forked is swept, not itself
    found = [p for p in psutil.process_iter() if p.pid not in spare and _carries(p, tokens)]
    described = [d for p in found if (d := describe(p))]
    for p in found:
        with contextlib.suppress(psutil.Error):
            p.kill()
    psutil.wait_procs(found, timeout=5)
    return described


def _carries(p: psutil.Process, tokens: tuple[str, ...]) -> bool:
    try:
        return p.environ().get(TOKEN) in tokens
    except psutil.Error:
        return False  # gone, a zombie, or not ours to read


def _read(workdir: Path, finished: bool) -> Run:
    """Turn the files the supervisor and the scenario left into a Run."""
    report = _load(workdir / REPORT) or {}
    outcome = _load(workdir / FACTS) or {}
    if not finished or report.get("status") == "timeout":
        run = Run("timeout", outcome.get("facts"), outcome.get("error"), report)
    elif "facts" in outcome:
        run = Run("ok", outcome["facts"], None, report, starts=outcome.get("starts", {}))
    elif "error" in outcome:
        run = Run("error", None, outcome["error"], report)
    else:
        run = Run("crashed", None, {"type": "NoFacts", "message": _no_facts(report, workdir)}, report)
    run.stdout, run.stderr = _tail(workdir / STDOUT), _tail(workdir / STDERR)
    return run


def _no_facts(report: dict[str, Any], workdir: Path) -> str:
    if not report:
        return f"the supervisor wrote no report: {_tail(workdir / 'supervisor.txt')[-500:]}"
    return f"the probe process exited with {report.get('exitcode')} before writing its facts"


def _load(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _tail(path: Path) -> str:
    """The last TAIL characters of a file the probe may have flooded (read from the end)."""
    try:
        with path.open("rb") as f:
            size = f.seek(0, os.SEEK_END)
            f.seek(max(0, size - TAIL))
            text = f.read().decode("utf-8", "replace")
    except OSError:
        return ""
    return (f"[{size - TAIL} bytes before]\n" if size > TAIL else "") + text


@contextlib.contextmanager
def _scratch() -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="mp-probe-"))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)
