"""The journal: every judged result on disk at once, one JSON line, beside the results file.

A run appends a `run` line (its environment), a `collected` line (the items it will run), a
`result` line per judged item and an `end` line; several processes (xdist workers and their
controller) append at once. The results file is folded from the journal and the file before it,
at the end of a run or, after an interruption, by the next run or report.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import psutil

from harness._results import ResultsError, build, problem_with, sync_folder, write

Key = tuple[str, str]  # (claim, start method)

try:
    import fcntl
except ImportError:  # Windows: O_APPEND alone orders the writes
    fcntl = None  # type: ignore[assignment]


def journal_path(results: Path) -> Path:
    """`results/<env-id>.journal.jsonl` for `results/<env-id>.json`."""
    return results.with_name(f"{results.stem}.journal.jsonl")


def now() -> str:
    """The time in UTC, ISO 8601 to the millisecond."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def append(path: Path, record: dict[str, Any]) -> None:
    """Append one whole line and fsync it; safe beside other writers of the same file."""
    line = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        if fcntl is not None:  # a long line may need several write()s: keep others' lines out of it
            fcntl.flock(fd, fcntl.LOCK_EX)
        view = memoryview(line)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)  # closing releases the lock


@dataclass
class Run:
    """One run as its journal lines tell it."""

    head: dict[str, Any]
    collected: set[Key] | None = None
    results: dict[Key, dict[str, Any]] = field(default_factory=dict)
    errors: list[dict[str, str]] = field(default_factory=list)
    claims: dict[str, dict[str, Any]] = field(default_factory=dict)
    end: dict[str, Any] | None = None

    def summary(self) -> dict[str, Any]:
        """The results file's `runs[]` entry."""
        return {
            "run": self.head["run"],
            "started_at": self.head.get("started_at"),
            "finished_at": (self.end or {}).get("finished_at"),
            "interrupted": self.end is None or bool(self.end.get("interrupted")),
            "harness_version": self.head.get("harness_version"),
            "args": self.head.get("args", []),
            "collected": None if self.collected is None else len(self.collected),
            "judged": len(self.results),
        }


@dataclass(frozen=True)
class Journal:
    """The runs a journal holds, and what could not be read in it."""

    runs: list[Run]
    notes: list[str]


def parse(text: str, name: str) -> Journal:
    """The journal's runs; a half-written or broken line is skipped with a note, never a crash."""
    runs: list[Run] = []
    notes: list[str] = []
    lines = text.split("\n")
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        record = _record(line)
        if record is None:
            last = number == len(lines)  # no newline after it: the writer was killed mid-line
            notes.append(f"{name}: line {number} {'half-written' if last else 'is not JSON'}, ignored")
        elif (problem := _take(runs, record)) is not None:
            notes.append(f"{name}: line {number}: {problem}, ignored")
    return Journal(runs, notes)


def _record(line: str) -> dict[str, Any] | None:
    try:
        record = json.loads(line)
    except ValueError:
        return None
    return record if isinstance(record, dict) else None


def _take(runs: list[Run], record: dict[str, Any]) -> str | None:
    """Add one record to its run; what is wrong with it, if anything."""
    kind = record.get("kind")
    if kind == "run":
        runs.append(Run(record))
        return None
    run = next((r for r in runs if r.head["run"] == record.get("run")), None)
    if run is None:
        return f"a {kind!r} record of no run in this journal"
    if kind == "collected":
        run.collected = (run.collected or set()) | {(c, m) for c, m in record["items"]}
    elif kind == "result":
        result = record["result"]
        run.results[result["claim"], result["start_method"]] = result
        run.claims.update({record["claim"]["id"]: record["claim"]} if record.get("claim") else {})
    elif kind == "error":
        run.errors.append(record["error"])
    elif kind == "end":
        run.end = record
    else:
        return f"unknown record kind {kind!r}"
    return None


