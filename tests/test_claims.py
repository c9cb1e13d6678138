from __future__ import annotations

from harness import Context, Facts, Verdict, Where, claim, doc, expect, holds, quote
from harness._claims import DOCUMENTATION, Case, group_of


@claim("x.y", "statement", topic="t", sources=[quote("001", "words")], deadline=3, exclusive=True)
def sample(mp: Context) -> Facts:
    return {"n": 1}


@sample.judge
def _(facts: Facts, where: Where) -> Verdict:
    return holds("yes")


sample.expect(expect("holds", "always"))


def test_the_decorator_makes_a_case_that_knows_where_it_lives() -> None:
    assert isinstance(sample, Case)
    assert (sample.module, sample.name) == (__name__, "sample")
    assert sample.claim.sources[0].article == "001"
    assert (sample.deadline, sample.exclusive) == (3, True)


def test_judge_and_expect_register() -> None:
    assert sample.judgement is not None
    assert [e.verdict for e in sample.expectations] == ["holds"]


def test_claim_to_json_is_plain() -> None:
    assert sample.claim.to_json()["sources"] == [{"article": "001", "quote": "words"}]


def test_a_doc_source_is_a_source_of_kind_doc() -> None:
    source = doc("multiprocessing: Programming guidelines: Joining processes that use queues", "words")
    assert (source.kind, source.article, source.label()) == (
        "doc",
        "",
        "docs: multiprocessing: Programming guidelines: Joining processes that use queues",
    )
    assert source.to_json() == {"doc": source.ref, "quote": "words"}
    assert quote("001", "words").to_json() == {"article": "001", "quote": "words"}


def test_reports_group_a_source_by_its_article_or_as_documentation() -> None:
    assert group_of({"article": "003", "quote": "q"}) == "003"
    assert group_of({"doc": "multiprocessing: x", "quote": "q"}) == DOCUMENTATION
