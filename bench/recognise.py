"""Recall and precision of the claim recogniser (run by `nox -s bench -- recognise`).

Two sets. The five articles of the catalog: each case's `quote(article, words)` is a sentence that makes
the claim; a quote counts as recalled when a recognised sentence of the raw article (read as any tutorial
is, by `harness._tutorial._read`) overlaps it with the claim's id, and a recognition counts as right when
it overlaps a quote of its claim (so a right recognition of a sentence nobody quoted counts as wrong).
The four test tutorials of `tests/tutorial/recognise/`, hand-labelled before any rule was written (by the
rules' author: a generous test), `heldout/`, written after the first rules and measured once, then tuned on,
`blind/`, four tutorials written and labelled by an engineer who never saw a rule, measured once (then tuned
on), and `blind2/`, two more written the same way and measured once after the last rules: a recognition is
right when its sentence is labelled with its id and polarity.
`--show` lists the misses.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from harness._catalog import load  # noqa: E402  (after the repository is on sys.path)
from harness._claims import Case  # noqa: E402
from harness._said import AFFIRMS, Said  # noqa: E402
from harness._tutorial._model import CODE, OUTPUT, Document  # noqa: E402
from harness._tutorial._read import read  # noqa: E402
from harness._tutorial._recognise import Recognised, recognise  # noqa: E402
from harness._tutorial._sentences import sentences  # noqa: E402

LABELS = ROOT / "tests" / "tutorial" / "recognise" / "labels.json"


class Figure(NamedTuple):
    """Counts of one set: labelled claims found, recognitions, and the right ones among them."""

    labelled: int
    recalled: int
    recognised: int
    right: int
    misses: tuple[str, ...]  # each a line: a label not found, or a recognition that is wrong

    def line(self, name: str) -> str:
        """One line: recall and precision with their counts."""
        recall = self.recalled / self.labelled if self.labelled else 0.0
        precision = self.right / self.recognised if self.recognised else 0.0
        return (
            f"{name}: recall {recall:.0%} ({self.recalled}/{self.labelled}), "
            f"precision {precision:.0%} ({self.right}/{self.recognised})"
        )


def flat(text: str) -> str:
    """Whitespace and inline-code marks folded, for comparing a sentence with a quote or a label."""
    return " ".join(text.replace("`", "").split())


def overlaps(a: str, b: str) -> bool:
    """Whether two passages share a sentence: one holds the other, or they share a long stretch."""
    a, b = flat(a), flat(b)
    return bool(a and b) and (a in b or b in a or _shared(a, b) >= min(12, len(a), len(b)))


def _shared(a: str, b: str) -> int:
    """The longest common stretch of characters (small texts: sentences and quotes)."""
    best, previous = 0, [0] * (len(b) + 1)
    for x in a:
        row = [0] * (len(b) + 1)
        for j, y in enumerate(b, 1):
            if x == y:
                row[j] = previous[j - 1] + 1
                best = max(best, row[j])
        previous = row
    return best


def sayings(catalog: Path) -> tuple[dict[str, Said], list[Case]]:
    """Every loaded case's declared saying, by claim id, and the cases."""
    cases, _ = load(catalog)
    return {c.claim.id: c.saying for c in cases if c.saying is not None}, cases


def articles_figure(catalog: Path, prose_only: bool = False) -> Figure:
    """The five articles: quotes recalled, recognitions that overlap a quote of their claim.

    With `prose_only`, only the quotes that lie in a sentence the recogniser reads (prose, a heading, a
    table cell, a code comment): a quote of a code line or of printed output is the examples' to judge.
    """
    said, cases = sayings(catalog)
    quotes = [(s.article, c.claim.id, s.quote) for c in cases for s in c.claim.sources]
    # the articles' own words only (not the documentation's), and not the examples: they are run, not read
    quotes = [q for q in quotes if q[0] and not q[1].startswith("code.runs-")]
    found: list[tuple[str, Recognised]] = []
    documents = {path.name[:3]: read(str(path)) for path in sorted((catalog / "articles").glob("*.txt"))}
    for article, document in documents.items():
        found += [(article, r) for r in recognise(sentences(document), said)]
    if prose_only:
        quotes = [q for q in quotes if _readable(q[2], documents[q[0]])]
    recalled = [q for q in quotes if any(_quoted(q, a, r) for a, r in found)]
    right = [(a, r) for a, r in found if any(_quoted(q, a, r) for q in quotes)]
    misses = [f"not recalled {c} in {a}: {q}" for a, c, q in quotes if (a, c, q) not in recalled]
    misses += [
        f"wrong {r.claim} ({r.polarity}) in {a}: {_written(r)}" for a, r in found if (a, r) not in right
    ]
    return Figure(len(quotes), len(recalled), len(found), len(right), tuple(misses))


