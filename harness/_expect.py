"""Expectations: the verdict expected per environment, with its reason and, where unobserved, its source."""

from __future__ import annotations

import re
import sys
from typing import TYPE_CHECKING, Any, NamedTuple

from harness._environment import METHODS
from harness._verdicts import JUDGED

if TYPE_CHECKING:
    from collections.abc import Sequence

    from packaging.specifiers import SpecifierSet

    from harness._environment import Where

OBSERVABLE_HERE = ("linux",)  # what this project's own machines run; anything else rests on a citation
KNOWN_OS = ("linux", "darwin", "win32")
KNOWN_IMPL = ("cpython", "pypy")
SPECIFIER = r"(~=|==|!=|<=|>=|<|>)\s*\d+(\.\d+)*(\.\*)?"


class Expect(NamedTuple):  # not a dataclass: built in every spawned child that re-imports a case module
    """The verdict expected wherever every given field matches (`None` matches anything)."""

    verdict: str
    reason: str
    os: str | None = None
    impl: str | None = None
    python: str | None = None
    method: str | None = None
    gil: bool | None = None
    cite: str | None = None
    line: int | None = None  # where expect() was called: the catalog's error names it

    @property
    def observed_basis(self) -> bool:
        """Whether this expectation rests on runs here rather than on a citation alone."""
        return self.cite is None

    def matches(self, where: Where) -> bool:
        """Whether this expectation speaks for `where`."""
        env = where.env
        return (
            _same(self.os, env.os)
            and _same(self.impl, env.implementation)
            and _same(self.method, where.method)
            and (self.gil is None or self.gil == env.gil_enabled)
            and (self.python is None or _specifier(self.python).contains(env.version, prereleases=True))
        )

    def to_json(self) -> dict[str, Any]:
        """Plain data for the results file."""
        scope = {k: getattr(self, k) for k in ("os", "impl", "python", "method", "gil")}
        return {
            "verdict": self.verdict,
            "reason": self.reason,
            "scope": {k: v for k, v in scope.items() if v is not None},
            "cite": self.cite,
            "basis": "observed" if self.observed_basis else "source (not yet observed)",
        }


def expect(
    verdict: str,
    reason: str,
    *,
    os: str | None = None,
    impl: str | None = None,
    python: str | None = None,
    method: str | None = None,
    gil: bool | None = None,
    cite: str | None = None,
) -> Expect:
    """An expectation; the catalog checks it, so a mistake refuses its claim only, naming this line."""
    line = sys._getframe(1).f_lineno  # the caller's line: cheap, unlike inspect (every child pays it)
    return Expect(verdict, reason, os, impl, python, method, gil, cite, line)


def problem_with(e: Expect) -> str | None:
    """What is wrong with an expectation, in one line, or None."""
    checks = (
        (e.verdict not in JUDGED, f"verdict {e.verdict!r} is not one of {', '.join(JUDGED)}"),
        (not e.reason.strip(), "an expectation needs a reason"),
        (e.os is not None and e.os not in KNOWN_OS, f"unknown os {e.os!r} (known: {', '.join(KNOWN_OS)})"),
        (e.impl is not None and e.impl not in KNOWN_IMPL, f"unknown impl {e.impl!r}"),
        (e.method is not None and e.method not in METHODS, f"unknown start method {e.method!r}"),
        (not _valid_range(e.python), f"python range {e.python!r} is not a PEP 440 specifier"),
        (
            _needs_cite(e) and not e.cite,
            f"os={e.os!r} cannot be observed here: give cite= (CPython file, docs)",
        ),
    )
    return next((message for bad, message in checks if bad), None)


def expected_for(expectations: Sequence[Expect], where: Where) -> Expect | None:
    """The first expectation that speaks for `where`, or None (a new environment)."""
    return next((e for e in expectations if e.matches(where)), None)


def _same(wanted: str | None, actual: str) -> bool:
    return wanted is None or wanted == actual


def _valid_range(python: str | None) -> bool:
    # PEP 440 specifiers, checked by shape: packaging is not imported where cases are (every spawned child)
    return python is None or re.fullmatch(rf"{SPECIFIER}(\s*,\s*{SPECIFIER})*", python.strip()) is not None


def _specifier(python: str) -> SpecifierSet:
    # imported late: case modules build expectations in every spawned child, which never match them
    from packaging.specifiers import SpecifierSet

    return SpecifierSet(python)


def _needs_cite(e: Expect) -> bool:
    # an expectation that can only be met off this project's machines rests on a source until CI observes it
    return e.os is not None and e.os not in OBSERVABLE_HERE
