"""Run the whole catalog N times on this Python and count the verdicts that change (`nox -s stability`).

Racy claims must be judged stably: a verdict that differs between two runs of the same interpreter on
the same machine is a defect of its case. Prints every change and the count; exits 1 if there is any.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from _catalog import run_catalog  # bench/ is the script folder, first on sys.path


def run_once(results: Path, pytest_args: list[str]) -> tuple[dict[tuple[str, str], str], int]:
    """One catalog run: its verdicts (with their key, the verdict's flavour), and its set-aside runs."""
    run_catalog(results, *pytest_args)
    data = json.loads(results.read_text(encoding="utf-8"))
    verdicts = {
        (r["claim"], r["start_method"]): f"{r['verdict']}/{r['verdict_key']}" for r in data["results"]
    }
    return verdicts, sum(
        len((r["evidence"].get("run") or {}).get("earlier_attempts", [])) for r in data["results"]
    )


def changes(runs: list[dict[tuple[str, str], str]]) -> list[str]:
    """Each (claim, method) whose verdict is not the same in every run, with its verdicts in order."""
    keys = sorted(set().union(*runs))
    seen = {k: [run.get(k, "(absent)") for run in runs] for k in keys}
    return [f"{claim}[{method}]: {' → '.join(v)}" for (claim, method), v in seen.items() if len(set(v)) > 1]


def main() -> int:
    """Run N times, print the changes and their count."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", "--runs", type=int, default=10)
    parser.add_argument("pytest_args", nargs="*", default=["-n", "auto"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        runs, set_aside = [], 0
        for i in range(args.runs):
            verdicts, disturbed = run_once(Path(tmp) / f"run-{i}.json", args.pytest_args)
            runs.append(verdicts)
            set_aside += disturbed
            print(
                f"run {i + 1}/{args.runs}: {len(verdicts)} verdicts, {disturbed} timing runs set aside",
                flush=True,
            )
    found = changes(runs)
    flavours = changes([{k: v.split("/")[0] for k, v in run.items()} for run in runs])
    print("\n".join(found))
    print(f"{len(flavours)} verdict changes over {args.runs} runs of {len(runs[0])} items")
    print(f"{len(found) - len(flavours)} more changed only their key (the verdict's flavour)")
    print(f"{set_aside} timing runs set aside and repeated because other work disturbed them")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
