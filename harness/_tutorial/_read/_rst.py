"""reStructuredText to Blocks: docutils' doctree, Sphinx's directives and roles registered as simple ones."""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable, Iterator
from typing import Any, ClassVar

from docutils import frontend, nodes, utils
from docutils.parsers.rst import Directive, Parser, directives, roles

from harness._tutorial._model import CODE, HEADING, OUTPUT, PROSE, Block, ReadError

# Sphinx directives whose content is prose to read; those whose content is no part of the text
_CONTAINERS = (
    "seealso",
    "versionadded",
    "versionchanged",
    "deprecated",
    "todo",
    "only",
    "tab",
    "tabs",
    "glossary",
    "centered",
    "hlist",
    "card",
    "dropdown",
    "tab-item",
    "tab-set",
    "grid-item-card",
)
_IGNORED = (
    "toctree",
    "autofunction",
    "autoclass",
    "automodule",
    "automethod",
    "autodata",
    "autoexception",
    "index",
    "currentmodule",
    "module",
    "function",
    "class",
    "method",
    "attribute",
    "data",
    "exception",
    "highlight",
    "sectionauthor",
    "codeauthor",
    "moduleauthor",
    "testsetup",
    "testcleanup",
    "plot",
    "graphviz",
    "tabularcolumns",
    "default-role",
)
_ROLES = (
    "func",
    "class",
    "meth",
    "mod",
    "attr",
    "data",
    "exc",
    "obj",
    "ref",
    "doc",
    "term",
    "const",
    "envvar",
    "option",
    "program",
    "file",
    "samp",
    "kbd",
    "command",
    "abbr",
    "issue",
    "pypi",
    "py:func",
    "py:class",
    "py:meth",
    "py:mod",
    "py:attr",
    "py:data",
    "py:exc",
    "py:obj",
    "any",
    "menuselection",
    "guilabel",
    "download",
    "numref",
    "keyword",
    "dfn",
    "makevar",
    "mimetype",
)
_DIRECTIVE = re.compile(r"^\s*\.\. ([\w:-]+)::", re.MULTILINE)
_CODE_DIRECTIVES = ("code", "code-block", "sourcecode", "ipython", "jupyter-execute", "testcode")


class _AnyOption(dict[str, Any]):
    """An option_spec taking any option as plain text: Sphinx's :linenos:, :caption:, :emphasize-lines:."""

    def __missing__(self, key: str) -> Callable[[str | None], str]:
        return directives.unchanged


# docutils looks for options only when option_spec is non-empty
_ANY_OPTION = _AnyOption(name=directives.unchanged)


class _Code(Directive):
    """code-block, sourcecode, code, testcode: a literal block with its declared language."""

    optional_arguments = 1
    has_content = True
    option_spec: ClassVar[dict[str, Any]] = _ANY_OPTION
    language: ClassVar[str | None] = None

    def run(self) -> list[nodes.Node]:
        """One literal block tagged with the directive's language."""
        language = self.arguments[0] if self.arguments else self.options.get("language") or self.language
        return [_literal("\n".join(self.content), language, self.name, self.content_offset + 1)]


class _Doctest(_Code):
    language = "pycon"


class _TestOutput(_Code):
    language = "text"


class _Include(Directive):
    """literalinclude: the file next to the article, its :lines: if given."""

    required_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict[str, Any]] = _ANY_OPTION

    def run(self) -> list[nodes.Node]:
        """The included file as one literal block; a missing file is the article's ReadError."""
        source = self.state.document.settings.article
        target = os.path.join(os.path.dirname(source), self.arguments[0])
        try:
            with open(target, encoding="utf-8") as file:
                text = file.read()
        except (OSError, UnicodeDecodeError) as error:
            why = getattr(error, "strerror", None) or str(error)
            raise ReadError(
                f"{source}: line {self.lineno}: literalinclude {self.arguments[0]}: {why}"
            ) from None
        text = _lines(text, self.options.get("lines"))
        language = self.options.get("language") or ("python" if target.endswith(".py") else None)
        return [_literal(text, language, "literalinclude", self.lineno)]


class _Container(Directive):
    """A Sphinx directive whose content is prose: parsed as the body it is."""

    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec: ClassVar[dict[str, Any]] = _ANY_OPTION

    def run(self) -> list[nodes.Node]:
        """The content's nodes inside a plain container."""
        node = nodes.container()
        self.state.nested_parse(self.content, self.content_offset, node)
        return [node]


