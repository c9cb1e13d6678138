"""A catalog run interrupted at a random point (seeded, printed) loses no judged verdict and leaves nothing.

Each test starts `pytest -n 2` on a scratch catalog of slow-ish claims in a session of its own, waits
until a random number of items is reported judged, lets a random fraction of a second more pass, then
signals the whole process group as a terminal, nox or a CI runner would.
"""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import psutil
import pytest

from harness._journal import journal_path, read_journal
from harness._results import read

from .conftest import write_catalog

pytestmark = pytest.mark.skipif(not hasattr(os, "killpg"), reason="process groups are POSIX")

IDS = tuple(f"slow.c{i}" for i in range(6))
ITEMS = {(c, m) for c in IDS for m in ("fork", "spawn", "forkserver")}
SLOW = """\
@claim("{id}", "It takes a while.", topic="slow", sources=[quote("001", "进程的退出码是负数")])
def probe_{n}(mp):
    time.sleep(0.4)  # the work itself: long enough that an interrupt lands while items run
    return {{"n": {n}}}

@probe_{n}.judge
def _(facts, where):
    return holds("it ran")

probe_{n}.expect(expect("holds", "it runs"))
"""
# pytest's verbose lines write the item's domain with `::` for `.`: slow.c0[fork] is slow::c0[fork]
REPORTED = re.compile(r"(?:PASSED|FAILED|SKIPPED|ERROR) cases/slow\.py::(?P<claim>[\w:]+)\[(?P<method>\w+)\]")


def census(marker: str) -> list[psutil.Process]:
    """Every living process of the run (each inherits its marker), zombies excepted."""
    found = []
    for p in psutil.process_iter(["status"]):
        try:
            if p.info["status"] != psutil.STATUS_ZOMBIE and p.environ().get("INTERRUPT_RUN") == marker:
                found.append(p)
        except psutil.Error:
            continue
    return found


def interrupted_run(tmp_path: Path, sig: signal.Signals) -> dict[str, Any]:
    """Run, signal the group at a seeded random point; what the run printed and left."""
    seed = int(os.environ.get("INTERRUPT_SEED", time.time_ns() % 1_000_000))
    rng = random.Random(seed)
    after, extra = rng.randint(1, len(ITEMS) - 6), rng.uniform(0, 0.4)
    print(f"seed {seed}: {sig.name} after {after} items reported and {extra:.2f} s more")
    body = "".join(SLOW.format(id=c, n=n) for n, c in enumerate(IDS))
    write_catalog(tmp_path, {"slow": body}, IDS)
    (tmp_path / "pytest.ini").write_text("[pytest]\nharness_catalog = cases\n")
    marker = uuid.uuid4().hex
    env = {**os.environ, "INTERRUPT_RUN": marker}
    env.pop("PYTEST_XDIST_WORKER", None)
    cmd = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", "no:randomly", "cases"]
    proc = subprocess.Popen(
        [*cmd, "--results", "r.json", "-n", "2", "-v"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # a process group of its own, as a terminal's job
    )
    assert proc.stdout is not None
    seen: list[str] = []
    while len(REPORTED.findall("".join(seen))) < after:
        line = proc.stdout.readline()
        assert line, "".join(seen)[-3000:]
        seen.append(line)
    time.sleep(extra)  # the random point itself, not a wait for something to happen
    os.killpg(proc.pid, sig)
    output = "".join(seen) + proc.communicate(timeout=60)[0]
    survivors = census(marker)
    _, alive = psutil.wait_procs(survivors, timeout=10)  # a supervisor dies of its parent's death
    return {"dir": tmp_path, "output": output, "alive": alive, "code": proc.returncode, "seed": seed}


def judged(run: dict[str, Any]) -> tuple[set[tuple[str, str]], set[tuple[str, str]], set[tuple[str, str]]]:
    """What the journal holds, what the log reported judged, and what was collected."""
    journal = read_journal(journal_path(run["dir"] / "r.json"))
    (only,) = journal.runs
    verdicts = {r["verdict"] for r in only.results.values()}
    assert verdicts == {"holds"}, verdicts  # an item the interrupt stopped is not judged, not an error
    logged = {(m["claim"].replace("::", "."), m["method"]) for m in REPORTED.finditer(run["output"])}
    return set(only.results), logged, only.collected or set()


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL], ids=lambda s: s.name)
def test_an_interrupted_run_keeps_exactly_what_was_judged(tmp_path: Path, sig: signal.Signals) -> None:
    run = interrupted_run(tmp_path, sig)
    assert run["alive"] == [], run["output"][-3000:]
    in_journal, logged, collected = judged(run)
    assert collected == ITEMS
    assert logged <= in_journal and len(in_journal - logged) <= 2, run["output"][-3000:]  # ≤ 1 per worker
    if sig != signal.SIGKILL:  # the run wrote its results and showed them before it ended
        written = read(run["dir"] / "r.json")
        assert {(r["claim"], r["start_method"]) for r in written.results} <= in_journal
        assert "claims × start methods on" in run["output"]
        assert re.search(r"results: r\.json \(incomplete run: \d+ of 18 items judged", run["output"])
    done = subprocess.run(
        [sys.executable, "-m", "harness", "report", "r.json"],
        cwd=run["dir"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert "folded a run that was interrupted" in done.stderr, done.stderr
    back = read(run["dir"] / "r.json")  # valid JSON of the schema, or this raises
    assert not back.complete and not journal_path(run["dir"] / "r.json").exists()
    assert {(r["claim"], r["start_method"]) for r in back.results} == in_journal
    assert {(n["claim"], n["start_method"]) for n in back.not_run} == ITEMS - in_journal
    assert f"incomplete run: {len(in_journal)} of 18 items judged" in done.stdout
    assert done.returncode == 1
