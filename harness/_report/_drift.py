"""Drift: where a verdict changes with the Python version, and between two sets of results (pure)."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from harness._report._merge import Column, Merged


@dataclass(frozen=True)
class Segment:
    """A run of consecutive versions with the same verdict (and verdict key)."""

    verdict: str
    key: str
    first: str
    last: str
    count: int
    why: str


@dataclass(frozen=True)
class Drift:
    """A claim whose verdict changes with the version, for one OS, implementation and method."""

    claim: str
    method: str
    platform: str
    segments: tuple[Segment, ...]

    def summary(self) -> str:
        """E.g. `holds ≤3.12.1; partial ≥3.13.0`."""
        return ranges(self.segments)


def ranges(segments: tuple[Segment, ...]) -> str:
    """Segments as version ranges: open at both ends, exact in the middle."""
    parts = []
    for i, s in enumerate(segments):
        label = s.verdict + (f" ({s.key})" if s.key else "")
        if len(segments) == 1:
            parts.append(label)
        elif i == 0:
            parts.append(f"{label} ≤{s.last}")
        elif i == len(segments) - 1:
            parts.append(f"{label} ≥{s.first}")
        else:
            parts.append(f"{label} {s.first}–{s.last}")
    return "; ".join(parts)


def segments_of(cells: list[tuple[Column, dict[str, Any]]]) -> tuple[Segment, ...]:
    """Group version-ordered results into runs of one verdict."""
    runs = itertools.groupby(cells, key=lambda c: (c[1]["verdict"], c[1].get("verdict_key", "")))
    return tuple(
        Segment(
            verdict,
            key,
            group[0][0].python_version,
            group[-1][0].python_version,
            len(group),
            group[0][1]["why"],
        )
        for (verdict, key), g in runs
        if (group := list(g))
    )


def version_lines(merged: Merged, claim: str) -> dict[tuple[str, str], list[tuple[Column, dict[str, Any]]]]:
    """A claim's results per (platform, method), each in version order."""
    lines: dict[tuple[str, str], list[tuple[Column, dict[str, Any]]]] = {}
    for column in merged.columns:
        if (result := merged.cell(claim, column)) is not None:
            platform = f"{column.os}/{column.implementation}{'t' if column.free_threaded else ''}"
            lines.setdefault((platform, column.method), []).append((column, result))
    return lines


def drifts(merged: Merged) -> list[Drift]:
    """Every claim × method × platform whose verdict is not the same at every version."""
    found = []
    for claim in merged.claims:
        for (platform, method), cells in version_lines(merged, claim).items():
            segments = segments_of(cells)
            if len(segments) > 1:
                found.append(Drift(claim, method, platform, segments))
    return found


def environment_drift(merged: Merged, field: str) -> dict[str, str]:
    """How an environment field (e.g. `default_start_method`) changes with the version, per platform."""
    by_platform: dict[str, dict[str, Column]] = {}
    for column in merged.columns:  # in version order
        by_platform.setdefault(f"{column.os}/{column.implementation}", {}).setdefault(column.env_id, column)
    return {
        platform: ranges(segments_of([(c, _field(merged, c, field)) for c in columns.values()]))
        for platform, columns in by_platform.items()
    }


def _field(merged: Merged, column: Column, field: str) -> dict[str, Any]:
    value = merged.environments[column.env_id].get(field)
    return {"verdict": str(value), "why": f"{field} = {value}"}


@dataclass(frozen=True)
class Change:
    """One claim × method whose verdict differs between two results."""

    env: str
    claim: str
    method: str
    before: str
    after: str
    why_after: str


def diff(
    before: Merged, after: Merged, pair: Callable[[Merged, Merged], list[tuple[str, str]]]
) -> list[Change]:
    """The claim × method cells whose verdict differs, for each paired environment."""
    changes = []
    for env_a, env_b in pair(before, after):
        cols_a = {c.method: c for c in before.columns if c.env_id == env_a}
        cols_b = {c.method: c for c in after.columns if c.env_id == env_b}
        for claim in sorted(set(before.claims) | set(after.claims)):
            for method in sorted(set(cols_a) | set(cols_b)):
                a = before.cell(claim, cols_a[method]) if method in cols_a else None
                b = after.cell(claim, cols_b[method]) if method in cols_b else None
                if _label(a) != _label(b):
                    label = env_a if env_a == env_b else f"{env_a} → {env_b}"
                    changes.append(
                        Change(label, claim, method, _label(a), _label(b), (b or {}).get("why", ""))
                    )
    return changes


def _label(result: dict[str, Any] | None) -> str:
    if result is None:
        return "(absent)"
    key = result.get("verdict_key", "")
    return str(result["verdict"]) + (f" ({key})" if key else "")


def pair_environments(before: Merged, after: Merged) -> list[tuple[str, str]]:
    """Two single environments pair with each other; sets pair by environment id."""
    a, b = list(before.environments), list(after.environments)
    if len(a) == 1 and len(b) == 1:
        return [(a[0], b[0])]
    return [(e, e) for e in a if e in b]
