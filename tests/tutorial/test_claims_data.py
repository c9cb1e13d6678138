"""A minimal schema-1 results file, for the claims step's tests."""

from __future__ import annotations

from typing import Any


def results_data() -> dict[str, Any]:
    environment = {
        "os": "linux",
        "machine": "x86_64",
        "implementation": "cpython",
        "python_version": "3.12.1",
        "gil_enabled": True,
        "free_threaded": False,
        "default_start_method": "fork",
        "start_methods": ["fork", "spawn", "forkserver"],
        "cpu_count": 2,
        "usable_cpus": 2,
        "harness_version": "0.1.0",
        "env_id": "linux-x",
    }
    result: dict[str, Any] = {
        "claim": "fork.unix-only",
        "topic": "fork",
        "start_method": "fork",
        "verdict": "refuted",
        "why": "os.fork exists",
        "verdict_key": "",
        "expected": None,
        "status": "new",
        "evidence": {},
        "duration_s": 0.1,
    }
    return {
        "schema": 1,
        "environment": environment,
        "results": [result],
        "collection_errors": [],
        "claims": {},
    }
