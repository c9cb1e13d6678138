"""Plain text whose code lost its line breaks: prose lines, code runs rebuilt, printouts after a cue."""

from __future__ import annotations

import re

from harness._tutorial._model import CODE, OUTPUT, PROSE, Block
from harness._tutorial._rebuild import CJK, atoms, rebuild, split_comment, statements

# where a code run starts in a line of prose: at the line's start, right after Chinese text or a colon
_START = re.compile(
    r"(?:(?<=^)|(?<=[^\x00-\x7f])|(?<=:))"
    r"(?:#!|import +[A-Za-z_]|from +[\w.]+ +import |def +\w+ *\(|class +\w+ *[(:]|@\w)"
)
_CUE = re.compile(
    r"(?:结果|結果|结果如下|結果如下|输出|輸出|output|prints?|result)\s*[:：]?\s*$", re.IGNORECASE
)
# a line going on from the one before: a saved page broke a list of names at each 、 (`is_alive()\n、join()`)
_CONTINUES = re.compile(r"[、，,；;）)]|等方法|等等")
_GLUED_TITLE = re.compile(r"[a-z]([A-Z][A-Za-z]+)$")  # a lowercase word run into a capitalised one


# --- finding the code runs in a text ------------------------------------------------------------------


def blocks(text: str) -> tuple[Block, ...]:
    """The text's lines as prose, its code runs rebuilt as code, the printouts after a cue as output."""
    lines = text.splitlines()
    found: list[Block] = []
    n = 0
    while n < len(lines):
        n = _next(lines, n, found)
    return tuple(found)


def _next(lines: list[str], n: int, found: list[Block]) -> int:
    """Append the block starting at line n (0-based); the index of the line after it."""
    start = _START.search(lines[n])
    run = _run(lines, n, start.start()) if start else None
    if run is not None:
        before, code, end = run
        if before.strip():
            found.append(Block(PROSE, before.strip(), n + 1))
        found.append(Block(CODE, code, n + 1, "python", origin="rebuilt"))
        return end
    if (
        lines[n].strip()
        and found
        and _printout(lines[n])
        and (_after_cue(found) or _goes_on(found, lines[n]))
    ):
        printed = _unglue_heading(lines[n].strip(), lines[n + 1 : n + 2])
        found.append(Block(OUTPUT, printed + "\n", n + 1, "text", origin="rebuilt"))
    elif lines[n].strip() and found and found[-1].kind == PROSE and _CONTINUES.match(lines[n].strip()):
        found[-1] = found[-1]._replace(text=found[-1].text + lines[n].strip())
    elif lines[n].strip():
        found.append(Block(PROSE, lines[n].strip(), n + 1))
    return n + 1


def _after_cue(found: list[Block]) -> bool:
    last = found[-1]
    return last.kind == PROSE and bool(_CUE.search(last.text))


def _goes_on(found: list[Block], line: str) -> bool:
    """A further line of a printout: right after one, and not itself words leading to something (`...:`)."""
    return found[-1].kind == OUTPUT and not line.rstrip().endswith((":", "："))


def _unglue_heading(printed: str, following: list[str]) -> str:
    """The printout without the next title the page glued to its end (`...finishedPipe`, then Pipe's part)."""
    glued = _GLUED_TITLE.search(printed)
    if glued and following and glued.group(1) in following[0]:
        return printed[: glued.start(1)]
    return printed


def _printout(line: str) -> bool:
    """A line a program could have printed: mostly ASCII, more than a lone word (a saved page's 'image')."""
    text = line.strip()
    return len(CJK.findall(text)) * 4 < len(text) and (
        len(text.split()) > 1 or any(c.isdigit() for c in text)
    )


def _run(lines: list[str], n: int, at: int) -> tuple[str, str, int] | None:
    """The prose before the run, the run rebuilt, the line after it; None when no prefix of it rebuilds."""
    end = n + 1
    while end < len(lines) and _code_like(lines[end]) and not _flattened(lines[end - 1]):
        end += 1
    while end > n:
        body = "\n".join([lines[n][at:], *lines[n + 1 : end]]).strip("\n")
        code = rebuild(body) if body.strip() else None
        if code is not None:
            return lines[n][:at], code, end
        end -= 1
    return None


def _flattened(line: str) -> bool:
    """A line holding a whole flattened example (three statements or more): the run ends with it."""
    found = statements(split_comment(line)[0])
    return found is not None and len(found) >= 3


def _code_like(line: str) -> bool:
    """A line that can go on a code run: blank, or code whose non-ASCII is only in strings and comments."""
    if not line.strip():
        return True
    code, _, _ = split_comment(line)
    if _CUE.search(code):
        return False
    return atoms(code) is not None
