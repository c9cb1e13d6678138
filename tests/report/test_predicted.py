"""Predicted columns: the catalog's expectations for the OSes that no results file comes from."""

from __future__ import annotations

from pathlib import Path

from harness._claims import Case, Claim, Source
from harness._expect import expect
from harness._report._merge import merge
from harness._report._predicted import cite_numbers, predict, unobserved
from harness._results import read
from harness._verdicts import holds

from .fixtures import env, pool_versions, result, write

CASE = Case(
    Claim("pool.default-size", "s", "pool", (Source("001", "q"),)),
    lambda mp: {},
    judgement=lambda f, w: holds("x"),
    expectations=(
        expect("holds", "observed here", os="linux"),
        expect("holds", "no affinity on macOS", os="darwin", cite="Lib/a.py"),
        expect("partial", "new from 3.13", os="win32", python=">=3.13", cite="Lib/b.py: f"),
        expect("holds", "before 3.13", os="win32", cite="Lib/b.py: g"),
    ),
)


def test_each_unobserved_os_gets_the_expectation_a_run_there_would_meet(tmp_path: Path) -> None:
    merged = merge(read(p) for p in pool_versions(tmp_path))
    found = predict([CASE], merged)
    assert unobserved(merged) == ["darwin", "win32"]
    assert found["pool.default-size", "darwin", "fork"].text() == "holds"
    assert found["pool.default-size", "win32", "spawn"].text() == "holds 3.11.7–3.12.1; partial 3.13.0–3.14.0"
    assert found["pool.default-size", "win32", "spawn"].cites() == ["Lib/b.py: g", "Lib/b.py: f"]
    fork = found["pool.default-size", "win32", "fork"]
    assert fork.text() == "not-applicable"
    assert fork.cites() == ["Lib/multiprocessing/context.py: get_all_start_methods()"]
    assert cite_numbers(found.values())["Lib/a.py"] == 1


def test_a_results_file_from_an_os_replaces_its_predictions(tmp_path: Path) -> None:
    files = pool_versions(tmp_path)
    files.append(write(tmp_path, env("3.13.0", os="darwin"), [result("pool.default-size", "spawn", "holds")]))
    found = predict([CASE], merge(read(p) for p in files))
    assert {os for _, os, _ in found} == {"win32"}


def test_no_expectation_for_an_os_is_a_question_mark_without_a_source(tmp_path: Path) -> None:
    bare = Case(CASE.claim, CASE.probe, expectations=(expect("holds", "observed here", os="linux"),))
    found = predict([bare], merge(read(p) for p in pool_versions(tmp_path)))
    assert found["pool.default-size", "darwin", "spawn"].text() == "?"
    assert found["pool.default-size", "darwin", "spawn"].cites() == []
