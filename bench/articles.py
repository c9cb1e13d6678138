"""The five seed articles checked from their raw text alone, per method, beside the catalog's `code.runs-*`.

    python bench/articles.py [--results results/<env-id>.json] [--methods fork,spawn,forkserver]

For each article of `cases/articles/` it prints each example's verdict per start method, the verdict the
catalog's rule gives those examples together (none failed: holds; some: partial; all: refuted; none could
run: not-applicable; `harness._tutorial._judge.together`), and, given a results file of `nox -s cases -- -k
code.runs`, the catalog's verdict and whether the two agree. A Python 2 article is judged by its Python 3
runs, as the catalog does (its Python 2.7 runs are evidence only there).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from _catalog import ROOT  # bench/ is the script folder, first on sys.path

from harness._report._summary import SYMBOL
from harness._tutorial._check import check, plan
from harness._tutorial._judge import together
from harness._tutorial._model import Checked, Outcome

METHODS = ("fork", "spawn", "forkserver")


def per_method(checked: Checked, method: str) -> list[Outcome]:
    """Each example's outcome under `method` on the first Python (a Python 2.7 run is evidence only)."""
    python = next((o.python for o in checked.outcomes if o.method == method), None)
    return [o for o in checked.outcomes if o.method == method and o.python == python]


def catalog_verdicts(results: Path) -> dict[tuple[str, str], str]:
    """(article number, method) → the verdict of `code.runs-NNN` in a results file."""
    rows: list[dict[str, Any]] = json.loads(results.read_text(encoding="utf-8"))["results"]
    return {
        (r["claim"].rsplit("-", 1)[1], r["start_method"]): r["verdict"]
        for r in rows
        if r["claim"].startswith("code.runs-")
    }


def main() -> int:
    """Check, print, compare; exit 1 when a verdict differs from the catalog's."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--results", type=Path, help="a results file with the catalog's code.runs-* items")
    parser.add_argument("--methods", default=",".join(METHODS))
    args = parser.parse_args()
    methods = tuple(args.methods.split(","))
    catalog = catalog_verdicts(args.results) if args.results else {}
    articles = [str(p) for p in sorted((ROOT / "cases" / "articles").glob("*.txt"))]
    differ = 0
    for checked in check(articles, plan([], methods)):
        differ += _print(checked, methods, catalog)
    print(f"{differ} (article, method) verdicts differ from the catalog's" if catalog else "")
    return 1 if differ else 0


def _print(checked: Checked, methods: tuple[str, ...], catalog: dict[tuple[str, str], str]) -> int:
    number = Path(checked.path).name[:3]
    if checked.error:
        print(f"{number}: error: {checked.error}")
        return len([m for m in methods if (number, m) in catalog])
    differ = 0
    for method in methods:
        chosen = per_method(checked, method)
        cells = " ".join(f"ex{o.example} {SYMBOL[o.verdict]} {o.verdict} ({o.key})" for o in chosen)
        mine, theirs = together([o.verdict for o in chosen]), catalog.get((number, method))
        same = "" if theirs is None else "  = catalog" if theirs == mine else f"  ≠ catalog's {theirs}"
        differ += theirs is not None and theirs != mine
        print(f"{number} {method:<10} {SYMBOL[mine]} {mine:<14}{same}  |  {cells}")
    return differ


if __name__ == "__main__":
    sys.exit(main())
