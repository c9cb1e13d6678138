"""What else the machine did while a probe ran: CPU time that no process of the harness used, and steal.

A timing probe judges ratios measured within one run, which holds only if the CPUs were the probe's
while it measured. The harness locks out its own other probes (`_exclusive`), but not the rest of the
machine: other programs, and on a virtual machine the hypervisor, which lends the CPUs to other guests
and counts the time taken as steal. The kernel's CPU accounting (/proc/stat, via psutil) is the witness:
busy time on the whole machine, less what the probe's tree and the harness used, is someone else's.
"""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass
from typing import Any

import psutil

# The kernel counts CPU time in ticks of 10 ms on each CPU, read twice: readings this close to zero are
# rounding. Beyond that, a tenth of one CPU on average over the probe's run is a disturbance.
GRAIN_S = 0.03
SHARE = 0.1
BUSY = ("user", "nice", "system", "irq", "softirq", "interrupt", "dpc")  # Linux, macOS, Windows fields


@dataclass(frozen=True)
class Snapshot:
    """The machine's CPU accounting and the harness's own CPU time at one moment."""

    at: float
    busy_s: float
    steal_s: float
    harness_s: float


def snapshot() -> Snapshot | None:
    """Read the machine's counters now; None where the OS does not keep them."""
    with contextlib.suppress(psutil.Error, OSError):
        times = psutil.cpu_times()
        busy = sum(getattr(times, name, 0.0) for name in BUSY)  # guest time is already in user
        own = psutil.Process().cpu_times()
        return Snapshot(time.monotonic(), busy, getattr(times, "steal", 0.0), own.user + own.system)
    return None


def load(before: Snapshot | None, after: Snapshot | None, probe_cpu_s: float | None) -> dict[str, Any] | None:
    """Others' CPU time and steal between two snapshots, and whether they disturbed a measurement."""
    if before is None or after is None or probe_cpu_s is None:
        return None
    wall = after.at - before.at
    others = (after.busy_s - before.busy_s) - probe_cpu_s - (after.harness_s - before.harness_s)
    steal = after.steal_s - before.steal_s
    taken = max(others, 0.0) + steal
    return {
        "wall_s": round(wall, 4),
        "others_cpu_s": round(others, 3),
        "steal_s": round(steal, 3),
        "disturbed": taken > GRAIN_S + SHARE * wall,
    }


def wait_for_quiet(limit: float = 1.0, window: float = 0.1) -> float:
    """Wait (at most `limit` s) for a `window` in which others leave the CPUs alone; the seconds waited."""
    started = time.monotonic()
    while time.monotonic() - started < limit:
        before = snapshot()
        time.sleep(window)  # no event says "the machine is idle": its counters are read over a window
        measured = load(before, snapshot(), 0.0)
        if measured is None or not measured["disturbed"]:
            break
    return round(time.monotonic() - started, 3)
