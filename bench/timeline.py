"""When each item ran on which worker, from the `timing` the plugin stamps on each result (pure; no I/O).

A span is one item: `started` (pytest called it), `lock_held` (it got the machine-wide lock),
`lock_released` (its probe ended), `ended` (judged and journalled). Between items a worker is idle.
"""

from __future__ import annotations

import itertools
import statistics
from dataclasses import dataclass
from typing import Any

WIDTH = 100  # columns of the text chart
MARKS = {"probe": "#", "exclusive": "X", "waiting": "w", "harness": "-", "idle": "."}


@dataclass(frozen=True)
class Span:
    """One item on one worker, in seconds since the run's launch."""

    worker: str
    item: str
    started: float
    held: float
    released: float
    ended: float
    exclusive: bool


def spans(results: list[dict[str, Any]], launched: float) -> list[Span]:
    """The items that carry a timing, ordered by worker and start (items not run here have no lock)."""
    found = []
    for r in results:
        t = r.get("timing")
        if not t:
            continue
        held = t.get("lock_held", t["started"])
        found.append(
            Span(
                t["worker"],
                f"{r['claim']}[{r['start_method']}]",
                t["started"] - launched,
                held - launched,
                t.get("lock_released", held) - launched,
                t["ended"] - launched,
                bool(t.get("exclusive")),
            )
        )
    return sorted(found, key=lambda s: (s.worker, s.started))


def idle(mine: list[Span], wall: float) -> dict[str, float]:
    """One worker's time outside its probes: start-up, gaps between items, lock waits, after its last."""
    gaps = [b.started - a.ended for a, b in itertools.pairwise(mine)]
    return {
        "items": len(mine),
        "start_up_s": round(mine[0].started, 3),
        "between_items_s": round(sum(gaps), 3),
        "lock_waits_s": round(sum(s.held - s.started for s in mine), 3),
        "harness_in_items_s": round(sum((s.ended - s.released) for s in mine), 3),
        "after_last_s": round(wall - mine[-1].ended, 3),
        "probes_s": round(sum(s.released - s.held for s in mine), 3),
    }


def per_worker(all_spans: list[Span], wall: float) -> dict[str, dict[str, float]]:
    """`idle` for each worker."""
    workers = sorted({s.worker for s in all_spans})
    return {w: idle([s for s in all_spans if s.worker == w], wall) for w in workers}


def state_at(mine: list[Span], at: float) -> str:
    """What a worker does at `at` seconds: its probe (exclusive or not), a lock wait, harness, or idle."""
    for s in mine:
        if s.held <= at < s.released:
            return "exclusive" if s.exclusive else "probe"
        if s.started <= at < s.held:
            return "waiting"
        if s.released <= at < s.ended:
            return "harness"
    return "idle"


def chart(all_spans: list[Span], wall: float, width: int = WIDTH) -> str:
    """One row per worker, one column per `wall / width` seconds: the mark of what it did mid-column."""
    step = wall / width
    legend = ", ".join(f"{m} {k}" for k, m in MARKS.items())
    lines = [f"timeline: {wall:.1f} s, one column = {step:.2f} s ({legend})"]
    for worker in sorted({s.worker for s in all_spans}):
        mine = [s for s in all_spans if s.worker == worker]
        row = "".join(MARKS[state_at(mine, (i + 0.5) * step)] for i in range(width))
        lines.append(f"{worker:>5} |{row}|")
    return "\n".join(lines)


def svg(all_spans: list[Span], wall: float, width: int = 1000) -> str:
    """The same timeline as an SVG: one bar per worker, a rectangle per item (hover: its name)."""
    colours = {"probe": "#4c78a8", "exclusive": "#e45756", "waiting": "#f2cf5b", "harness": "#999"}
    workers = sorted({s.worker for s in all_spans})
    scale = width / wall
    shapes = []
    for row, worker in enumerate(workers):
        y = 20 + row * 30
        shapes.append(f'<text x="0" y="{y + 15}" font-size="12">{worker}</text>')
        for s in (s for s in all_spans if s.worker == worker):
            probe = "exclusive" if s.exclusive else "probe"
            for kind, a, b in (("waiting", s.started, s.held), (probe, s.held, s.released)):
                x, w = 40 + a * scale, max((b - a) * scale, 0.5)
                shapes.append(
                    f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="20" fill="{colours[kind]}">'
                    f"<title>{s.item} {kind} {b - a:.3f} s</title></rect>"
                )
    height = 30 + 30 * len(workers)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width + 50}" height="{height}">'
        + "".join(shapes)
        + "</svg>\n"
    )


def round_trip(all_spans: list[Span], results: list[dict[str, Any]]) -> dict[str, float]:
    """Median seconds per item of each part of the round trip, from a serial run (one worker).

    `pytest_between` is pytest's own work between two items; `runner_outside` is the probe's run less
    its supervisor's life (scratch folder, template fork, reading the files, the machine's counters).
    """
    by_item = {
        f"{r['claim']}[{r['start_method']}]": (r.get("evidence") or {}).get("run") or {} for r in results
    }
    parts: dict[str, list[float]] = {k: [] for k in ("pytest_between", "lock", "runner_outside")}
    parts.update({k: [] for k in ("supervisor_after_scenario", "scenario", "judge_and_journal")})
    for a, b in itertools.pairwise(all_spans):
        if a.worker == b.worker:
            parts["pytest_between"].append(b.started - a.ended)
    for s in all_spans:
        run = by_item.get(s.item) or {}
        supervisor, scenario = run.get("duration_s"), run.get("scenario_s")
        parts["lock"].append(s.held - s.started)
        parts["judge_and_journal"].append(s.ended - s.released)
        if supervisor is not None and scenario is not None:
            parts["runner_outside"].append(s.released - s.held - supervisor)
            parts["supervisor_after_scenario"].append(supervisor - scenario)
            parts["scenario"].append(scenario)
    return {k: round(statistics.median(v), 4) for k, v in parts.items() if v}
