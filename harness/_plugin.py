"""The pytest plugin: case modules become items, one per (claim, start method), and a results file."""

from __future__ import annotations

import os
import re
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psutil
import pytest

from harness import __version__
from harness._catalog import (
    CatalogError,
    Library,
    case_problems,
    ensure_importable,
    import_cases,
    module_name,
    read_library,
)
from harness._claims import Case
from harness._environment import METHODS, Environment, Where, current
from harness._exclusive import hold
from harness._journal import append, begin, finish, journal_path, now, read_base
from harness._judging import Result, conclude, mismatch
from harness._matrix import render
from harness._results import ResultsError, coverage
from harness._runner import run_undisturbed
from harness._signals import Interrupts, held

RESULT_KEY = "harness_result"
ATTEMPTS = 3  # runs of a timing probe before a machine busy with other work makes it inconclusive


def pytest_addoption(parser: pytest.Parser) -> None:
    """The plugin's options."""
    parser.addini("harness_catalog", "folder of case modules (with CLAIMS.md and articles/)", default="")
    group = parser.getgroup("mp-factcheck", "multiprocessing fact-checker")
    group.addoption("--catalog", help="folder of case modules; overrides the harness_catalog ini value")
    group.addoption("--results", help="results file to write (default: results/<env-id>.json)")
    group.addoption("--methods", default=",".join(METHODS), help="start methods to run, comma-separated")
    group.addoption(
        "--fresh",
        action="store_true",
        help="start the results file over (by default a run replaces only the items it runs)",
    )


def pytest_configure(config: pytest.Config) -> None:
    """Activate the fact-checker when a catalog is named."""
    config.addinivalue_line("markers", "exclusive: a timing claim that runs with no other probe beside it")
    folder = config.getoption("catalog") or config.getini("harness_catalog")
    if folder and _asked_for((config.rootpath / folder).resolve(), config):
        config.option.continue_on_collection_errors = True  # one broken module must not stop the others
        _hand_out_one_by_one(config)
        config.pluginmanager.register(FactCheck(config, (config.rootpath / folder).resolve()), "mp-factcheck")


def _hand_out_one_by_one(config: pytest.Config) -> None:
    """With xdist's `load` scheduling: hand the items out one at a time, in `schedule`'s order."""
    # by default `load` first sends each worker a quarter of its share, consecutive items: the longest
    # all went to one worker, which still held shared items when the other reached the timing claims
    if getattr(config.option, "dist", "no") == "load" and getattr(config.option, "maxschedchunk", 0) is None:
        config.option.maxschedchunk = 1


def _asked_for(catalog: Path, config: pytest.Config) -> bool:
    """Whether this run collects the catalog (`pytest cases`, `pytest cases/pool.py -k fork`)."""
    paths = [Path(config.invocation_params.dir, a.split("::")[0]).resolve() for a in config.args]
    return any(p == catalog or catalog in p.parents for p in paths)


