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
        (
            said(en="a & {nosuch}"),
            "said(): rule 'a & {nosuch}' names {nosuch}, which harness._terms.TERMS does not define",
        ),
        (said(en="^!a & b"), "said(): rule '^!a & b': `^` marks one subject, a group that must occur"),
        (said(en="^a & ^b"), "said(): rule '^a & ^b': `^` marks one subject, a group that must occur"),
    ],
)
def test_a_bad_declaration_is_named(saying: Said, problem: str) -> None:
    assert list(problems(saying)) == [problem]


def test_a_named_term_stands_for_the_shared_vocabulary() -> None:
    negative = said(en="terminat* & {exitcode} & {negative}", zh="终止 & {exitcode} & {negative}")
    assert parse("{exitcode}")[0].terms[:2] == ("exitcode", "exit code")
    assert match(negative, "A terminated child's exit status is -15.") is not None
    assert match(negative, "终止之后，它的返回码是负数。") is not None
    assert match(negative, "A terminated child's exit status is 0.") is None


def test_a_negative_number_is_not_the_end_of_a_range() -> None:
    assert match(said(en="exit code & -#"), "the exit code is -15") is not None
    assert match(said(en="exit code & -#"), "exit code 2-3 of the table") is None


def test_a_subject_may_be_met_in_the_context() -> None:
    rule = said(en="^{daemon} & set* & before & start*")
    heading = (("heading", "What is a daemonic process?"),)
    hit = match(rule, "The flag must be set before the process is started.", heading)
    assert hit is not None and hit.elsewhere == (("daemonic", "heading"),)
    assert [w for w, _, _ in hit.words] == ["set", "before", "start"]  # a prefix: start*


def test_only_the_subject_comes_from_the_context() -> None:
    rule = said(en="^{daemon} & set* & before & start*", zh="^{daemon} & 设置 & 之前|以前 & start|启动")
    assert match(rule, "It must be set first.", (("heading", "Set daemon before start"),)) is None
    assert match(rule, "The flag must be set before start.") is None  # no context: no subject
    assert (
        match(rule, "必须在 start() 之前设置。", (("previous sentence", "守护进程随主进程退出。"),))
        is not None
    )


def test_the_sentence_s_own_subject_wins_over_the_context() -> None:
    hit = match(
        said(en="^daemon|worker & before & start*"), "A worker, before start", (("heading", "daemon"),)
    )
    assert hit is not None and hit.elsewhere == () and hit.words[0][0] == "worker"


def test_a_denial_may_take_its_subject_from_the_context_too() -> None:
    rule = said(en="^terminat* & at once", opposite="^terminat* & {not} & at once")
    hit = match(rule, "It does not stop the child at once.", (("question", "What does terminate() do?"),))
    assert hit is not None and hit.polarity == DENIES


def test_n_t_matches_the_end_of_a_contraction() -> None:
    assert match(said(en="terminat* & n't & at once"), "terminate() doesn't stop it at once") is not None
    assert match(said(en="thread* & n't"), "threads won't help") is not None


def test_a_sentence_naming_another_api_object_borrows_no_subject() -> None:
    rule = said(zh="^{fork} & {windows} & 没有")
    before = (("previous sentence", "fork 出来的子进程有父进程内存的拷贝。"),)
    assert match(rule, "Windows 上没有这个函数。", before) is not None
    assert match(rule, "在 Windows 上没有 if __name__ == '__main__' 保护会报错。", before) is None


def test_a_but_divides_a_sentence_into_clauses_that_claim_apart() -> None:
    immediate = said(en="^terminat* & {at once}", opposite="^terminat* & {not} & {at once}")
    hit = match(immediate, "terminate() stops it at once, but finally blocks are not run.")
    assert hit is not None and hit.polarity == AFFIRMS
    hit = match(immediate, "terminate() 会立即结束它，但是 finally 不会执行。")
    assert hit is None or hit.polarity == AFFIRMS


