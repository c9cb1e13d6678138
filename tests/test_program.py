from __future__ import annotations

import sys
from pathlib import Path

import pytest

from harness._program import find_python, program

CHILD_METHOD = """\
import multiprocessing, time
def show():
    print("child", multiprocessing.get_start_method(), flush=True)
if __name__ == "__main__":
    t = time.monotonic(); time.sleep(5); print("slept", round(time.monotonic() - t, 2))
    p = multiprocessing.Process(target=show); p.start(); p.join()
"""


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_the_method_is_injected_and_sleeps_shortened(tmp_path: Path, method: str) -> None:
    done = program(CHILD_METHOD, method=method, sleep_scale=0.001, cwd=tmp_path, timeout=20)
    assert done.returncode == 0, done.stderr
    assert f"child {method}" in done.stdout
    assert float(done.stdout.split("slept ")[1].split()[0]) < 1
    assert done.pinned is None


def test_a_program_that_sets_its_own_method_is_pinned(tmp_path: Path) -> None:
    source = "import multiprocessing as mp\nmp.set_start_method('spawn')\nprint(mp.get_start_method())"
    done = program(source, method="fork", cwd=tmp_path)
    assert (done.pinned, done.stdout.strip()) == ("spawn", "spawn")


def test_at_the_deadline_the_whole_group_is_killed(tmp_path: Path) -> None:
    source = "import os, time\nif os.fork() == 0:\n    time.sleep(60)\ntime.sleep(60)\n"
    done = program(source, cwd=tmp_path, timeout=0.5)
    assert done.timed_out and done.returncode == -9


def test_find_python_finds_this_one() -> None:
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    assert find_python(version) is not None
