"""An expectation naming a start method that does not exist: refused where it is written."""

from __future__ import annotations

from harness import Context, Facts, claim, expect, holds, quote


@claim("fault.bad-method", "Expects an unknown start method.", topic="fault", sources=[quote("001", "进程")])
def bad_method(mp: Context) -> Facts:
    """Nothing."""
    return {}


bad_method.judge(lambda facts, where: holds("x"))
bad_method.expect(expect("holds", "x", method="threads"))
