from __future__ import annotations

import pytest

from harness._said import AFFIRMS, DENIES, Group, Said, match, parse, problems, said

EXITCODE = said(
    en="terminat* & exit code|exitcode & negative|minus",
    zh="terminate|终止 & exitcode|退出码 & 负",
    api=("terminate", "exitcode"),
    opposite="api & exitcode & not negative|positive",
)


def test_a_rule_is_groups_of_alternatives() -> None:
    assert parse("a|b c & !d") == (Group(("a", "b c"), False), Group(("d",), True))


@pytest.mark.parametrize(
    "text",
    [
        "After you terminate a worker, its exit code is negative.",
        "A terminated process reports a negative exitcode.",
        "用 terminate() 终止的进程，exitcode 是负数。",
    ],
)
def test_every_group_of_a_rule_must_occur(text: str) -> None:
    hit = match(EXITCODE, text)
    assert hit is not None and hit.polarity == AFFIRMS


def test_the_words_matched_are_kept_with_their_spans() -> None:
    text = "Terminated children show a NEGATIVE exit code."
    hit = match(EXITCODE, text)
    assert hit is not None
    assert [(w, text[s:e]) for w, s, e in hit.words] == [
        ("Terminat", "Terminat"),  # a prefix: `terminat*`
        ("exit code", "exit code"),
        ("NEGATIVE", "NEGATIVE"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The exit code is negative.",  # no terminate
        "Determine whether the exitcode is negative.",  # 'terminat' only inside a word
        "终止以后退出码是零。",
    ],
)
def test_a_missing_group_or_a_term_inside_a_word_does_not_match(text: str) -> None:
    assert match(EXITCODE, text) is None


def test_an_opposite_rule_denies() -> None:
    hit = match(EXITCODE, "After terminate() the exitcode is not negative on Windows.")
    assert hit is not None and hit.polarity == DENIES


def test_english_terms_are_whole_words_unless_starred() -> None:
    assert match(said(en="no & fork"), "there is no fork") is not None
    assert match(said(en="no & fork"), "it is not a fork") is None
    assert match(said(en="Pool(#) & start*"), "Pool(5) starts five") is not None
    assert match(said(en="fork & 没有"), "windows下没有fork函数") is not None  # beside Chinese: a boundary


def test_api_names_match_as_identifiers_only() -> None:
    pool = said(en="api & cpu", api=("Pool",))
    assert match(pool, "multiprocessing.Pool() starts one worker per CPU") is not None
    assert match(pool, "Pooling connections per CPU") is None


def test_an_absent_group_excludes() -> None:
    join = said(en="join & wait* & !pool")
    assert match(join, "join() waits for the child") is not None
    assert match(join, "pool.join() waits for the workers") is None


@pytest.mark.parametrize(
    ("saying", "problem"),
    [
        (said(), "said(): give at least one rule in en= or zh="),
        (said(en="a & "), "said(): rule 'a & ' has an empty group"),
        (said(en="!a"), "said(): rule '!a' needs a group that must occur"),
        (said(en="api & b"), "said(): rule 'api & b' uses 'api' but api= names nothing"),
        (said(en="a & b", api="Pool"), "said(): api= is used by no rule (write `api` in a group)"),
    ],
)
def test_a_bad_declaration_is_named(saying: Said, problem: str) -> None:
    assert list(problems(saying)) == [problem]
