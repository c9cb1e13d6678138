from __future__ import annotations

import json
import re
from pathlib import Path

from harness._report._commands import report
from harness._report._markdown import render_markdown, symbols

from .fixtures import env, pool_versions, result, write


def test_symbols_go_with_words() -> None:
    assert symbols("holds ≤3.12.1; partial ≥3.13.0") == "✓ holds ≤3.12.1; ◐ partial ≥3.13.0"


def test_grouped_by_article_and_topic_with_a_legend_and_the_drift(tmp_path: Path) -> None:
    pool_versions(tmp_path)
    text = render_markdown(report([tmp_path]))
    assert "**Legend:** ✓ holds" in text
    row = "| `pool.default-size` Pool() starts cpu_count() workers. | depends on Python version"
    assert f"{row} (holds 4, partial 4) |" in text
    assert "- `pool.default-size` [fork] linux/cpython: **holds ≤3.12.1; partial ≥3.13.0**" in text
    assert "- default start method: linux/cpython: fork ≤3.13.0; forkserver ≥3.14.0" in text


def test_doc_claims_have_a_group_of_their_own_after_the_articles(tmp_path: Path) -> None:
    write(
        tmp_path,
        env("3.12.1"),
        [result("guide.join-drain", "fork", "holds"), result("fork.unix-only", "fork", "holds")],
    )
    text = render_markdown(report([tmp_path]))
    article, docs = text.index("## Article 001"), text.index("## From the documentation")
    assert article < text.index("`fork.unix-only`") < docs < text.index("`guide.join-drain`")


def test_pipes_in_text_do_not_break_tables(tmp_path: Path) -> None:
    write(tmp_path, env("3.12.1"), [result("a.b", "fork", "refuted", "x | y")])
    assert "x | y" not in render_markdown(report([tmp_path]))


def test_seven_interpreters_of_the_full_catalog_stay_far_under_a_mebibyte(tmp_path: Path) -> None:
    versions = ["3.10.13", "3.11.7", "3.12.1", "3.13.0", "3.14.10", "3.15.2"]
    claims = [f"topic{i % 8}.claim-{i:02d}" for i in range(63)]
    why = "observed: exitcode=-15 after terminate(), 2 workers, cpu_count=2 " * 3
    for v in versions:
        write(
            tmp_path,
            env(v),
            [result(c, m, "holds", why) for c in claims for m in ("fork", "spawn", "forkserver")],
        )
    write(tmp_path, env("3.11.13", impl="pypy"), [result(c, "spawn", "partial", why) for c in claims])
    text = render_markdown(report([tmp_path]))
    assert len(text.encode()) < 1024 * 1024 // 4
    assert text.count("`topic") == 63


def test_predicted_lines_are_italic_with_a_footnoted_source(tmp_path: Path) -> None:
    pool_versions(tmp_path)
    text = render_markdown(report([tmp_path], Path(__file__).parents[2] / "cases"))
    assert "*Italic* lines (macOS, Windows): expected from CPython's source, not observed" in text
    (row,) = [line for line in text.splitlines() if line.startswith("| `pool.default-size`")]
    windows = re.findall(r"\*Windows: ([^*]+) \(expected\)\*\[\^s(\d+)\]", row)
    assert [verdict for verdict, _ in windows] == ["– not-applicable", "✓ holds"]  # fork, spawn
    assert f"[^s{windows[0][1]}]: Lib/multiprocessing/context.py: get_all_start_methods()" in text


def test_a_results_file_from_windows_replaces_its_predicted_lines(tmp_path: Path) -> None:
    pool_versions(tmp_path)
    write(
        tmp_path, env("3.13.0", os="win32", default="spawn"), [result("pool.default-size", "spawn", "holds")]
    )
    text = render_markdown(report([tmp_path], Path(__file__).parents[2] / "cases"))
    assert "*Windows:" not in text and "*macOS:" in text
    assert "win32/cpython: ✓ holds" in text


def test_an_incomplete_run_is_marked_in_the_header(tmp_path: Path) -> None:
    path = write(tmp_path, env("3.12.1"), [result("a.b", "fork", "holds")])
    data = json.loads(path.read_text())
    path.write_text(
        json.dumps({**data, "complete": False, "not_run": [{"claim": "a.b", "start_method": "spawn"}]})
    )
    text = render_markdown(report([tmp_path]))
    assert "> ⚠ **linux-x86_64-cpython-3.12.1**: incomplete run: 1 of 2 items judged, 1 never ran" in text
