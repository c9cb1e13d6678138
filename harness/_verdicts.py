"""Verdicts: what a judgement or the harness concludes about one claim in one place."""

from __future__ import annotations

from typing import Final, Literal, NamedTuple

Outcome = Literal[
    "holds", "refuted", "partial", "not-applicable", "timeout", "error", "leaked", "inconclusive"
]

JUDGED: Final = ("holds", "refuted", "partial", "not-applicable")
HARNESS: Final = ("timeout", "error", "leaked", "inconclusive")
OUTCOMES: Final = JUDGED + HARNESS


class _Fields(NamedTuple):
    outcome: Outcome
    why: str
    key: str = ""  # a short stable phrase naming the verdict's flavour; drift reports compare outcome + key


class Verdict(_Fields):
    """An outcome and the one-line reason for it."""

    __slots__ = ()

    # a NamedTuple, not a dataclass: case modules are re-imported by every spawned child, and a
    # dataclass costs that child milliseconds to import and build
    def __new__(cls, outcome: Outcome, why: str, key: str = "") -> Verdict:
        """Check the outcome and that there is a reason."""
        if outcome not in OUTCOMES:
            raise ValueError(f"unknown verdict {outcome!r}; known: {', '.join(OUTCOMES)}")
        if not why:
            raise ValueError(f"a {outcome!r} verdict needs a reason")
        return super().__new__(cls, outcome, why, key)


def holds(why: str, *, key: str = "") -> Verdict:
    """The claim is true here."""
    return Verdict("holds", why, key)


def refuted(why: str, *, key: str = "") -> Verdict:
    """The claim is false here."""
    return Verdict("refuted", why, key)


def partial(why: str, *, key: str = "") -> Verdict:
    """Part of the claim is true here; `why` says which part fails."""
    return Verdict("partial", why, key)


def not_applicable(why: str, *, key: str = "") -> Verdict:
    """The claim cannot be tested here; `why` says why."""
    return Verdict("not-applicable", why, key)
