"""From what a run observed to a result: judgement, harness outcomes, expectation (all pure)."""

from __future__ import annotations

import traceback
from dataclasses import dataclass
from typing import Any

from harness._claims import Case
from harness._environment import Where
from harness._expect import expected_for
from harness._runner import Run
from harness._verdicts import Verdict


@dataclass(frozen=True)
class Result:
    """One item of the matrix: a claim under one start method in one environment."""

    claim: str
    topic: str
    start_method: str
    verdict: str
    why: str
    expected: dict[str, Any] | None
    evidence: dict[str, Any]
    duration_s: float
    verdict_key: str = ""

    @property
    def status(self) -> str:
        """`pass` when observed equals expected, `new` when nothing was expected, else `fail`."""
        if self.verdict == "inconclusive":
            return "inconclusive"  # nothing was measured that could be compared
        if self.expected is None:
            return "new"
        return "pass" if self.expected["verdict"] == self.verdict else "fail"

    def to_json(self) -> dict[str, Any]:
        """The results file's form of it."""
        return {
            "claim": self.claim,
            "topic": self.topic,
            "start_method": self.start_method,
            "verdict": self.verdict,
            "why": self.why,
            "verdict_key": self.verdict_key,
            "expected": self.expected,
            "status": self.status,
            "evidence": self.evidence,
            "duration_s": self.duration_s,
        }


def unavailable(where: Where) -> Verdict:
    """The verdict for a start method this platform lacks: not run, and said so."""
    have = ", ".join(where.env.start_methods)
    return Verdict(
        "not-applicable", f"start method {where.method!r} does not exist on {where.env.os} (it has: {have})"
    )


def verdict_of(case: Case, run: Run, where: Where) -> tuple[Verdict, dict[str, Any]]:
    """The verdict for a run, and any judgement details to keep beside the evidence."""
    if run.status == "timeout":
        return Verdict("timeout", f"the probe did not finish within its {case.deadline:g} s deadline"), {}
    if run.status != "ok" or run.facts is None:
        error = run.error or {}
        return Verdict("error", f"{error.get('type', run.status)}: {error.get('message', '')}".strip()), {}
    judged = _judge(case, run.facts, where)
    leftovers = run.report.get("leaked", []) + run.strays
    if leftovers and judged.outcome != "error":
        return _leaked(leftovers), {"judged": {"verdict": judged.outcome, "why": judged.why}}
    if case.exclusive and run.disturbed and judged.outcome != "error":
        return _disturbed(run), {"judged": {"verdict": judged.outcome, "why": judged.why}}
    return judged, {}


def _judge(case: Case, facts: dict[str, Any], where: Where) -> Verdict:
    assert case.judgement is not None  # the catalog refuses cases without one
    try:
        return case.judgement(facts, where)
    except Exception as exc:
        last = traceback.extract_tb(exc.__traceback__)[-1]
        return Verdict("error", f"the judgement raised {type(exc).__name__}: {exc} (line {last.lineno})")


def _leaked(leftovers: list[dict[str, Any]]) -> Verdict:
    names = "; ".join(
        f"pid {p['pid']} {p.get('status', '?')} {p.get('cmdline', '')[:60]}" for p in leftovers[:3]
    )
    return Verdict("leaked", f"the probe left {len(leftovers)} process(es) running: {names}")


def _disturbed(run: Run) -> Verdict:
    machine = run.machine or {}
    return Verdict(
        "inconclusive",
        f"other work on the machine took CPU time during all {len(run.earlier) + 1} attempts (last: "
        f"{machine.get('others_cpu_s')} s of CPU by other processes, {machine.get('steal_s')} s stolen by "
        f"the hypervisor, in {machine.get('wall_s')} s); a timing claim is not judged on a busy machine",
    )


def conclude(case: Case, where: Where, run: Run | None) -> Result:
    """The result of one item; `run` is None when the method does not exist here."""
    verdict, extra = (unavailable(where), {}) if run is None else verdict_of(case, run, where)
    evidence = {
        "facts": None if run is None else run.facts,
        **extra,
        "run": None if run is None else run.evidence(),
    }
    expected = expected_for(case.expectations, where) if run is not None else expect_unavailable(where)
    return Result(
        case.claim.id,
        case.claim.topic,
        where.method,
        verdict.outcome,
        verdict.why,
        expected if expected is None or isinstance(expected, dict) else expected.to_json(),
        evidence,
        0.0 if run is None else run.duration_s,
        verdict.key,
    )


def expect_unavailable(where: Where) -> dict[str, Any]:
    """The engine's own expectation for a method the platform lacks: not-applicable, for every claim."""
    return {
        "verdict": "not-applicable",
        "reason": f"{where.env.os} has no {where.method!r} start method",
        "scope": {"os": where.env.os, "method": where.method},
        "cite": "Lib/multiprocessing/context.py: get_all_start_methods()",
        "basis": "engine",
    }


def mismatch(result: Result, where: Where) -> str:
    """The line a failing item shows."""
    if result.expected is None:
        head = f"NEW: no expectation for {result.claim} on {where.label()}"
        return f"{head}; observed {result.verdict}: {result.why}"
    return (
        f"expected {result.expected['verdict']} on {where.label()}, observed {result.verdict}: {result.why}"
    )
