"""One whole catalog run in a pytest process of its own: what the bench and the stability check share."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_catalog(results: Path, *pytest_args: str) -> float:
    """Run the catalog into `results`; returns the wall seconds it took."""
    started = time.perf_counter()
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-p",
        "no:cacheprovider",
        "-q",
        "cases",
        "--results",
        str(results),
    ]
    subprocess.run([*command, *pytest_args], cwd=ROOT, check=False, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started
