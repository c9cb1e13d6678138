"""Code whose line breaks and indentation were lost, rebuilt: atoms, statements, then indentation.

A saved page flattened each example to one line: statements joined by a space (or by nothing), indentation
gone, a comment running on into the code after it. The rebuild splits the atoms into statements where Python's
grammar says one must end, ends each comment where the rest parses as statements, indents by the headers'
colons (a loop's body ends at the first statement that uses none of its names), and keeps the result only when
compile() accepts it (Python 2 code after its print statements are respelled, for judging only).
"""

from __future__ import annotations

import ast
import keyword
import re
import textwrap
from typing import NamedTuple

from harness._tutorial._python import as_python3, py3_error

# a page that joined lines with nothing between them: `...)def f():`, `...:name = 1`
_GLUED = re.compile(r"[)\]'\"](?:def|class|if|for|while|print|return)\b|:[A-Za-z_]\w* ?=")
CJK = re.compile(r"[^\x00-\x7f]")
_OPERATORS = sorted(
    (
        "**", "//", "<<", ">>", "<=", ">=", "==", "!=", "->", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=",
        "//=", "**=", ">>=", "<<=", ":=", "<>", "...", "+", "-", "*", "/", "%", "&", "|", "^", "~", "<", ">",
        "(", ")", "[", "]", "{", "}", ",", ":", ".", ";", "@", "=", "`", "!",
    ),
    key=len,
    reverse=True,
)  # fmt: skip
_STRING = re.compile(
    r"(?i:[rubf]{0,2})(?:'''[\s\S]*?'''|\"\"\"[\s\S]*?\"\"\"|'(?:\\.|[^'\\\n])*'|\"(?:\\.|[^\"\\\n])*\")"
)
_NUMBER = re.compile(
    r"(?:0[xXoObB][\da-fA-F_]+|\d[\d_]*\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)[jJlL]?"
)
_NAME = re.compile(r"[^\W\d]\w*")
_COMPOUND = {
    "if",
    "elif",
    "else",
    "for",
    "while",
    "def",
    "class",
    "with",
    "try",
    "except",
    "finally",
    "async",
}
_STARTERS = _COMPOUND | {
    "import",
    "from",
    "return",
    "print",
    "pass",
    "break",
    "continue",
    "raise",
    "del",
    "global",
    "nonlocal",
    "assert",
    "yield",
    "exec",
    "lambda",
    "await",
}
_CONTINUE = {"in", "not", "is", "and", "or", "as", "if", "else", "for", "from", "import"}
_ENDERS = {"break", "continue", "pass", "return", "raise"}
_CONSTANTS = {"True", "False", "None"}
_CLOSERS = {")", "]", "}"}
_OPENERS = {"(": ")", "[": "]", "{": "}"}


class Atom(NamedTuple):
    """One token of a flattened run: its kind (name, number, string, op), text, and what preceded it."""

    kind: str
    text: str
    space: bool  # whitespace before it
    hard: bool = False  # a real line break before it (the page kept that one)


class Line(NamedTuple):
    """A rebuilt logical line: a statement's text, or a comment's."""

    text: str
    comment: bool = False
    trailing: bool = False  # a comment that ends the statement before it, on the same line


# --- a run rebuilt ---------------------------------------------------------------------------------------


def rebuild(flat: str) -> str | None:
    """The run's code, line breaks and indentation restored; None when compile() takes no rebuild."""
    intact = textwrap.dedent(flat).strip("\n") + "\n"
    if "\n" in flat.strip() and _compiles(intact):
        return intact  # the page kept its lines
    lines = _lines(_italics(flat))
    if lines is None or not all(_statement_ok(line.text) for line in lines if not line.comment):
        return None
    for heuristic in (True, False):
        code = _render(lines, heuristic)
        if _compiles(code) and _substantial(code):
            return code
    return None


def _italics(flat: str) -> str:
    """A page that rendered comments in Markdown italics, `_#comment_`: the comment, ending its line."""
    return re.sub(r"_(#[^_\n]*)_", lambda m: m.group(1) + "\n", flat)


def _compiles(code: str) -> bool:
    return py3_error(code) is None or py3_error(as_python3(code)) is None


