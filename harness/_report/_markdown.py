"""The merged report as Markdown, small enough for a GitHub step summary (pure, through Jinja2)."""

from __future__ import annotations

import re
from typing import Any

import jinja2

from harness._claims import DOCUMENTATION, group_of
from harness._report._overall import overall
from harness._report._predicted import BASIS, OS_NAMES, cite_numbers, predicted_oses
from harness._report._summary import SYMBOL, Report


def environment(*, html: bool) -> jinja2.Environment:
    """Templates of this package: HTML autoescaped; Markdown escaped for tables by the `md` filter."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("harness._report", "templates"),
        autoescape=html,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["md"] = lambda text: str(text).replace("|", "\\|").replace("\n", " ")
    return env


def symbols(text: str) -> str:
    """Put each verdict's symbol before it, so the meaning survives without colour."""
    return re.sub(
        rf"\b({'|'.join(SYMBOL)})\b",
        lambda m: f"{SYMBOL[m.group(1)]} {m.group(1)}",
        text,
    )


def rows_by_article(report: Report, cites: dict[str, int]) -> list[dict[str, Any]]:
    """Article → topic → claim rows; a claim from two articles appears under each."""
    merged, methods = report.merged, report.methods()
    articles: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for claim in merged.claims:
        meta = merged.meta.get(claim, {})
        row = {
            "id": claim,
            "statement": meta.get("statement", ""),
            "overall": overall(merged, claim).text(),
            "cells": [_cell(report, claim, m, cites) for m in methods],
        }
        for number in sorted({group_of(s) for s in meta.get("sources", [])} or {"?"}):
            articles.setdefault(number, {}).setdefault(merged.topics[claim] or "-", []).append(row)
    return [
        {
            "number": n,
            "title": _title(n),
            "topics": [{"name": t, "rows": r} for t, r in sorted(topics.items())],
        }
        for n, topics in sorted(articles.items())
    ]


def _title(group: str) -> str:
    """An article's heading, or the documentation's (its numbers sort first, the docs after them)."""
    return "From the documentation" if group == DOCUMENTATION else f"Article {group}"


def _cell(report: Report, claim: str, method: str, cites: dict[str, int]) -> str:
    lines = report.cells.get((claim, method), [])
    observed = [f"{line.platform}: {symbols(line.text)}{' ❌' if line.failures else ''}" for line in lines]
    return "<br>".join(observed + _predicted(report, claim, method, cites))


def _predicted(report: Report, claim: str, method: str, cites: dict[str, int]) -> list[str]:
    """Italic, with a footnote per source: expected from CPython's source, not observed."""
    found = [p for os in predicted_oses(report.predicted) if (p := report.predicted.get((claim, os, method)))]
    return [
        f"*{OS_NAMES[p.os]}: {symbols(p.text())} (expected)*" + "".join(f"[^s{cites[c]}]" for c in p.cites())
        for p in found
    ]


def render_markdown(report: Report) -> str:
    """The whole Markdown page."""
    counts = ", ".join(f"{n} {s}" for s, n in sorted(report.counts.items()))
    cites = cite_numbers(report.predicted.values())
    return (
        environment(html=False)
        .get_template("report.md.j2")
        .render(
            environments=sorted(report.merged.environments),
            notices=sorted(report.merged.notices.items()),
            counts=counts,
            methods=report.methods(),
            articles=rows_by_article(report, cites),
            predicted=[OS_NAMES[os] for os in predicted_oses(report.predicted)],
            basis=BASIS,
            cites=cites,
            drifts=report.drifts,
            default_method=report.default_method,
            errors=report.merged.errors,
        )
    )
