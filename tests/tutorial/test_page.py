from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from harness._tutorial._model import ClaimVerdict
from harness._tutorial._page import (
    Column,
    columns,
    diagnoses,
    pieces,
    render_html,
    render_markdown,
    render_text,
    runs_named,
)

from .data import CHECKED, NO_GUARD, OUTCOMES, PY, UNREADABLE


class Ids(HTMLParser):
    """The text inside each element that has an id, and the ids in document order."""

    def __init__(self) -> None:
        super().__init__()
        self.order: list[str] = []
        self.text: dict[str, str] = {}
        self.open: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs).get("id")
        if found:
            self.order.append(found)
            self.text[found] = ""
        self.open.append(found)

    def handle_endtag(self, tag: str) -> None:
        self.open.pop()

    def handle_data(self, data: str) -> None:
        for found in filter(None, self.open):
            self.text[found] += data


def parsed(page: str) -> Ids:
    ids = Ids()
    ids.feed(page)
    return ids


def test_columns_are_pythons_in_run_order_methods_in_the_usual_order_python_27_last() -> None:
    later = OUTCOMES[0]._replace(python="cpython-3.13.0")
    assert columns((*OUTCOMES[::-1], later)) == [
        Column(PY, "fork"),
        Column(PY, "spawn"),
        Column(PY, "forkserver"),
        Column("cpython-3.13.0", "fork"),
        Column("cpython-2.7.18", None),
    ]


def test_the_page_keeps_every_block_in_order_each_addressable() -> None:
    ids = parsed(render_html(CHECKED))
    blocks = [i for i in ids.order if i.startswith("b-")]
    assert blocks == [f"b-{i}" for i in range(7)]
    assert ids.text["b-0"] == "Processes <in> Python"  # autoescaped, read back as text
    assert ids.text["b-1"] == "多进程: start a child & join it."
    assert ids.text["b-3"] == "hello from 4242"  # the article's output block, in place
    assert ids.text["b-6"] == "$ pip install nothing"  # a block that is not an example stays as printed


def test_the_article_says_its_language() -> None:
    assert '<article class="tutorial" lang="zh">' in render_html(CHECKED)  # its prose has Chinese
    english = CHECKED.document._replace(blocks=CHECKED.document.blocks[:1])  # type: ignore[union-attr]
    assert '<article class="tutorial" lang="en">' in render_html(CHECKED._replace(document=english))


def test_headings_keep_their_level_below_the_page_title() -> None:
    page = render_html(CHECKED)
    assert '<h2 id="b-0" class="block">Processes &lt;in&gt; Python</h2>' in page
    assert '<h3 id="b-4" class="block">A pool</h3>' in page


def test_an_example_shows_symbol_and_word_per_run_its_diagnosis_and_both_outputs() -> None:
    ids = parsed(render_html(CHECKED))
    one = ids.text["ex-1"]
    for mark in ("✓ holds", "✗ refuted", "◐ partial"):
        assert mark in one
    assert f"✗ refuted under spawn: {NO_GUARD}" in one  # the one Python 3: runs named by method
    assert "the article shows" in one and "hello from 4242" in one
    assert "hello from 77" in one and "bye" in one and "RuntimeError: <boot>" in one
    assert "cpython-2.7.18" in one


def test_an_example_without_multiprocessing_says_it_was_not_run() -> None:
    ids = parsed(render_html(CHECKED))
    assert "not run: it uses none of multiprocessing" in ids.text["ex-2"]
    assert "✓" not in ids.text["ex-2"]


def test_the_page_needs_no_network() -> None:
    page = render_html(CHECKED)
    assert "http://" not in page and "https://" not in page and "<script src" not in page


def test_text_summary_one_line_per_example_and_why_not_holds() -> None:
    lines = render_text(CHECKED).splitlines()
    assert lines[0] == "docs/intro.md (markdown) 'Processes <in> Python': 2 examples"
    assert lines[1] == (
        "  0 claims recognised and judged, 1 example run, 0 sentences that look like claims but are not in "
        "the catalog"
    )
    assert lines[2] == (
        f"  ex1 line 5: {PY}: fork ✓ holds  spawn ✗ refuted  forkserver ◐ partial | cpython-2.7.18: ✓ holds"
    )
    assert lines[3] == f"      ✗ spawn: {NO_GUARD}"
    assert lines[4] == "      ◐ forkserver: printed other lines"
    assert lines[5].startswith("  ex2 line 14: not run")
    assert lines[6] == "  = 2 holds, 1 partial, 1 refuted"


def test_text_names_runs_by_method_alone_when_one_python_ran() -> None:
    one = CHECKED._replace(outcomes=OUTCOMES[:3])
    assert render_text(one).splitlines()[3] == f"      ✗ spawn: {NO_GUARD}"


def test_diagnoses_that_differ_only_in_pids_and_addresses_are_told_once() -> None:
    words = "Can't pickle <function <lambda> at {}>; child {} blocked"
    runs = {
        Column(PY, m): OUTCOMES[1]._replace(diagnosis=words.format(hex(a), p))
        for m, a, p in [("fork", 0x7F01, 4242), ("spawn", 0x7F02, 4343), ("forkserver", 0x7F03, 44)]
    }
    assert diagnoses(runs, [PY]) == [
        ("refuted", words.format("0x7f01", 4242), "fork, spawn"),
        ("refuted", words.format("0x7f03", 44), "forkserver"),  # small numbers are values, not pids
    ]


