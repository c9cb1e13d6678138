"""Claims and cases as plain data: what an article or the docs say, and the experiment that checks it."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Mapping
from multiprocessing.context import DefaultContext
from typing import TYPE_CHECKING, Any, NamedTuple, TypeAlias

from harness._said import Said
from harness._said import said as _said

if TYPE_CHECKING:
    from harness._environment import Where
    from harness._expect import Expect
    from harness._verdicts import Verdict

Facts: TypeAlias = dict[str, Any]
Context: TypeAlias = DefaultContext  # what get_context(method) gives a probe: Process, Queue, Pool, Event…
Probe: TypeAlias = Callable[[Context], Facts]
Judgement: TypeAlias = "Callable[[Facts, Where], Verdict]"

DEFAULT_DEADLINE = 20.0
ARTICLE, DOC = "article", "doc"  # the kinds of source: an article's words, the documentation's
DOCUMENTATION = "documentation"  # the reports' group of claims whose source is the docs


# Plain classes and NamedTuples rather than dataclasses: every spawned child re-imports the case module
# that defines its target, and with it this module.


class Source(NamedTuple):
    """Words a claim rests on, verbatim: `ref` is an article's number ("003") or the docs' section."""

    ref: str
    quote: str
    kind: str = ARTICLE

    @property
    def article(self) -> str:
        """The article's number; empty for the documentation."""
        return self.ref if self.kind == ARTICLE else ""

    def label(self) -> str:
        """Where the words are, for a listing: `003`, or `docs: <page: section>`."""
        return self.ref if self.kind == ARTICLE else f"docs: {self.ref}"

    def to_json(self) -> dict[str, str]:
        """As the results file holds it: `{"article": "003", …}` or `{"doc": "<page: section>", …}`."""
        return {self.kind: self.ref, "quote": self.quote}


class Claim(NamedTuple):
    """One thing an article asserts, with its stable id from the inventory."""

    id: str
    statement: str
    topic: str
    sources: tuple[Source, ...]

    def to_json(self) -> dict[str, Any]:
        """Plain data."""
        return {
            "id": self.id,
            "statement": self.statement,
            "topic": self.topic,
            "sources": [s.to_json() for s in self.sources],
        }


class Case:
    """A claim, the probe that observes it, the judgement of what was seen, and the expectations."""

    __slots__ = (
        "claim",
        "deadline",
        "exclusive",
        "expectations",
        "judgement",
        "module",
        "name",
        "probe",
        "saying",
    )

    def __init__(
        self,
        claim: Claim,
        probe: Probe,
        *,
        judgement: Judgement | None = None,
        expectations: tuple[Expect, ...] = (),
        deadline: float = DEFAULT_DEADLINE,
        exclusive: bool = False,
    ) -> None:
        self.claim, self.probe, self.judgement = claim, probe, judgement
        self.expectations, self.deadline, self.exclusive = expectations, deadline, exclusive
        self.module: str = getattr(probe, "__module__", "")
        self.name: str = getattr(probe, "__name__", "")
        self.saying: Said | None = None

    def __repr__(self) -> str:
        return f"<Case {self.claim.id} {self.module}.{self.name}>"

    @property
    def line(self) -> int | None:
        """The line of the probe's definition (its `@claim` decorator), for the catalog's errors."""
        code = getattr(self.probe, "__code__", None)
        return None if code is None else int(code.co_firstlineno)

    def judge(self, judgement: Judgement) -> Judgement:
        """Register the judgement (a decorator, like attrs' `@x.validator`)."""
        self.judgement = judgement
        return judgement

    def expect(self, *expectations: Expect) -> None:
        """Add expectations; the first that matches an environment speaks for it."""
        self.expectations += expectations

    def said(
        self,
        en: str | tuple[str, ...] = (),
        zh: str | tuple[str, ...] = (),
        *,
        api: str | tuple[str, ...] = (),
        opposite: str | tuple[str, ...] = (),
    ) -> None:
        """Declare how a tutorial says this claim: rules of co-occurring terms (see `harness._said`)."""
        self.saying = _said(en, zh, api, opposite)


def context(method: str) -> Context:
    """`multiprocessing.get_context(method)`, typed as what it is (typeshed says BaseContext for a str)."""
    return multiprocessing.get_context(method)  # type: ignore[return-value]


def quote(article: str, words: str) -> Source:
    """An article's words, as a source of a claim."""
    return Source(article, words)


def doc(section: str, words: str) -> Source:
    """The documentation's words, as a source: `section` names the page and section they are in."""
    return Source(section, words, DOC)


def group_of(source: Mapping[str, str]) -> str:
    """A source as the results file holds it, by the reports' grouping: its article, or the documentation."""
    return source.get("article") or DOCUMENTATION


def claim(
    id: str,
    statement: str,
    *,
    topic: str,
    sources: list[Source] | tuple[Source, ...],
    deadline: float = DEFAULT_DEADLINE,
    exclusive: bool = False,
) -> Callable[[Probe], Case]:
    """Turn a probe function into a case for the claim `id`."""

    def wrap(probe: Probe) -> Case:
        found = Claim(id, statement, topic, tuple(sources))
        return Case(found, probe, deadline=deadline, exclusive=exclusive)

    return wrap
