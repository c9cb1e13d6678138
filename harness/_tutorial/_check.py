"""The check of whole articles: read → find examples → run them on each Python → the checked articles."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from json import JSONDecodeError, dumps, loads
from pathlib import Path
from typing import Any, NamedTuple, Protocol

import harness
from harness._program import find_python
from harness._tutorial._examples import find_examples
from harness._tutorial._model import HOLDS, Checked, Document, Example, Outcome, ReadError
from harness._tutorial._page import render_html, render_markdown
from harness._tutorial._read import read
from harness._tutorial._record import from_json, merge, to_json
from harness._tutorial._run import run_examples
from harness._tutorial._sandbox import Limits

DEADLINE = Limits().deadline  # seconds a run may take before its whole tree is killed
# exit statuses of `python -m harness check`
OK, NOT_ALL_HOLD, TROUBLE = 0, 1, 2  # 2, as argparse's usage errors: the check could not do what was asked


class Runner(Protocol):
    """How examples are run and judged: `run_examples` of `_run.py`."""

    def __call__(
        self,
        document: Document,
        examples: Sequence[Example],
        *,
        python: str,
        methods: Sequence[str],
        python27: str | None,
    ) -> tuple[Outcome, ...]:
        """The judged outcomes of `examples` on `python` under each method (and on `python27`)."""
        ...


class Steps(NamedTuple):
    """The pipeline's steps; tests give their own."""

    read: Callable[[str], Document]
    find: Callable[[Document], tuple[Example, ...]]
    run: Runner


class Plan(NamedTuple):
    """Where to run: the interpreters (executables), the start methods, a Python 2.7 for Python 2 code."""

    pythons: tuple[str, ...]
    methods: tuple[str, ...]
    python27: str | None
    deadline: float = DEADLINE


def default_steps(deadline: float = DEADLINE) -> Steps:
    """The real reader, example finder and runner (with the sandbox's caps, the deadline as given)."""
    limits = Limits(deadline=deadline)

    # ANN401: the Runner's keywords (python, methods, python27), passed on as they came
    def run(document: Document, examples: Sequence[Example], **where: Any) -> tuple[Outcome, ...]:  # noqa: ANN401
        return run_examples(document, examples, limits=limits, **where)

    return Steps(read, find_examples, run)


def check(paths: Iterable[str], plan: Plan, steps: Steps | None = None) -> Iterator[Checked]:
    """Each article checked in turn; one that cannot be read is a Checked with its error, and on it goes."""
    steps = steps or default_steps(plan.deadline)
    for path in paths:
        yield check_one(path, plan, steps)


def check_one(path: str, plan: Plan, steps: Steps) -> Checked:
    """Read one article, find its examples and run them on each Python of the plan."""
    try:
        document = steps.read(path)
    except ReadError as exc:
        return Checked(path, None, (), (), str(exc))
    examples = steps.find(document)
    if not examples:
        return Checked(path, None, (), (), f"{path}: no Python code examples in it")
    return Checked(path, document, examples, _run(document, examples, plan, steps.run))


def _run(document: Document, examples: tuple[Example, ...], plan: Plan, run: Runner) -> tuple[Outcome, ...]:
    """The outcomes on every Python; Python 2 code runs on the Python 2.7 once, with the first."""
    outcomes: list[Outcome] = []
    for i, python in enumerate(plan.pythons):
        python27 = plan.python27 if i == 0 else None
        found = run(document, examples, python=python, methods=plan.methods, python27=python27)
        outcomes += found if i == 0 else [o for o in found if o.method is not None]  # 2.7's: the first's
    return tuple(outcomes)


def status(checked: Sequence[Checked], *, strict: bool) -> int:
    """TROUBLE if an article could not be checked, else NOT_ALL_HOLD with --strict if any example fails."""
    if any(c.error for c in checked):
        return TROUBLE
    if strict and any(o.verdict != HOLDS for c in checked for o in c.outcomes):
        return NOT_ALL_HOLD
    return OK


def plan(specs: Sequence[str], methods: Sequence[str], deadline: float = DEADLINE) -> Plan:
    """Resolve `--python` (paths, versions); a Python 2 given, or else found here, runs Python 2 code."""
    majors = {path: _major(path) for path in map(interpreter, specs)} or {sys.executable: 3}
    broken = [path for path, major in majors.items() if major is None]
    if broken:
        raise ValueError(f"--python {broken[0]}: it does not run")
    twos = [path for path, major in majors.items() if major == 2]
    threes = tuple(path for path, major in majors.items() if major != 2)
    if not threes:
        raise ValueError("--python: give at least one Python 3 (a Python 2.7 only runs Python 2 examples)")
    fallback = find_python("2.7")
    python27 = twos[0] if twos else fallback if fallback and _major(fallback) == 2 else None
    return Plan(threes, tuple(methods), python27, deadline)


def interpreter(spec: str) -> str:
    """An executable path as given, or the interpreter of a version ("3.12") found as the catalog finds it."""
    if os.sep in spec or os.path.isfile(spec):
        if not os.access(spec, os.X_OK):
            raise ValueError(f"--python {spec}: not an executable file")
        return os.path.abspath(spec)
    found = find_python(spec)
    if found is None:
        raise ValueError(f"--python {spec}: no such Python found (in pyenv or on PATH)")
    return found


def _major(python: str) -> int | None:
    """The interpreter's major version, or None when it does not run."""
    try:
        done = subprocess.run(
            [python, "-c", "import sys; print(sys.version_info[0])"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return int(done.stdout) if done.returncode == 0 and done.stdout.strip().isdigit() else None


def write(
    checked: Sequence[Checked], *, html: Path | None, json: Path | None, markdown: Path | None
) -> list[Path]:
    """Write what was asked for: a page per readable article, the JSON file, the Markdown summary."""
    written = []
    if html is not None:
        pages = page_names([c.path for c in checked if c.document])
        written += [_write(html / pages[c.path], render_html(c)) for c in checked if c.document]
    if json is not None:
        data = to_json(checked, harness.__version__)
        written.append(_write(json, dumps(data, ensure_ascii=False, indent=1)))
    if markdown is not None:
        written.append(_write(markdown, render_markdown(checked)))
    return written


def page_names(paths: Sequence[str]) -> dict[str, str]:
    """`<stem>.html` per article; a second article of the same stem (in another folder) is `<stem>-2.html`."""
    names: dict[str, str] = {}
    for path in paths:
        stem, n = Path(path).stem, 1
        while f"{stem}{f'-{n}' if n > 1 else ''}.html" in names.values():
            n += 1
        names[path] = f"{stem}{f'-{n}' if n > 1 else ''}.html"
    return names


def load(paths: Sequence[Path]) -> tuple[Checked, ...]:
    """The articles of several check files (one per Python, say), merged; a bad file is a ValueError."""
    files = []
    for path in paths:
        try:
            data = loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, JSONDecodeError) as exc:
            raise ValueError(f"{path}: cannot read it as JSON: {exc}") from None
        files.append(from_json(data, str(path)))
    return merge(files)


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
