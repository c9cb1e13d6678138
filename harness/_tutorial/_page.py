"""The checked article as a reader sees it: the HTML page, the Markdown summary, the terminal lines (pure)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from harness._report._markdown import environment
from harness._report._summary import METHODS, SYMBOL
from harness._tutorial._model import (
    CODE,
    HEADING,
    HOLDS,
    NOT_APPLICABLE,
    PARTIAL,
    REFUTED,
    Checked,
    ClaimVerdict,
    Outcome,
)

VERDICTS = (HOLDS, PARTIAL, REFUTED, NOT_APPLICABLE)
CJK = re.compile(r"[\u4e00-\u9fff]")  # Chinese prose: the page says so, for screen readers and fonts
FACTS = ("returncode", "duration_s", "timed_out", "peak_rss_kib", "files_left")  # a run's, shown on the page
NOT_RUN = "not run: it uses none of multiprocessing, concurrent.futures' ProcessPoolExecutor or os.fork"


class Column(NamedTuple):
    """One run of the examples: a Python and a start method (None: Python 2.7, which has none)."""

    python: str
    method: str | None

    def label(self) -> str:
        """E.g. `cpython-3.12.1 spawn`, or `cpython-2.7.18` alone."""
        return f"{self.python} {self.method}" if self.method else self.python


def columns(outcomes: Sequence[Outcome]) -> list[Column]:
    """The runs present: Pythons in the order they ran, methods in the usual order, a Python 2.7 last."""
    return sorted({Column(o.python, o.method) for o in outcomes}, key=_order(outcomes))


def _order(outcomes: Sequence[Outcome]) -> Callable[[Column], tuple[bool, int, int]]:
    pythons = list(dict.fromkeys(o.python for o in outcomes))
    methods = {m: i for i, m in enumerate(METHODS)}
    return lambda c: (c.method is None, pythons.index(c.python), methods.get(c.method or "", len(methods)))


def cell(outcome: Outcome | None) -> str:
    """A verdict with its symbol, so it reads without colour; `·` where nothing ran."""
    return "· not run" if outcome is None else f"{SYMBOL.get(outcome.verdict, '?')} {outcome.verdict}"


def by_column(checked: Checked, example: int) -> dict[Column, Outcome]:
    """An example's outcomes, keyed by their run."""
    return {Column(o.python, o.method): o for o in checked.outcomes if o.example == example}


def diagnoses(outcomes: dict[Column, Outcome], pythons: Sequence[str]) -> list[tuple[str, str, str]]:
    """The verdicts other than holds: (verdict, diagnosis, the runs that gave it), alike ones together."""
    grouped: dict[tuple[str, str], tuple[str, list[Column]]] = {}
    for column in sorted(outcomes, key=_order(list(outcomes.values()))):
        o = outcomes[column]
        if o.verdict != HOLDS:
            grouped.setdefault((o.verdict, _alike(o.diagnosis)), (o.diagnosis, []))[1].append(column)
    return [(verdict, words, runs_named(runs, pythons)) for (verdict, _), (words, runs) in grouped.items()]


def runs_named(runs: list[Column], pythons: Sequence[str]) -> str:
    """`spawn, forkserver` when those methods did it on every Python of the check; else each run's label."""
    labels = ", ".join(c.label() for c in runs)
    if not pythons or any(c.method is None for c in runs):
        return labels
    methods = {python: tuple(str(c.method) for c in runs if c.python == python) for python in pythons}
    if len(set(methods.values())) != 1:
        return labels
    named = ", ".join(methods[pythons[0]])
    return named if len(pythons) == 1 else f"{named} on every Python"


def _alike(diagnosis: str) -> str:
    """A diagnosis with its addresses and pids blanked: runs that differ only there are told once."""
    return re.sub(r"0x[0-9a-fA-F]+|\b\d{3,}\b", "…", diagnosis)


def headline(checked: Checked) -> str:
    """The page's top line: claims recognised and judged, examples run, claim-like sentences not checked."""
    judged = sum(1 for c in checked.claims if c.verdicts)
    ran = len({o.example for o in checked.outcomes})
    unchecked = len(checked.unchecked)
    looks = (
        "sentence that looks like a claim but is"
        if unchecked == 1
        else "sentences that look like claims but are"
    )
    return (
        f"{_counted(judged, 'claim')} recognised and judged, {_counted(ran, 'example')} run, "
        f"{unchecked} {looks} not in the catalog"
    )


