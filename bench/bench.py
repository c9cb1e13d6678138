"""The catalog's wall time against its physical floor, on the current Python (run by `nox -s bench`).

It times the full catalog × 3 start methods serially and with `-n auto`, then measures, side by side on
this machine, what the probes inherently need: the process starts of each start method and the
interpreter starts, in the numbers the harness counted while running them. It prints wall / floor per
start method and in total, the slowest items with where their time went, and writes the figures as JSON.
It does the same for `python -m harness check` on `bench/article.md` (ten examples × 3 methods).
"""

from __future__ import annotations

import argparse
import io
import json
import multiprocessing
import os
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import timeline
from _catalog import ROOT, run_catalog  # bench/ is the script folder, first on sys.path

METHODS = ("fork", "spawn", "forkserver")
ARTICLE = ROOT / "bench" / "article.md"  # ten examples, each a guarded program that holds under every method


START_COST = """
import multiprocessing, os, statistics, sys, time
ctx = multiprocessing.get_context(sys.argv[1])
samples = []
for i in range(int(sys.argv[2]) + 1):  # the first is a warm-up: it starts the fork server and tracker
    started = time.perf_counter()
    p = ctx.Process(target=os.getpid)  # a child that does nothing, from a module every child has
    p.start()
    p.join()
    samples.append(time.perf_counter() - started)
print(statistics.median(samples[1:]))
"""


def start_cost(method: str, n: int) -> float:
    """Median seconds of one start + join with `method`, from a `-c` program (no main module to re-import)."""
    done = subprocess.run(
        [sys.executable, "-c", START_COST, method, str(n)], check=True, capture_output=True, text=True
    )
    return float(done.stdout)


def interpreter_cost(n: int, *args: str) -> float:
    """Median seconds of a whole interpreter start and exit."""
    samples = []
    for _ in range(n):
        started = time.perf_counter()
        subprocess.run([sys.executable, *args], check=True)
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def units(n: int) -> dict[str, float]:
    """The unit costs on this machine now."""
    found = {m: start_cost(m, n) for m in METHODS if m in multiprocessing.get_all_start_methods()}
    found["program"] = interpreter_cost(n, "-c", "pass")
    found["forkserver_server"] = interpreter_cost(n, "-c", "import multiprocessing.forkserver")
    found["resource_tracker"] = interpreter_cost(n, "-c", "import multiprocessing.resource_tracker")
    return found


def floor(results: list[dict[str, Any]], unit: dict[str, float]) -> float:
    """Seconds the items inherently need, run one after another (the harness's own supervisors excluded).

    The starts are those the harness counted per probe: processes by start method, whole programs, and
    multiprocessing's helpers (each probe's own fork server and resource tracker).
    """
    total = 0.0
    for r in results:
        starts = ((r.get("evidence") or {}).get("run") or {}).get("starts") or {}
        total += sum(n * unit.get(kind, 0.0) for kind, n in starts.items())
    return total


def _tree_cpu(r: dict[str, Any]) -> float:
    """CPU seconds of an item's whole process tree, as its supervisor measured it."""
    return float(((r.get("evidence") or {}).get("run") or {}).get("cpu_s") or 0.0)


def report(
    serial: float, parallel: float, results: list[dict[str, Any]], unit: dict[str, float]
) -> dict[str, Any]:
    """The figures: per method and in total, and the slowest items."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    per_method = {}
    for m in METHODS:
        mine = [r for r in results if r["start_method"] == m]
        wall = sum(r["duration_s"] for r in mine)
        per_method[m] = {
            "items": len(mine),
            "wall_s": round(wall, 3),
            "floor_s": round(floor(mine, unit), 3),
            "ratio": round(wall / max(floor(mine, unit), 1e-9), 2),
        }
    total_floor = floor(results, unit)
    slowest = sorted(results, key=lambda r: -r["duration_s"])[:10]
    return {
        "python": sys.version.split()[0],
        "cores": cores,
        "units_s": {k: round(v, 4) for k, v in unit.items()},
        "serial_wall_s": round(serial, 2),
        "parallel_wall_s": round(parallel, 2),
        "floor_serial_s": round(total_floor, 2),
        "tree_cpu_serial_s": round(sum(_tree_cpu(r) for r in results), 2),
        "floor_parallel_s": round(total_floor / cores, 2),
        "ratio_serial": round(serial / total_floor, 2),
        "ratio_parallel": round(parallel * cores / total_floor, 2),
        "per_method": per_method,
        "slowest": [
            {
                "item": f"{r['claim']}[{r['start_method']}]",
                "duration_s": r["duration_s"],
                "probe_s": ((r.get("evidence") or {}).get("run") or {}).get("duration_s"),
                "tree_cpu_s": ((r.get("evidence") or {}).get("run") or {}).get("cpu_s"),
                "starts": ((r.get("evidence") or {}).get("run") or {}).get("starts"),
            }
            for r in slowest
        ],
    }


def run_check(article: Path, out: Path) -> float:
    """`python -m harness check` on one article into `out`; returns the wall seconds it took."""
    started = time.perf_counter()
    command = [sys.executable, "-m", "harness", "check", str(article), "--json", str(out)]
    subprocess.run(command, cwd=ROOT, check=False, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def _starts(outcome: dict[str, Any]) -> dict[str, int]:
    """The process starts the harness counted for one example's run."""
    return dict(((outcome.get("evidence") or {}).get("supervisor") or {}).get("starts") or {})


