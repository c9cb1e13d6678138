"""Hand-made checked articles for the page and record tests (the model's plain data, no runs)."""

from __future__ import annotations

from harness._tutorial._model import Block, Checked, Document, Example, Outcome

PY = "cpython-3.12.1"
DOCUMENT = Document(
    "docs/intro.md",
    "markdown",
    "Processes <in> Python",
    (
        Block("heading", "Processes <in> Python", 1, level=1),
        Block("prose", "多进程: start a child & join it.", 3),
        Block("code", "from multiprocessing import Process\np = Process(target=print)\n", 5, "python"),
        Block("output", "hello from 4242", 10, "text"),
        Block("heading", "A pool", 12, level=2),
        Block("code", "import os\nprint(os.sep)\n", 14, "python"),
        Block("code", "$ pip install nothing", 18, "console"),
    ),
)
EXAMPLES = (
    Example(1, 2, DOCUMENT.blocks[2].text, 5, "hello from 4242", (), None, ("multiprocessing",)),
    Example(2, 5, DOCUMENT.blocks[5].text, 14, None, (), None, ()),
)
NO_GUARD = "no __main__ guard: under spawn the child re-imports the script and starts a process again"
OUTCOMES = (
    Outcome(
        1, PY, "fork", "holds", "ran and printed what the article shows", "ran", {"stdout": "hello from 77\n"}
    ),
    Outcome(
        1, PY, "spawn", "refuted", NO_GUARD, "no-main-guard", {"stdout": "", "stderr": "RuntimeError: <boot>"}
    ),
    Outcome(1, PY, "forkserver", "partial", "printed other lines", "output-differs", {"stdout": "bye\n"}),
    Outcome(1, "cpython-2.7.18", None, "holds", "ran under Python 2.7", "ran", {"stdout": "hello from 5\n"}),
)
CHECKED = Checked(DOCUMENT.path, DOCUMENT, EXAMPLES, OUTCOMES)
UNREADABLE = Checked("docs/gone.md", None, (), (), "docs/gone.md: cannot read it: No such file or directory")