def _substantial(code: str) -> bool:
    """More than a signature or a lone expression: a statement that does something, or a def with a body."""
    try:
        tree = ast.parse(as_python3(code) if py3_error(code) else code)
    except SyntaxError:
        return False
    return len(tree.body) > 1 or not isinstance(tree.body[0], ast.Expr) if tree.body else False


def _lines(flat: str) -> list[Line] | None:
    """The run's logical lines: statements split where they must end, comments ended where code resumes."""
    out: list[Line] = []
    glued, names = bool(_GLUED.search(flat)), _name_counts(flat)
    for physical in flat.split("\n"):
        segments = _segments(physical, glued, names)
        if segments is None:
            return None
        out.extend(segments)
    return out


def _segments(physical: str, glued: bool, names: dict[str, int]) -> list[Line] | None:
    """One physical line: its code, then each comment and the code that follows it."""
    code, _, rest = split_comment(physical)
    found = statements(code, names)
    if found is None:
        return None
    out = [Line(s) for s in found]
    while rest is not None:
        before = code
        comment, code, rest = _comment_end(rest)
        found = statements(code, names)
        if found is None:
            return None
        trailing = bool(out) and not out[-1].comment and _trailing(out[-1], comment, found, glued, before)
        out.append(Line(comment.rstrip(), comment=True, trailing=trailing))
        out.extend(Line(s) for s in found)
    return out


def _name_counts(flat: str) -> dict[str, int]:
    """How often each name occurs in the whole run: a glued name occurs once, its halves elsewhere too."""
    counts: dict[str, int] = {}
    for name in re.findall(r"[A-Za-z_]\w*", re.sub(r"#.*", "", flat)):
        counts[name] = counts.get(name, 0) + 1
    return counts


def split_comment(text: str) -> tuple[str, str, str | None]:
    """The code before the first `#` outside a string, the `#`, and what follows it (None if none)."""
    i = 0
    while i < len(text):
        string = _STRING.match(text, i) if text[i] in "'\"rubfRUBF" else None
        if string and (text[i] in "'\"" or string.group(0)[-1] in "'\""):
            i = string.end()
        elif text[i] == "#":
            return text[:i], "#", text[i + 1 :]
        else:
            i += 1
    return text, "", None


def _comment_end(rest: str) -> tuple[str, str, str | None]:
    """A comment's text, the code after it on its line, and what follows the next comment's `#`."""
    following = rest.find(" #")
    region, after = (rest, None) if following < 0 else (rest[: following + 1], rest[following + 2 :])
    for p in _candidates(region):
        if _plausible(region[p:]):
            return "#" + region[:p], region[p:], after
    return "#" + region, "", after


def _candidates(region: str) -> list[int]:
    """Where a comment may end: before a word after a space, or where ASCII code follows Chinese text."""
    points = [
        i
        for i in range(1, len(region))
        if not region[i].isspace()
        and (region[i - 1].isspace() or (bool(CJK.match(region[i - 1])) and region[i].isascii()))
    ]
    return [*points, len(region)]


def _plausible(code: str) -> bool:
    """Code that parses as statements, none of them a bare value (comments are words, not expressions)."""
    if not code.strip():
        return True
    found = statements(code)
    return bool(found) and all(_statement_ok(s) for s in found or ())


def _statement_ok(statement: str) -> bool:
    """A statement that parses, and is more than words: `read ps_pipe` is a comment's, not two names."""
    tree = _line_tree(statement)
    if tree is None:
        return False
    return not (isinstance(tree, ast.Expr) and all(isinstance(n, _WORDS) for n in ast.walk(tree.value)))


# what words parse as: names, and the operators prose shares with Python (and, or, not, in, is, -)
_WORDS = (ast.Name, ast.Tuple, ast.BoolOp, ast.Compare, ast.UnaryOp, ast.BinOp, ast.expr_context, ast.boolop,
          ast.cmpop, ast.unaryop, ast.operator)  # fmt: skip


