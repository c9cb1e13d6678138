"""The rebuild of flattened code, and its figure on the 17 examples of the seed articles rebuilt by hand.

The hand-made examples (tests/tutorial/hand_made/NNN/exK.py) and the output the articles show for them
(hand_made/shown.json) were the catalog's until `code.runs-*` read the raw articles; they stay as this
figure's reference.

See the figure with `pytest tests/tutorial/test_rebuild.py -s -k figure`.
"""

from __future__ import annotations

import glob
import io
import json
import os
import tokenize

import pytest

from harness._tutorial._examples import find_examples
from harness._tutorial._model import CODE
from harness._tutorial._read import read
from harness._tutorial._rebuild import rebuild

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HAND_MADE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "hand_made")
HEADER = "# article "  # the one line each hand-made example adds
# the two the rebuild cannot tell from the flattened text alone (no rule would, short of reading the prose):
# 001's ex2 ends an `else:` body one statement early (the last print is at module level), and 001's ex3 has
# two Chinese comments on lines of their own that it puts after the statement before them
KNOWN_MISSES = {"001/ex2", "001/ex3"}


def tokens(source: str, comments: bool = True) -> list[tuple[int, str]]:
    """The token stream compared: NL and indentation widths aside, comments right-stripped (or left out)."""
    body = "\n".join(line for line in source.splitlines() if not line.startswith(HEADER)) + "\n"
    out = []
    for token in tokenize.generate_tokens(io.StringIO(body).readline):
        if token.type == tokenize.NL or (token.type == tokenize.COMMENT and not comments):
            continue
        text = "" if token.type in {tokenize.INDENT, tokenize.NEWLINE} else token.string.rstrip()
        out.append((token.type, text))
    return out


def comment_texts(source: str) -> list[str]:
    return [t for kind, t in tokens(source) if kind == tokenize.COMMENT and not t.startswith(HEADER)]


def hand_made() -> list[str]:
    return sorted(glob.glob(os.path.join(HAND_MADE, "*", "ex*.py")))


def rebuilt_blocks(number: str) -> list[str]:
    (path,) = glob.glob(os.path.join(ROOT, "cases", "articles", f"{number}_*.txt"))
    return [b.text for b in read(path).blocks if b.kind == CODE]


def name(path: str) -> str:
    return os.path.relpath(path, HAND_MADE)[: -len(".py")]


def identical(path: str, strict: bool = True) -> bool:
    with open(path, encoding="utf-8") as file:
        want = file.read()
    blocks = rebuilt_blocks(name(path)[:3])
    if strict:
        return any(tokens(b) == tokens(want) for b in blocks)
    return any(
        tokens(b, False) == tokens(want, False) and comment_texts(b) == comment_texts(want) for b in blocks
    )


def test_figure_on_the_17_hand_made_examples() -> None:
    examples = hand_made()
    strict = [name(p) for p in examples if identical(p)]
    lenient = [name(p) for p in examples if identical(p, strict=False)]
    print(f"\nrebuild: {len(strict)} of {len(examples)} token-for-token identical to the hand-made ones")
    print(f"         {len(lenient)} of {len(examples)} with comments' placement (own line or trailing) aside")
    print(f"         not identical: {', '.join(sorted(set(map(name, examples)) - set(strict)))}")
    assert len(examples) == 17
    assert set(map(name, examples)) - set(strict) == KNOWN_MISSES
    assert set(map(name, examples)) - set(lenient) == {"001/ex2"}


@pytest.mark.parametrize("number", ["000", "001", "002", "003", "004"])
def test_each_article_gives_as_many_code_blocks_as_it_has_examples(number: str) -> None:
    assert len(rebuilt_blocks(number)) == len(glob.glob(os.path.join(HAND_MADE, number, "ex*.py")))


@pytest.mark.parametrize("number", ["000", "001", "002", "003", "004"])
def test_each_article_shows_the_output_listed_by_hand(number: str) -> None:
    with open(os.path.join(HAND_MADE, "shown.json"), encoding="utf-8") as file:
        listed_by_hand: list[list[str] | None] = json.load(file)[number]
    (path,) = glob.glob(os.path.join(ROOT, "cases", "articles", f"{number}_*.txt"))
    shown = [" ".join((e.shown or "").split()) for e in find_examples(read(path))]
    listed = [" ".join(" ".join(lines or ()).split()) for lines in listed_by_hand]
    assert shown == listed  # whitespace aside: the page flattened the printouts as it did the code


def test_statements_split_where_they_must_end() -> None:
    assert rebuild("import os print(os.getpid()) x = 1") == "import os\nprint(os.getpid())\nx = 1\n"


def test_names_glued_by_a_lost_break_are_split() -> None:
    flat = "import timedef f():p.daemon = TrueNO_p = 1time.sleep(1)NO_p.start()"
    assert rebuild(flat) == (
        "import time\n\ndef f():\n    p.daemon = True\n    NO_p = 1\n    time.sleep(1)\n    NO_p.start()\n"
    )


def test_a_loop_ends_at_the_first_statement_using_none_of_its_names() -> None:
    flat = "import time def f(q): for i in range(3): q.put(i) time.sleep(1) q.put(None)"
    assert rebuild(flat) == (
        "import time\n\ndef f(q):\n    for i in range(3):\n"
        "        q.put(i)\n        time.sleep(1)\n    q.put(None)\n"
    )


def test_else_and_break_and_a_conditional_expression() -> None:
    flat = "while True: x = get() if x is None: break y = 1 if x else 2 else: pass"
    assert rebuild(flat) == (
        "while True:\n    x = get()\n    if x is None:\n        break\n"
        "    y = 1 if x else 2\nelse:\n    pass\n"
    )


def test_a_comment_ends_where_the_code_after_it_parses() -> None:
    flat = "x = 1 # set x to one, then show it print(x) #done"
    assert rebuild(flat) == "x = 1 # set x to one, then show it\nprint(x) #done\n"


def test_python2_prints_are_rebuilt_too() -> None:
    assert (
        rebuild('import os print "pid %d" %(os.getpid()) print')
        == 'import os\nprint "pid %d" %(os.getpid())\nprint\n'
    )


def test_what_does_not_rebuild_is_none() -> None:
    assert rebuild("def __init__(self, group=None, target=None)") is None
    assert rebuild("this is words") is None


def test_methods_decorators_and_try() -> None:
    flat = (
        "class B: x = 1 @property def y(self): return self.x def run(self): try: 1 / 0 "
        "except ZeroDivisionError as e: print(e) finally: print('done')"
    )
    assert rebuild(flat) == (
        "class B:\n    x = 1\n    @property\n    def y(self):\n        return self.x\n    def run(self):\n"
        "        try:\n            1 / 0\n        except ZeroDivisionError as e:\n            print(e)\n"
        "        finally:\n            print('done')\n"
    )


def test_matrix_multiplication_is_no_decorator() -> None:
    assert rebuild("m = a @ b print(m)") == "m = a @ b\nprint(m)\n"


def test_a_hyphenated_comment_is_no_subtraction() -> None:
    assert rebuild("x = 1 # read-only from here p.start()") == "x = 1 # read-only from here\np.start()\n"


def test_without_the_loop_rule_when_it_leaves_an_else_without_its_loop() -> None:
    flat = "for x in xs: print(x) done = True else: print('none')"
    assert rebuild(flat) == "for x in xs:\n    print(x)\n    done = True\nelse:\n    print('none')\n"