def fold(base: dict[str, Any] | None, runs: Iterable[Run]) -> dict[str, Any]:
    """The results file after `runs`, on top of `base`: each run replaces only the items it judged."""
    base = base or {}
    results = {(r["claim"], r["start_method"]): r for r in base.get("results", [])}
    not_run = {(n["claim"], n["start_method"]) for n in base.get("not_run", [])}
    errors = list(base.get("collection_errors", []))
    claims = dict(base.get("claims", {}))
    summaries = {s["run"]: s for s in base.get("runs", [])}
    env = base.get("environment")
    collected = True
    for run in runs:
        results.update(run.results)
        not_run = (not_run | (run.collected or set())) - set(run.results)
        errors += [e for e in run.errors if e not in errors]
        claims.update(run.claims)
        summaries[run.head["run"]] = run.summary()
        env = run.head["environment"]
        collected = run.collected is not None or not run.summary()["interrupted"]  # or nothing was selected
    owners = {r.get("run") for r in results.values()} | set(list(summaries)[-1:])
    kept = [s for s in summaries.values() if s["run"] in owners]  # runs whose results are all replaced go
    return build(env or {}, results.values(), errors, claims, not_run=not_run, runs=kept, collected=collected)


def read_journal(path: Path) -> Journal:
    """The journal at `path` (its notes name it)."""
    return parse(path.read_text(encoding="utf-8", errors="replace"), str(path))


def read_base(results: Path) -> dict[str, Any] | None:
    """The results file as it is, or None; a broken one is a ResultsError naming it."""
    if not results.exists():
        return None
    try:
        data = json.loads(results.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise ResultsError(f"{results}: not JSON ({exc})") from exc
    if (problem := problem_with(data)) is not None:
        raise ResultsError(f"{results}: {problem}")
    return data  # type: ignore[no-any-return]


def writer_alive(journal: Journal) -> int | None:
    """The pid of a process still writing the journal's last run, if there is one."""
    if not journal.runs or journal.runs[-1].end is not None:
        return None
    head = journal.runs[-1].head
    try:
        alive = abs(psutil.Process(head["pid"]).create_time() - head["pid_started"]) < 0.01
    except (psutil.Error, KeyError):
        return None
    return int(head["pid"]) if alive else None


def recover(results: Path) -> list[str]:
    """Fold a journal left beside `results` into it and remove it; returns notes for the user."""
    path = journal_path(results)
    if not path.exists():
        return []
    journal = read_journal(path)
    if (pid := writer_alive(journal)) is not None:
        return [*journal.notes, f"{path}: a run (pid {pid}) is still writing it; not folded"]
    notes = [*journal.notes, *(_recovered(results, journal) if journal.runs else [])]
    path.unlink()
    sync_folder(path.parent)
    return notes or [f"{path}: empty journal removed"]


def _recovered(results: Path, journal: Journal) -> list[str]:
    data = fold(read_base(results), journal.runs)
    write(results, data)
    last = journal.runs[-1].summary()
    how = "was interrupted" if last["interrupted"] else "had finished"
    return [
        f"{journal_path(results)}: folded a run that {how} into {results} "
        f"({last['judged']} of {last['collected'] or 0} items judged;"
        f" complete: {str(data['complete']).lower()})"
    ]


def begin(results: Path, head: dict[str, Any], *, fresh: bool) -> list[str]:
    """Make way for a run: fold (or, fresh, drop) what an earlier one left; write the run's first line."""
    path = journal_path(results)
    notes = recover(results)
    if path.exists():  # recover() left it: its run is still going
        raise ResultsError(notes[-1] + " (two runs of one environment would mix their results)")
    if fresh:
        results.unlink(missing_ok=True)
    elif (base := read_base(results)) is not None and base["environment"].get("env_id") != head["env_id"]:
        raise ResultsError(
            f"{results}: holds environment {base['environment'].get('env_id')}, this run is {head['env_id']}"
            " (name another --results, or pass --fresh to start it over)"
        )
    results.parent.mkdir(parents=True, exist_ok=True)
    append(path, head)
    return notes


def finish(results: Path, run: str, *, interrupted: bool) -> dict[str, Any]:
    """The run's end: its last line, the results file folded from the journal; the journal goes if whole."""
    path = journal_path(results)
    append(path, {"kind": "end", "run": run, "finished_at": now(), "interrupted": interrupted})
    data = fold(read_base(results), read_journal(path).runs)
    write(results, data)
    if not interrupted:  # after an interruption a worker may still add a line: the next fold takes it
        path.unlink()
        sync_folder(path.parent)
    return data