def test_the_subject_may_stand_before_the_but() -> None:
    threads = said(en="thread* & not|n't & faster")
    assert match(threads, "threading is pleasant, but it will not make a loop faster.") is not None


def test_the_context_that_gives_the_subject_must_not_name_what_the_rule_excludes() -> None:
    blocks = said(en="^join* & blocks until & !queue")
    assert match(blocks, "It blocks until the child ends.", (("heading", "Process.join()"),)) is not None
    assert match(blocks, "It blocks until all items are done.", (("heading", "Queue.join()"),)) is None


def test_a_star_ends_any_word_of_a_term() -> None:
    assert match(said(en="exit* & wait* for"), "the parent waits for them before it exits") is not None
    assert match(said(en="wait* for"), "it waited until") is None


@pytest.mark.parametrize(
    ("text", "denied"),
    [
        ("terminate() does not stop the child immediately.", True),
        ("terminate() 并不会立即结束子进程。", True),
        ("terminate() stops it immediately; it does not run finally blocks.", False),
        ("terminate() 会立即结束子进程，不会执行 finally。", False),
    ],
)
def test_a_gap_term_wants_its_parts_in_order_within_a_clause(text: str, denied: bool) -> None:
    immediate = said(en="terminat* & {at once}", opposite="terminat* & {not}~{at once}")
    hit = match(immediate, text)
    assert hit is not None and (hit.polarity == DENIES) == denied


def test_a_gap_term_names_only_known_concepts() -> None:
    assert list(problems(said(en="a & {not}~{nosuch}"))) == [
        "said(): rule 'a & {not}~{nosuch}' names {nosuch}, which harness._terms.TERMS does not define"
    ]


PIPE = said(
    en="^Pipe & only~two & process*", zh="管道|Pipe & 只能 & 两个进程", opposite="Pipe & many process*"
)


@pytest.mark.parametrize(
    "text",
    [
        "People often say that a Pipe works only between two processes, but that is not true.",
        "网上常说 Pipe 只能用于两个进程之间，严格来说这并不对。",
        "很多文章说管道只能连接两个进程，这点我实测并不成立。",
    ],
)
def test_what_a_sentence_reports_and_rejects_is_denied(text: str) -> None:
    hit = match(PIPE, text)
    assert hit is not None and hit.polarity == DENIES


def test_what_a_sentence_reports_and_rejects_turns_a_denial_round_too() -> None:
    hit = match(PIPE, "Some tutorials claim a Pipe serves many processes; that is a myth.")
    assert hit is not None and hit.polarity == AFFIRMS


def test_after_the_rejection_the_author_speaks() -> None:
    text = "People say queues are slow, but that is not what happens: a Pipe joins only two processes."
    hit = match(PIPE, text)
    assert hit is not None and hit.polarity == AFFIRMS


def test_a_rule_straddling_a_report_and_its_rejection_is_not_met() -> None:
    text = "People say a Pipe is slow, but that is not true: only two processes may use it at once."
    assert match(said(en="^Pipe & slow & process*"), text) is None


def test_a_report_not_rejected_is_the_claim_itself() -> None:
    hit = match(PIPE, "People say a Pipe works only between two processes, and they are right.")
    assert hit is not None and hit.polarity == AFFIRMS


@pytest.mark.parametrize(
    ("text", "polarity"),
    [
        ("所以不存在子进程在主进程结束后继续运行的情况。", DENIES),
        ("There is no case where a child keeps running after the main process exits.", DENIES),
        ("A child keeps running after the main process exits.", AFFIRMS),
    ],
)
def test_there_is_no_case_where_turns_what_it_frames(text: str, polarity: str) -> None:
    outlives = said(en="child & keep* running & {main}", zh="子进程 & 继续运行 & {main}")
    hit = match(outlives, text)
    assert hit is not None and hit.polarity == polarity
