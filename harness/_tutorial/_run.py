"""Running an article's examples as printed, in the sandbox, through the probes' supervisor, and judging them.

    run_examples(document, examples, *, python=sys.executable, methods=METHODS, python27=None,
                 limits=Limits(), sleep_scale=SLEEP_SCALE) -> tuple[Outcome, ...]

Every example whose `uses` is non-empty runs as a whole program, unedited: the code of the examples
it `continues` (transitively, in document order, as a reader would paste them) and then its own, as
one file. A notebook's cells and a `>>>` transcript run as a kernel or a REPL would run them (a
`__main__` with no file, which a spawned child cannot import; values echoed), see `_probe.DRIVER`.
The start method and the sleep scale are injected as the catalog's `program()` does
(`harness/_inject/sitecustomize.py`).
Each run goes through `harness._runner.run_probe` (deadline, process-tree kill, leak census), one
Outcome per (example, method); an example in Python 2 also gets one Outcome from `python27` (method
None), or `not-applicable` without one. The catalog's `code.runs-*` probes, already supervised, run
each Program of `plan` with `run_here` instead of `run_supervised`: the same probe function called in
their own process, the same evidence, the same judge.
"""

from __future__ import annotations

import functools
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from harness._runner import Run, run_probe
from harness._tutorial._diagnose import Evidence
from harness._tutorial._examples import imports_only
from harness._tutorial._judge import Supervised, judge
from harness._tutorial._model import NOT_APPLICABLE, Document, Example, Outcome
from harness._tutorial._probe import PART_END, left_behind, run_example
from harness._tutorial._sandbox import Limits, pids_cgroup

# Tutorials sleep to show processes taking turns (`time.sleep(1)` between prints): a tenth keeps such a
# sleep (100 ms) longer than a spawned child's start (~70 ms here), so the order they show survives
# under spawn, while an article of ten examples with a few seconds of sleeps each stays quick.
SLEEP_SCALE = 0.1
WITNESS_GRACE = 10.0  # seconds past the program's deadline for the probe to witness and kill its tree
HARNESS_PARENT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
METHODS = ("fork", "spawn", "forkserver")
SESSIONS = frozenset({"pycon", "python-console", "doctest", "ipython-console"})  # `>>>` transcripts
LABEL = "import platform; print(platform.python_implementation().lower() + '-' + platform.python_version())"


class Program(NamedTuple):
    """One example as it runs: the script (its continued examples first) and where each line came from."""

    example: Example
    script: str
    parts: tuple[tuple[Example, int], ...]  # each example in the script, with its first line there
    interactive: str | None  # "cell" (a notebook's kernel) or "session" (a `>>>` REPL), else None: a file
    folded: bool  # the article lost its line breaks (plain text): its shown output did too


def plan(document: Document, examples: Sequence[Example]) -> tuple[Program, ...]:
    """The programs to run: each example that uses multiprocessing, after the examples it continues."""
    by_index = {e.index: e for e in examples}
    return tuple(_program(document, [by_index[i] for i in _chain(e, by_index)]) for e in examples if e.uses)


def _chain(example: Example, by_index: dict[int, Example]) -> list[int]:
    """The example and every example it continues, directly or not, in document order."""
    seen, todo = {example.index}, list(example.continues)
    while todo:
        index = todo.pop()
        if index in by_index and index not in seen:
            seen.add(index)
            todo += by_index[index].continues
    return sorted(seen)


def _program(document: Document, chain: list[Example]) -> Program:
    parts: list[tuple[Example, int]] = []
    lines: list[str] = []
    for ex in chain:
        parts.append((ex, len(lines) + 1))
        lines += ex.code.rstrip("\n").split("\n")
    script = "\n".join(lines) + "\n"
    return Program(
        chain[-1], script, tuple(parts), _interactive(document, chain[-1]), document.format == "text"
    )


def _interactive(document: Document, example: Example) -> str | None:
    """How the reader runs it: in a notebook's kernel, typed into a REPL, or saved as a file."""
    block = document.blocks[example.block] if example.block < len(document.blocks) else None
    if document.format == "notebook" or (block is not None and block.cell is not None):
        return "cell"
    return "session" if block is not None and block.language in SESSIONS else None


