"""The HTML pages in a real headless Chromium: no console errors, every claim, a cell's evidence on click."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from harness._cli import main

from .fixtures import pool_versions

ROOT = Path(__file__).parents[2]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    pool_versions(tmp_path / "results")
    assert (
        main(
            [
                "--catalog",
                str(ROOT / "cases"),
                "report",
                str(tmp_path / "results"),
                "--html",
                str(tmp_path / "html"),
            ]
        )
        == 0
    )
    return tmp_path / "html"


def test_pages_are_self_contained(pages: Path) -> None:
    articles = sorted((ROOT / "cases" / "articles").glob("*.txt"))  # an article's number: its name's first 3
    expected = [f"article-{a.name[:3]}.html" for a in articles] + ["index.html"]
    assert sorted(p.name for p in pages.iterdir()) == expected, (
        "one page per cases/articles/*.txt, and the matrix"
    )
    for page in pages.iterdir():
        text = page.read_text(encoding="utf-8")
        assert not any(load in text for load in ("src=", "<link", "@import", "url(", 'href="http'))
        assert '<meta charset="utf-8">' in text


@pytest.fixture
def browser() -> Iterator[Any]:
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("CI must have Chromium (.ci/run installs Debian's chromium)")
        pytest.skip("no chromium here")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


def open_page(browser: Any, url: str, errors: list[str]) -> Any:
    page = browser.new_page(viewport={"width": 1300, "height": 900})
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    return page


def test_the_matrix_shows_every_claim_and_a_cells_evidence(pages: Path, browser: Any) -> None:
    errors: list[str] = []
    page = open_page(browser, (pages / "index.html").as_uri(), errors)
    assert page.locator("#matrix tbody tr").count() == 2
    assert page.locator("#matrix tbody th").all_inner_texts() == ["fork.unix-only", "pool.default-size"]
    page.locator("#claim-pool\\.default-size td.cell").nth(5).click()  # spawn on 3.13.0
    evidence = page.inner_text("#evidence")
    assert "pool.default-size — linux cpython-3.13.0 spawn" in evidence
    assert "observed: partial — partial at 3.13.0" in evidence and "expected: partial" in evidence
    assert "Pool 進程池默認是按照cpu的數量開啟子進程的" in evidence
    shots = ROOT / "results" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / "matrix.png"))
    page.select_option("select[data-filter=method]", "fork")
    assert page.locator("#matrix tbody td.cell:not(.predicted):visible").count() == 4 + 4
    assert page.locator("#matrix tbody td.predicted:visible").count() == 2 * 2  # macOS, Windows
    assert errors == []


def test_predicted_columns_stand_beside_the_observed_with_their_source(pages: Path, browser: Any) -> None:
    errors: list[str] = []
    page = open_page(browser, (pages / "index.html").as_uri(), errors)
    groups = page.locator("#matrix thead th.predicted").all_inner_texts()
    assert groups == [
        "macOS (darwin): expected from CPython's source, not observed",
        "Windows (win32): expected from CPython's source, not observed",
    ]
    row = page.locator("#claim-pool\\.default-size")
    assert row.locator("td.cell:not(.predicted)").count() == 8  # observed: 4 Pythons × fork, spawn
    assert row.locator("td.predicted").all_inner_texts()[-1] == "✓ holds expected"  # Windows, spawn
    row.locator("td.predicted").last.click()
    evidence = page.inner_text("#evidence")
    assert "expected from CPython's source, not observed:" in evidence
    assert "source: Lib/multiprocessing/pool.py: Pool.__init__" in evidence
    page.screenshot(path=str(ROOT / "results" / "screenshots" / "predicted-matrix.png"), full_page=True)
    assert errors == []


def test_the_fact_checked_article_marks_its_claims(pages: Path, browser: Any) -> None:
    errors: list[str] = []
    page = open_page(browser, (pages / "article-001.html").as_uri(), errors)
    marks = page.locator("mark")
    assert marks.count() == 2
    assert "depends on Python version" in page.inner_text("dl.claims-list")
    assert page.locator("mark.v-depends").inner_text() == "Pool 進程池默認是按照cpu的數量開啟子進程的"
    claims = page.inner_text("dl.claims-list")
    assert "Windows (win32): fork – not-applicable · spawn ✓ holds — expected from CPython's source" in claims
    page.locator("#c-pool\\.default-size + dd details summary").first.click()  # its source: one click
    assert page.locator("#c-pool\\.default-size + dd cite").first.is_visible()
    page.screenshot(path=str(ROOT / "results" / "screenshots" / "article-001.png"), full_page=False)
    assert errors == []


def test_the_matrix_header_marks_a_file_that_mixes_runs(tmp_path: Path) -> None:
    import json

    from harness._report._commands import report
    from harness._report._html import render_html

    from .fixtures import env, result, write

    rows = [
        {**result("a.b", m, "holds"), "run": run, "judged_at": at}
        for m, run, at in [("fork", "one", "2026-12-01T20:00:00Z"), ("spawn", "two", "2026-12-01T21:00:00Z")]
    ]
    path = write(tmp_path, env("3.12.1"), rows)
    assert json.loads(path.read_text())["results"][1]["run"] == "two"
    index = render_html(report([tmp_path]), {})["index.html"]
    expected = "mixes 2 runs (judged 2026-12-01T20:00:00Z … 2026-12-01T21:00:00Z)"
    assert f"⚠ <strong>linux-x86_64-cpython-3.12.1</strong>: {expected}</p>" in index


def test_a_doc_claim_is_filtered_as_documentation_and_left_off_the_article_pages(tmp_path: Path) -> None:
    from harness._report._commands import report
    from harness._report._html import render_html

    from .fixtures import env, result, write

    write(
        tmp_path,
        env("3.12.1"),
        [result("guide.join-drain", "fork", "holds"), result("fork.unix-only", "fork", "holds")],
    )
    pages = render_html(report([tmp_path]), {"001": "在windows下并沒有 fork"})
    assert (
        'id="claim-guide.join-drain" data-topic="guide" data-articles="documentation"' in pages["index.html"]
    )
    assert "<option>documentation</option>" in pages["index.html"]
    assert (
        "guide.join-drain" not in pages["article-001.html"] and "fork.unix-only" in pages["article-001.html"]
    )


def test_a_doc_claims_panel_names_the_docs_section(tmp_path: Path, browser: Any) -> None:
    from harness._report._commands import report
    from harness._report._html import render_html

    from .fixtures import env, result, write

    write(tmp_path, env("3.12.1"), [result("guide.join-drain", "fork", "holds")])
    (tmp_path / "index.html").write_text(render_html(report([tmp_path]), {})["index.html"], encoding="utf-8")
    errors: list[str] = []
    page = open_page(browser, (tmp_path / "index.html").as_uri(), errors)
    page.locator("#claim-guide\\.join-drain td.cell").first.click()
    section = "multiprocessing: Programming guidelines: Joining processes that use queues"
    assert f"[docs: {section}] q" in page.inner_text("#evidence")
    assert errors == []
