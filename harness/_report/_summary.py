"""What a reader sees first: per claim and method, the verdicts across platforms and versions (pure)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from harness._report._drift import Drift, drifts, environment_drift, ranges, segments_of, version_lines
from harness._report._merge import Merged
from harness._report._predicted import Prediction

METHODS = ("fork", "spawn", "forkserver")
SYMBOL = {
    "holds": "✓",
    "refuted": "✗",
    "partial": "◐",
    "not-applicable": "–",
    "timeout": "⏱",
    "error": "!",
    "leaked": "⚠",
    "inconclusive": "≈",
}


@dataclass(frozen=True)
class Line:
    """One platform's verdicts for a claim and method, as version ranges."""

    platform: str
    text: str
    failures: int


@dataclass(frozen=True)
class Report:
    """Everything the renderers need, computed once."""

    merged: Merged
    cells: dict[tuple[str, str], list[Line]]
    drifts: list[Drift]
    default_method: dict[str, str]
    counts: dict[str, int]
    predicted: dict[tuple[str, str, str], Prediction] = field(default_factory=dict)  # (claim, os, method)

    def methods(self) -> list[str]:
        """The start methods present, in the usual order."""
        present = {c.method for c in self.merged.columns}
        return [m for m in METHODS if m in present] + sorted(present - set(METHODS))


def summarize(merged: Merged) -> Report:
    """Compute the per-cell summaries, the drift and the counts."""
    cells: dict[tuple[str, str], list[Line]] = {}
    for claim in merged.claims:
        for (platform, method), results in version_lines(merged, claim).items():
            line = Line(platform, ranges(segments_of(results)), sum(_failed(r) for _, r in results))
            cells.setdefault((claim, method), []).append(line)
    counts: dict[str, int] = {}
    for result in merged.cells.values():
        counts[result.get("status", "new")] = counts.get(result.get("status", "new"), 0) + 1
    return Report(merged, cells, drifts(merged), environment_drift(merged, "default_start_method"), counts)


def _failed(result: dict[str, Any]) -> int:
    return int(result.get("status", "new") not in ("pass", "inconclusive"))
