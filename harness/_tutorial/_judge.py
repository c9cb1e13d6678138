"""Judging one run of an example: facts in, Outcome out (pure).

`holds`: it ran, ended and printed what the article shows (if it shows anything; in any order where
the article implies none). `partial`: it ran but printed something else, or it is a fragment that ran
only after the imports of an earlier example (it does not import what it uses). `refuted`: it failed, hung or
left processes behind. `not-applicable`: it cannot run here (display, a missing module or data file).
"""

from __future__ import annotations

from typing import Any, NamedTuple

from harness._tutorial._diagnose import Evidence, Finding, diagnose
from harness._tutorial._model import HOLDS, NOT_APPLICABLE, PARTIAL, REFUTED, Example, Outcome
from harness._tutorial._normalise import compare, compare_folded

SHOW = 3  # lines quoted of each difference


class Supervised(NamedTuple):
    """What the supervisor said of the run: its status, the processes left after it, its own failure."""

    status: str  # harness._runner.Run.status: ok, timeout (at the backstop), error, crashed
    leaked: list[dict[str, Any]]
    error: str | None


def judge(
    example: Example,
    ev: Evidence,
    run: Supervised,
    *,
    python: str,
    method: str | None,
    evidence: dict[str, Any],
) -> Outcome:
    """The outcome of one run of `example`; `evidence` is kept with it as it is.

    `ev.stdout` is what the example itself printed (a kernel's cell: its own output, not the earlier
    cells'), `ev.shown` what the article shows for it (with what the examples it continues show).
    """
    verdict, key, words = _verdict(example, ev, run)
    pinned = f" (it sets its own start method: {ev.pinned})" if ev.pinned and method else ""
    return Outcome(example.index, python, method, verdict, words + pinned, key, evidence)


def _verdict(example: Example, ev: Evidence, run: Supervised) -> tuple[str, str, str]:
    if run.status != "ok":  # the harness's failure, not the example's: nothing was observed of it
        return NOT_APPLICABLE, "error", f"the check could not run it ({run.status}): {run.error}"
    found = diagnose(ev)
    if found and not ev.reached:
        found = found._replace(
            words=f"it never ran: an earlier cell it follows did not finish ({found.words})"
        )
    if found:
        return _with_leaks(found, run.leaked)
    if run.leaked:
        return REFUTED, "leaked", f"it ended but left {_procs(run.leaked)} running"
    return _output(example, ev)


def _with_leaks(found: Finding, leaked: list[dict[str, Any]]) -> tuple[str, str, str]:
    extra = f"; it also left {_procs(leaked)} running" if leaked else ""
    return found.verdict, found.key, found.words + extra


def _procs(leaked: list[dict[str, Any]]) -> str:
    named = ", ".join(f"{p['pid']} ({p.get('cmdline', '')[:60]})" for p in leaked[:3])
    return f"{len(leaked)} process(es): {named}"


def _output(example: Example, ev: Evidence) -> tuple[str, str, str]:
    """A clean run: holds, unless it printed something else or ran only on an earlier example's imports."""
    verdict, key, words = _compared(example, ev)
    if verdict != HOLDS or not ev.needs_imports:
        return verdict, key, words
    earlier = " and ".join(str(i) for i in example.continues)
    return (
        PARTIAL,
        "needs-imports",
        f"it needs example {earlier}'s imports: it uses {', '.join(ev.needs_imports)} without importing "
        f"it, and ran here only after example {earlier}, as a reader would paste them ({words})",
    )


def _compared(example: Example, ev: Evidence) -> tuple[str, str, str]:
    """Holds, unless the run printed something other than what the article shows."""
    if ev.shown is None:
        return HOLDS, "ran", "it ran and ended (the article shows no output to compare)"
    seen = (compare_folded if ev.folded else compare)(ev.stdout, ev.shown)
    if seen.same and (seen.in_order or not example.ordered):
        order = "" if seen.in_order else ", in another order, which the article does not fix"
        return HOLDS, "ran", f"it ran, ended and printed what the article shows{order}"
    if seen.same:
        return PARTIAL, "output-differs", "it printed the article's lines, but in another order"
    return (
        PARTIAL,
        "output-differs",
        f"it ran but printed something else: {_differences(seen.missing, seen.extra)}",
    )


def together(verdicts: list[str]) -> str:
    """An article's verdict from its examples': none failed holds, some partial, all refuted; none ran n/a."""
    ran = sum(v == HOLDS for v in verdicts)
    failed = sum(v not in (HOLDS, NOT_APPLICABLE) for v in verdicts)
    if not ran and not failed:
        return NOT_APPLICABLE
    return HOLDS if not failed else PARTIAL if ran else REFUTED


def _differences(missing: tuple[str, ...], extra: tuple[str, ...]) -> str:
    said = []
    if missing:
        said.append(f"{len(missing)} line(s) the article shows are missing ({_quote(missing)})")
    if extra:
        said.append(f"{len(extra)} other line(s) ({_quote(extra)})")
    return "; ".join(said)


def _quote(lines: tuple[str, ...]) -> str:
    more = f", … {len(lines) - SHOW} more" if len(lines) > SHOW else ""
    return ", ".join(repr(ln[:80]) for ln in lines[:SHOW]) + more
