from __future__ import annotations

from harness import Context, Facts, Verdict, Where, claim, expect, holds, quote
from harness._claims import Case


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
