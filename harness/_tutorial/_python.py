"""Is this text Python 3, Python 2, or neither? compile() judges; Python 2 is judged after a rewrite to 3."""

from __future__ import annotations

import ast
import io
import re
import tokenize
import warnings
from typing import NamedTuple

# Python 2 constructs Python 3 rejects: how to say each, and a Python 3 spelling used only to judge
_BACKTICKS = re.compile(r"`([^`\n]*)`")
_OCTAL = re.compile(r"(?<![\w.])0([0-7]+)\b")
_LONG = re.compile(r"\b(\d+)[lL]\b")
_UR = re.compile(r"\b[uU][rR](['\"])")
_EXCEPT = re.compile(r"^(\s*except\s+[^,:#]+?)\s*,\s*(\w+)\s*:")
_RAISE = re.compile(r"^(\s*raise\s+[\w.]+)\s*,\s*(.+?)\s*$")
_EXEC = re.compile(r"^(\s*)exec\s+(?!\()(.+?)\s*$")
_PRINT = re.compile(r"^(\s*)print\b(?!\s*\()(?!\s*=)(.*)$")
_PRINT_TO = re.compile(r"^>>\s*([^,]+)(?:,\s*(.*))?$")

_REWRITES: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("backticks (repr)", _BACKTICKS, r"repr(\1)"),
    ("octal literal without 0o", _OCTAL, r"0o\1"),
    ("long integer literal", _LONG, r"\1"),
    ("ur'' string prefix", _UR, r"u\1"),
    ("'<>' operator", re.compile("<>"), "!="),
    ("'except X, e'", _EXCEPT, r"\1 as \2:"),
    ("'raise E, msg'", _RAISE, r"\1(\2)"),
    ("exec statement", _EXEC, r"\1exec(\2)"),
)


class Judged(NamedTuple):
    """What compile() made of a piece of text."""

    python3: bool
    python2: str | None  # why it is Python 2 ("line 3: print statement"), None when it is not


def judge(code: str) -> Judged:
    """Python 3 when it compiles; Python 2 when it compiles once its Python 2 constructs are respelled."""
    error = py3_error(code)
    if error is None:
        shift = _print_shift(code)
        return (
            Judged(True, None) if shift is None else Judged(False, f"line {shift}: print statement to a file")
        )
    if py3_error(as_python3(code)) is not None:
        return Judged(False, None)
    lineno = error.lineno or 1
    return Judged(False, f"line {lineno}: {_what((code.splitlines()[lineno - 1 : lineno] or [''])[0])}")


def _print_shift(code: str) -> int | None:
    """The line of a `print >>f, x` that Python 3 compiles as a shift (and fails on when it runs)."""
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.RShift) and _is_print(node.left):
            return node.lineno
    return None


def _is_print(node: ast.expr) -> bool:
    return isinstance(node, ast.Name) and node.id == "print"


def is_python(code: str) -> bool:
    """Python 3 or Python 2 code, and more than a lone name or number."""
    return bool(code.strip()) and (py3_error(code) is None or py3_error(as_python3(code)) is None)


def py3_error(code: str) -> SyntaxError | None:
    """Python 3's SyntaxError for the code, None when it compiles."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # invalid escape sequences in the articles' strings
            compile(code, "<example>", "exec", dont_inherit=True)
    except SyntaxError as error:
        return error
    except ValueError as error:  # a NUL byte
        return SyntaxError(str(error))
    return None


def as_python3(code: str) -> str:
    """The code with Python 2's statements and literals respelled as Python 3 (compiled, never run)."""
    lines = [_rewrite(line) for line in code.splitlines()]
    return "\n".join(_print_call(line) for line in lines) + "\n"


def _rewrite(line: str) -> str:
    for _, pattern, replacement in _REWRITES:
        line = pattern.sub(replacement, line)
    return line


def _print_call(line: str) -> str:
    """`print x, y` as `print(x, y)`, `print >>f, x` as `print(x, file=f)`; a trailing comment stays out."""
    match = _PRINT.match(line)
    if not match:
        return line
    indent, rest = match.groups()
    body, comment = _split_comment(rest)
    body = body.strip()
    to = _PRINT_TO.match(body)
    if to:
        body = f"{to.group(2) or ''}, file={to.group(1)}"
    elif body.endswith(","):
        body = body[:-1] + ", end=' '"
    return f"{indent}print({body}){comment}"


def _split_comment(rest: str) -> tuple[str, str]:
    """The statement's text and its trailing comment, found by the tokenizer (a '#' in a string stays)."""
    try:
        for token in tokenize.generate_tokens(io.StringIO(rest).readline):
            if token.type == tokenize.COMMENT:
                return rest[: token.start[1]], "  " + token.string
    except (tokenize.TokenError, SyntaxError):
        pass
    return rest, ""


def _what(line: str) -> str:
    """Which Python 2 construct the line holds."""
    if _PRINT.match(line):
        return "print statement" + (" to a file (print >>f)" if ">>" in line else "")
    for what, pattern, _ in _REWRITES:
        if pattern.search(line):
            return what
    return "Python 2 syntax"
