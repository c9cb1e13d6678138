"""The nox sessions' own rules: the arguments they give pytest."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).parents[1]


@pytest.fixture(scope="module")
def noxfile() -> ModuleType:
    """noxfile.py loaded once (nox refuses a session registered twice)."""
    spec = importlib.util.spec_from_file_location("noxfile", ROOT / "noxfile.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)  # it reads pyproject.toml from the project's folder, as nox runs it
        spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("given", "passed"),
    [
        ([], ["-n", "auto"]),
        (["-k", "pool"], ["-n", "auto", "-k", "pool"]),
        (["cases/pool.py", "-k", "spawn"], ["-n", "auto", "cases/pool.py", "-k", "spawn"]),
        (["-k", "pool", "-n", "0"], ["-k", "pool", "-n", "0"]),
        (["-n2"], ["-n2"]),
        (["--numprocesses=1"], ["--numprocesses=1"]),
        (["-p", "no:xdist", "-k", "pool"], ["-p", "no:xdist", "-k", "pool"]),
    ],
)
def test_a_narrowed_run_stays_parallel_unless_told(
    noxfile: ModuleType, given: list[str], passed: list[str]
) -> None:
    assert noxfile.parallel(given) == passed


@pytest.mark.parametrize(
    ("given", "paths"),
    [
        (["-k", "pool"], ["tests"]),
        (["tests/test_noxfile.py", "-n", "0"], []),
        (["tests/test_noxfile.py::test_a_narrowed_run_stays_parallel_unless_told"], []),
    ],
)
def test_named_test_files_run_alone(
    noxfile: ModuleType, monkeypatch: pytest.MonkeyPatch, given: list[str], paths: list[str]
) -> None:
    monkeypatch.chdir(ROOT)
    assert noxfile.default_path("tests", given) == paths