def _line_tree(statement: str) -> ast.stmt | None:
    """One logical line parsed alone: a header given `pass` as body, `else:` after `if`, `@d` before a def."""
    text = as_python3(statement).strip()
    first = text.split(None, 1)[0].rstrip(":") if text else ""
    if text.endswith(":") and first in _COMPOUND:
        text += " pass"
    prefix = {
        "else": "if 1: pass\n",
        "elif": "if 1: pass\n",
        "except": "try: pass\n",
        "finally": "try: pass\n",
    }
    suffix = {"try": "\nexcept: pass"}.get(first, "\ndef _(): pass" if text.startswith("@") else "")
    text = prefix.get(first, "") + text + suffix
    try:
        body = ast.parse(text).body
    except (SyntaxError, ValueError):
        return None
    return body[-1] if body else None


# --- atoms and statements ---------------------------------------------------------------------------


def atoms(code: str) -> list[Atom] | None:
    """The code's tokens, or None when something is no Python token (Chinese prose outside a string)."""
    atoms: list[Atom] = []
    i, space, hard = 0, False, False
    while i < len(code):
        if code[i].isspace():
            space, hard, i = True, hard or code[i] == "\n", i + 1
            continue
        match = _STRING.match(code, i) or _NUMBER.match(code, i) or _NAME.match(code, i) or _operator(code, i)
        if match is None or (match.group(0).isidentifier() and not match.group(0).isascii()):
            return None
        kind = _kind(match.group(0))
        atoms.append(Atom(kind, match.group(0), space, hard))
        i, space, hard = match.end(), False, False
    return atoms


def _operator(code: str, i: int) -> re.Match[str] | None:
    for op in _OPERATORS:
        if code.startswith(op, i):
            return re.compile(re.escape(op)).match(code, i)
    return None


def _kind(text: str) -> str:
    if text[0] in "'\"" or (_STRING.fullmatch(text) is not None):
        return "string"
    if text[0].isdigit() or (text[0] == "." and len(text) > 1):
        return "number"
    return "name" if text.isidentifier() else "op"


def statements(code: str, names: dict[str, int] | None = None) -> list[str] | None:
    """The code's statements, one a line, split where the grammar says one ends; None if it does not lex."""
    lexed = atoms(code)
    if lexed is None:
        return None
    lexed = _unglue(lexed, names if names is not None else _name_counts(code))
    found: list[list[Atom]] = [[]]
    depth = 0
    for i, atom in enumerate(lexed):
        if depth == 0 and found[-1] and _ends_before(found[-1], lexed, i):
            found.append([])
        found[-1].append(atom)
        depth = max(depth + (atom.text in _OPENERS) - (atom.text in _CLOSERS), 0)
    return [_spell(s) for s in found if s]


def _unglue(atoms: list[Atom], counts: dict[str, int]) -> list[Atom]:
    """Names a lost line break glued together (`namedef`, `TrueNO_x`), split where both halves are known."""
    out: list[Atom] = []
    for atom in atoms:
        out.extend(_split_name(atom, counts) if atom.kind == "name" else [atom])
    return out


def _split_name(atom: Atom, counts: dict[str, int]) -> list[Atom]:
    if counts.get(atom.text, 0) > 1 or keyword.iskeyword(atom.text):
        return [atom]
    for cut in range(1, len(atom.text)):
        head, tail = atom.text[:cut], atom.text[cut:]
        if not (head.isidentifier() and tail.isidentifier()) or (
            keyword.iskeyword(head) and head not in _CONSTANTS
        ):
            continue
        if (tail in _STARTERS and counts.get(head)) or (head in _CONSTANTS and counts.get(tail)):
            return [Atom("name", head, atom.space, atom.hard), Atom("name", tail, False)]
    return [atom]


def _ends_before(statement: list[Atom], atoms: list[Atom], i: int) -> bool:
    """Whether a statement must end before atoms[i] (the statement so far at bracket depth 0)."""
    atom, previous = atoms[i], statement[-1]
    if atom.hard or (previous.text == ":" and _is_header(statement)):
        return True
    if previous.text in {"break", "continue", "pass"} and len(statement) == 1:
        return True
    if atom.text == "@":
        return _ends_operand(previous) and _decorator(atoms, i)
    if not _ends_operand(previous) or atom.kind not in {"name", "string", "number"}:
        return False
    concatenated = atom.kind == "string" and previous.kind == "string"
    printed = len(statement) == 1 and previous.text in {"print", "exec"}  # Python 2's print statement
    return not (concatenated or printed or (atom.kind == "name" and _continues(statement, atoms, i)))