def test_runs_are_named_by_method_when_alike_on_every_python() -> None:
    two = ["cpython-3.12.1", "cpython-3.13.0"]
    both = [Column(p, m) for p in two for m in ("spawn", "forkserver")]
    assert runs_named(both, two) == "spawn, forkserver on every Python"
    assert runs_named(both[:2], two[:1]) == "spawn, forkserver"
    assert runs_named(both[:3], two) == (
        "cpython-3.12.1 spawn, cpython-3.12.1 forkserver, cpython-3.13.0 spawn"
    )
    assert runs_named([Column("cpython-2.7.18", None)], two) == "cpython-2.7.18"


def test_text_of_an_unreadable_article_is_its_one_line() -> None:
    assert render_text(UNREADABLE) == "error: docs/gone.md: cannot read it: No such file or directory"


def test_markdown_has_a_row_per_example_and_lists_what_was_not_checked() -> None:
    text = render_markdown([CHECKED, UNREADABLE])
    assert "## Processes <in> Python (`docs/intro.md`)" in text
    assert f"| example | line | {PY} fork | {PY} spawn | {PY} forkserver | cpython-2.7.18 | why |" in text
    assert f"| 1 | 5 | ✓ holds | ✗ refuted | ◐ partial | ✓ holds | ✗ spawn: {NO_GUARD}; ◐ " in text
    assert "| 2 | 14 | · not run | · not run | · not run | · not run | not run: it uses none" in text
    assert "- docs/gone.md: cannot read it" in text


def test_a_run_shows_its_facts_the_program_it_ran_as_and_what_was_left_running() -> None:
    evidence = {
        "stdout": "",
        "continues": [1],
        "script": "import os\nx = 1\n",
        "supervisor": {"leaked": [{"pid": 99, "name": "python3"}]},
        "peak_rss_kib": 1234,
        "files_left": [],
    }
    checked = CHECKED._replace(outcomes=(OUTCOMES[1]._replace(evidence=evidence),))
    one = parsed(render_html(checked)).text["ex-1"]
    assert "the program as run" in one and "x = 1" in one
    assert "peak_rss_kib: 1234" in one and "files_left" not in one  # an empty fact is not shown
    assert "left running, then killed" in one and "'pid': 99" in one


def test_a_run_of_an_example_on_its_own_shows_no_program_besides_its_code() -> None:
    assert "the program as run" not in render_html(CHECKED)


def test_the_page_in_a_real_browser_loads_nothing_else_and_opens_the_first_failing_run(
    tmp_path: Path,
) -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("no chromium here")
    sync_api = pytest.importorskip("playwright.sync_api")
    (tmp_path / "intro.html").write_text(render_html(CHECKED), encoding="utf-8")
    requests: list[str] = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        page.on("request", lambda r: requests.append(r.url))
        page.goto((tmp_path / "intro.html").as_uri())
        opened = page.locator("#ex-1 details[open] > summary").all_inner_texts()
        cells = page.locator("table.summary tbody td").all_inner_texts()
        browser.close()
    assert requests == [(tmp_path / "intro.html").as_uri()]
    assert opened == [f"✗ refuted — {PY} spawn"]
    assert cells[2:6] == ["✓ holds", "✗ refuted", "◐ partial", "✓ holds"]  # symbol and word, not colour alone


def _claim(start: int, end: int, verdicts: tuple[tuple[str, str, str], ...]) -> ClaimVerdict:
    return ClaimVerdict(0, start, end, "x", "fork.unix-only", "s", "affirms", (), (), verdicts, "f", "")


def test_a_prose_block_is_cut_at_its_claims_sentences_marked_by_verdict() -> None:
    text = "Intro. No fork on Windows. End."
    both = _claim(7, 26, (("fork", "holds", "w"), ("spawn", "holds", "w")))
    mixed = _claim(27, 31, (("fork", "holds", "w"), ("spawn", "refuted", "w")))
    assert [(p["text"], p["verdict"]) for p in pieces(text, [both, mixed])] == [
        ("Intro. ", ""),
        ("No fork on Windows.", "holds"),
        (" ", ""),
        ("End.", "mixed"),
        ("", ""),
    ]


def test_the_page_marks_the_sentence_and_lists_the_claim_at_the_top() -> None:
    doc = CHECKED.document
    assert doc is not None
    prose = next(i for i, b in enumerate(doc.blocks) if b.kind == "prose")
    text = doc.blocks[prose].text
    claim = _claim(0, len(text), (("fork", "refuted", "seen"),))._replace(block=prose, sentence=text)
    page = render_html(CHECKED._replace(claims=(claim,)))
    assert "1 claim recognised and judged" in page
    assert '<mark class="claim v-refuted" title="fork.unix-only: fork ✗ refuted">' in page
    assert "<h2>The claims its prose makes</h2>" in page
