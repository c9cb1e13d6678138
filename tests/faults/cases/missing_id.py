"""A claim without its id."""

from __future__ import annotations

from harness import Context, Facts, claim, quote


@claim(statement="Has no id.", topic="fault", sources=[quote("001", "进程")])  # type: ignore[call-arg]
def missing_id(mp: Context) -> Facts:
    """Nothing."""
    return {}
