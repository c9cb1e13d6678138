from __future__ import annotations

import json
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


# --- check -------------------------------------------------------------------------------------------

GOOD = "# Good\n\nA child.\n\n```python\nfrom multiprocessing import Process\nprint('hi')\n```\n"


@pytest.fixture
def no_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    """The real reader and finder, and a runner that judges nothing: these tests are about the CLI."""
    from harness._tutorial import _check
    from harness._tutorial._examples import find_examples
    from harness._tutorial._read import read

    def run(document: object, examples: object, **where: object) -> tuple[()]:
        return ()

    monkeypatch.setattr(_check, "default_steps", lambda deadline: _check.Steps(read, find_examples, run))


def test_bad_articles_are_one_line_each_and_the_others_are_still_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], no_runs: None
) -> None:
    (tmp_path / "good.md").write_text(GOOD)
    (tmp_path / "notes.xyz").write_text("just words, nothing else\n")
    (tmp_path / "empty.md").write_text("# Nothing\n\nOnly prose here.\n")
    (tmp_path / "bad.ipynb").write_text("not json {")
    (tmp_path / "good2.md").write_text(GOOD)
    names = ["good.md", "gone.md", "notes.xyz", "empty.md", "bad.ipynb", "good2.md"]
    code = main(["check", *(str(tmp_path / n) for n in names), "--json", str(tmp_path / "c.json")])
    out = capsys.readouterr()
    errors = out.err.splitlines()
    assert code == 2
    assert [line.split(":")[0] for line in errors[:4]] == ["error"] * 4
    for name, problem in [
        ("gone.md", "cannot read"),
        ("notes.xyz", "unknown format"),
        ("empty.md", "no code"),
        ("bad.ipynb", "not a Jupyter notebook"),
    ]:
        assert any(line.startswith(f"error: {tmp_path / name}: {problem}") for line in errors), (name, errors)
    assert "Traceback" not in out.err
    assert f"{tmp_path / 'good.md'} (markdown) 'Good': 1 examples" in out.out
    assert f"{tmp_path / 'good2.md'} (markdown) 'Good': 1 examples" in out.out
    written = json.loads((tmp_path / "c.json").read_text())
    assert [a["error"] is None for a in written["articles"]] == [True, False, False, False, False, True]


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--methods", "fork,thread"], "thread: not a start method here"),
        (["--python", "9.99"], "error: --python 9.99: no such Python found"),
    ],
)
def test_a_usage_error_exits_2_with_one_line(
    args: list[str], said: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "good.md").write_text(GOOD)
    try:
        code = main(["check", str(tmp_path / "good.md"), *args])
    except SystemExit as exited:  # argparse's own usage errors
        code = exited.code  # type: ignore[assignment]
    err = capsys.readouterr().err
    assert code == 2
    assert said in err and "Traceback" not in err


def test_page_refuses_a_file_that_is_not_a_check_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "r.json").write_text('{"schema": 1, "results": []}')
    assert main(["page", str(tmp_path / "r.json")]) == 2
    assert (
        capsys.readouterr().err
        == f'error: {tmp_path / "r.json"}: not a tutorial-check file (no "kind": "tutorial-check")\n'
    )


def test_page_merges_check_files_of_two_pythons_into_one_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from harness._tutorial._record import to_json

    from .tutorial.data import CHECKED

    other = CHECKED._replace(
        outcomes=tuple(o._replace(python="cpython-3.13.0") for o in CHECKED.outcomes[:3])
    )
    for name, checked in (("a.json", CHECKED), ("b.json", other)):
        (tmp_path / name).write_text(json.dumps(to_json([checked], "0.1.0")), encoding="utf-8")
    files = [str(tmp_path / "a.json"), str(tmp_path / "b.json")]
    outputs = ["--html", str(tmp_path / "html"), "--markdown", str(tmp_path / "s.md"), "--strict"]
    assert main(["page", *files, *outputs]) == 1  # an example that does not hold, under --strict
    page = (tmp_path / "html" / "intro.html").read_text(encoding="utf-8")
    assert "cpython-3.12.1" in page and "cpython-3.13.0" in page
    assert "✗ refuted under spawn on every Python" in page
    assert "cpython-3.13.0 fork" in (tmp_path / "s.md").read_text(encoding="utf-8")
    assert "wrote" in capsys.readouterr().err


def test_check_judges_the_claims_the_prose_makes_from_a_results_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], no_runs: None
) -> None:
    from .tutorial.test_claims_data import results_data

    article = tmp_path / "a.md"
    article.write_text(
        "# A\n\nOn Windows there is no `fork`. `Pool.imap` takes a chunksize.\n\n" + GOOD.split("\n\n", 2)[2]
    )
    results = tmp_path / "r.json"
    results.write_text(json.dumps(results_data()))
    code = main(["check", str(article), "--results", str(results), "--markdown", str(tmp_path / "s.md")])
    out = capsys.readouterr().out
    assert code == 0
    assert "1 claim recognised and judged, 0 examples run, 1 sentence that looks like a claim" in out
    assert "claim fork.unix-only line 3: fork ✗ refuted" in out
    assert "not checked: Pool.imap takes a chunksize." in out
    assert (
        "| 3 | On Windows there is no fork. | `fork.unix-only` | fork ✗ refuted |"
        in (tmp_path / "s.md").read_text()
    )


def test_show_prints_how_a_claim_is_said(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["--catalog", str(Path(__file__).parent.parent / "cases"), "show", "terminate.immediate"]) == 0
    )
    out = capsys.readouterr().out.splitlines()
    assert "  said   ^terminat* & {at once}" in out
    assert "  denied ^terminat* & {not}~{at once}|not guarantee*|no guarantee|n't guarantee*" in out


def test_check_without_a_catalog_is_one_plain_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.md").write_text(GOOD)
    assert main(["--catalog", str(tmp_path / "none"), "check", str(tmp_path / "a.md")]) == 2
    err = capsys.readouterr().err
    line = "no catalog of claims (run it in the project's folder, or --catalog DIR)"
    assert err == f"error: {tmp_path / 'none'}: {line}\n"


def test_a_python_without_the_project_installed_gets_one_line_saying_so() -> None:
    import subprocess
    import sys

    root = Path(__file__).parents[1]
    # -S: no site-packages, as a Python that never had the project (or psutil) installed
    done = subprocess.run(
        [sys.executable, "-S", "-m", "harness", "list"], cwd=root, capture_output=True, text=True, check=False
    )
    assert done.returncode == 1
    assert done.stderr.startswith("python -m harness: ") and "is missing: install the project" in done.stderr
    assert "Traceback" not in done.stderr
