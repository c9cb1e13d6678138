"""The Python judge: Python 3 compiles; Python 2 compiles once respelled, with the line and the reason."""

from __future__ import annotations

import pytest

from harness._tutorial._python import as_python3, is_python, judge


def test_python3() -> None:
    assert judge("print('x')\n") == (True, None)


@pytest.mark.parametrize(
    ("code", "why"),
    [
        ('import os\nprint "pid", os.getpid()\n', "line 2: print statement"),
        ("import sys\nprint >>sys.stderr, 'x'\n", "line 2: print statement to a file"),
        ("try:\n    pass\nexcept OSError, e:\n    pass\n", "line 3: 'except X, e'"),
        ("x = `1`\n", "line 1: backticks (repr)"),
        ("import os\nos.chmod('f', 0777)\n", "line 2: octal literal without 0o"),
        ("s = ur'x'\n", "line 1: ur'' string prefix"),
        ("if 1 <> 2:\n    pass\n", "line 1: '<>' operator"),
        ("raise ValueError, 'x'\n", "line 1: 'raise E, msg'"),
        ("exec 'x = 1'\n", "line 1: exec statement"),
        ("print 'a',  # no newline\n", "line 1: print statement"),
    ],
)
def test_python2_with_its_reason(code: str, why: str) -> None:
    assert judge(code) == (False, why)


def test_neither() -> None:
    assert judge("this is prose.\n") == (False, None)
    assert not is_python("Worker 0 starting\n")
    assert not is_python("   \n")


def test_respelling_is_for_judging_only() -> None:
    assert as_python3('print "a %s" % x  # c\n') == 'print("a %s" % x)  # c\n'
    assert as_python3("print x,\n") == "print(x, end=' ')\n"
    assert as_python3("print\n") == "print()\n"