def article_report(wall: float, outcomes: list[dict[str, Any]], unit: dict[str, float]) -> dict[str, Any]:
    """The check of the bench article: wall time against the floor of the starts its runs needed.

    Per method also the programs' own time (start to exit, as the probe timed them) and the supervised
    time (the probe's whole run: the sandbox, the program, the census after it), to show where it goes.
    """
    floors = [sum(n * unit.get(kind, 0.0) for kind, n in _starts(o).items()) for o in outcomes]
    per_method: dict[str, dict[str, Any]] = {}
    for o, f in zip(outcomes, floors, strict=True):
        blank = {"runs": 0, "floor_s": 0.0, "programs_s": 0.0, "supervised_s": 0.0, "verdicts": {}}
        row = per_method.setdefault(o["method"] or "python2.7", blank)
        row["runs"] += 1
        row["floor_s"] = round(row["floor_s"] + f, 3)
        row["programs_s"] = round(row["programs_s"] + float(o["evidence"].get("duration_s") or 0), 3)
        supervised = (o["evidence"].get("supervisor") or {}).get("duration_s") or 0
        row["supervised_s"] = round(row["supervised_s"] + float(supervised), 3)
        row["verdicts"][o["verdict"]] = row["verdicts"].get(o["verdict"], 0) + 1
    total = sum(floors)
    return {
        "article": str(ARTICLE.relative_to(ROOT)),
        "runs": len(outcomes),
        "counted_starts": sum(sum(_starts(o).values()) for o in outcomes),
        "wall_s": round(wall, 2),
        "floor_serial_s": round(total, 2),
        "ratio_serial": round(wall / total, 2) if total else None,  # the check runs one program at a time
        "units_s": {k: round(v, 4) for k, v in unit.items()},
        "per_method": per_method,
    }


def bench_article(unit: dict[str, float]) -> dict[str, Any]:
    """Check `bench/article.md` once, timed, and price the starts it counted."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "check.json"
        wall = run_check(ARTICLE, out)
        (article,) = json.loads(out.read_text(encoding="utf-8"))["articles"]
    return article_report(wall, article["outcomes"], unit)


def table(f: dict[str, Any]) -> str:
    """The figures of issue 17, as a Markdown table."""
    fork = f["per_method"]["fork"]
    rows = [
        ("serial wall / floor", f"{f['serial_wall_s']} s / {f['floor_serial_s']} s", f["ratio_serial"]),
        (
            "`-n auto` wall / (floor / cores)",
            f"{f['parallel_wall_s']} s / {f['floor_parallel_s']} s",
            f["ratio_parallel"],
        ),
        ("speed-up of `-n auto` over serial", f"{f['cores']} cores", f"{f['speed_up']}×"),
        ("fork items: wall / floor", f"{fork['wall_s']} s / {fork['floor_s']} s", fork["ratio"]),
    ]
    lines = ["| figure | seconds | ratio |", "|---|---|---|"]
    return "\n".join(lines + [f"| {a} | {b} | **{c}** |" for a, b, c in rows])


def timed_run(out: Path, *pytest_args: str) -> tuple[float, list[dict[str, Any]], dict[str, Any]]:
    """One catalog run: its wall seconds, its results, and its timeline's figures."""
    launched = time.time()
    wall = run_catalog(out, *pytest_args)
    results = json.loads(out.read_text())["results"]
    spans = timeline.spans(results, launched)
    figures = {
        "workers": timeline.per_worker(spans, wall),
        "chart": timeline.chart(spans, wall),
        "svg": timeline.svg(spans, wall),
        "round_trip_median_s": timeline.round_trip(spans, results),
    }
    return wall, results, figures


