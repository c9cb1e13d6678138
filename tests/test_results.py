from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from harness._environment import current
from harness._results import SCHEMA, ResultsError, build, read, write

ONE: dict[str, Any] = {
    "claim": "a.b",
    "start_method": "fork",
    "verdict": "holds",
    "expected": None,
    "evidence": {},
    "duration_s": 0.1,
}


def test_write_then_read(tmp_path: Path) -> None:
    path = tmp_path / "r" / "x.json"
    write(path, build(current("1"), [ONE], []))
    back = read(path)
    assert back.results == [ONE] and back.environment["harness_version"] == "1"
    assert json.loads(path.read_text())["schema"] == SCHEMA


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{", "not JSON"),
        ("[]", "no 'schema' field"),
        ('{"schema": 99}', "schema version 99; this harness reads version 1"),
        ('{"schema": 1, "environment": {}}', "environment is missing"),
    ],
)
def test_bad_files_get_one_line_naming_them(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content)
    with pytest.raises(ResultsError, match=message) as info:
        read(path)
    assert str(info.value).startswith(str(path))


def test_an_unknown_verdict_is_refused(tmp_path: Path) -> None:
    data = build(current("1"), [{**ONE, "verdict": "maybe"}], [])
    write(tmp_path / "x.json", data)
    with pytest.raises(ResultsError, match="unknown verdict 'maybe'"):
        read(tmp_path / "x.json")


def test_a_file_from_before_the_journal_reads_as_one_complete_run(tmp_path: Path) -> None:
    data = build(current("1"), [ONE], [])
    for newer in ("complete", "not_run", "runs"):
        del data[newer]
    write(tmp_path / "x.json", data)
    back = read(tmp_path / "x.json")
    assert (back.complete, back.not_run, back.notice) == (True, [], None)


def test_the_write_leaves_no_partial_file(tmp_path: Path) -> None:
    write(tmp_path / "x.json", build(current("1"), [ONE], [], not_run=[("a.c", "spawn")]))
    assert [p.name for p in tmp_path.iterdir()] == ["x.json"]
    back = read(tmp_path / "x.json")
    assert back.notice == "incomplete run: 1 of 2 items judged, 1 never ran" and not back.complete


def test_a_complete_field_that_is_not_a_boolean_is_refused(tmp_path: Path) -> None:
    write(tmp_path / "x.json", {**build(current("1"), [ONE], []), "complete": "yes"})
    with pytest.raises(ResultsError, match="'complete' is not true or false"):
        read(tmp_path / "x.json")
