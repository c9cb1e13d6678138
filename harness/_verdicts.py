"""Verdicts: what a judgement or the harness concludes about one claim in one place."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

Outcome = Literal["holds", "refuted", "partial", "not-applicable", "timeout", "error", "leaked"]

JUDGED: Final = ("holds", "refuted", "partial", "not-applicable")
HARNESS: Final = ("timeout", "error", "leaked")
OUTCOMES: Final = JUDGED + HARNESS


@dataclass(frozen=True)
class Verdict:
    """An outcome and the one-line reason for it."""

    outcome: Outcome
    why: str
    key: str = ""  # a short stable phrase naming the verdict's flavour; drift reports compare outcome + key

    def __post_init__(self) -> None:
        if self.outcome not in OUTCOMES:
            raise ValueError(f"unknown verdict {self.outcome!r}; known: {', '.join(OUTCOMES)}")
        if not self.why:
            raise ValueError(f"a {self.outcome!r} verdict needs a reason")


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