def _readable(quote: str, document: Document) -> bool:
    """Whether a quote is in prose, or has a code comment: not only a code line or printed output."""
    bare = "".join(quote.split())
    blocks = [("".join(b.text.split()), b.kind in (CODE, OUTPUT)) for b in document.blocks]
    in_code = any(bare in text for text, code in blocks if code)
    return "#" in quote or not in_code or any(bare in text for text, code in blocks if not code)


def _quoted(quote: tuple[str, str, str], article: str, r: Recognised) -> bool:
    """A recognition of a quote's sentence, as affirmed: the articles assert what the catalog quotes."""
    return (article, r.claim) == quote[:2] and r.polarity == AFFIRMS and overlaps(_written(r), quote[2])


def _written(r: Recognised) -> str:
    """The sentence as the article wrote it (r.text is the Simplified form that was matched)."""
    return f"{r.sentence.context} # {r.sentence.text}" if r.sentence.context else r.sentence.text


def labelled_figure(folder: Path, catalog: Path) -> Figure:
    """Tutorials labelled in `folder/labels.json`: labels found (with polarity), recognitions labelled."""
    said, _ = sayings(catalog)
    labels = json.loads((folder / "labels.json").read_text(encoding="utf-8"))["articles"]
    wanted = [
        (name, e["sentence"], c, p) for name, es in labels.items() for e in es for c, p in e["claims"].items()
    ]
    found = [(name, r) for name in labels for r in recognise(sentences(read(str(folder / name))), said)]
    recalled = [w for w in wanted if any(_same(w, n, r) for n, r in found)]
    right = [(n, r) for n, r in found if any(_same(w, n, r) for w in wanted)]
    misses = [f"not recalled {c} ({p}) in {n}: {s}" for n, s, c, p in wanted if (n, s, c, p) not in recalled]
    misses += [f"wrong {r.claim} ({r.polarity}) in {n}: {r.text}" for n, r in found if (n, r) not in right]
    return Figure(len(wanted), len(recalled), len(found), len(right), tuple(misses))


def _same(wanted: tuple[str, str, str, str], name: str, r: Recognised) -> bool:
    article, sentence, claim, polarity = wanted
    return (
        article == name
        and claim == r.claim
        and polarity == r.polarity
        and overlaps(r.sentence.text, sentence)
    )


def report(figures: Iterable[tuple[str, Figure]], show: bool) -> Iterator[str]:
    """The lines to print: each figure, then (with --show) its misses."""
    for name, figure in figures:
        yield figure.line(name)
        yield from (f"  {m}" for m in figure.misses) if show else ()


def main(argv: list[str]) -> int:
    """Print both sets' recall and precision."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="list every miss")
    parser.add_argument("--catalog", type=Path, default=ROOT / "cases")
    args = parser.parse_args(argv)
    figures = [
        ("five articles (quotes)", articles_figure(args.catalog)),
        ("five articles (quotes in prose)", articles_figure(args.catalog, prose_only=True)),
        ("four test tutorials (labels)", labelled_figure(LABELS.parent, args.catalog)),
        ("held-out tutorials (labels)", labelled_figure(LABELS.parent / "heldout", args.catalog)),
        ("blind tutorials (labels)", labelled_figure(LABELS.parent / "blind", args.catalog)),
        ("second blind pair (labels)", labelled_figure(LABELS.parent / "blind2", args.catalog)),
    ]
    print("\n".join(report(figures, args.show)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
