"""A probe that kills the xdist worker running it, and one whose evidence is not JSON."""

from __future__ import annotations

import os
import signal

import psutil

from harness import Context, Facts, Verdict, Where, claim, expect, holds, quote

FAULT = [quote("001", "也可能崩溃")]


@claim("fault.worker-dies", "The xdist worker running it dies.", topic="fault", sources=FAULT)
def worker_dies(mp: Context) -> Facts:
    """SIGKILL the pytest process above the supervisor (an xdist worker under -n)."""
    if os.environ.get("PYTEST_XDIST_WORKER"):
        os.kill(psutil.Process(os.getppid()).ppid(), signal.SIGKILL)  # scenario → supervisor → pytest
        signal.sigwait({signal.SIGTERM})  # the supervisor is told (parent-death signal) and kills us
    return {"xdist": False}


worker_dies.judge(lambda facts, where: holds("not under xdist: nothing to kill"))
worker_dies.expect(expect("holds", "without xdist the probe does nothing"))


@claim("fault.non-json", "The probe returns evidence that is not JSON.", topic="fault", sources=FAULT)
def non_json(mp: Context) -> Facts:
    """Return an object json cannot encode."""
    return {"when": object()}


@non_json.judge
def _(facts: Facts, where: Where) -> Verdict:
    return holds("unreachable")


non_json.expect(expect("holds", "never reached: the harness reports error"))
