"""Many results files as one matrix: claim × (environment, start method) (pure)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from packaging.version import Version

from harness._environment import METHODS
from harness._results import ResultsFile


@dataclass(frozen=True)
class Column:
    """One environment under one start method."""

    env_id: str
    os: str
    implementation: str
    python_version: str
    free_threaded: bool
    method: str

    @property
    def python(self) -> str:
        """E.g. `cpython-3.13.0`, `cpython-3.14.0t`, `pypy-3.11.13`."""
        return f"{self.implementation}-{self.python_version}{'t' if self.free_threaded else ''}"

    def sort_key(self) -> tuple[Any, ...]:
        """OS, implementation, version, method."""
        order = METHODS.index(self.method) if self.method in METHODS else len(METHODS)
        version = Version(self.python_version)
        return (self.os, self.implementation, version, self.free_threaded, order, self.method)


@dataclass(frozen=True)
class Merged:
    """Every result of every file, addressable by claim and column."""

    environments: dict[str, dict[str, Any]]
    columns: list[Column]
    cells: dict[tuple[str, Column], dict[str, Any]]
    topics: dict[str, str]
    errors: list[dict[str, str]] = field(default_factory=list)
    meta: dict[str, dict[str, Any]] = field(default_factory=dict)  # claim id -> statement, sources
    notices: dict[str, str] = field(default_factory=dict)  # env id -> incomplete run, mixed runs

    @property
    def claims(self) -> list[str]:
        """Claim ids, sorted."""
        return sorted(self.topics)

    def cell(self, claim: str, column: Column) -> dict[str, Any] | None:
        """The result of `claim` in `column`, if that environment ran it."""
        return self.cells.get((claim, column))


def merge(files: Iterable[ResultsFile]) -> Merged:
    """One matrix from many files; two files of the same environment are refused, never overwritten."""
    environments: dict[str, dict[str, Any]] = {}
    sources: dict[str, str] = {}
    cells: dict[tuple[str, Column], dict[str, Any]] = {}
    errors: list[dict[str, str]] = []
    meta: dict[str, dict[str, Any]] = {}
    notices: dict[str, str] = {}
    for f in files:
        if f.env_id in sources:
            raise ValueError(f"{f.path}: holds the same environment ({f.env_id}) as {sources[f.env_id]}")
        sources[f.env_id], environments[f.env_id] = f.path, f.environment
        cells.update(
            {(r["claim"], column_of(f.environment, f.env_id, r["start_method"])): r for r in f.results}
        )
        errors += [{**e, "env_id": f.env_id} for e in f.collection_errors]
        meta.update(f.claims)
        notices.update({f.env_id: f.notice} if f.notice else {})
    columns = sorted({c for _, c in cells}, key=Column.sort_key)
    topics = {claim: r.get("topic", "") for (claim, _), r in cells.items()}
    return Merged(environments, columns, cells, topics, errors, meta, notices)


def column_of(env: dict[str, Any], env_id: str, method: str) -> Column:
    """The column of a result, from its file's environment."""
    return Column(
        env_id,
        env["os"],
        env["implementation"],
        env["python_version"],
        bool(env.get("free_threaded", False)),
        method,
    )
