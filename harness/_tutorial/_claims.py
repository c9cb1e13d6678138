"""The claims a tutorial's sentences make, judged by the catalog: from a results file, or probes run now."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TypeAlias

import harness
from harness._catalog import import_root
from harness._claims import Case
from harness._environment import Where, current
from harness._judging import conclude
from harness._results import read
from harness._runner import run_undisturbed
from harness._said import DENIES
from harness._tutorial._model import ClaimVerdict, Document, Unchecked
from harness._tutorial._recognise import Recognised, looks_checkable, recognise
from harness._tutorial._sentences import Sentence, sentences

# the catalog's verdicts of some claims in one environment: claim id → (source, (method, verdict, why) rows)
Verdicts: TypeAlias = dict[str, tuple[str, list[tuple[str, str, str]]]]
Judge: TypeAlias = Callable[[Sequence[str]], Verdicts]  # claim ids → the verdicts of those it could judge
_INVERSE = {"holds": "refuted", "refuted": "holds"}  # partial, not-applicable, timeout… read the same
_OS_NAMES = {"win32": "Windows", "darwin": "macOS", "linux": "Linux", "unix": "Unix"}


def claims_of(
    document: Document, cases: Sequence[Case], judge: Judge, os_name: str
) -> tuple[tuple[ClaimVerdict, ...], tuple[Unchecked, ...]]:
    """The document's recognised claims with their verdicts, and the checkable-looking sentences left over."""
    found = sentences(document)
    recognised = recognise(found, {c.claim.id: c.saying for c in cases if c.saying is not None})
    verdicts = judge(sorted({r.claim for r in recognised}))
    statements = {c.claim.id: c.claim.statement for c in cases}
    judged = tuple(
        judged_one(r, statements[r.claim], *verdicts.get(r.claim, ("", [])), os_name) for r in recognised
    )
    return judged, not_checked(found, recognised)


def judged_one(
    r: Recognised, statement: str, source: str, rows: Iterable[tuple[str, str, str]], os_name: str
) -> ClaimVerdict:
    """One recognised sentence with the claim's verdicts, inverted when the sentence denies the claim."""
    denies = r.polarity == DENIES
    verdicts = tuple((m, _INVERSE.get(v, v) if denies else v, why) for m, v, why in rows)
    s = r.sentence
    words = (*(w for w, _, _ in r.words), *(f"{w} (in the {where})" for w, where in r.elsewhere))
    return ClaimVerdict(
        s.block, s.start, s.end, s.text, r.claim, statement, r.polarity, words, r.scope, verdicts, source,
        note(r, os_name, bool(verdicts)),
    )  # fmt: skip


def note(r: Recognised, os_name: str, judged: bool) -> str:
    """What a reader must know about the verdicts shown: a denial, another platform, nothing judged."""
    parts = []
    if r.polarity == DENIES:
        parts.append("the sentence denies the claim: the catalog's verdicts are shown inverted")
    here = os_name in r.scope or ("unix" in r.scope and os_name != "win32")  # Unix covers Linux, macOS
    others = [p for p in r.scope if p in _OS_NAMES and p != os_name and (p != "unix" or os_name == "win32")]
    if others and not here:
        named = ", ".join(_OS_NAMES[p] for p in others)
        parts.append(
            f"the sentence speaks of {named}; these verdicts are {_OS_NAMES.get(os_name, os_name)}'s"
        )
    if not judged:
        parts.append("no verdict for this claim here")
    return "; ".join(parts)


def not_checked(found: Iterable[Sentence], recognised: Iterable[Recognised]) -> tuple[Unchecked, ...]:
    """Prose and comment sentences that look checkable but that no claim's saying matched."""
    matched = {(r.sentence.block, r.sentence.start) for r in recognised}
    return tuple(
        Unchecked(s.block, s.start, s.end, s.text)
        for s in found
        if s.kind != "heading" and (s.block, s.start) not in matched and looks_checkable(s)
    )


# --- the verdicts: a results file, or the probes run now ----------------------------------------------


def from_results(path: Path, methods: Sequence[str]) -> Judge:
    """Verdicts as a results file recorded them (for the environment it was run in), for these methods."""
    data = read(path)
    source = f"{path} ({data.env_id})"

    def judge(claims: Sequence[str]) -> Verdicts:
        verdicts: Verdicts = {}
        for r in (r for r in data.results if r["claim"] in claims and r["start_method"] in methods):
            verdicts.setdefault(r["claim"], (source, []))[1].append(
                (r["start_method"], r["verdict"], r["why"])
            )
        return verdicts

    return judge


def either(first: Judge, then: Judge) -> Judge:
    """The first's verdicts, the second's for the claims the first has none of (a narrowed results file)."""

    def judge(claims: Sequence[str]) -> Verdicts:
        found = first(claims)
        return {**found, **then([c for c in claims if c not in found])}

    return judge


def run_now(cases: Sequence[Case], methods: Sequence[str], catalog: Path) -> Judge:
    """Verdicts of the claims' probes run now, here, through the catalog's runner, one method at a time."""

    def judge(claims: Sequence[str]) -> Verdicts:
        env = current(harness.__version__)
        source = f"the probes, run now ({env.env_id})"
        verdicts: Verdicts = {}
        for case in (c for c in cases if c.claim.id in claims):
            for method in methods:
                where = Where(env, method)
                run = None
                if method in env.start_methods:
                    run = run_undisturbed(
                        3 if case.exclusive else 1, case.module, case.name, method,
                        deadline=case.deadline, catalog_parent=str(import_root(catalog)),
                    )  # fmt: skip
                result = conclude(case, where, run)
                verdicts.setdefault(case.claim.id, (source, []))[1].append(
                    (method, result.verdict, result.why)
                )
        return verdicts

    return judge
