from __future__ import annotations

from pathlib import Path

from harness._report._drift import Segment, diff, drifts, environment_drift, pair_environments, ranges
from harness._report._merge import Merged, merge
from harness._results import read

from .fixtures import pool_versions


def merged_from(paths: list[Path]) -> Merged:
    return merge(read(p) for p in paths)


def test_drift_names_the_version_where_the_verdict_changes(tmp_path: Path) -> None:
    found = drifts(merged_from(pool_versions(tmp_path)))
    assert [(d.claim, d.method, d.summary()) for d in found] == [
        ("pool.default-size", "fork", "holds ≤3.12.1; partial ≥3.13.0"),
        ("pool.default-size", "spawn", "holds ≤3.12.1; partial ≥3.13.0"),
    ]
    assert found[0].segments[1].why == "partial at 3.13.0"


def test_middle_segments_are_exact_ranges() -> None:
    segs = (
        Segment("holds", "", "3.10", "3.11", 2, ""),
        Segment("partial", "parent", "3.12", "3.13", 2, ""),
        Segment("holds", "", "3.14", "3.15", 2, ""),
    )
    assert ranges(segs) == "holds ≤3.11; partial (parent) 3.12–3.13; holds ≥3.14"


def test_the_default_start_method_drifts_in_314(tmp_path: Path) -> None:
    assert environment_drift(merged_from(pool_versions(tmp_path)), "default_start_method") == {
        "linux/cpython": "fork ≤3.13.0; forkserver ≥3.14.0"
    }


def test_diff_of_two_single_files_names_exactly_the_changed_claims(tmp_path: Path) -> None:
    files = pool_versions(tmp_path)
    changes = diff(merged_from([files[1]]), merged_from([files[2]]), pair_environments)
    assert {(c.claim, c.method, c.before, c.after) for c in changes} == {
        ("pool.default-size", "fork", "holds", "partial"),
        ("pool.default-size", "spawn", "holds", "partial"),
    }
    assert diff(merged_from([files[0]]), merged_from([files[1]]), pair_environments) == []