def _decorator(atoms: list[Atom], i: int) -> bool:
    """`@name` glued to its name after a space: a decorator starting a line, not `a @ b`'s operator."""
    after = atoms[i + 1] if i + 1 < len(atoms) else None
    return after is not None and after.kind == "name" and not after.space and atoms[i].space


def _ends_operand(atom: Atom) -> bool:
    if atom.kind == "name":
        return not keyword.iskeyword(atom.text) or atom.text in _CONSTANTS | _ENDERS - {"return", "raise"}
    return atom.kind in {"number", "string"} or atom.text in _CLOSERS


def _continues(statement: list[Atom], atoms: list[Atom], i: int) -> bool:
    """A keyword going on with the expression: `in`, `is not`, `as`, a conditional expression's if/else."""
    word, first = atoms[i].text, statement[0].text
    if word not in _CONTINUE:
        return False
    if word == "if":
        return _ternary(atoms, i)
    if word == "else":  # as many conditional expressions' `if` as `else` so far: this one ends a header
        return sum(a.text == "if" for a in statement[1:]) > sum(a.text == "else" for a in statement)
    if word == "import":
        return first == "from" and all(a.text != "import" for a in statement)
    if word == "from":
        return first in {"raise", "yield"}
    return word != "for"


def _ternary(atoms: list[Atom], i: int) -> bool:
    """`x if c else y`: an `else` comes before any header colon at this depth."""
    depth = 0
    for atom in atoms[i + 1 :]:
        depth += (atom.text in _OPENERS) - (atom.text in _CLOSERS)
        if depth == 0 and atom.text in {"else", ":"}:
            return atom.text == "else"
        if depth < 0:
            return False
    return False


def _is_header(statement: list[Atom]) -> bool:
    """A compound statement's header, ended by this colon (not a lambda's, an annotation's or a slice's)."""
    if statement[0].text not in _COMPOUND:
        return False
    depth, lambdas = 0, 0
    for atom in statement[:-1]:
        depth += (atom.text in _OPENERS) - (atom.text in _CLOSERS)
        lambdas += depth == 0 and atom.text == "lambda"
        lambdas -= depth == 0 and atom.text == ":" and lambdas > 0
    return lambdas == 0


def _spell(statement: list[Atom]) -> str:
    """The statement's atoms as text, spaced as the page spaced them."""
    return "".join((" " if atom.space and n else "") + atom.text for n, atom in enumerate(statement))


def _trailing(before: Line, comment: str, after: list[str], glued: bool, code_before: str) -> bool:
    """A comment on its statement's line, unless its words name the next statement's names, not this one's."""
    if glued:  # lines were joined with nothing between: a space before the `#` was on the comment's line
        return code_before[-1:].isspace()
    words = {w.lower() for w in re.findall(r"[A-Za-z_]\w*", comment)}
    mine, next_names = _names(before.text), _names(after[0]) if after else set()
    return len(words & next_names) <= len(words & mine)


def _names(statement: str) -> set[str]:
    return {n.lower() for n in re.findall(r"[A-Za-z_]\w*", re.sub(r"(['\"]).*?\1", "", statement))}


# --- indentation -----------------------------------------------------------------------------------


class _Frame(NamedTuple):
    keyword: str
    level: int  # the header's level; its body is one deeper
    names: set[str]  # a loop's names: its targets and what its body binds
    seen: list[int]  # statements in its body so far (a one-item list, to count in place)


