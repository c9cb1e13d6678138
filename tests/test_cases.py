"""The catalog package: what a case module costs the children that re-import it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MODULES = sorted(p.stem for p in (ROOT / "cases").glob("*.py") if p.stem != "__init__")

# Every spawn and forkserver child unpickles its target by importing the case module that defines it,
# so a case module's top level is paid once per child: these are the imports measured to cost
# milliseconds each there (psutil ≈13 ms, inspect or dataclasses ≈10 ms, pathlib ≈4 ms on 3.13).
HEAVY = frozenset(
    {
        "psutil",
        "inspect",
        "dataclasses",
        "ast",
        "pathlib",
        "statistics",
        "concurrent",
        "logging",
        "hashlib",
        "platform",
        "sysconfig",
        "shutil",
        "glob",
        "tempfile",
        "decimal",
        "fractions",
        "packaging",
    }
)

SCRIPT = """
import json, sys, multiprocessing.spawn
before = set(sys.modules)
sys.path.insert(0, sys.argv[1])
__import__("cases." + sys.argv[2])
print(json.dumps(sorted({m.split(".")[0] for m in set(sys.modules) - before})))
"""


@pytest.mark.parametrize("module", MODULES)
def test_a_child_re_imports_a_case_module_cheaply(module: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(ROOT), module], capture_output=True, text=True, check=True
    )
    added = set(json.loads(done.stdout))
    assert added & HEAVY == set(), f"cases/{module}.py imports at its top: {sorted(added & HEAVY)}"
