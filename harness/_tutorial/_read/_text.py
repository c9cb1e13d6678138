"""Plain text whose code lost its line breaks: prose lines, code runs rebuilt, printouts after an output cue."""

from __future__ import annotations

import re

from harness._tutorial._model import CODE, OUTPUT, PROSE, Block
from harness._tutorial._rebuild import CJK, atoms, rebuild, split_comment, statements

# where a code run starts in a line of prose: at the line's start or right after a non-ASCII character
_START = re.compile(
    r"(?:(?<=^)|(?<=[^\x00-\x7f]))(?:#!|import +[A-Za-z_]|from +[\w.]+ +import |def +\w+ *\(|class +\w+ *[(:]|@\w)"
)
_CUE = re.compile(r"(?:结果|結果|输出|輸出|如下|output|prints?|result)\s*[:：]?\s*$", re.IGNORECASE)


# --- finding the code runs in a text ------------------------------------------------------------------


def blocks(text: str) -> tuple[Block, ...]:
    """The text's lines as prose, its code runs rebuilt as code, the printouts after an 'output' cue as output."""
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
    if lines[n].strip() and found and _printout(lines[n]) and _after_cue(found):
        found.append(Block(OUTPUT, lines[n].strip() + "\n", n + 1, "text", origin="rebuilt"))
    elif lines[n].strip():
        found.append(Block(PROSE, lines[n].strip(), n + 1))
    return n + 1


def _after_cue(found: list[Block]) -> bool:
    last = found[-1]
    return last.kind == OUTPUT or (last.kind == PROSE and bool(_CUE.search(last.text)))


def _printout(line: str) -> bool:
    """A line a program could have printed: mostly ASCII, more than a lone word (a saved page's 'image')."""
    text = line.strip()
    return len(CJK.findall(text)) * 4 < len(text) and (len(text.split()) > 1 or any(c.isdigit() for c in text))


def _run(lines: list[str], n: int, at: int) -> tuple[str, str, int] | None:
    """The prose before the run, the run rebuilt, and the line after it; None when no prefix of it rebuilds."""
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


