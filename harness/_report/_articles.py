"""An article's text with each claimed passage located, for the fact-checked page (pure)."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Part:
    """A stretch of the article: plain text, or a passage that claims are made of."""

    text: str
    claims: tuple[str, ...] = ()


def locate(text: str, quote: str) -> tuple[int, int] | None:
    """Where a quote stands in the text, whitespace folded as the catalog folds it."""
    pattern = r"\s+".join(re.escape(word) for word in quote.split())
    found = re.search(pattern, text)
    return found.span() if found else None


def passages(text: str, quotes: list[tuple[str, str]]) -> list[Part]:
    """Cut the text into parts; overlapping quotes share one marked passage."""
    spans = sorted((span, claim) for quote, claim in quotes if (span := locate(text, quote)))
    merged: list[tuple[int, int, list[str]]] = []
    for (start, end), claim in spans:
        if merged and start < merged[-1][1]:
            last = merged[-1]
            merged[-1] = (last[0], max(last[1], end), sorted({*last[2], claim}))
        else:
            merged.append((start, end, [claim]))
    parts, at = [], 0
    for start, end, claims in merged:
        parts += [Part(text[at:start]), Part(text[start:end], tuple(claims))]
        at = end
    return [p for p in [*parts, Part(text[at:])] if p.text]
