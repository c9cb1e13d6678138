"""Tests of the catalog's judgements: each fed facts of both kinds, so no verdict is fixed."""

from __future__ import annotations

from harness import Environment, Where


def where(method: str = "fork", os: str = "linux", version: str = "3.12.1") -> Where:
    """A matrix cell to judge in."""
    env = Environment(os, "x86_64", "cpython", version, True, False, method, (method,), 2, 2, "0")
    return Where(env, method)
