from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from harness._catalog import (
    CatalogError,
    Library,
    case_problems,
    duplicate_problems,
    load,
    normalise,
    parse_inventory,
    read_library,
)
from harness._claims import DOC, Case, Claim, Source
from harness._expect import Expect
from harness._verdicts import holds

from .conftest import HOLDS, write_catalog

LIBRARY = Library(frozenset({"a.b"}), {"001": "第一行\n第二行 words here"})


def case(
    id: str = "a.b",
    article: str = "001",
    words: str = "第一行 第二行",
    kind: str = "article",
    **fields: object,
) -> Case:
    made = Case(
        Claim(id, "statement", "topic", (Source(article, words, kind),)),
        lambda mp: {},
        judgement=lambda f, w: holds("x"),
        expectations=(Expect("holds", "r"),),
    )
    for k, v in fields.items():
        setattr(made, k, v)
    return made


AT = f"line {case().line}: "  # the probe's line: every problem names it


def test_inventory_ids_come_from_the_tables() -> None:
    md = "# x\n| id | claim |\n|---|---|\n| fork.unix-only | a |\n| code.runs-000 | b |\ntext | no.t |"
    assert parse_inventory(md) == ["fork.unix-only", "code.runs-000"]


def test_quotes_match_across_lost_line_breaks() -> None:
    assert case_problems(case(), LIBRARY) == []
    assert normalise(" a \n\t b ") == "a b"


def test_each_problem_names_the_claim_and_the_field() -> None:
    problems = case_problems(case(id="a.c", article="009", judgement=None, expectations=()), LIBRARY)
    assert problems == [
        f"{AT}claim 'a.c': id is not in the inventory (CLAIMS.md)",
        f"{AT}claim 'a.c': no judgement (decorate one with @<case>.judge)",
        f"{AT}claim 'a.c': no expectations (call <case>.expect(...))",
        f"{AT}claim 'a.c': sources: unknown article '009' (known: 001)",
    ]


def test_a_quote_not_in_its_article_is_named_with_the_nearest_passage() -> None:
    (problem,) = case_problems(case(words="不在这里"), LIBRARY)
    assert problem.startswith(f"{AT}claim 'a.b': sources: quote not found in article 001: '不在这里'; ")
    assert problem.endswith("; no passage of the article is close to it")


@pytest.mark.parametrize(
    ("words", "passage", "differs"),
    [
        (
            "退出码是负数.Pool",
            "'退出码是负数。Pool'",
            "has '。' where the quote has '.' (full-width/half-width)",
        ),
        ("退出码是负数，Pool 默认", "'退出码是负数。Pool 默认'", "has '。' where the quote has '，'"),
        ("Pool 默认按照cpu", "'Pool 默认按照 cpu'", "has ' ' where the quote has '' (whitespace)"),
    ],
)
def test_a_quote_error_says_what_differs(words: str, passage: str, differs: str) -> None:
    library = Library(frozenset({"a.b"}), {"001": "这是一篇文章。进程的退出码是负数。Pool 默认按照 cpu"})
    (problem,) = case_problems(case(words=words), library)
    assert f"nearest passage {passage}: the article {differs}" in problem


def test_a_doc_source_is_not_looked_up_among_the_articles() -> None:
    assert (
        case_problems(
            case(article="multiprocessing: Programming guidelines", words="Not here.", kind=DOC), LIBRARY
        )
        == []
    )


@pytest.mark.parametrize(
    ("section", "words", "problem"),
    [
        (
            " ",
            "words",
            "a doc source needs the section it quotes: doc('multiprocessing: <section>', '<words>')",
        ),
        ("multiprocessing: x", "", "empty quote for doc 'multiprocessing: x'"),
    ],
)
def test_a_doc_source_needs_its_section_and_words(section: str, words: str, problem: str) -> None:
    assert case_problems(case(article=section, words=words, kind=DOC), LIBRARY) == [
        f"{AT}claim 'a.b': sources: {problem}"
    ]


