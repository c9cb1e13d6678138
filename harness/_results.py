"""The results file: one run's environment and results, versioned, validated when read."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
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

    @property
    def env_id(self) -> str:
        """The environment's id."""
        return str(self.environment.get("env_id") or Environment.from_json(self.environment).env_id)


def build(
    env: Environment,
    results: Iterable[dict[str, Any]],
    errors: Iterable[dict[str, str]],
    claims: dict[str, dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The whole file as plain data, results in a stable order."""
    ordered = sorted(results, key=lambda r: (r["claim"], r["start_method"]))
    return {
        "schema": SCHEMA,
        "environment": env.to_json(),
        "results": ordered,
        "collection_errors": list(errors),
        "claims": dict(sorted((claims or {}).items())),
    }


def write(path: Path, data: dict[str, Any]) -> None:
    """Write atomically, so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    partial.replace(path)


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
    return next((p for i, r in enumerate(data["results"]) if (p := _result_problem(i, r))), None)


def _result_problem(index: int, r: Any) -> str | None:  # noqa: ANN401 -- one element of the JSON list
    if not isinstance(r, dict) or (missing := [f for f in RESULT_FIELDS if f not in r]):
        return f"result {index} is missing {missing if isinstance(r, dict) else 'everything'}"
    if r["verdict"] not in OUTCOMES:
        return f"result {index} ({r['claim']}): unknown verdict {r['verdict']!r}"
    return None
