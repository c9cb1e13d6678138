"""find_examples(doc): a document's Python code blocks as Examples, with what the article shows them print."""

from __future__ import annotations

import ast
import builtins
import io
import itertools
import re
import tokenize

from harness._tutorial._model import CODE, OUTPUT, PROSE, Block, Document, Example
from harness._tutorial._python import as_python3, is_python, judge
from harness._tutorial._read._kinds import PROMPT, PYCON, PYTHON

_BUILTINS = frozenset(dir(builtins)) | {"__name__", "__file__", "__doc__", "__builtins__", "__spec__"}
_OUT = re.compile(r"^Out\[\d*\]: ?")  # IPython's echo of a value
# words that say the printout's order is not fixed (English, simplified and traditional Chinese)
_UNORDERED = re.compile(
    r"any order|order (?:may|might|can|will) (?:vary|differ|change)|random order|nondeterministic"
    r"|顺序(?:不|可能|会)|順序(?:不|可能|會)|不一定|随机|隨機",
    re.IGNORECASE,
)
_MP_TOKENS = (("multiprocessing", "multiprocessing"), ("ProcessPoolExecutor", "concurrent.futures"))


def find_examples(doc: Document) -> tuple[Example, ...]:
    """The document's Python code blocks, in order, as Examples."""
    found: list[Example] = []
    for position in _python_blocks(doc.blocks):
        found.append(_example(doc, position, len(found) + 1, tuple(found)))
    return tuple(found)


def _python_blocks(blocks: tuple[Block, ...]) -> list[int]:
    return [i for i, block in enumerate(blocks) if _is_python_block(block)]


def _is_python_block(block: Block) -> bool:
    if block.kind != CODE:
        return False
    if block.language in PYTHON or block.language in PYCON:
        return True
    return block.language is None and (is_python(block.text) or _is_session(block))


def _example(doc: Document, position: int, index: int, earlier: tuple[Example, ...]) -> Example:
    block = doc.blocks[position]
    code, expected = _session(block.text) if _is_session(block) else (block.text, None)
    shown = _join(expected, _shown_after(doc.blocks, position))
    continues = tuple(e.index for e in earlier) if block.cell is not None else _continues(code, earlier)
    uses = _uses(code, tuple(e for e in earlier if e.index in continues))
    ordered = block.cell is not None or expected is not None or not _unordered(doc.blocks, position)
    return Example(index, position, code, block.line, shown, continues, judge(code).python2, uses, ordered)


def _is_session(block: Block) -> bool:
    return block.language in PYCON or (block.language in {None, "ipython"} and bool(PROMPT.match(block.text)))


def _session(text: str) -> tuple[str, str | None]:
    """A `>>>` (or `In [1]:`) transcript as plain code, and the lines it shows printed (None when none)."""
    code, printed = [], []
    for line in text.splitlines():
        prompt = PROMPT.match(line)
        if prompt:
            code.append(line[len(prompt.group(0)) :])
        elif line.strip():
            printed.append(_OUT.sub("", line))
    return "\n".join(code) + "\n", ("\n".join(printed) + "\n" if printed else None)


def _shown_after(blocks: tuple[Block, ...], position: int) -> str | None:
    """The OUTPUT blocks between this code block and the next one."""
    shown: list[str] = []
    for block in blocks[position + 1 :]:
        if block.kind == CODE and _is_python_block(block):
            break
        if block.kind == OUTPUT:
            shown.append(block.text if block.text.endswith("\n") else block.text + "\n")
    return "".join(shown) or None


def _join(*parts: str | None) -> str | None:
    return "".join(part for part in parts if part) or None


def _unordered(blocks: tuple[Block, ...], position: int) -> bool:
    """Prose next to the example's output says the order may differ."""
    near = [b for b in blocks[max(position - 1, 0) : position + 4] if b.kind == PROSE]
    return any(_UNORDERED.search(b.text) for b in near)


# --- names: what a fragment takes from earlier examples ----------------------------------------------


def _tree(code: str) -> ast.Module | None:
    for text in (code, as_python3(code)):
        try:
            return ast.parse(text)
        except (SyntaxError, ValueError):
            continue
    return None