def test_an_unknown_kind_of_source_is_named() -> None:
    assert case_problems(case(kind="blog"), LIBRARY) == [
        f"{AT}claim 'a.b': sources: unknown kind of source 'blog' (known: article, doc)"
    ]


def test_an_expectation_mistake_names_its_own_line() -> None:
    bad = case(expectations=(Expect("holds", "r", method="thread", line=77),))
    assert case_problems(bad, LIBRARY) == [
        "line 77: claim 'a.b': expectation 0: unknown start method 'thread'"
    ]


def test_duplicates_name_both_files() -> None:
    errors = duplicate_problems([(Path("x.py"), case()), (Path("y.py"), case())])
    assert [str(e) for e in errors] == ["y.py: claim 'a.b': duplicate id (also in x.py)"]


def test_load_keeps_good_cases_and_reports_a_broken_module(catalog: Callable[..., Path]) -> None:
    folder = catalog({"good": HOLDS, "broken": "x = (\n"})
    cases, errors = load(folder)
    assert [c.claim.id for c in cases] == ["demo.holds"]
    assert len(errors) == 1 and "broken.py: line" in str(errors[0]) and "SyntaxError" in str(errors[0])


TWO_CLAIMS = (
    HOLDS.replace('is 0")', 'is 0", os="linux")')
    + """
@claim("demo.other", "Expected on macOS without a source.", topic="demo", sources=[quote("001", "进程")])
def other(mp):
    return {}

other.judge(lambda facts, where: holds("x"))
other.expect(
    expect("holds", "x", os="linux"),
    expect("holds", "no source given", os="darwin"),
)
"""
)


def test_one_bad_expectation_loses_only_its_claim(catalog: Callable[..., Path]) -> None:
    cases, errors = load(catalog({"two": TWO_CLAIMS}))
    line = next(i for i, text in enumerate(TWO_CLAIMS.splitlines(), 4) if 'os="darwin"' in text)
    assert [c.claim.id for c in cases] == ["demo.holds"]
    assert [str(e).split("cases/")[-1] for e in errors] == [
        f"two.py: line {line}: claim 'demo.other': expectation 1: os='darwin' cannot be observed here: "
        "give cite= (CPython file, docs)"
    ]


def test_the_run_keeps_the_good_claim_and_reports_the_bad_one(pytester: pytest.Pytester) -> None:
    write_catalog(pytester.path, {"two": TWO_CLAIMS})
    pytester.makeini("[pytest]\nharness_catalog = cases\n")
    run = pytester.runpytest_subprocess("cases", "--methods", "fork")
    assert run.parseoutcomes()["passed"] == 1 and run.parseoutcomes()["failed"] == 1
    run.stdout.fnmatch_lines(["*catalog error: two.py: line *: claim 'demo.other': expectation 1: os=*"])


@pytest.mark.parametrize(
    ("names", "message"),
    [
        (["005_a.txt", "005_b.txt"], "two articles numbered 005"),
        (["5_a.txt"], "5_a.txt: an article's file name starts with its three-digit number"),
    ],
)
def test_article_numbers_come_from_file_names_once_each(
    catalog: Callable[..., Path], names: list[str], message: str
) -> None:
    folder = catalog({"good": HOLDS})
    for name in names:
        (folder / "articles" / name).write_text("x", encoding="utf-8")
    with pytest.raises(CatalogError, match=message):
        read_library(folder)


def test_a_bad_saying_refuses_its_claim() -> None:
    made = case()
    made.said(en="exit code & ")
    assert case_problems(made, LIBRARY) == [
        f"{AT}claim 'a.b': said(): rule 'exit code & ' has an empty group"
    ]


def test_the_default_catalog_is_the_checkouts_when_run_elsewhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from harness._catalog import CHECKOUT, default_catalog

    monkeypatch.chdir(tmp_path)  # an editable install, used outside the project's folder
    assert default_catalog() == CHECKOUT
    (tmp_path / "cases").mkdir()
    (tmp_path / "cases" / "CLAIMS.md").write_text("# inventory\n")
    assert default_catalog() == Path("cases")  # the project it is run from comes first
