"""Fault injection: case modules that misbehave on purpose, run as a user runs them (pytest -n 2).

Each fault gets its own verdict or a one-line catalog error; the others' results are intact; the run
completes and writes its results; and no process it started survives (a census by environment marker,
which every process of the run inherits, whatever session or group it moved to).
"""

from __future__ import annotations

import json
import os
import select
import shutil
import signal
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import psutil
import pytest

FAULTS = Path(__file__).parent / "faults" / "cases"
EXPECTED = {  # claim -> verdict under every method
    "fault.never-returns": "timeout",
    "fault.lock-deadlock": "timeout",
    "fault.child-segfault": "holds",
    "fault.kills-itself": "error",
    "fault.grandchild-left": "leaked",
    "fault.escapes": "leaked",
    "fault.flood": "holds",
    "fault.memory": "holds",
    "fault.worker-dies": "error",
    "fault.non-json": "error",
}
BAD_LINE = next(
    i for i, line in enumerate((FAULTS / "bad_method.py").read_text().splitlines(), 1) if "threads" in line
)
CATALOG_ERRORS = [
    f"bad_method.py: line {BAD_LINE}: claim 'fault.bad-method': expectation 0: "
    "unknown start method 'threads'",
    "missing_id.py: line 8: TypeError: claim() missing 1 required positional argument: 'id'",
    "z_malformed.py: claim 'fault.flood': duplicate id (also in noisy.py)",
    "z_malformed.py: line 8: claim 'fault.not-in-inventory': id is not in the inventory (CLAIMS.md)",
    "z_malformed.py: line 8: claim 'fault.unknown-article': sources: unknown article '999' (known: 001)",
    "z_malformed.py: line 8: claim 'fault.bad-quote': sources: quote not found in article 001: '这句话不在文",
]


def census(marker: str) -> list[dict[str, Any]]:
    """Every living process that carries the run's marker (zombies excepted: they run nothing)."""
    found = []
    for p in psutil.process_iter(["pid", "status", "cmdline"]):
        try:
            if p.info["status"] != psutil.STATUS_ZOMBIE and p.environ().get("FAULT_RUN") == marker:
                found.append(p.info)
        except psutil.Error:
            continue
    return found


@pytest.fixture
def run(tmp_path: Path) -> dict[str, Any]:
    """The fault catalog copied to a project of its own, and the environment of its run."""
    shutil.copytree(FAULTS, tmp_path / "cases")
    (tmp_path / "pytest.ini").write_text("[pytest]\nharness_catalog = cases\n")
    marker = uuid.uuid4().hex
    env = {**os.environ, "FAULT_RUN": marker, "FAULT_PIDS": str(tmp_path / "pids.txt")}
    env.pop("PYTEST_XDIST_WORKER", None)
    return {"dir": tmp_path, "marker": marker, "env": env}


def pytest_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "cases", "--results", "r.json", *args]


def test_every_fault_gets_its_verdict_and_nothing_survives(run: dict[str, Any]) -> None:
    before = census(run["marker"])
    done = subprocess.run(
        pytest_cmd("-n", "2"),
        cwd=run["dir"],
        env=run["env"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    after = census(run["marker"])
    print(f"census before: {len(before)} processes, after: {len(after)}")
    assert (before, after) == ([], [])
    assert done.returncode == 1, done.stdout[-3000:]
    data = json.loads((run["dir"] / "r.json").read_text())
    verdicts = {(r["claim"], r["start_method"]): r["verdict"] for r in data["results"]}
    assert verdicts == {(c, m): v for c, v in EXPECTED.items() for m in ("fork", "spawn", "forkserver")}
    errors = [e["message"].splitlines()[-1] for e in data["collection_errors"]]
    for line in CATALOG_ERRORS:
        assert any(line in e for e in errors), (line, errors)
    pids = [int(p) for p in (run["dir"] / "pids.txt").read_text().split()]
    assert len(pids) >= 15 and not [
        p for p in pids if psutil.pid_exists(p) and psutil.Process(p).status() != psutil.STATUS_ZOMBIE
    ]


def test_ctrl_c_keeps_the_results_so_far_and_leaves_nothing(run: dict[str, Any]) -> None:
    fifo = run["dir"] / "pids.fifo"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDWR)  # read-write: no end-of-file before the probe writes
    # a handled signal is reset to default in the child; an ignored one (in a background job) stays ignored
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    proc = subprocess.Popen(
        pytest_cmd("-k", "child-segfault or never-returns"),
        cwd=run["dir"],
        env={**run["env"], "FAULT_PIDS": str(fifo)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    signal.signal(signal.SIGINT, previous)
    ready, _, _ = select.select([reader], [], [], 120)  # the hanging probe wrote its pid: it is running
    assert ready, "the hanging probe never started"
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal's Ctrl+C does
    output = proc.communicate(timeout=60)[0]
    assert census(run["marker"]) == []
    data = json.loads((run["dir"] / "r.json").read_text())
    assert {r["claim"] for r in data["results"]} == {"fault.child-segfault"}, output[-2000:]
