"""Results files made by hand, for the report tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from harness._results import SCHEMA


def env(version: str, os: str = "linux", impl: str = "cpython", default: str = "fork") -> dict[str, Any]:
    return {
        "os": os,
        "machine": "x86_64",
        "implementation": impl,
        "python_version": version,
        "gil_enabled": True,
        "free_threaded": False,
        "default_start_method": default,
        "start_methods": ["fork", "spawn", "forkserver"],
        "cpu_count": 2,
        "usable_cpus": 2,
        "harness_version": "0.1.0",
        "env_id": f"{os}-x86_64-{impl}-{version}",
    }


def result(
    claim: str, method: str, verdict: str, why: str = "seen", *, key: str = "", status: str = "pass"
) -> dict[str, Any]:
    return {
        "claim": claim,
        "topic": claim.split(".", maxsplit=1)[0],
        "start_method": method,
        "verdict": verdict,
        "why": why,
        "verdict_key": key,
        "expected": {"verdict": verdict, "reason": "as observed", "basis": "observed"},
        "status": status,
        "evidence": {"facts": {}},
        "duration_s": 0.1,
    }


CLAIMS = {
    "pool.default-size": {
        "id": "pool.default-size",
        "topic": "pool",
        "statement": "Pool() starts cpu_count() workers.",
        "sources": [{"article": "001", "quote": "Pool 進程池默認是按照cpu的數量開啟子進程的"}],
    },
    "fork.unix-only": {
        "id": "fork.unix-only",
        "topic": "fork",
        "statement": "os.fork is Unix-only.",
        "sources": [{"article": "001", "quote": "在windows下并沒有"}],
    },
    "guide.join-drain": {
        "id": "guide.join-drain",
        "topic": "guide",
        "statement": "Joining a process before draining its queue can deadlock.",
        "sources": [
            {
                "doc": "multiprocessing: Programming guidelines: Joining processes that use queues",
                "quote": "q",
            }
        ],
    },
}


def write(folder: Path, environment: dict[str, Any], results: list[dict[str, Any]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{environment['env_id']}.json"
    claims = {r["claim"]: CLAIMS[r["claim"]] for r in results if r["claim"] in CLAIMS}
    data = {
        "schema": SCHEMA,
        "environment": environment,
        "results": results,
        "collection_errors": [],
        "claims": claims,
    }
    path.write_text(json.dumps(data))
    return path


def pool_versions(folder: Path) -> list[Path]:
    """pool.default-size holds up to 3.12 and is partial from 3.13; the default method moves in 3.14."""
    made = []
    for version, verdict, default in [
        ("3.11.7", "holds", "fork"),
        ("3.12.1", "holds", "fork"),
        ("3.13.0", "partial", "fork"),
        ("3.14.0", "partial", "forkserver"),
    ]:
        rows = [result("pool.default-size", m, verdict, f"{verdict} at {version}") for m in ("fork", "spawn")]
        rows.append(result("fork.unix-only", "fork", "holds"))
        made.append(write(folder, env(version, default=default), rows))
    return made