def _counted(n: int, noun: str) -> str:
    """`1 claim`, `2 claims`."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def claim_cells(claim: ClaimVerdict) -> str:
    """`fork ✓ holds  spawn ✗ refuted`: the verdicts as the sentence reads them."""
    return "  ".join(f"{m} {SYMBOL.get(v, '?')} {v}" for m, v, _ in claim.verdicts) or "no verdict"


def claim_rows(checked: Checked) -> list[dict[str, Any]]:
    """Each recognised sentence × claim, for the page and the summary."""
    lines = [b.line for b in checked.document.blocks] if checked.document else []
    return [
        {
            "id": c.claim,
            "statement": c.statement,
            "sentence": c.sentence,
            "line": lines[c.block] if c.block < len(lines) else 0,
            "block": f"b-{c.block}",
            "denies": c.polarity == "denies",
            "words": ", ".join(c.words),
            "cells": [
                {"method": m, "verdict": v, "text": f"{SYMBOL.get(v, '?')} {v}", "why": why}
                for m, v, why in c.verdicts
            ],
            "text": claim_cells(c),
            "note": c.note,
            "source": c.source,
        }
        for c in checked.claims
    ]


def counts(checked: Checked) -> str:
    """`4 holds, 2 refuted`: how the outcomes came out."""
    found = [v for v in VERDICTS if any(o.verdict == v for o in checked.outcomes)]
    return ", ".join(f"{sum(o.verdict == v for o in checked.outcomes)} {v}" for v in found) or "nothing ran"


# --- the terminal -----------------------------------------------------------------------------------


def render_text(checked: Checked) -> str:
    """A few lines per article: each example's verdict per run, and why where it is not holds."""
    doc, runs = checked.document, columns(checked.outcomes)
    if doc is None:
        return f"error: {checked.error}"
    lines = [f"{checked.path} ({doc.format}) {doc.title!r}: {len(checked.examples)} examples"]
    lines.append(f"  {headline(checked)}")
    sources = sorted({c.source for c in checked.claims if c.source})
    lines += [f"  the claims' verdicts from {'; '.join(sources)}"] if sources else []
    for row in claim_rows(checked):
        denies = " (denied)" if row["denies"] else ""
        lines.append(f"  claim {row['id']}{denies} line {row['line']}: {row['text']}")
        lines.append(f"      {_short(row['sentence'], 120)}" + (f"  [{row['note']}]" if row["note"] else ""))
    for ex in checked.examples:
        mine = by_column(checked, ex.index)
        lines.append(f"  ex{ex.index} line {ex.line}: {_cells(mine, runs) or NOT_RUN}")
        lines += [f"      {SYMBOL[v]} {r}: {_short(d)}" for v, d, r in diagnoses(mine, _pythons(runs))]
    lines += [f"  not checked: {_short(u.sentence, 120)}" for u in checked.unchecked]
    return "\n".join([*lines, f"  = {counts(checked)}"])


def _cells(mine: dict[Column, Outcome], runs: list[Column]) -> str:
    """`cpython-3.12.1: fork ✓ holds  spawn ✗ refuted | cpython-2.7.18: ✓ holds`."""
    per_python: dict[str, list[str]] = {}
    for c in (c for c in runs if c in mine):
        per_python.setdefault(c.python, []).append(f"{c.method or ''} {cell(mine[c])}".strip())
    return " | ".join(f"{python}: {'  '.join(cells)}" for python, cells in per_python.items())


def _pythons(runs: list[Column]) -> list[str]:
    """The Pythons that ran with start methods (a Python 2.7's one run is named on its own)."""
    return list(dict.fromkeys(c.python for c in runs if c.method is not None))


def _short(text: str, limit: int = 200) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


# --- the page ---------------------------------------------------------------------------------------


def render_html(checked: Checked) -> str:
    """The article's page: its blocks in order, each example with its verdicts, diagnoses and real output."""
    assert checked.document is not None, "an article that could not be read has no page"
    doc, runs = checked.document, columns(checked.outcomes)
    examples = {ex.block: _example(checked, ex.index, runs) for ex in checked.examples}
    blocks = [_block(i, b.kind, b.text, b.level, examples.get(i)) for i, b in enumerate(doc.blocks)]
    for block in blocks:
        block["pieces"] = pieces(block["text"], [c for c in checked.claims if f"b-{c.block}" == block["id"]])
    return (
        environment(html=True)
        .get_template("tutorial.html.j2")
        .render(
            title=doc.title or checked.path,
            path=checked.path,
            format=doc.format,
            symbols={v: SYMBOL[v] for v in VERDICTS},
            groups=_groups(runs),
            runs=[c.label() for c in runs],
            examples=[examples[ex.block] for ex in checked.examples],
            blocks=blocks,
            counts=counts(checked),
            headline=headline(checked),
            claims=claim_rows(checked),
            unchecked=[u.sentence for u in checked.unchecked],
            sources=sorted({c.source for c in checked.claims if c.source}),
            lang="zh" if any(CJK.search(b.text) for b in doc.blocks if b.kind != CODE) else "en",
        )
    )