def shown(program: Program) -> str | None:
    """What the article shows the program printing: a cell's own output; a script's, with its chain's."""
    if program.interactive:
        return program.example.shown
    said = [ex.shown for ex, _ in program.parts if ex.shown]
    return "".join(s if s.endswith("\n") else s + "\n" for s in said) if program.example.shown else None


def needs_imports(program: Program) -> tuple[str, ...]:
    """What a script's example takes from the examples before it, when that is only their imports."""
    if program.interactive or len(program.parts) < 2:
        return ()
    return imports_only(program.example.code, [ex.code for ex, _ in program.parts[:-1]])


def reached(program: Program, stdout: str) -> bool:
    """Whether the example's own code ran: in a kernel, the cell before it said it had finished."""
    before = len(program.parts) - 2
    return not program.interactive or before < 0 or f"{PART_END} {before}\n" in stdout


def own_output(program: Program, stdout: str) -> str:
    """What the example itself printed: a kernel's output after the cell before it ended; a script's all."""
    if not program.interactive:
        return stdout
    segments = re.split(rf"^{PART_END} \d+\n?", stdout, flags=re.MULTILINE)
    mine = len(program.parts) - 1
    return segments[mine] if mine < len(segments) else ""


def placer(program: Program) -> Callable[[int], str]:
    """A line of the program's script → where it is in the article: 'example 2, line 5'."""

    def place(line: int) -> str:
        ex, first = max(
            (p for p in program.parts if p[1] <= line), key=lambda p: p[1], default=program.parts[0]
        )
        return f"example {ex.index}, line {line - first + 1}"

    return place


def run_examples(
    document: Document,
    examples: Sequence[Example],
    *,
    python: str = sys.executable,
    methods: Sequence[str] = METHODS,
    python27: str | None = None,
    limits: Limits = Limits(),  # noqa: B008 -- a NamedTuple: immutable
    sleep_scale: float = SLEEP_SCALE,
) -> tuple[Outcome, ...]:
    """Run and judge every example that uses multiprocessing under each method (and Python 2.7)."""
    files = _article_files(document.path)
    outcomes: list[Outcome] = []
    for prog in plan(document, examples):
        runs = [(python, m) for m in methods] + (
            [(python27, None)] if prog.example.python2 and python27 else []
        )
        outcomes += [
            run_supervised(prog, py, m, limits=limits, scale=sleep_scale, files=files) for py, m in runs
        ]
        if prog.example.python2 and not python27:
            outcomes.append(_no_python27(prog.example))
    return tuple(outcomes)


def run_supervised(
    prog: Program, python: str, method: str | None, *, limits: Limits, scale: float, files: frozenset[str]
) -> Outcome:
    """One run through the probes' supervisor (deadline, tree kill, leak census), judged: `check`'s."""
    with pids_cgroup(limits.processes) as cgroup:
        run = run_probe(
            "harness._tutorial._probe",
            "EXAMPLE",
            method or "fork",
            deadline=limits.deadline + WITNESS_GRACE,
            catalog_parent=HARNESS_PARENT,
            args={**_args(prog, python, method, limits, scale), "cgroup": cgroup},
        )
    supervisor = {k: v for k, v in run.evidence().items() if k not in ("stdout_tail", "stderr_tail")}
    facts = run.facts or {}
    where = _Where(limits, scale, files)
    return _judged(
        prog, python, method, facts=facts, supervised=_supervised(run), supervisor=supervisor, where=where
    )


def run_here(
    prog: Program,
    python: str,
    method: str | None,
    *,
    limits: Limits = Limits(),  # noqa: B008 -- a NamedTuple: immutable
    scale: float = SLEEP_SCALE,
    files: frozenset[str] = frozenset(),
    env: dict[str, str] | None = None,
    provided: tuple[str, ...] = (),
) -> Outcome:
    """One run inside the probe calling it (the catalog's, whose supervisor bounds and reaps it too), judged.

    `env` is added to the program's environment, `provided` files are copied into its fresh folder;
    what the program left running when it ended is killed and judged as the supervisor's census would.
    """
    with (
        pids_cgroup(limits.processes) as cgroup,
        tempfile.TemporaryDirectory(prefix="mp-factcheck-") as scratch,
    ):
        args = {**_args(prog, python, method, limits, scale), "cgroup": cgroup}
        facts = run_example(None, **args, scratch=scratch, env=env, provided=provided)
        left = left_behind(facts["pid"], cgroup)
    supervisor = {"status": "ok", "in_probe": True, "leaked": left}
    supervised, where = Supervised("ok", left, None), _Where(limits, scale, files)
    return _judged(
        prog, python, method, facts=facts, supervised=supervised, supervisor=supervisor, where=where
    )


