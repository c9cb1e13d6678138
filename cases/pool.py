"""Pools: how many workers Pool() starts, and what cpu_count() says."""

from __future__ import annotations

import os
from multiprocessing.context import BaseContext
from typing import Any

from harness import Facts, Verdict, Where, claim, expect, holds, partial, quote, refuted

POOL_INIT = "Lib/multiprocessing/pool.py: Pool.__init__ (processes = os.process_cpu_count() from 3.13, gh-109649)"


def _pool_size(mp: BaseContext) -> dict[str, int]:
    """Start Pool() and count what it started, as the pool says and as the OS sees children."""
    with mp.Pool() as pool:
        facts = {"pool_processes": pool._processes,  # type: ignore[attr-defined]
                 "started_workers": len(mp.active_children()), "cpu_count": mp.cpu_count()}
        pool.terminate()
    return facts


def _restricted(mp: BaseContext) -> dict[str, Any] | None:
    """The same with this process's affinity cut to one CPU, where the OS allows it."""
    if not hasattr(os, "sched_setaffinity"):
        return None
    before = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {min(before)})
    try:
        return {"usable_cpus": len(os.sched_getaffinity(0)), **_pool_size(mp)}
    finally:
        os.sched_setaffinity(0, before)


@claim(
    "pool.default-size",
    "Pool() starts as many worker processes as the machine has CPUs (cpu_count()).",
    topic="pool",
    sources=[quote("001", "之所以立即輸出了上面兩個是因為誒Pool 進程池默認是按照cpu的數量開啟子進程的")],
)
def pool_default_size(mp: BaseContext) -> Facts:
    """Count Pool()'s workers, then again with the affinity restricted to one CPU."""
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    return {"usable_cpus": usable, "default": _pool_size(mp), "restricted_to_one_cpu": _restricted(mp)}


@pool_default_size.judge
def _(facts: Facts, where: Where) -> Verdict:
    full, cut = facts["default"], facts["restricted_to_one_cpu"]
    if not full["pool_processes"] == full["started_workers"] == full["cpu_count"]:
        return refuted(f"workers={full['started_workers']}, cpu_count={full['cpu_count']}")
    seen = f"workers={full['started_workers']} = cpu_count={full['cpu_count']}"
    if cut is None or cut["usable_cpus"] == full["cpu_count"]:
        return holds(seen + " (affinity could not be narrowed here)")
    if cut["started_workers"] == cut["cpu_count"]:
        return holds(seen + f"; with affinity cut to 1 CPU still {cut['started_workers']} (os.cpu_count)")
    return partial(f"{seen}, but with affinity cut to 1 CPU: workers={cut['started_workers']}, "
                   f"cpu_count={cut['cpu_count']} (Pool() counts usable CPUs since 3.13)")


pool_default_size.expect(
    expect("holds", "Pool() uses os.cpu_count(), affinity ignored", os="linux", python="<3.13"),
    expect("partial", "Pool() uses os.process_cpu_count() (affinity-aware) while cpu_count() does not",
           os="linux", python=">=3.13", impl="cpython"),
    expect("holds", "PyPy's stdlib is 3.11's: Pool() uses os.cpu_count()", os="linux", impl="pypy"),
    expect("holds", "no affinity API on macOS: both counts are the machine's", os="darwin", cite=POOL_INIT),
    expect("holds", "the probe cannot narrow affinity on Windows: both counts agree", os="win32", cite=POOL_INIT),
)
