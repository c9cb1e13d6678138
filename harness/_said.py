"""How a claim is said: plain rules of co-occurring terms, declared beside the claim, matched against text.

A rule is term groups joined by `&`, each group alternatives joined by `|`: `"terminat* & exit code|exitcode
& negative|minus"`. Every group must occur in a sentence; a group written `!a|b` must not. An English term
matches whole words, case-insensitive, a space as any space; `*` at its end allows any ending (`terminat*`
matches "terminated"), `#` stands for a number (`Pool(#)`). A Chinese term matches anywhere (Traditional
text is matched as Simplified). The word `api` in a group stands for the claim's API names, which match
as identifiers (`Pool` in "multiprocessing.Pool()", not in "Pooling"). `opposite` rules say the claim is
denied ("terminate() does not stop a process at once"): a sentence meeting one of them denies the claim.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

AFFIRMS, DENIES = "affirms", "denies"
_CJK = re.compile(r"[\u3400-\u9fff]")
_WORD = "A-Za-z0-9_"  # not \w: a Chinese character beside an English term is a boundary ("的fork的")


class Said(NamedTuple):
    """A claim's declared ways of being said, in English and Chinese, and of being denied."""

    en: tuple[str, ...] = ()
    zh: tuple[str, ...] = ()
    api: tuple[str, ...] = ()
    opposite: tuple[str, ...] = ()

    @property
    def rules(self) -> tuple[str, ...]:
        """The rules that affirm the claim, both languages."""
        return self.en + self.zh


class Hit(NamedTuple):
    """A rule met by a text: which rule, its polarity, and each group's matched words with their spans."""

    rule: str
    polarity: str  # AFFIRMS or DENIES
    words: tuple[tuple[str, int, int], ...]  # (the words as written, start, end) in the text


class Group(NamedTuple):
    """One group of a rule: alternatives, one of which must (or, negated, none of which may) occur."""

    terms: tuple[str, ...]
    absent: bool


def said(
    en: str | tuple[str, ...] = (),
    zh: str | tuple[str, ...] = (),
    api: str | tuple[str, ...] = (),
    opposite: str | tuple[str, ...] = (),
) -> Said:
    """A claim's saying, each argument one rule (a str) or several."""
    return Said(*(tuple([v]) if isinstance(v, str) else tuple(v) for v in (en, zh, api, opposite)))


def parse(rule: str) -> tuple[Group, ...]:
    """A rule's groups: `"a|b & !c"` → (Group(("a", "b"), False), Group(("c",), True))."""
    groups = []
    for part in rule.split("&"):
        text = part.strip()
        absent = text.startswith("!")
        terms = tuple(t.strip() for t in text.lstrip("!").split("|") if t.strip())
        groups.append(Group(terms, absent))
    return tuple(groups)


def problems(saying: Said) -> Iterator[str]:
    """What is wrong with a declaration, each as a plain phrase."""
    if not saying.rules:
        yield "said(): give at least one rule in en= or zh="
    for rule in saying.rules + saying.opposite:
        groups = parse(rule)
        if any(not g.terms for g in groups):
            yield f"said(): rule {rule!r} has an empty group"
        elif all(g.absent for g in groups):
            yield f"said(): rule {rule!r} needs a group that must occur"
        elif not saying.api and any("api" in g.terms for g in groups):
            yield f"said(): rule {rule!r} uses 'api' but api= names nothing"
    if saying.api and not any("api" in g.terms for r in saying.rules + saying.opposite for g in parse(r)):
        yield "said(): api= is used by no rule (write `api` in a group)"


def match(saying: Said, text: str) -> Hit | None:
    """The first rule the text meets (a denial first: it is the stronger reading), or None."""
    for polarity, rules in ((DENIES, saying.opposite), (AFFIRMS, saying.rules)):
        for rule in rules:
            words = meets(parse(rule), saying.api, text)
            if words is not None:
                return Hit(rule, polarity, words)
    return None


def meets(
    groups: tuple[Group, ...], api: tuple[str, ...], text: str
) -> tuple[tuple[str, int, int], ...] | None:
    """Each present group's first match, or None when a group is missing or an absent one occurs."""
    words = []
    for group in groups:
        found = _first(group.terms, api, text)
        if (found is None) != group.absent:
            return None
        if found is not None:
            words.append(found)
    return tuple(words)


def _first(terms: tuple[str, ...], api: tuple[str, ...], text: str) -> tuple[str, int, int] | None:
    spots = [m for t in terms for m in _finditer(t, api, text)]
    if not spots:
        return None
    first = min(spots, key=lambda m: m.start())
    return first.group(0), first.start(), first.end()


def _finditer(term: str, api: tuple[str, ...], text: str) -> list[re.Match[str]]:
    patterns = [_identifier(name) for name in api] if term == "api" else [_pattern(term)]
    return [m for p in patterns for m in [p.search(text)] if m is not None]


@lru_cache(maxsize=4096)
def _pattern(term: str) -> re.Pattern[str]:
    """A term as a pattern: Chinese anywhere, else whole words (`*`: any ending), any space for a space."""
    prefix = term.endswith("*")
    words = term.rstrip("*").split()
    body = r"\s*".join(re.escape(word).replace("\\#", r"\d+").replace("#", r"\d+") for word in words)
    if _CJK.search(term):
        return re.compile(body, re.IGNORECASE)
    start = rf"(?<![{_WORD}])" if term[:1].isalnum() or term[:1] == "_" else ""
    end = "" if prefix or not (term[-1:].isalnum() or term[-1:] == "_") else rf"(?![{_WORD}])"
    return re.compile(f"{start}{body}{end}", re.IGNORECASE)


@lru_cache(maxsize=1024)
def _identifier(name: str) -> re.Pattern[str]:
    """An API name as a whole identifier, however qualified: `Pool` in `mp.Pool(4)`, not in `Pooling`."""
    return re.compile(rf"(?<![{_WORD}]){re.escape(name)}(?![{_WORD}])")
