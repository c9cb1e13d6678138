"""Comparing what a program printed with what an article shows, run-to-run noise set aside.

Noise: process ids (a number after `pid`, `id`, `进程`, `编号`…) and other long integers (4+ digits: an
article's pids are its run's, not ours),
decimals (times), memory addresses (`0x7f…`, object reprs), temporary paths and clock times. In the
shown lines each becomes a wildcard; the rest must match exactly. Unbuffered processes can interleave a
print's text and its newline, so lines are matched as tiles of the whole output, as `cases/code.py`
does (`_tiles`), before they are matched line by line.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

NOISE = re.compile(
    r"(?P<tmp>(?:/tmp|/var/folders|[A-Za-z]:\\[^ ]*\\Temp)[/\\][^\s'\",)>]*)"
    r"|(?P<addr>0x[0-9a-fA-F]{4,})"
    r"|(?P<clock>\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?)"
    r"|(?P<decimal>\d+\.\d+(?:e-?\d+)?)"
    r"|(?P<pid>(?:(?<=pid)|(?<=PID)|(?<=pid[ =:])|(?<=PID[ =:])|(?<=\bid[ =:])|(?<=\bID[ =:])"
    r"|(?<=号)|(?<=号[ :：])|(?<=程[ :：]))\d+)"
    r"|(?P<long>\d{4,})"
)
WILD = {
    "pid": r"\d+",
    "tmp": r"\S+",
    "addr": r"0x[0-9a-fA-F]+",
    "clock": r"[\d:.,]+",
    "decimal": r"[\d.e-]+",
    "long": r"\d+",
}
MAX_LINES = 500  # lines beyond which tiling is not tried (its recursion is one level a line)
BUDGET = 20_000  # tiling steps before giving up on interleavings (the line-by-line answer stands)


class Comparison(NamedTuple):
    """How the output compares with the shown lines."""

    same: bool  # every shown line, as often as shown, and nothing else
    in_order: bool  # ... and in the shown order
    missing: tuple[str, ...]  # shown lines no output line matches
    extra: tuple[str, ...]  # output lines no shown line matches


def pattern(line: str) -> str:
    """A shown line as a regular expression: its noise wildcarded, the rest literal."""
    parts, at = [], 0
    for found in NOISE.finditer(line):
        parts += [re.escape(line[at : found.start()]), WILD[found.lastgroup or "long"]]
        at = found.end()
    return "".join([*parts, re.escape(line[at:])])


def lines_of(text: str) -> tuple[str, ...]:
    """Non-blank lines, trailing blanks and carriage returns dropped."""
    return tuple(ln.rstrip() for ln in text.replace("\r", "").split("\n") if ln.strip())


def compare(output: str, shown: str) -> Comparison:
    """Compare a program's output with the shown output."""
    want, got = lines_of(shown), lines_of(output)
    patterns = [re.compile(pattern(ln)) for ln in want]
    in_order = len(got) == len(want) and all(p.fullmatch(g) for p, g in zip(patterns, got, strict=True))
    missing, extra = _unmatched(want, patterns, got)
    same = in_order or not (missing or extra) or tiles(output, want)
    return Comparison(same, in_order, () if same else missing, () if same else extra)


def compare_folded(output: str, shown: str) -> Comparison:
    """Compare, whitespace and line breaks dropped: for an article whose text lost its line breaks.

    The shown text cannot be split into lines, so the output's lines must tile it, each used once.
    """
    got = [_plain(line) for line in lines_of(output)]
    flat = _plain(shown)
    in_order = "".join(got) == flat
    same = in_order or _covers(flat, got)
    return Comparison(same, in_order, () if same else lines_of(shown), () if same else lines_of(output))


def _plain(text: str) -> str:
    """Text with its noise named (`<long>`, `<addr>`, …) and its whitespace gone."""
    return "".join(NOISE.sub(lambda m: f"<{m.lastgroup}>", text).split())


def _covers(flat: str, pieces: list[str]) -> bool:
    """Whether the pieces, each used once, in some order, make up `flat` exactly."""
    left = Counter(pieces)
    steps = [0]

    def cover(pos: int) -> bool:
        steps[0] += 1
        if pos == len(flat) or steps[0] > BUDGET:
            return pos == len(flat) and not +left
        for piece in [p for p, n in left.items() if n > 0 and p and flat.startswith(p, pos)]:
            left[piece] -= 1
            if cover(pos + len(piece)):
                return True
            left[piece] += 1
        return False

    return len(pieces) <= MAX_LINES and cover(0)


def _unmatched(
    want: tuple[str, ...], patterns: list[re.Pattern[str]], got: tuple[str, ...]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Shown lines left over, and output lines left over, pairing each output line with a free match."""
    free = list(range(len(want)))
    extra = []
    for line in got:
        hit = next((i for i in free if patterns[i].fullmatch(line)), None)
        if hit is None:
            extra.append(line)
        else:
            free.remove(hit)
    return tuple(want[i] for i in free), tuple(extra)


def tiles(text: str, lines: tuple[str, ...]) -> bool:
    """The output, line breaks dropped, is exactly the shown lines in some order (noise free)."""
    flat = "".join(lines_of(text))
    wanted = Counter(pattern(line) for line in lines)
    compiled = {p: re.compile(p) for p in wanted}
    steps = [0]

    def cover(pos: int) -> bool:
        steps[0] += 1
        if pos == len(flat) or steps[0] > BUDGET:
            return pos == len(flat) and not +wanted
        for pat in [p for p, n in wanted.items() if n > 0]:
            found = compiled[pat].match(flat, pos)
            if found and found.end() > pos:
                wanted[pat] -= 1
                if cover(found.end()):
                    return True
                wanted[pat] += 1
        return False

    return len(lines) <= MAX_LINES and cover(0)
