"""The plain data that flows through a check: read → find examples → run → judge → page."""

from __future__ import annotations

from typing import Any, NamedTuple

# Block kinds, as the readers emit them
HEADING, PROSE, CODE, OUTPUT = "heading", "prose", "code", "output"

# Verdicts of an example under one (Python, start method)
HOLDS, PARTIAL, REFUTED, NOT_APPLICABLE = "holds", "partial", "refuted", "not-applicable"


class ReadError(ValueError):
    """An article that cannot be read: its str() is one plain line naming the file and the problem."""


class Block(NamedTuple):
    """One piece of an article as its reader sees it: a heading, a paragraph, a code or an output block."""

    kind: str  # HEADING, PROSE, CODE or OUTPUT
    text: str  # code as it would be saved to a file; prose as plain text (markup removed)
    line: int  # 1-based line in the source file where it starts (a notebook: the cell's index + 1)
    language: str | None = None  # a code block's declared or guessed language ("python", "pycon", "text")
    level: int = 0  # a heading's level (1 = title)
    origin: str = (
        ""  # how it was found: fenced, indented, literal, code-block, literalinclude, cell, pre, rebuilt
    )
    cell: int | None = None  # a notebook's cell index (0-based)


class Document(NamedTuple):
    """An article read from one file."""

    path: str
    format: str  # markdown, rst, notebook, html, text
    title: str
    blocks: tuple[Block, ...]


class Example(NamedTuple):
    """One runnable code example of a document, with what the article shows it printing."""

    index: int  # type: ignore[assignment]  # shadows tuple.index, by design: 1-based, in document order, among the document's Python code blocks
    block: int  # its index in Document.blocks
    code: str  # the code as printed (a pycon/doctest session already turned into plain code)
    line: int  # Block.line of its block
    shown: str | None  # the output the article shows for it (an OUTPUT block after it, a notebook's saved
    # outputs), None when it shows none
    continues: tuple[int, ...]  # indexes of earlier examples it builds on (it uses names only they define);
    # a notebook's cells continue every earlier cell
    python2: str | None  # why it is Python 2 code ("line 3: print statement"), None if it is not
    uses: tuple[str, ...]  # what makes it relevant: "multiprocessing", "concurrent.futures", "os.fork"
    ordered: bool = True  # whether the shown output implies an order (a notebook or a transcript does)


class Outcome(NamedTuple):
    """An example's run under one Python and start method, judged."""

    example: int  # Example.index
    python: str  # "cpython-3.12.1", "cpython-2.7.18", "pypy-3.11.13"
    method: str | None  # "fork", "spawn", "forkserver"; None for a Python 2.7 run (no start methods)
    verdict: str  # HOLDS, PARTIAL, REFUTED or NOT_APPLICABLE
    diagnosis: str  # plain words, from what was observed ("no __main__ guard: under spawn the child ...")
    key: str  # a short stable name for the cause: "ran", "output-differs", "needs-imports",
    # "no-main-guard", "unpicklable", "join-before-drain", "daemon-children", "syntax-error", "python2",
    # "memory-cap", "file-cap", "process-cap", "timeout", "leaked", "display", "missing-module",
    # "missing-file", "error"
    evidence: dict[str, Any]  # the run as plain JSON: returncode, stdout, stderr, duration_s, timed_out,
    # leaked, the script as run, the sandbox's limits


class ClaimVerdict(NamedTuple):
    """A sentence making a catalog claim, with the catalog's verdicts per start method as it reads them."""

    block: int  # the sentence's block (Document.blocks) and its span in the block's text
    start: int
    end: int
    sentence: str
    claim: str  # the catalog's id
    statement: str  # the claim in English
    polarity: str  # "affirms" or "denies"
    words: tuple[str, ...]  # what matched; one met in the context says where: "daemon (in the heading)"
    scope: tuple[str, ...]  # the platforms and Pythons the sentence narrows itself to ("win32", "3.8")
    verdicts: tuple[
        tuple[str, str, str], ...
    ]  # (method, verdict for the sentence, why): inverted if it denies
    source: str  # where the verdicts come from: a results file, or the probes run now
    note: str  # what a reader must know: a denial inverted, a sentence about another platform


class Unchecked(NamedTuple):
    """A sentence that looks checkable (an API, must/only/never) but matches no claim of the catalog."""

    block: int
    start: int
    end: int
    sentence: str


class Checked(NamedTuple):
    """One article, checked: its document, examples and outcomes, or the one-line error that stopped it."""

    path: str
    document: Document | None
    examples: tuple[Example, ...]
    outcomes: tuple[Outcome, ...]
    error: str | None = None  # a ReadError's line; then document is None and nothing else was done
    claims: tuple[ClaimVerdict, ...] = ()  # its sentences that make catalog claims, judged
    unchecked: tuple[Unchecked, ...] = ()  # its sentences that look checkable but are in no catalog claim
