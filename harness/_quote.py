"""A quote that is not in its article: the nearest passage and what differs (pure)."""

from __future__ import annotations

import difflib
import unicodedata
from typing import NamedTuple

SHOWN = 3  # differences named in one error line
CLOSE = 0.5  # below this share of matching characters a passage is not worth naming
SLACK = 3  # a passage may be this many characters longer or shorter than the quote
# CJK punctuation that NFKC leaves alone, with the ASCII a quote typed on another keyboard has instead
CJK_ASCII = str.maketrans(
    {"。": ".", "、": ",", "“": '"', "”": '"', "‘": "'", "’": "'", "「": '"', "」": '"'}
)


class Nearest(NamedTuple):
    """The article's passage most like a quote, and each difference as a phrase."""

    passage: str
    differences: tuple[str, ...]
    ratio: float  # difflib's share of matching characters, 0 to 1


def nearest(text: str, quote: str) -> Nearest:
    """The passage of `text` (as long as `quote`) that matches it best, and how they differ."""
    starts = {max(0, a - b) for a, b, size in _blocks(text, quote) if size} or {0}
    lengths = range(max(1, len(quote) - SLACK), len(quote) + SLACK + 1)
    windows = [text[s : s + n] for s in sorted(starts) for n in lengths]
    ratio, best = max((difflib.SequenceMatcher(None, w, quote, autojunk=False).ratio(), w) for w in windows)
    return Nearest(best, tuple(_differences(best, quote)), ratio)


def _blocks(text: str, quote: str) -> list[difflib.Match]:
    return difflib.SequenceMatcher(None, text, quote, autojunk=False).get_matching_blocks()


def _differences(passage: str, quote: str) -> list[str]:
    ops = difflib.SequenceMatcher(None, passage, quote, autojunk=False).get_opcodes()
    return [_phrase(passage[i1:i2], quote[j1:j2]) for tag, i1, i2, j1, j2 in ops if tag != "equal"]


def _phrase(article: str, quote: str) -> str:
    said = f"the article has {article!r} where the quote has {quote!r}"
    if _narrow(article) == _narrow(quote):
        return f"{said} (full-width/half-width)"
    if not article.strip() and not quote.strip():
        return f"{said} (whitespace)"
    return said


def _narrow(text: str) -> str:
    return unicodedata.normalize("NFKC", text).translate(CJK_ASCII)


def explain(text: str, quote: str) -> str:
    """One line: the nearest passage and the first differences."""
    found = nearest(text, quote)
    if found.ratio < CLOSE:
        return "no passage of the article is close to it"
    more = len(found.differences) - SHOWN
    said = "; ".join(found.differences[:SHOWN]) + (f"; and {more} more" if more > 0 else "")
    return f"nearest passage {found.passage!r}: {said}"
