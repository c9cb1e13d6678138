from __future__ import annotations

import multiprocessing
import os
import sys

from harness._environment import Environment, Where, current


def test_current_reads_this_interpreter() -> None:
    env = current("9.9")
    assert env.os == sys.platform
    assert env.cpu_count == os.cpu_count()
    assert env.default_start_method == multiprocessing.get_all_start_methods()[0]
    assert 1 <= env.usable_cpus <= env.cpu_count
    assert env.env_id.startswith(f"{sys.platform}-")


def test_json_round_trip() -> None:
    env = current("9.9")
    assert Environment.from_json(env.to_json()) == env
    assert env.to_json()["env_id"] == env.env_id


def test_where_label_names_os_python_and_method() -> None:
    env = current("9.9")
    label = Where(env, "spawn").label()
    assert (
        label == f"{env.os}/{env.implementation}-{env.python_version}{'t' if env.free_threaded else ''}/spawn"
    )
