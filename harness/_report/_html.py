"""The merged report as self-contained HTML: the matrix with its evidence, and each article fact-checked."""

from __future__ import annotations

from typing import Any

from harness._claims import group_of
from harness._report._articles import passages
from harness._report._markdown import environment
from harness._report._merge import Column
from harness._report._overall import Overall, overall
from harness._report._predicted import BASIS, OS_NAMES, predicted_oses
from harness._report._summary import SYMBOL, Report

LABEL_SYMBOL = {**SYMBOL, "depends": "◇", "untested": "·", "?": "?"}
EXPECTED = "expected"  # the Python-column label of a predicted column: the catalog's expectation, not a run


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
        row_cells += _predicted_cells(report, claim, cells)
        rows.append(
            {
                "id": claim,
                "topic": merged.topics[claim],
                "statement": meta.get("statement", ""),
                "articles": sorted({group_of(s) for s in meta.get("sources", [])}),
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
            label_symbols=LABEL_SYMBOL,
            basis=BASIS,
            counts=_counts(report),
            filters=_filters(report, rows),
            groups=_groups(columns) + _predicted_groups(report),
            columns=[_where(c) for c in columns] + _predicted_columns(report),
            rows=rows,
            drifts=report.drifts,
            default_method=report.default_method,
            data={"cells": cells, "claims": merged.meta},
        )
    )


def _predicted_columns(report: Report) -> list[dict[str, str]]:
    """One column per unobserved OS and method, after the observed ones."""
    oses = predicted_oses(report.predicted)
    return [{"os": os, "python": EXPECTED, "method": m} for os in oses for m in report.methods()]


def _predicted_groups(report: Report) -> list[dict[str, Any]]:
    return [
        {
            "key": f"{os} {EXPECTED}",
            "label": f"{OS_NAMES[os]} ({os}): {BASIS}",
            "span": len(report.methods()),
            "predicted": True,
        }
        for os in predicted_oses(report.predicted)
    ]


def _predicted_cells(report: Report, claim: str, cells: dict[str, Any]) -> list[dict[str, Any] | None]:
    """The row's predicted cells; each one's expectations and sources go into the page's data."""
    row: list[dict[str, Any] | None] = []
    for column in _predicted_columns(report):
        found = report.predicted.get((claim, column["os"], column["method"]))
        if found is None:
            row.append(None)
            continue
        key = f"{claim}|{column['os']}|{column['method']}"
        spans = [{"first": s.first, "last": s.last, "expected": s.expected} for s in found.spans]
        label = f"{OS_NAMES[found.os]} ({found.os}) {column['method']}"
        cells[key] = {"claim": claim, "column": label, "predicted": True, "basis": BASIS, "spans": spans}
        verdicts = set(found.verdicts())
        row.append(
            {
                **column,
                "key": key,
                "predicted": True,
                "verdict": verdicts.pop() if len(verdicts) == 1 else "depends",
                "text": found.text(),
                "title": f"{BASIS}: {found.text()} — {'; '.join(found.cites()) or 'no source'}",
            }
        )
    return row


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
            groups.append({"key": label, "label": label, "span": 1, "predicted": False})
    return groups


def _filters(report: Report, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    columns, oses = report.merged.columns, predicted_oses(report.predicted)
    extra = [EXPECTED] if oses else []
    return [
        {"name": "article", "label": "article", "options": sorted({a for r in rows for a in r["articles"]})},
        {"name": "topic", "label": "topic", "options": sorted({r["topic"] for r in rows})},
        {"name": "os", "label": "OS", "options": sorted({c.os for c in columns} | set(oses))},
        {
            "name": "python",
            "label": "Python",
            "options": [*dict.fromkeys(c.python for c in columns), *extra],
        },
        {"name": "method", "label": "start method", "options": report.methods()},
    ]


def _counts(report: Report) -> str:
    return ", ".join(f"{n} {s}" for s, n in sorted(report.counts.items()))


def _article(report: Report, number: str, text: str) -> str:
    merged = report.merged
    mine = [
        c
        for c in merged.claims
        if any(s.get("article") == number for s in merged.meta.get(c, {}).get("sources", []))
    ]
    summaries = {c: overall(merged, c) for c in mine}
    quotes = [(s["quote"], c) for c in mine for s in merged.meta[c]["sources"] if s.get("article") == number]
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
            "predicted": _predicted_summary(report, c),
        }
        for c in mine
    ]
    return (
        environment(html=True)
        .get_template("article.html.j2")
        .render(
            number=number,
            environments=len(merged.environments),
            symbols=SYMBOL,
            basis=BASIS,
            claims=claims,
            parts=parts,
        )
    )


def _predicted_summary(report: Report, claim: str) -> list[dict[str, Any]]:
    """Per unobserved OS: each method's expected verdict, and the sources behind them."""
    found = []
    for os in predicted_oses(report.predicted):
        mine = [p for m in report.methods() if (p := report.predicted.get((claim, os, m)))]
        cells = " · ".join(f"{p.method} {LABEL_SYMBOL.get(p.text(), '◇')} {p.text()}" for p in mine)
        cites = list(dict.fromkeys(c for p in mine for c in p.cites()))
        found += [{"name": f"{OS_NAMES[os]} ({os})", "cells": cells, "cites": cites}] if mine else []
    return found


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