def _render(lines: list[Line], heuristic: bool) -> str:
    """The lines indented: a header's body one deeper; a loop left when a statement uses none of its names."""
    frames: list[_Frame] = []
    modules: set[str] = set()
    out: list[str] = []
    level, after_header, ended, decorated = 0, False, False, False
    for line in lines:
        if line.comment:
            out.append(_place_comment(out, line, level + 1 if after_header else level))
            continue
        tree = _line_tree(line.text)
        if not decorated:  # a decorated def sits where its decorator does
            level = _level(line.text, tree, frames=frames, after_header=after_header, ended=ended,
                           modules=modules, heuristic=heuristic)  # fmt: skip
        if out and level == 0 and not decorated and _opens_section(line.text):
            out.append("")  # the blank line a reader expects before a definition or the main block
        out.append("    " * level + line.text)
        _account(tree, frames, level, modules)
        after_header = line.text.rstrip().endswith(":") and _first(line.text) in _COMPOUND
        ended, decorated = _first(line.text) in _ENDERS, line.text.startswith("@")
        if after_header:
            frames.append(_Frame(_first(line.text), level, _targets(tree), [0]))
    return "\n".join(out) + "\n"


def _opens_section(text: str) -> bool:
    return _first(text) in {"def", "class"} or text.startswith(("@", "if __name__"))


def _place_comment(out: list[str], line: Line, level: int) -> str:
    if line.trailing and out:
        return out.pop() + " " + line.text
    return "    " * level + line.text


def _first(text: str) -> str:
    match = _NAME.match(text.strip())
    return match.group(0) if match else ""


def _level(
    text: str,
    tree: ast.stmt | None,
    *,
    frames: list[_Frame],
    after_header: bool,
    ended: bool,
    modules: set[str],
    heuristic: bool,
) -> int:
    """The statement's level, given the open blocks (frames) and what came just before."""
    if after_header:
        return frames[-1].level + 1
    first = _first(text)
    if first in {"else", "elif", "except", "finally"}:
        return _pop_to(frames, _PARTNERS[first])
    if first == "class" or text.startswith("if __name__"):
        frames.clear()
        return 0
    if first == "def" or text.startswith("@"):
        return _def_level(frames)
    if ended and frames:
        frames.pop()
    while heuristic and frames and _leaves_loop(tree, frames[-1], modules):
        frames.pop()
    return frames[-1].level + 1 if frames else 0


_PARTNERS = {
    "else": {"if", "elif", "for", "while", "try", "except"},
    "elif": {"if", "elif"},
    "except": {"try", "except"},
    "finally": {"try", "except", "else"},
}


def _pop_to(frames: list[_Frame], partners: set[str]) -> int:
    """The level of the innermost open block this `else`/`except` belongs to, closing the blocks inside it."""
    while frames and frames[-1].keyword not in partners:
        frames.pop()
    return frames.pop().level if frames else 0


def _def_level(frames: list[_Frame]) -> int:
    """A def after a body: beside the innermost open def (a method beside a method), else in the class."""
    while frames and frames[-1].keyword not in {"def", "class"}:
        frames.pop()
    if frames and frames[-1].keyword == "def":
        return frames.pop().level
    return frames[-1].level + 1 if frames else 0


def _leaves_loop(tree: ast.stmt | None, frame: _Frame, modules: set[str]) -> bool:
    """A statement after a loop's body using none of the loop's names (and more than a call on a module)."""
    if frame.keyword not in {"for", "while"} or not frame.seen[0] or tree is None:
        return False
    used = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    if used & frame.names:
        return False
    return not (isinstance(tree, ast.Expr) and used and used <= modules)  # time.sleep(1) stays in the loop


def _account(tree: ast.stmt | None, frames: list[_Frame], level: int, modules: set[str]) -> None:
    """Count the statement in its block; what it binds joins the enclosing loops' names; note imports."""
    if tree is None:
        return
    if isinstance(tree, ast.Import):
        modules.update((a.asname or a.name).split(".")[0] for a in tree.names)
    stored = _targets(tree) if not isinstance(tree, ast.For | ast.While) else set()
    for frame in frames:
        if frame.level < level:
            frame.names.update(stored)
    if frames and frames[-1].level == level - 1:
        frames[-1].seen[0] += 1


def _targets(tree: ast.stmt | None) -> set[str]:
    """The names a statement binds (a for loop: its targets; a while loop: what its condition reads)."""
    if tree is None:
        return set()
    if isinstance(tree, ast.For):
        return {n.id for n in ast.walk(tree.target) if isinstance(n, ast.Name)}
    if isinstance(tree, ast.While):
        return {n.id for n in ast.walk(tree.test) if isinstance(n, ast.Name)}
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