def profile(out: Path, *pytest_args: str) -> str:
    """The top entries, and the harness's own, by cumulative time in a cProfile of one serial slice."""
    stats = out.with_suffix(".prof")
    command = [sys.executable, "-m", "cProfile", "-o", str(stats), "-m", "pytest", "-p", "no:cacheprovider"]
    command += ["-q", "cases", "-n", "0", "--results", str(out), *pytest_args]
    subprocess.run(command, cwd=ROOT, check=False, stdout=subprocess.DEVNULL)
    text = io.StringIO()
    ordered = pstats.Stats(str(stats), stream=text).sort_stats("cumulative")
    ordered.print_stats(25)
    ordered.print_stats(r"harness[/\\]_", 25)  # the harness's own functions: the round trip's parts
    return text.getvalue()


def main() -> None:
    """Run, measure, print, write."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--samples", type=int, default=10)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument("--article-only", action="store_true", help="only the check of bench/article.md")
    parser.add_argument(
        "--profile", action="store_true", help="only a cProfile of a serial run; other arguments go to pytest"
    )
    args, pytest_args = parser.parse_known_args()
    if args.article_only:
        print(json.dumps(bench_article(units(args.samples)), indent=1))
        return
    if args.profile:
        with tempfile.TemporaryDirectory() as tmp:
            print(profile(Path(tmp) / "profile.json", *(pytest_args or ["--methods", "fork"])))
        return
    if pytest_args:
        parser.error(f"unrecognised arguments: {' '.join(pytest_args)}")
    with tempfile.TemporaryDirectory() as tmp:
        serial, results, serial_line = timed_run(Path(tmp) / "serial.json", "-n", "0")
        # as in a second `nox -s cases`: the results file of the last run orders the items, longest first
        shutil.copy(Path(tmp) / "serial.json", Path(tmp) / "parallel.json")
        parallel, _, parallel_line = timed_run(Path(tmp) / "parallel.json", "-n", "auto")
        args.out.mkdir(parents=True, exist_ok=True)
        for name in ("serial", "parallel"):  # the items' evidence and timings, for a closer look
            shutil.copy(
                Path(tmp) / f"{name}.json", args.out / f"results-{name}-{sys.version.split()[0]}.json"
            )
    unit = units(args.samples)
    figures = {**report(serial, parallel, results, unit), "article": bench_article(unit)}
    figures["speed_up"] = round(serial / parallel, 2)
    figures["serial_timeline"] = {k: v for k, v in serial_line.items() if k != "svg"}
    figures["parallel_timeline"] = {k: v for k, v in parallel_line.items() if k != "svg"}
    write(args.out, figures, parallel_line["svg"])
    show(figures)


def write(folder: Path, figures: dict[str, Any], svg: str) -> None:
    """The figures as JSON, the `-n auto` timeline as SVG beside them."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"bench-{figures['python']}.json").write_text(json.dumps(figures, indent=1))
    (folder / f"timeline-{figures['python']}.svg").write_text(svg)


def show(figures: dict[str, Any]) -> None:
    """Print the figures, the slowest items, the table and the timelines."""
    skip = ("slowest", "serial_timeline", "parallel_timeline")
    print(json.dumps({k: v for k, v in figures.items() if k not in skip}, indent=1, ensure_ascii=False))
    for s in figures["slowest"]:
        print(
            f"  {s['duration_s']:6.2f}s  probe {s['probe_s']}s  tree CPU {s['tree_cpu_s']}s"
            f"  starts {s['starts']}  {s['item']}"
        )
    print("\n" + table(figures) + "\n")
    for name in ("serial", "parallel"):
        line = figures[f"{name}_timeline"]
        print(f"{name} run: " + line["chart"])
        for worker, idle in line["workers"].items():
            print(f"  {worker}: {json.dumps(idle)}")
    print(
        "round trip per item, serial run, median s: "
        + json.dumps(figures["serial_timeline"]["round_trip_median_s"])
    )


if __name__ == "__main__":
    main()
