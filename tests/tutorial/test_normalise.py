"""Output comparison: run-to-run noise is set aside, everything else must match."""

from __future__ import annotations

import pytest

from harness._tutorial._normalise import compare, compare_folded

SHOWN = (
    "Process 4276 start at 12:01:02, took 1.0023 s\n"
    "<Process name='Process-1' pid=4277 parent=4276 started> at 0x7f3a2c1b2e50\n"
    "wrote /tmp/tmpab12cd/out.txt\n"
)


NOISY = (
    "Process 912345 start at 21:59:59, took 0.1 s",
    "<Process name='Process-1' pid=912346 parent=912345 started> at 0x55d0c0ffee00",
    "wrote /tmp/mp-probe-x9/cwd/out.txt",
)


def test_pids_times_addresses_and_temp_paths_are_noise() -> None:
    assert compare("\n".join(NOISY), SHOWN) == (True, True, (), ())


@pytest.mark.parametrize(
    ("line", "changed"),
    [
        (0, "Process 912345 stop at 21:59:59, took 0.1 s"),  # a word
        (
            1,
            "<Process name='Process-2' pid=912346 parent=912345 started> at 0x55d0c0ffee00",
        ),  # a short number
        (2, "wrote /tmp/mp-probe-x9/cwd/out.txt twice"),  # words after a path
    ],
)
def test_anything_else_is_a_difference(line: int, changed: str) -> None:
    out = "\n".join(changed if n == line else text for n, text in enumerate(NOISY))
    seen = compare(out, SHOWN)
    assert not seen.same
    assert seen.missing == (SHOWN.splitlines()[line],) and seen.extra == (changed,)


def test_order_interleaving_and_blank_lines() -> None:
    shown = "a 1\nb 2\n"
    assert compare("b 2\n\na 1\n", shown) == (True, False, (), ())
    assert compare("a 1b 2\n\n", shown).same  # two unbuffered processes: one's newline after the other's text
    assert compare("a 1\nb 2\nb 2\n", shown) == (False, False, (), ("b 2",))
    assert compare("a 1\n", shown) == (False, False, ("b 2",), ())


def test_folded_output_ignores_line_breaks_not_words() -> None:
    assert compare_folded("child 4663\nparent 4662\n", "child 1234 parent 1233") == (True, True, (), ())
    assert compare_folded("parent 4662\nchild 4663\n", "child 1234 parent 1233")[:2] == (True, False)
    assert not compare_folded("parent\nchild\nchild\n", "child parent").same


def test_a_short_pid_is_noise_where_the_words_say_pid() -> None:
    assert compare("child pid=31337, 进程号 31338\n", "child pid=812, 进程号 813\n").same
    assert not compare("child 31337\n", "child 812\n").same
    assert not compare("he said 31337\n", "he said 812\n").same