class _Where(NamedTuple):
    """The run's setting, as the judge and the kept evidence need it."""

    limits: Limits
    scale: float
    files: frozenset[str]


def _args(prog: Program, python: str, method: str | None, limits: Limits, scale: float) -> dict[str, Any]:
    """The probe's arguments for one run of a program (the cgroup aside)."""
    return {
        "script": prog.script,
        "python": python,
        "method": method,
        "sleep_scale": scale,
        "limits": limits.to_json(),
        "interactive": prog.interactive,
        "starts": [first for _, first in prog.parts],
    }


def _judged(
    prog: Program,
    python: str,
    method: str | None,
    *,
    facts: dict[str, Any],
    supervised: Supervised,
    supervisor: dict[str, Any],
    where: _Where,
) -> Outcome:
    """One run's facts and the supervisor's view of it, judged (both ways of running end here)."""
    ev = _evidence(facts, prog, where.limits, where.files)._replace(
        python2=prog.example.python2 if method else None
    )
    return judge(
        prog.example,
        ev,
        supervised,
        python=interpreter(python),
        method=method,
        evidence=_kept(facts, supervisor, prog, where.scale),
    )


def _evidence(facts: dict[str, Any], prog: Program, limits: Limits, files: frozenset[str]) -> Evidence:
    cap = facts.get("process_cap", {})
    return Evidence(
        stdout=own_output(prog, facts.get("stdout", "")),
        stderr=facts.get("stderr", ""),
        returncode=facts.get("returncode"),
        timed_out=bool(facts.get("timed_out")),
        tree=facts.get("tree_at_deadline", []),
        refused_forks=cap.get("refused_forks"),
        killed_at_cap=bool(cap.get("killed_at_cap")),
        limits=facts.get("limits", limits.to_json()),
        peak_rss_kib=facts.get("peak_rss_kib", 0),
        python2=prog.example.python2,
        interactive=bool(prog.interactive),
        script=prog.script,
        place=placer(prog),
        article_files=files,
        pinned=facts.get("pinned"),
        shown=shown(prog),
        folded=prog.folded,
        reached=reached(prog, facts.get("stdout", "")),
        needs_imports=needs_imports(prog),
    )


def _supervised(run: Run) -> Supervised:
    leaked = [*run.report.get("leaked", []), *run.strays]
    error = f"{run.error.get('type')}: {run.error.get('message')}" if run.error else None
    return Supervised(run.status, leaked, error)


def _kept(facts: dict[str, Any], supervisor: dict[str, Any], prog: Program, scale: float) -> dict[str, Any]:
    """The run as plain JSON for the page: the program's facts, the script, the supervisor's view."""
    stdout = facts.get("stdout", "")
    mine = {"stdout": own_output(prog, stdout)}  # beside the article's: what the example itself printed
    whole = {"stdout_all": re.sub(rf"^{PART_END} \d+\n?", "", stdout, flags=re.MULTILINE)}
    return {
        **facts,
        **mine,
        **(whole if prog.interactive else {}),  # a kernel's run: the earlier cells' output too
        "sleep_scale": scale,
        "script": prog.script,
        "continues": [ex.index for ex, _ in prog.parts[:-1]],
        "supervisor": supervisor,
    }


def _no_python27(example: Example) -> Outcome:
    words = f"Python 2 code ({example.python2}): no Python 2.7 here to run it"
    return Outcome(example.index, "cpython-2.7", None, NOT_APPLICABLE, words, "python2", {})


@functools.cache
def interpreter(python: str) -> str:
    """'cpython-3.12.1' for an interpreter's path, as it says itself."""
    try:
        done = subprocess.run([python, "-c", LABEL], capture_output=True, text=True, timeout=30, check=True)
    except (OSError, subprocess.SubprocessError):
        return os.path.basename(python)
    return done.stdout.strip()


def _article_files(path: str) -> frozenset[str]:
    """The names beside the article: data files its examples may read (the sandbox does not copy them)."""
    try:
        return frozenset(os.listdir(os.path.dirname(os.path.abspath(path))))
    except OSError:
        return frozenset()
