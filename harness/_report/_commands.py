"""The report and diff commands: read files, refuse bad ones, render (the I/O edge of the reports)."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Sequence
from pathlib import Path

from harness._catalog import load as load_catalog
from harness._journal import recover
from harness._report._drift import Change, diff, pair_environments
from harness._report._html import render_html
from harness._report._junit import render_junit
from harness._report._markdown import render_markdown
from harness._report._merge import Merged, merge
from harness._report._predicted import predict
from harness._report._summary import Report, summarize
from harness._results import SCHEMA, read


def expand(paths: Sequence[Path]) -> list[Path]:
    """Files as given; a folder stands for every `*.json` in it."""
    found: list[Path] = []
    for path in paths:
        found += sorted(path.glob("*.json")) if path.is_dir() else [path]
    if not found:
        raise ValueError(f"no results files in {', '.join(map(str, paths))}")
    return found


def recover_journals(paths: Sequence[Path]) -> list[str]:
    """Fold every journal an interrupted run left (beside a named file, or in a named folder); notes."""
    notes: list[str] = []
    for path in paths:
        journals = sorted(path.glob("*.journal.jsonl")) if path.is_dir() else []
        targets = [j.with_name(j.name.removesuffix(".journal.jsonl") + ".json") for j in journals]
        for results in targets if path.is_dir() else [path]:
            notes += recover(results)
    return notes


def load(paths: Sequence[Path]) -> Merged:
    """Read and merge; the first bad file stops it with a line naming that file."""
    return merge(read(p) for p in expand(paths))


def report(paths: Sequence[Path], catalog: Path | None = None) -> Report:
    """The summary of all the given results, with the catalog's predictions for OSes not among them."""
    merged = load(paths)
    summary = summarize(merged)
    if catalog is None or not (catalog / "CLAIMS.md").is_file():
        return summary
    cases, _ = load_catalog(catalog)  # its errors are the results files' to report: each run records them
    return dataclasses.replace(summary, predicted=predict(cases, merged))


def changes(before: Sequence[Path], after: Sequence[Path]) -> list[Change]:
    """The verdicts that differ between two files or two sets."""
    return diff(load(before), load(after), pair_environments)


def write_outputs(summary: Report, args: object) -> list[Path]:
    """Write each rendering asked for on the command line; returns what was written."""
    written: list[Path] = []
    for option, render in _renderers().items():
        target = getattr(args, option, None)
        if target is not None:
            written += render(summary, target, getattr(args, "catalog", Path("cases")))
    return written


def _renderers() -> dict[str, Callable[[Report, Path, Path], list[Path]]]:
    return {"markdown": _write_markdown, "html": _write_html, "junit": _write_junit, "json": _write_json}


def _write_markdown(summary: Report, target: Path, catalog: Path) -> list[Path]:
    return [_write(target, render_markdown(summary))]


def _write_html(summary: Report, target: Path, catalog: Path) -> list[Path]:
    texts = {p.name[:3]: p.read_text(encoding="utf-8") for p in sorted((catalog / "articles").glob("*.txt"))}
    return [_write(target / name, page) for name, page in render_html(summary, texts).items()]


def _write_junit(summary: Report, target: Path, catalog: Path) -> list[Path]:
    return [_write(target, render_junit(summary.merged))]


def _write_json(summary: Report, target: Path, catalog: Path) -> list[Path]:
    merged = summary.merged
    rows = [{"env_id": column.env_id, **result} for (_, column), result in merged.cells.items()]
    data = {
        "schema": SCHEMA,
        "environments": merged.environments,
        "notices": merged.notices,
        "claims": merged.meta,
        "results": rows,
    }
    return [_write(target, json.dumps(data, ensure_ascii=False, indent=1))]


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
