from __future__ import annotations

from pathlib import Path

import pytest

from harness._cli import main

from .fixtures import pool_versions


def test_report_merges_a_folder_and_states_the_drift(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pool_versions(tmp_path)
    assert main(["report", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "4 environments" in out
    assert "pool.default-size [fork] linux/cpython: holds ≤3.12.1; partial ≥3.13.0" in out
    assert "default start method: linux/cpython: fork ≤3.13.0; forkserver ≥3.14.0" in out


@pytest.mark.parametrize(("content", "message"), [("{", "not JSON"), ('{"schema": 2}', "schema version 2")])
def test_report_refuses_a_bad_file_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, message: str
) -> None:
    pool_versions(tmp_path)
    (tmp_path / "zz-bad.json").write_text(content)
    assert main(["report", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {tmp_path / 'zz-bad.json'}: ") and message in err


def test_diff_exit_status_and_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = pool_versions(tmp_path)
    assert main(["diff", str(files[1]), str(files[2])]) == 1
    captured = capsys.readouterr()
    assert captured.out.count("holds → partial") == 2
    assert "1 claims differ: pool.default-size" in captured.err
    assert main(["diff", str(files[0]), str(files[1])]) == 0


def test_no_results_is_a_plain_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(tmp_path)]) == 2
    assert "no results files in" in capsys.readouterr().err
