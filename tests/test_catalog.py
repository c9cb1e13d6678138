from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from harness._catalog import Library, case_problems, duplicate_problems, load, normalise, parse_inventory
from harness._claims import Case, Claim, Source
from harness._expect import Expect
from harness._verdicts import holds

from .conftest import HOLDS

LIBRARY = Library(frozenset({"a.b"}), {"001": "第一行\n第二行 words here"})


def case(id: str = "a.b", article: str = "001", words: str = "第一行 第二行", **fields: object) -> Case:
    made = Case(
        Claim(id, "statement", "topic", (Source(article, words),)),
        lambda mp: {},
        judgement=lambda f, w: holds("x"),
        expectations=(Expect("holds", "r"),),
    )
    for k, v in fields.items():
        setattr(made, k, v)
    return made


def test_inventory_ids_come_from_the_tables() -> None:
    md = "# x\n| id | claim |\n|---|---|\n| fork.unix-only | a |\n| code.runs-000 | b |\ntext | no.t |"
    assert parse_inventory(md) == ["fork.unix-only", "code.runs-000"]


def test_quotes_match_across_lost_line_breaks() -> None:
    assert case_problems(case(), LIBRARY) == []
    assert normalise(" a \n\t b ") == "a b"


def test_each_problem_names_the_claim_and_the_field() -> None:
    problems = case_problems(case(id="a.c", article="009", judgement=None, expectations=()), LIBRARY)
    assert problems == [
        "claim 'a.c': id is not in the inventory (CLAIMS.md)",
        "claim 'a.c': no judgement (decorate one with @<case>.judge)",
        "claim 'a.c': no expectations (call <case>.expect(...))",
        "claim 'a.c': sources: unknown article '009' (known: 001)",
    ]


def test_a_quote_not_in_its_article_is_named() -> None:
    assert case_problems(case(words="不在这里"), LIBRARY) == [
        "claim 'a.b': sources: quote not found in article 001: '不在这里'"
    ]


def test_an_expectation_naming_an_unknown_method_is_named() -> None:
    bad = case(expectations=(Expect("holds", "r", method="thread"),))
    assert case_problems(bad, LIBRARY) == ["claim 'a.b': expectation 0: unknown start method 'thread'"]


def test_duplicates_name_both_files() -> None:
    errors = duplicate_problems([(Path("x.py"), case()), (Path("y.py"), case())])
    assert [str(e) for e in errors] == ["y.py: claim 'a.b': duplicate id (also in x.py)"]


def test_load_keeps_good_cases_and_reports_a_broken_module(catalog: Callable[..., Path]) -> None:
    folder = catalog({"good": HOLDS, "broken": "x = (\n"})
    cases, errors = load(folder)
    assert [c.claim.id for c in cases] == ["demo.holds"]
    assert len(errors) == 1 and "broken.py: line" in str(errors[0]) and "SyntaxError" in str(errors[0])
