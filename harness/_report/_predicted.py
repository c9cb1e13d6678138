"""What the catalog expects on the platforms not observed here, for the reports' predicted columns (pure).

Each prediction is the catalog's own expectation, chosen as a run there would choose it (first match),
for every CPython version that the merged results hold; an OS drops out of the predictions as soon as
a results file from it is merged, since its columns are then observed.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from harness._claims import Case
from harness._environment import METHODS, Environment, Where
from harness._expect import expected_for
from harness._judging import expect_unavailable
from harness._report._merge import Merged

# get_all_start_methods() per OS (Lib/multiprocessing/context.py), default first
START_METHODS = {"darwin": ("spawn", "fork", "forkserver"), "win32": ("spawn",)}
OS_NAMES = {"darwin": "macOS", "win32": "Windows"}
BASIS = "expected from CPython's source, not observed"


@dataclass(frozen=True)
class Span:
    """One expectation over consecutive Python versions."""

    first: str
    last: str
    expected: dict[str, Any] | None  # the expectation's plain data; None: the catalog expects nothing


@dataclass(frozen=True)
class Prediction:
    """A claim's expectation on one unobserved OS under one start method, by Python version."""

    claim: str
    os: str
    method: str
    spans: tuple[Span, ...]

    def verdicts(self) -> list[str]:
        """Each span's expected verdict (`?` where nothing is expected)."""
        return [s.expected["verdict"] if s.expected else "?" for s in self.spans]

    def cites(self) -> list[str]:
        """The sources behind it, once each."""
        return list(
            dict.fromkeys(s.expected["cite"] for s in self.spans if s.expected and s.expected["cite"])
        )

    def text(self) -> str:
        """E.g. `holds` or `holds ≤3.13.0; refuted ≥3.14.0`, in the report's range notation."""
        if len(self.spans) == 1:
            return self.verdicts()[0]
        return "; ".join(f"{v} {s.first}–{s.last}" for v, s in zip(self.verdicts(), self.spans, strict=True))


def predicted_oses(predicted: Iterable[tuple[str, str, str]]) -> list[str]:
    """The OSes that predictions cover, in the usual order."""
    present = {os for _, os, _ in predicted}
    return [os for os in START_METHODS if os in present]


def cite_numbers(predicted: Iterable[Prediction]) -> dict[str, int]:
    """Every source behind the predictions, numbered from 1 in order of first use."""
    cites = dict.fromkeys(c for p in predicted for c in p.cites())
    return {cite: i for i, cite in enumerate(cites, 1)}


def unobserved(merged: Merged) -> list[str]:
    """The OSes to predict: those no merged results file comes from."""
    seen = {column.os for column in merged.columns}
    return [os for os in START_METHODS if os not in seen]


def predict(cases: Iterable[Case], merged: Merged) -> dict[tuple[str, str, str], Prediction]:
    """Per (claim, OS, method): the expectation a run there would be compared with."""
    versions = _versions(merged)
    found: dict[tuple[str, str, str], Prediction] = {}
    for case in cases:
        if case.claim.id not in merged.topics or not versions:
            continue
        for os, method in ((o, m) for o in unobserved(merged) for m in _methods(merged)):
            spans = _spans([(v, _expected(case, _where(os, v, method))) for v in versions])
            found[case.claim.id, os, method] = Prediction(case.claim.id, os, method, spans)
    return found


def _versions(merged: Merged) -> list[str]:
    cpython = {c.python_version: c.sort_key() for c in merged.columns if c.implementation == "cpython"}
    return sorted(cpython, key=lambda v: cpython[v])


def _methods(merged: Merged) -> list[str]:
    present = {c.method for c in merged.columns}
    return [m for m in METHODS if m in present]


def _where(os: str, version: str, method: str) -> Where:
    methods = START_METHODS[os]
    env = Environment(os, "", "cpython", version, True, False, methods[0], methods, 0, 0, "")
    return Where(env, method)


def _expected(case: Case, where: Where) -> dict[str, Any] | None:
    if where.method not in where.env.start_methods:
        return expect_unavailable(where)
    found = expected_for(case.expectations, where)
    return None if found is None else found.to_json()


def _spans(values: Sequence[tuple[str, dict[str, Any] | None]]) -> tuple[Span, ...]:
    runs = itertools.groupby(values, key=lambda value: value[1])
    return tuple(Span(group[0][0], group[-1][0], expected) for expected, g in runs if (group := list(g)))
