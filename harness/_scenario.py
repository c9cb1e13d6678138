"""The scenario process: imports one case module and runs its probe with one start method.

It runs in a process no earlier probe touched (forked from a fresh supervisor, or started on its
own where there is no fork), writes the facts as JSON, then exits the way a main program does.
"""

from __future__ import annotations

import atexit
import importlib
import json
import os
import sys
import traceback
import types
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

if TYPE_CHECKING:
    from collections.abc import Sequence

FACTS = "facts.json"
STDOUT = "stdout.txt"
STDERR = "stderr.txt"


def run(spec: dict[str, Any]) -> NoReturn:
    """Run the probe named by `spec` and exit; never returns."""
    workdir = Path(spec["workdir"])
    _detach(workdir)
    starts = _count_starts()
    try:
        outcome: dict[str, Any] = {"facts": _observe(spec)}
    except BaseException as exc:
        outcome = {"error": _describe(exc)}
    _program_counts()
    _write(workdir / FACTS, {**outcome, "starts": starts})
    _exit_like_main()


def _detach(workdir: Path) -> None:
    """Own process group, own output files, the probe's scratch folder as cwd."""
    if hasattr(os, "setpgid"):
        os.setpgid(0, 0)  # the probe may signal its own group; that must not reach the supervisor
    for fd, name in ((1, STDOUT), (2, STDERR)):
        target = os.open(workdir / name, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        os.dup2(target, fd)
        os.close(target)
    os.chdir(workdir)


def _observe(spec: dict[str, Any]) -> dict[str, Any]:
    """Import the case, run its probe, and check that the facts are plain JSON."""
    import multiprocessing

    _blank_main()
    sys.path.insert(0, spec["catalog_parent"])
    case = getattr(importlib.import_module(spec["module"]), spec["name"])
    facts = case.probe(multiprocessing.get_context(spec["method"]), **spec.get("args", {}))
    if not isinstance(facts, dict):
        raise TypeError(f"a probe returns a dict of facts, not {type(facts).__name__}")
    json.dumps(facts, allow_nan=False)  # non-JSON evidence is the probe's error, raised here
    return facts


def _count_starts() -> dict[str, int]:
    """Count the processes this probe starts: by start method, helpers, whole programs (for the benchmark)."""
    from multiprocessing import process, util

    from harness import _program
    from harness._supervisor import HELPERS

    counts: dict[str, int] = {}
    start, spawnv_passfds = process.BaseProcess.start, util.spawnv_passfds

    def counted_start(self: process.BaseProcess) -> None:
        _count(counts, getattr(self, "_start_method", None) or "default")
        start(self)

    def counted_spawnv_passfds(path: bytes, args: Sequence[Any], passfds: Sequence[int]) -> int:
        command = " ".join(os.fsdecode(a) if isinstance(a, bytes) else str(a) for a in args)
        helper = next((h for h in HELPERS if h in command), None)
        if helper:  # a spawned child's own interpreter is counted by its start method above
            _count(counts, HELPERS[helper])
        return spawnv_passfds(path, args, passfds)

    process.BaseProcess.start = counted_start  # type: ignore[method-assign]
    util.spawnv_passfds = counted_spawnv_passfds
    _program.STARTED.append(counts)
    return counts


def _program_counts() -> None:
    """What the probe's whole programs started, as their interpreters noted it (never fails the probe)."""
    import contextlib

    from harness import _program

    with contextlib.suppress(OSError):  # a probe that removed its scratch folder: left uncounted
        _program.add_program_counts()


def _count(counts: dict[str, int], kind: str) -> None:
    counts[kind] = counts.get(kind, 0) + 1


def _blank_main() -> None:
    """Give the probe an empty `__main__`, as a REPL has: spawned children then re-import no harness code.

    Claims about a program's own `__main__` run whole programs (`harness.program`), not this process.
    """
    main = types.ModuleType("__main__")
    main.__spec__ = None
    sys.modules["__main__"] = main


def _describe(exc: BaseException) -> dict[str, str]:
    return {
        "type": type(exc).__name__,
        "message": str(exc)[:2000],
        "traceback": "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))[-4000:],
    }


def _write(path: Path, outcome: dict[str, Any]) -> None:
    partial = path.with_suffix(".tmp")
    partial.write_text(json.dumps(outcome, allow_nan=False, default=repr), encoding="utf-8")
    os.replace(partial, path)


def _exit_like_main() -> NoReturn:
    """Run exit handlers (multiprocessing joins its children there), flush, and leave."""
    code = 0
    try:
        atexit._run_exitfuncs()
    except BaseException:
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            code = 1
    os._exit(code)


if __name__ == "__main__":
    run(json.loads(sys.argv[1]))
