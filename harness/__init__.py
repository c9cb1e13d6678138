"""A fact-checker for Python multiprocessing tutorials: the public surface for case authors.

A case module uses `claim`, `quote` (an article's words) or `doc` (the documentation's), the verdicts,
`expect` and, for claims about whole programs, `program`; everything else lives in private modules.
"""

from __future__ import annotations

from harness._claims import Case, Claim, Context, Facts, Source, claim, context, doc, quote
from harness._environment import Environment, Where
from harness._expect import Expect, expect
from harness._program import ProgramRun, find_python, finish_program, kill_group, program, start_program
from harness._verdicts import Verdict, holds, not_applicable, partial, refuted

__version__ = "0.1.0"

__all__ = [
    "Case",
    "Claim",
    "Context",
    "Environment",
    "Expect",
    "Facts",
    "ProgramRun",
    "Source",
    "Verdict",
    "Where",
    "__version__",
    "claim",
    "context",
    "doc",
    "expect",
    "find_python",
    "finish_program",
    "holds",
    "kill_group",
    "not_applicable",
    "partial",
    "program",
    "quote",
    "refuted",
    "start_program",
]
