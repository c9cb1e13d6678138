from __future__ import annotations

from pathlib import Path

import pytest

from harness._report._merge import merge
from harness._results import read

from .fixtures import env, pool_versions, result, write


def test_every_result_of_every_file_is_a_cell(tmp_path: Path) -> None:
    merged = merge(read(p) for p in pool_versions(tmp_path))
    assert merged.claims == ["fork.unix-only", "pool.default-size"]
    assert len(merged.cells) == 4 * 3
    assert [c.python for c in merged.columns if c.method == "fork"] == [
        "cpython-3.11.7",
        "cpython-3.12.1",
        "cpython-3.13.0",
        "cpython-3.14.0",
    ]


def test_versions_sort_as_versions_not_text(tmp_path: Path) -> None:
    files = [write(tmp_path, env(v), [result("a.b", "fork", "holds")]) for v in ("3.9.1", "3.10.0")]
    assert [c.python_version for c in merge(read(p) for p in files).columns] == ["3.9.1", "3.10.0"]


def test_two_files_of_one_environment_are_refused(tmp_path: Path) -> None:
    first = write(tmp_path, env("3.12.1"), [])
    (tmp_path / "copy").mkdir()
    second = write(tmp_path / "copy", env("3.12.1"), [])
    with pytest.raises(ValueError, match="holds the same environment"):
        merge([read(first), read(second)])
