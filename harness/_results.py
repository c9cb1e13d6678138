"""The results file: one run's environment and results, versioned, validated when read."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from harness._environment import Environment
from harness._verdicts import OUTCOMES

SCHEMA = 1
RESULT_FIELDS = ("claim", "start_method", "verdict", "expected", "evidence", "duration_s")
ENV_FIELDS = (
    "os",
    "machine",
    "implementation",
    "python_version",
    "gil_enabled",
    "default_start_method",
    "cpu_count",
    "usable_cpus",
    "harness_version",
)


class ResultsError(ValueError):
    """A results file that cannot be read: one plain line naming the file and the problem."""


@dataclass(frozen=True)
class ResultsFile:
    """A results file as read: where it came from, its environment and its results."""

    path: str
    environment: dict[str, Any]
    results: list[dict[str, Any]]
    collection_errors: list[dict[str, str]]
    claims: dict[str, dict[str, Any]]
    complete: bool = True  # files written before the journal existed were whole runs
    not_run: list[dict[str, str]] = field(default_factory=list)
    runs: list[dict[str, Any]] = field(default_factory=list)

    @property
    def notice(self) -> str | None:
        """What a reader must know before taking this file for one whole run, if anything."""
        return coverage(self.results, self.not_run, complete=self.complete)

    @property
    def env_id(self) -> str:
        """The environment's id."""
        return str(self.environment.get("env_id") or Environment.from_json(self.environment).env_id)


def build(
    env: Environment | dict[str, Any],
    results: Iterable[dict[str, Any]],
    errors: Iterable[dict[str, str]],
    claims: dict[str, dict[str, Any]] | None = None,
    *,
    not_run: Iterable[tuple[str, str]] = (),
    runs: Iterable[dict[str, Any]] = (),
    collected: bool = True,
) -> dict[str, Any]:
    """The whole file as plain data, results in a stable order; `collected`: the last run got that far."""
    ordered = sorted(results, key=lambda r: (r["claim"], r["start_method"]))
    missing = [{"claim": c, "start_method": m} for c, m in sorted(set(not_run))]
    return {
        "schema": SCHEMA,
        "environment": env.to_json() if isinstance(env, Environment) else env,
        "complete": collected and not missing,
        "not_run": missing,
        "runs": list(runs),
        "results": ordered,
        "collection_errors": list(errors),
        "claims": dict(sorted((claims or {}).items())),
    }


def coverage(results: list[dict[str, Any]], not_run: list[dict[str, str]], *, complete: bool) -> str | None:
    """`incomplete run: N of M items judged, K never ran`, `mixes R runs (judged A … B)`, or None."""
    keys = {(r["claim"], r["start_method"]) for r in results + not_run}
    parts = [] if complete or not_run else ["incomplete run: ended before it had collected its items"]
    if not_run:
        judged = len(keys) - len(not_run)
        parts.append(f"incomplete run: {judged} of {len(keys)} items judged, {len(not_run)} never ran")
    stamps = sorted(str(r["judged_at"]) for r in results if r.get("judged_at")) or ["?"]
    if len(runs := {r.get("run") for r in results}) > 1:
        parts.append(f"mixes {len(runs)} runs (judged {stamps[0]} … {stamps[-1]})")
    return "; ".join(parts) or None


def write(path: Path, data: dict[str, Any]) -> None:
    """Write atomically and durably: a reader, or a crash, never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    with partial.open("w", encoding="utf-8") as out:
        out.write(json.dumps(data, indent=1, ensure_ascii=False) + "\n")
        out.flush()
        os.fsync(out.fileno())
    partial.replace(path)
    sync_folder(path.parent)


def sync_folder(folder: Path) -> None:
    """Make a rename or unlink in `folder` durable (POSIX; Windows has no directory handles)."""
    if os.name == "posix":
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def read(path: Path) -> ResultsFile:
    """Read and check one results file; any problem is a ResultsError naming it."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ResultsError(f"{path}: cannot be read: {exc.strerror}") from exc
    except ValueError as exc:
        raise ResultsError(f"{path}: not JSON ({exc})") from exc
    problem = problem_with(data)
    if problem:
        raise ResultsError(f"{path}: {problem}")
    return ResultsFile(
        str(path),
        data["environment"],
        data["results"],
        data.get("collection_errors", []),
        data.get("claims", {}),
        data.get("complete", True),
        data.get("not_run", []),
        data.get("runs", []),
    )


def problem_with(data: Any) -> str | None:  # noqa: ANN401 -- anything json.loads returns
    """What makes `data` not a results file of this schema, in one line, or None."""
    if not isinstance(data, dict) or "schema" not in data:
        return "not a results file (no 'schema' field)"
    if data["schema"] != SCHEMA:
        return f"schema version {data['schema']!r}; this harness reads version {SCHEMA} (re-run the cases)"
    env = data.get("environment")
    if not isinstance(env, dict) or (missing := [f for f in ENV_FIELDS if f not in env]):
        return f"environment is missing {missing if isinstance(env, dict) else 'entirely'}"
    if not isinstance(data.get("results"), list):
        return "'results' is not a list"
    if not isinstance(data.get("complete", True), bool) or not isinstance(data.get("not_run", []), list):
        return "'complete' is not true or false, or 'not_run' is not a list"
    return next((p for i, r in enumerate(data["results"]) if (p := _result_problem(i, r))), None)


def _result_problem(index: int, r: Any) -> str | None:  # noqa: ANN401 -- one element of the JSON list
    if not isinstance(r, dict) or (missing := [f for f in RESULT_FIELDS if f not in r]):
        return f"result {index} is missing {missing if isinstance(r, dict) else 'everything'}"
    if r["verdict"] not in OUTCOMES:
        return f"result {index} ({r['claim']}): unknown verdict {r['verdict']!r}"
    return None