def _continues(code: str, earlier: tuple[Example, ...]) -> tuple[int, ...]:
    """The earlier examples that define the names this one uses but does not define (latest definer wins)."""
    tree = _tree(code)
    if tree is None:
        return ()
    wanted = _used(tree) - _bound(tree) - _BUILTINS
    definers = {name: e.index for e in earlier for name in _top_bound(e.code) if name in wanted}
    return tuple(sorted(set(definers.values())))


def imports_only(code: str, earlier: list[str]) -> tuple[str, ...]:
    """The names `code` takes from `earlier` code, if every one is bound there by an import; else ()."""
    tree = _tree(code)
    if tree is None:
        return ()
    wanted = _used(tree) - _bound(tree) - _BUILTINS
    taken = {name for text in earlier for name in _top_bound(text) if name in wanted}
    imported = {name for text in earlier for name in _top_imported(text)}
    return tuple(sorted(taken)) if taken and taken <= imported else ()


def _top_imported(code: str) -> set[str]:
    """The names an example's module-level imports bind (`if __name__` blocks included)."""
    tree = _tree(code)
    nodes = _top_statements(tree.body) if tree is not None else []
    return {name for node in nodes if isinstance(node, ast.Import | ast.ImportFrom) for name in _bound(node)}


def _used(tree: ast.AST) -> set[str]:
    return {
        node.id for node in ast.walk(tree) if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)
    }


def _bound(tree: ast.AST) -> set[str]:
    """Every name the code binds anywhere: assignments, defs, classes, imports, arguments, loop targets."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            names.add(node.id)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            names.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            names.add(node.name)
    return names


def _top_bound(code: str) -> set[str]:
    """The names an example leaves defined for the next: its module level, `if __name__` blocks included."""
    tree = _tree(code)
    if tree is None:
        return set()
    names: set[str] = set()
    for node in _top_statements(tree.body):
        names |= _bound(node) if not isinstance(node, ast.FunctionDef | ast.ClassDef) else {node.name}
    return names


def _top_statements(body: list[ast.stmt]) -> list[ast.stmt]:
    flat: list[ast.stmt] = []
    for node in body:
        flat.extend(_top_statements(node.body + node.orelse) if isinstance(node, ast.If) else [node])
    return flat


# --- uses: why an example is worth running under each start method ---------------------------------


def _uses(code: str, continued: tuple[Example, ...]) -> tuple[str, ...]:
    """multiprocessing, concurrent.futures (ProcessPoolExecutor), os.fork: its own and the continued ones'."""
    tree = _tree(code)
    found = _uses_tree(tree) if tree is not None else _uses_tokens(code)
    for example in continued:
        found |= set(example.uses)
    return tuple(name for name in ("multiprocessing", "concurrent.futures", "os.fork") if name in found)


def _uses_tree(tree: ast.AST) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {"multiprocessing" for a in node.names if a.name.split(".")[0] == "multiprocessing"}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found |= _from_import(node)
        elif isinstance(node, ast.Attribute) and node.attr == "ProcessPoolExecutor":
            found.add("concurrent.futures")
        elif isinstance(node, ast.Attribute) and node.attr in {"fork", "forkpty"} and _is_os(node.value):
            found.add("os.fork")
    return found


def _from_import(node: ast.ImportFrom) -> set[str]:
    names = {alias.name for alias in node.names}
    module = node.module or ""
    if module.split(".")[0] == "multiprocessing":
        return {"multiprocessing"}
    if module == "concurrent.futures" and ("ProcessPoolExecutor" in names or "*" in names):
        return {"concurrent.futures"}
    return {"os.fork"} if module == "os" and names & {"fork", "forkpty"} else set()


def _is_os(node: ast.expr) -> bool:
    return isinstance(node, ast.Name) and node.id == "os"


def _uses_tokens(code: str) -> set[str]:
    """The same from the tokens alone: for code no parser takes (Python 2 beyond what as_python3 respells)."""
    names: list[str] = []
    try:
        names = [
            t.string for t in tokenize.generate_tokens(io.StringIO(code).readline) if t.type == tokenize.NAME
        ]
    except (tokenize.TokenError, SyntaxError):
        names = re.findall(r"[A-Za-z_]\w*", code)
    found = {use for token, use in _MP_TOKENS if token in names}
    pairs = set(itertools.pairwise(names))
    return found | ({"os.fork"} if ("os", "fork") in pairs or ("os", "forkpty") in pairs else set())