def _block(i: int, kind: str, text: str, level: int, example: dict[str, Any] | None) -> dict[str, Any]:
    """A block of the page, addressable by its id (`b-<index>`), so later parts can mark its sentences."""
    heading = min(level + 1, 6) if kind == HEADING else 0  # the page's own title is the h1
    return {
        "id": f"b-{i}",
        "kind": kind,
        "text": text,
        "h": heading,
        "example": example,
    }


def pieces(text: str, claims: Sequence[ClaimVerdict]) -> list[dict[str, str]]:
    """A prose block cut at its recognised sentences, each marked with its claims' verdicts."""
    spans: dict[tuple[int, int], list[ClaimVerdict]] = {}
    for c in claims:
        spans.setdefault((c.start, c.end), []).append(c)
    out, at = [], 0
    for (start, end), mine in sorted(spans.items()):
        if start < at:
            continue  # a comment's sentence inside another's span: marked once
        out.append({"text": text[at:start], "verdict": "", "title": ""})
        verdicts = {v for c in mine for _, v, _ in c.verdicts}
        title = "; ".join(
            f"{c.claim}{' (denied)' if c.polarity == 'denies' else ''}: {claim_cells(c)}" for c in mine
        )
        out.append(
            {
                "text": text[start:end],
                "verdict": verdicts.pop() if len(verdicts) == 1 else "mixed",
                "title": title,
            }
        )
        at = end
    return [*out, {"text": text[at:], "verdict": "", "title": ""}]


def _example(checked: Checked, index: int, runs: list[Column]) -> dict[str, Any]:
    ex = next(e for e in checked.examples if e.index == index)
    mine = by_column(checked, index)
    return {
        "index": index,
        "line": ex.line,
        "shown": ex.shown,
        "python2": ex.python2,
        "continues": ex.continues,
        "not_run": None if mine else NOT_RUN,
        "cells": [_cell(mine.get(c)) for c in runs],
        "diagnoses": [{"verdict": v, "text": d, "runs": r} for v, d, r in diagnoses(mine, _pythons(runs))],
        "runs": [_run(c, mine[c]) for c in runs if c in mine],
        "open": _first_failing([mine[c] for c in runs if c in mine]),
    }


def _first_failing(outcomes: list[Outcome]) -> str | None:
    """The run whose evidence the page opens: the first that did not hold, else the first."""
    order = sorted(outcomes, key=lambda o: o.verdict == HOLDS)
    return Column(order[0].python, order[0].method).label() if order else None


def _cell(outcome: Outcome | None) -> dict[str, str]:
    return {"verdict": outcome.verdict if outcome else "untested", "text": cell(outcome)}


def _run(column: Column, o: Outcome) -> dict[str, Any]:
    """One run's evidence as the page shows it: what it printed, beside what the article shows."""
    ev = o.evidence
    return {
        "label": column.label(),
        "verdict": o.verdict,
        "text": cell(o),
        "diagnosis": o.diagnosis,
        "stdout": ev.get("stdout") or "",
        "stderr": ev.get("stderr") or "",
        "facts": {k: ev[k] for k in FACTS if ev.get(k) not in (None, [], {})},
        "left": (ev.get("supervisor") or {}).get("leaked") or [],
        "script": ev.get("script") if ev.get("continues") else None,  # run after the examples it continues
    }


def _groups(runs: list[Column]) -> list[dict[str, Any]]:
    """Header cells over the runs: each Python spans its methods."""
    spans: dict[str, int] = {}
    for c in runs:
        spans[c.python] = spans.get(c.python, 0) + 1
    return [{"label": python, "span": n} for python, n in spans.items()]


# --- the Markdown summary ---------------------------------------------------------------------------


def render_markdown(checked: Sequence[Checked]) -> str:
    """Every article of the call: a table of its examples' verdicts per run, with the diagnoses."""
    articles = [_markdown_article(c) for c in checked if c.document is not None]
    errors = [c.error for c in checked if c.error]
    symbols = {v: SYMBOL[v] for v in VERDICTS}
    return (
        environment(html=False)
        .get_template("tutorial.md.j2")
        .render(articles=articles, errors=errors, symbols=symbols)
    )


def _markdown_article(checked: Checked) -> dict[str, Any]:
    assert checked.document is not None
    runs = columns(checked.outcomes)
    rows = []
    for ex in checked.examples:
        mine = by_column(checked, ex.index)
        why = [f"{SYMBOL[v]} {r}: {_short(d)}" for v, d, r in diagnoses(mine, _pythons(runs))]
        rows.append(
            {
                "index": ex.index,
                "line": ex.line,
                "cells": [cell(mine.get(c)) for c in runs],
                "why": "; ".join(why) if mine else NOT_RUN,
            }
        )
    title = checked.document.title or checked.path
    return {
        "title": title,
        "path": checked.path,
        "runs": [c.label() for c in runs],
        "rows": rows,
        "counts": counts(checked),
        "headline": headline(checked),
        "claims": claim_rows(checked),
        "unchecked": [u.sentence for u in checked.unchecked],
    }
