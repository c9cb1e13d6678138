"""The merged report as self-contained HTML: the matrix with its evidence, and each article fact-checked."""

from __future__ import annotations

from typing import Any

from harness._report._articles import passages
from harness._report._markdown import environment
from harness._report._merge import Column
from harness._report._overall import Overall, overall
from harness._report._summary import SYMBOL, Report

LABEL_SYMBOL = {**SYMBOL, "depends": "◇", "untested": "·"}


def render_html(report: Report, articles: dict[str, str]) -> dict[str, str]:
    """`index.html` and one `article-NNN.html` per article, by file name."""
    pages = {"index.html": _matrix(report, sorted(articles))}
    for number, text in sorted(articles.items()):
        pages[f"article-{number}.html"] = _article(report, number, text)
    return pages


def _matrix(report: Report, article_numbers: list[str]) -> str:
    merged, columns = report.merged, report.merged.columns
    rows, cells = [], {}
    for claim in merged.claims:
        meta = merged.meta.get(claim, {})
        row_cells = []
        for i, column in enumerate(columns):
            result = merged.cell(claim, column)
            key = f"{claim}|{i}"
            if result is not None:
                cells[key] = {**_public(result), "column": _label(column)}
            row_cells.append(
                None
                if result is None
                else {
                    **_where(column),
                    "key": key,
                    "verdict": result["verdict"],
                    "status": result.get("status", "new"),
                }
            )
        rows.append(
            {
                "id": claim,
                "topic": merged.topics[claim],
                "statement": meta.get("statement", ""),
                "articles": sorted({s["article"] for s in meta.get("sources", [])}),
                "cells": row_cells,
            }
        )
    return (
        environment(html=True)
        .get_template("matrix.html.j2")
        .render(
            environments=merged.environments,
            notices=sorted(merged.notices.items()),
            articles=article_numbers,
            symbols=SYMBOL,
            counts=_counts(report),
            filters=_filters(report, rows),
            groups=_groups(columns),
            columns=[_where(c) for c in columns],
            rows=rows,
            drifts=report.drifts,
            default_method=report.default_method,
            data={"cells": cells, "claims": merged.meta},
        )
    )


def _public(result: dict[str, Any]) -> dict[str, Any]:
    keep = (
        "claim",
        "start_method",
        "verdict",
        "why",
        "verdict_key",
        "expected",
        "status",
        "evidence",
        "duration_s",
    )
    return {k: result.get(k) for k in keep}


def _where(column: Column) -> dict[str, str]:
    return {"os": column.os, "python": column.python, "method": column.method}


def _label(column: Column) -> str:
    return f"{column.os} {column.python} {column.method}"


def _groups(columns: list[Column]) -> list[dict[str, Any]]:
    groups: list[dict[str, Any]] = []
    for column in columns:
        label = f"{column.os} {column.python}"
        if groups and groups[-1]["label"] == label:
            groups[-1]["span"] += 1
        else:
            groups.append({"label": label, "span": 1})
    return groups


def _filters(report: Report, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    columns = report.merged.columns
    return [
        {"name": "article", "label": "article", "options": sorted({a for r in rows for a in r["articles"]})},
        {"name": "topic", "label": "topic", "options": sorted({r["topic"] for r in rows})},
        {"name": "os", "label": "OS", "options": sorted({c.os for c in columns})},
        {"name": "python", "label": "Python", "options": list(dict.fromkeys(c.python for c in columns))},
        {"name": "method", "label": "start method", "options": report.methods()},
    ]


def _counts(report: Report) -> str:
    return ", ".join(f"{n} {s}" for s, n in sorted(report.counts.items()))


def _article(report: Report, number: str, text: str) -> str:
    merged = report.merged
    mine = [
        c
        for c in merged.claims
        if any(s["article"] == number for s in merged.meta.get(c, {}).get("sources", []))
    ]
    summaries = {c: overall(merged, c) for c in mine}
    quotes = [(s["quote"], c) for c in mine for s in merged.meta[c]["sources"] if s["article"] == number]
    parts = [
        {
            "text": p.text,
            "claims": p.claims,
            "label": _worst(summaries, p.claims),
            "title": "; ".join(f"{c}: {summaries[c].text()}" for c in p.claims),
        }
        for p in passages(text, quotes)
    ]
    claims = [
        {
            "id": c,
            "label": summaries[c].label,
            "symbol": LABEL_SYMBOL[summaries[c].label],
            "overall": summaries[c].text(),
            "statement": merged.meta[c].get("statement", ""),
            "explain": _explain(report, c),
        }
        for c in mine
    ]
    return (
        environment(html=True)
        .get_template("article.html.j2")
        .render(
            number=number, environments=len(merged.environments), symbols=SYMBOL, claims=claims, parts=parts
        )
    )


def _worst(summaries: dict[str, Overall], claims: tuple[str, ...]) -> str:
    order = ("refuted", "partial", "depends", "holds", "untested")
    labels = {summaries[c].label for c in claims}
    return next((label for label in order if label in labels), "untested")


def _explain(report: Report, claim: str) -> str:
    """Per method, what each platform showed, in the report's range notation."""
    return " · ".join(
        f"{method}: " + "; ".join(f"{line.platform} {line.text}" for line in lines)
        for (c, method), lines in report.cells.items()
        if c == claim
    )