class _Ignored(_Container):
    def run(self) -> list[nodes.Node]:
        """Nothing: a table of contents or an API entry is no part of the text."""
        return []


def _literal(text: str, language: str | None, origin: str, line: int) -> nodes.literal_block:
    node = nodes.literal_block(text, text)
    node["language"], node["origin"], node.line = language, origin, line
    return node


def _lines(text: str, spec: str | None) -> str:
    """The :lines: option's lines (`3-10,12`), 1-based, or the whole text."""
    if not spec:
        return text
    lines, wanted = text.splitlines(), []
    for part in spec.split(","):
        first, _, last = part.strip().partition("-")
        start = int(first) if first else 1
        stop = int(last) if last else (len(lines) if _ else start)
        wanted.extend(lines[start - 1 : stop])
    return "\n".join(wanted) + "\n"


def _literal_role(  # noqa: PLR0917 -- docutils calls a role with these seven, positionally
    name: str,
    rawtext: str,
    text: str,
    lineno: int,
    inliner: object,
    options: object = None,
    content: object = None,
) -> tuple[list[nodes.Node], list[nodes.Node]]:
    shown = text.split("<", maxsplit=1)[0].strip() if text.endswith(">") else text
    return [nodes.literal(rawtext, shown.lstrip("~!"))], []


def _register(text: str) -> None:
    """Sphinx's directives and roles; any other directive the text names, as a container of prose."""
    known = {*directives._directive_registry, *directives._directives}  # type: ignore[attr-defined]
    for name in set(_DIRECTIVE.findall(text)) - known - set(_CODE_DIRECTIVES):
        directives.register_directive(name, _Container)
    for name in _CODE_DIRECTIVES:
        directives.register_directive(name, _Code)
    directives.register_directive("doctest", _Doctest)
    directives.register_directive("testoutput", _TestOutput)
    directives.register_directive("literalinclude", _Include)
    for name in _CONTAINERS:
        directives.register_directive(name, _Container)
    for name in _IGNORED:
        directives.register_directive(name, _Ignored)
    for name in _ROLES:
        roles.register_local_role(name, _literal_role)  # type: ignore[arg-type]


def blocks(text: str, path: str) -> tuple[Block, ...]:
    """The article's headings, paragraphs, literal, code and doctest blocks, in order."""
    settings: Any = frontend.get_default_settings(Parser)
    settings.report_level, settings.halt_level, settings.syntax_highlight = 5, 5, "none"
    settings.article = path
    document = utils.new_document(path, settings)
    with _sphinx_names(text):
        Parser().parse(text, document)
    return tuple(_walk(document, 0))


@contextlib.contextmanager
def _sphinx_names(text: str) -> Iterator[None]:
    """Sphinx's names registered for one parse, then taken back: docutils' registries are the process's."""
    registries: list[dict[str, Any]] = [getattr(directives, "_directives"), getattr(roles, "_roles")]  # noqa: B009
    saved = [dict(registry) for registry in registries]
    try:
        _register(text)
        yield
    finally:
        for registry, before in zip(registries, saved, strict=True):
            registry.clear()
            registry.update(before)


def _walk(node: nodes.Node, depth: int) -> list[Block]:
    if isinstance(node, nodes.system_message | nodes.comment | nodes.raw):
        return []
    block = _block(node, depth)
    if block is not None:
        return [block]
    deeper = depth + 1 if isinstance(node, nodes.section) else depth
    return (
        [b for child in node.children for b in _walk(child, deeper)]
        if isinstance(node, nodes.Element)
        else []
    )


def _block(node: nodes.Node, depth: int) -> Block | None:
    line = _line(node)
    if isinstance(node, nodes.doctest_block):
        return Block(CODE, node.astext() + "\n", line, "pycon", origin="doctest")
    if isinstance(node, nodes.literal_block):
        language, origin = node.get("language"), node.get("origin", "literal")
        kind = OUTPUT if language == "text" and origin != "literal" else CODE
        return Block(kind, node.astext().rstrip("\n") + "\n", line, language, origin=origin)
    if isinstance(node, nodes.title):
        return Block(HEADING, node.astext(), max(line - 1, 1), level=max(depth, 1))  # line: its underline
    if isinstance(node, nodes.paragraph):
        return Block(PROSE, " ".join(node.astext().split()), line)
    return None


def _line(node: nodes.Node | None) -> int:
    """The node's line, or its nearest ancestor's (docutils leaves some unset)."""
    while node is not None:
        if node.line is not None:
            return int(node.line)
        node = node.parent
    return 0
