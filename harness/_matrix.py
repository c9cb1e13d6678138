"""The claim × start-method matrix as terminal text (pure)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from harness._environment import METHODS

KEYS = "✗ observed ≠ expected, ? no expectation for this environment, ≈ not judged: the machine was busy"
MARK = {"pass": " ", "fail": "✗", "new": "?", "inconclusive": "≈"}


def cell(result: dict[str, Any]) -> str:
    """A verdict, marked where it is not what was expected."""
    status = result.get("status", "new")
    expected = (result.get("expected") or {}).get("verdict")
    text = result["verdict"] if status != "fail" else f"{result['verdict']} (exp. {expected})"
    return f"{MARK.get(status, '?')}{text}"


def render(results: Iterable[dict[str, Any]], methods: tuple[str, ...] = METHODS) -> str:
    """Rows of claims, columns of start methods, and a count line."""
    rows: dict[str, dict[str, str]] = {}
    statuses: dict[str, int] = {}
    for r in results:
        rows.setdefault(r["claim"], {})[r["start_method"]] = cell(r)
        statuses[r.get("status", "new")] = statuses.get(r.get("status", "new"), 0) + 1
    width = max([len("claim"), *map(len, rows)])
    widths = [max([len(m), *(len(row.get(m, "")) for row in rows.values())]) for m in methods]
    line = "  ".join(f"{m:<{w}}" for m, w in zip(methods, widths, strict=True))
    out = [f"{'claim':<{width}}  {line}"]
    for claim_id in sorted(rows):
        cells = "  ".join(f"{rows[claim_id].get(m, '-'):<{w}}" for m, w in zip(methods, widths, strict=True))
        out.append(f"{claim_id:<{width}}  {cells}".rstrip())
    counts = ", ".join(f"{n} {s}" for s, n in sorted(statuses.items()))
    out.append(f"({counts}; {KEYS})")
    return "\n".join(out)
