from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from harness._cli import main

from .conftest import HOLDS


def test_list_prints_ids_with_their_sources(
    catalog: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    folder = catalog({"demo": HOLDS})
    assert main(["--catalog", str(folder), "list"]) == 0
    out = capsys.readouterr()
    assert "demo.holds  (demo)" in out.out and "[001] 进程的退出码是负数" in out.out
    assert "1 claims" in out.err


def test_list_and_show_print_a_doc_source_with_its_section(
    catalog: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    module = HOLDS.replace(
        'quote("001", "进程的退出码是负数")', 'doc("multiprocessing: Programming guidelines", "Words.")'
    )
    folder = catalog({"demo": "from harness import doc\n" + module})
    assert main(["--catalog", str(folder), "list"]) == 0
    assert "    [docs: multiprocessing: Programming guidelines] Words." in capsys.readouterr().out
    assert main(["--catalog", str(folder), "show", "demo.holds"]) == 0
    assert "    [docs: multiprocessing: Programming guidelines] Words." in capsys.readouterr().out


def test_show_an_unknown_id_is_one_plain_error(
    catalog: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    folder = catalog({"demo": HOLDS})
    assert main(["--catalog", str(folder), "show", "no.such"]) == 2
    assert capsys.readouterr().err == "error: unknown claim id 'no.such' (see `python -m harness list`)\n"


def test_list_reports_broken_modules_and_fails(
    catalog: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    folder = catalog({"demo": HOLDS, "zz": "raise RuntimeError('nope')\n"})
    assert main(["--catalog", str(folder), "list"]) == 1
    assert "zz.py: line 4: RuntimeError: nope" in capsys.readouterr().err


def test_report_folds_a_journal_left_in_the_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from .test_journal import collected, head, lines, result

    folder = tmp_path / "results"
    folder.mkdir()
    text = lines(head("r"), collected("r", ("a.b", "fork"), ("a.b", "spawn")), result("a.b", "fork", "r"))
    (folder / "x.journal.jsonl").write_text(text + '{"kind": "result", "ru')
    assert main(["report", str(folder)]) == 1  # incomplete: never a pass
    out = capsys.readouterr()
    assert "x.journal.jsonl: line 4 half-written, ignored" in out.err
    assert "folded a run that was interrupted" in out.err
    assert "incomplete run: 1 of 2 items judged, 1 never ran" in out.out
    assert [p.name for p in folder.iterdir()] == ["x.json"]