class FactCheck:
    """The session's state: the catalog, the environment, and the results as they arrive."""

    def __init__(self, config: pytest.Config, catalog: Path) -> None:
        self.config = config
        self.catalog = catalog
        self.env = current(__version__)
        self.methods = tuple(m for m in config.getoption("methods").split(",") if m)
        self.results: list[dict[str, Any]] = []
        self.claims: dict[str, dict[str, Any]] = {}
        self.errors: list[dict[str, str]] = []
        self._library: Library | None = None
        self._seen: dict[str, Path] = {}
        worker = getattr(config, "workerinput", None)
        self.worker = worker is not None
        self.worker_id: str = worker["workerid"] if worker else "main"
        self.run_id: str = worker["harness_run"] if worker else uuid.uuid4().hex
        self.journal = journal_path(self.results_path())
        self.recording = False  # the controller keeps a journal for this run (not with --collect-only)
        self.shown = False  # the matrix is on the terminal already (printed when interrupted)
        self.data: dict[str, Any] | None = None  # the results file as written at the end
        self.notes: list[str] = []
        self.interrupts = Interrupts()
        self._durations: dict[str, float] | None = worker.get("harness_durations") if worker else None
        ensure_importable(catalog)

    def library(self) -> Library:
        """The inventory and the articles, read once."""
        if self._library is None:
            self._library = read_library(self.catalog)
        return self._library

    def claim_seen(self, claim_id: str, path: Path) -> Path | None:
        """Where `claim_id` was first defined, if elsewhere (duplicate ids are errors)."""
        first = self._seen.setdefault(claim_id, path)
        return None if first == path else first

    def pytest_collect_file(self, file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
        """Case modules are the catalog's `*.py` files not starting with `_`."""
        if (
            file_path.suffix == ".py"
            and file_path.parent == self.catalog
            and not file_path.name.startswith("_")
        ):
            return CaseModule.from_parent(parent, path=file_path)
        return None

    @pytest.hookimpl(optionalhook=True)
    def pytest_configure_node(self, node: Any) -> None:  # noqa: ANN401 -- xdist's WorkerController
        """Tell each xdist worker which run its results belong to."""
        node.workerinput["harness_run"] = self.run_id
        node.workerinput["harness_durations"] = self.durations()  # one order for every worker

    def durations(self) -> dict[str, float]:
        """Each item's seconds in its last run, by item name, from the results file as it stands."""
        if self._durations is None:
            try:
                base = read_base(self.results_path()) or {}
            except ResultsError:  # the run stops on it with one line (sessionstart); no order from it
                base = {}
            results = base.get("results", [])
            self._durations = {f"{r['claim']}[{r['start_method']}]": r["duration_s"] for r in results}
        return self._durations

    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        """Longest first, timing claims last: no core idles at the end while the other has a long item."""
        items[:] = schedule(items, self.durations())

    @pytest.hookimpl(tryfirst=True)
    def pytest_sessionstart(self, session: pytest.Session) -> None:
        """Start the run's journal (folding what an interrupted run left); SIGTERM acts as Ctrl+C."""
        self.interrupts.install()
        if self.worker or self.config.option.collectonly:
            return
        try:
            self.notes = begin(self.results_path(), self._head(), fresh=self.config.getoption("fresh"))
        except ResultsError as exc:
            raise pytest.UsageError(str(exc)) from None
        self.recording = True

    def _head(self) -> dict[str, Any]:
        return {
            "kind": "run",
            "run": self.run_id,
            "started_at": now(),
            "env_id": self.env.env_id,
            "environment": self.env.to_json(),
            "harness_version": __version__,
            "args": list(self.config.invocation_params.args),
            "pid": os.getpid(),
            "pid_started": psutil.Process().create_time(),
        }

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        """Journal the items this process will run, so an interrupted run knows which never ran."""
        items = [[i.case.claim.id, i.method] for i in session.items if isinstance(i, ClaimItem)]
        if items and (self.worker or self.recording):
            append(self.journal, {"kind": "collected", "run": self.run_id, "items": items})

    def record(
        self, result: dict[str, Any], claim: dict[str, Any], timing: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """Stamp a judged result and make it durable before anything else happens to it."""
        stamped = {**result, "judged_at": now(), "harness_version": __version__, "run": self.run_id}
        if timing is not None:  # when the item ran, for the bench's timeline (never part of a verdict)
            stamped["timing"] = {**timing, "ended": _clock()}
        append(self.journal, {"kind": "result", "run": self.run_id, "result": stamped, "claim": claim})
        return stamped

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        """Keep collection errors for the results file."""
        if report.failed and not self.worker:
            self._error({"file": report.nodeid, "message": str(report.longrepr).strip()})

    def _error(self, error: dict[str, str]) -> None:
        self.errors.append(error)
        if self.recording:
            append(self.journal, {"kind": "error", "run": self.run_id, "error": error})

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        """Collect each item's result (also those that xdist workers send) for the terminal."""
        if self.worker:
            return
        if str(report.when) == "???" and (lost := _lost_item(report)):  # xdist: the worker died running it
            self.results.append(self.record(lost, {}))
        if report.when == "call":
            props: list[tuple[str, Any]] = list(report.user_properties)
            self.results += [value for key, value in props if key == RESULT_KEY]
            self.claims.update({value["id"]: value for key, value in props if key == "harness_claim"})
            for error in [value for key, value in props if key == "harness_invalid"]:
                self._error(error)

    @pytest.hookimpl(tryfirst=True)  # before the terminal formats the traceback: 1.1 s here with xdist
    def pytest_keyboard_interrupt(self, excinfo: pytest.ExceptionInfo[BaseException]) -> None:
        """Interrupted: write what was judged and show it now, before a supervisor (nox, CI) kills us."""
        if self.recording and not self.worker:
            with held():
                self.data = finish(self.results_path(), self.run_id, interrupted=True)
                self._show(self.config.pluginmanager.getplugin("terminalreporter"))

    @pytest.hookimpl(trylast=True)  # after xdist has stopped its workers: no result arrives later
    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        """Fold the journal into the results file (on an interruption, again: late results count)."""
        if self.recording and not self.worker:
            interrupted = exitstatus == pytest.ExitCode.INTERRUPTED
            self.data = finish(self.results_path(), self.run_id, interrupted=interrupted)

    def pytest_unconfigure(self, config: pytest.Config) -> None:
        """Give SIGTERM back its handler."""
        self.interrupts.uninstall()

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:  # noqa: ANN401 -- pytest's reporter
        """Print the matrix and where the results went, unless shown already (on an interruption)."""
        if not self.worker and not self.shown:
            self._show(terminalreporter)

    def _show(self, terminalreporter: Any) -> None:  # noqa: ANN401 -- pytest's reporter
        if terminalreporter is None:
            return
        if self.results or self.errors:
            terminalreporter.ensure_newline()
            terminalreporter.section(f"claims × start methods on {self.env.env_id}")
            terminalreporter.write_line(render(self.results, self.methods))
        for error in self.errors:
            terminalreporter.write_line(f"catalog error: {error['message'].splitlines()[-1]}")
        for note in self.notes:
            terminalreporter.write_line(f"journal: {note}")
        if self.data is not None:
            data = self.data
            state = coverage(data["results"], data["not_run"], complete=data["complete"]) or "complete"
            terminalreporter.write_line(f"results: {self.results_path()} ({state})")
        terminalreporter.flush()  # on an interruption a kill may follow within 0.5 s (nox)
        self.shown = True

    def results_path(self) -> Path:
        """Where this run's results file goes."""
        given = self.config.getoption("results")
        return Path(given) if given else self.config.rootpath / "results" / f"{self.env.env_id}.json"


class CaseModule(pytest.File):
    """One case module: its cases, each expanded over the start methods."""

    def collect(self) -> Iterator[pytest.Item]:
        """Check the module's cases and yield their items; a broken case becomes one failing item."""
        state: FactCheck = self.config.pluginmanager.getplugin("mp-factcheck")
        library = self.library_or_raise(state)
        for case in import_cases(self.path, module_name(self.path)):
            problems = case_problems(case, library)
            if (first := state.claim_seen(case.claim.id, self.path)) is not None:
                problems.append(f"claim {case.claim.id!r}: duplicate id (also in {first.name})")
            if problems:
                yield InvalidCase.from_parent(self, name=case.claim.id, problems=problems)
                continue
            for method in state.methods:
                yield ClaimItem.from_parent(self, name=f"{case.claim.id}[{method}]", case=case, method=method)

    def library_or_raise(self, state: FactCheck) -> Library:
        """The library, or a collection error naming what is missing."""
        return state.library()

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:  # noqa: ANN401
        """A broken module is one plain line."""
        if isinstance(excinfo.value, CatalogError):
            return str(excinfo.value)
        return str(super().repr_failure(excinfo))


class Mismatch(Exception):
    """Observed is not expected (or nothing was expected)."""


class ClaimItem(pytest.Item):
    """One claim under one start method."""

    def __init__(self, *, case: Case, method: str, **kwargs: Any) -> None:  # noqa: ANN401 -- pytest's own
        super().__init__(**kwargs)
        self.case = case
        self.method = method
        self.extra_keyword_matches.update({case.claim.id, case.claim.topic, method})
        if case.exclusive:
            self.add_marker("exclusive")

    def runtest(self) -> None:
        """Run the probe (unless the method does not exist here), judge, compare, record."""
        state: FactCheck = self.config.pluginmanager.getplugin("mp-factcheck")
        where = Where(state.env, self.method)
        timing: dict[str, Any] = {"worker": state.worker_id, "started": _clock()}
        result = conclude(self.case, where, self._run(state.env, timing))
        claim = self.case.claim.to_json()
        stamped = state.record(result.to_json(), claim, timing)  # on disk before pytest hears of it
        self.user_properties += [(RESULT_KEY, stamped), ("harness_claim", claim)]
        if result.status == "inconclusive":
            pytest.skip(f"inconclusive: {result.why}")
        if result.status != "pass":
            raise Mismatch(mismatch(result, where), result)

    def _run(self, env: Environment, timing: dict[str, Any]) -> Any:  # noqa: ANN401 -- a Run, or None
        if self.method not in env.start_methods:
            return None
        timing["exclusive"] = self.case.exclusive
        with hold(exclusive=self.case.exclusive):
            timing["lock_held"] = _clock()
            run = run_undisturbed(
                ATTEMPTS if self.case.exclusive else 1,
                self.case.module,
                self.case.name,
                self.method,
                deadline=self.case.deadline,
                catalog_parent=str(self.path.parent.parent),
            )
        timing["lock_released"] = _clock()
        return run

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:  # noqa: ANN401
        """The mismatch line and the evidence behind it, not a traceback of the harness."""
        if isinstance(excinfo.value, Mismatch):
            return _explain(*excinfo.value.args)
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int | None, str]:
        """Where the item comes from, for pytest's headers."""
        return self.path, None, self.name


class InvalidCase(pytest.Item):
    """A case the catalog refuses; it fails with one line per problem and runs nothing."""

    def __init__(self, *, problems: list[str], **kwargs: Any) -> None:  # noqa: ANN401 -- pytest's own
        super().__init__(**kwargs)
        self.problems = problems

    def runtest(self) -> None:
        """Fail, naming the file and each field."""
        lines = [f"{self.path.name}: {p}" for p in self.problems]
        self.user_properties += [
            ("harness_invalid", {"file": str(self.path.name), "message": line}) for line in lines
        ]
        raise CatalogError(self.path.name, "; ".join(self.problems))

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:  # noqa: ANN401
        """One plain line."""
        return str(excinfo.value)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        """Where the item comes from."""
        return self.path, None, self.name


def schedule(items: list[pytest.Item], durations: dict[str, float]) -> list[pytest.Item]:
    """The order to run the items in: the longest first, the timing claims (which run alone) last."""
    # an item never run before goes first: it may be long. A timing claim in the middle of the run makes
    # the other worker wait out its current item, then idle; at the end that item is one of the shortest

    def rank(item: pytest.Item) -> tuple[bool, float]:
        exclusive = isinstance(item, ClaimItem) and item.case.exclusive
        return exclusive, -durations.get(item.name, float("inf"))

    return sorted(items, key=rank)


def _clock() -> float:
    """Seconds since the epoch: one clock for every worker of the run."""
    return round(time.time(), 4)


def _lost_item(report: pytest.TestReport) -> dict[str, Any] | None:
    """An error result for an item whose test process died: kept, never dropped silently."""
    found = re.fullmatch(r".*::(?P<claim>[^:\[]+)\[(?P<method>[a-z]+)\]", report.nodeid)
    if found is None:
        return None
    why = str(report.longrepr).strip().splitlines()[0][:300]
    return {
        "claim": found["claim"],
        "topic": "",
        "start_method": found["method"],
        "verdict": "error",
        "why": f"the test process running this item died: {why}",
        "verdict_key": "",
        "expected": None,
        "status": "new",
        "evidence": {"facts": None, "run": None},
        "duration_s": report.duration,
    }


def _explain(line: str, result: Result) -> str:
    import json

    run = result.evidence.get("run") or {}
    parts = [line, f"facts: {json.dumps(result.evidence.get('facts'), ensure_ascii=False)[:1500]}"]
    parts += [f"{k}: {run[k]}" for k in ("status", "error", "leaked", "strays") if run.get(k)]
    parts += [f"stderr (tail): {run['stderr_tail'][-1500:]}"] if run.get("stderr_tail") else []
    return "\n".join(parts)
