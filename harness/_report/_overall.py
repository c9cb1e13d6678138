"""One word per claim for readers of an article: holds, refuted, partial, or what it depends on (pure)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from harness._report._merge import Column, Merged

JUDGED = ("holds", "refuted", "partial")
DIMENSIONS: dict[str, Callable[[Column], str]] = {
    "start method": lambda c: c.method,
    "platform": lambda c: f"{c.os}/{c.implementation}",
    "platform and start method": lambda c: f"{c.os}/{c.implementation}/{c.method}",
    "Python version": lambda c: f"{c.os}/{c.implementation}/{c.python_version}",
}


@dataclass(frozen=True)
class Overall:
    """The claim's verdict across every environment run, and what it depends on when it varies."""

    label: str  # holds, refuted, partial, depends, untested
    depends_on: str
    verdicts: dict[str, int]

    def text(self) -> str:
        """E.g. `depends on start method (holds 12, partial 24)`."""
        counts = ", ".join(f"{v} {n}" for v, n in sorted(self.verdicts.items()))
        head = f"depends on {self.depends_on}" if self.label == "depends" else self.label
        return f"{head} ({counts})" if counts else head


def overall(merged: Merged, claim: str) -> Overall:
    """Summarise a claim over all columns; harness outcomes and not-applicable are counted, not judged."""
    cells = [(c, r["verdict"]) for c in merged.columns if (r := merged.cell(claim, c)) is not None]
    counts: dict[str, int] = {}
    for _, verdict in cells:
        counts[verdict] = counts.get(verdict, 0) + 1
    judged = [(c, v) for c, v in cells if v in JUDGED]
    distinct = {v for _, v in judged}
    if not distinct:
        return Overall("untested", "", counts)
    if len(distinct) == 1:
        return Overall(distinct.pop(), "", counts)
    return Overall("depends", _dimension(judged), counts)


def _dimension(judged: list[tuple[Column, str]]) -> str:
    """The coarsest dimension that alone decides the verdict, or all of them."""
    for name, key in DIMENSIONS.items():
        decided: dict[str, str] = {}
        if all(decided.setdefault(key(c), v) == v for c, v in judged):
            return name
    return "Python version and start method"
