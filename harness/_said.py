"""How a claim is said: plain rules of co-occurring terms, declared beside the claim, matched against text.

A rule is term groups joined by `&`, each group alternatives joined by `|`: `"terminat* & exit code|exitcode
& negative|minus"`. Every group must occur in a sentence; a group written `!a|b` must not. An English term
matches whole words, case-insensitive, a space as any space; `*` at a word's end allows any ending
(`terminat*` matches "terminated", `wait* for` "waits for"), `#` stands for a number (`Pool(#)`; `-#` a
negative one, not the end of a range "2-3"). A Chinese term matches anywhere (Traditional text is matched as
Simplified). The word `api` in a group stands for the claim's API names, which match as identifiers (`Pool`
in "multiprocessing.Pool()", not in "Pooling"). `a~b` is a term whose b follows a within a few words of one
clause: `{not}~{at once}` matches "does not stop it at once", "并不会立即", not "stops at once; it does not
run finally". `{name}` stands for a concept of the shared vocabulary, `harness._terms.TERMS` (`{exitcode}`:
exit code, exit status, 退出码, …): a synonym added there once helps every rule that names the concept.

A group written `^a|b` is the rule's *subject*: when the sentence does not name it, it may be met in the
sentence's context — the sentence before it in the same section, the sentence leading in to its list with a
colon, the paragraph's earlier sentences, the question it answers, the section's heading ("The flag has to
be assigned before the process is started." under "What is a daemonic process?" meets `^{daemon} &
assign*|set* & before & start*`); every other group must be in the sentence itself, and the hit says where
each word was found; the part that gave the subject must not name what the rule excludes. A sentence that
names another API object (`p.join()`, `__name__`) than its rule's words speaks of that one: it borrows no
subject.

The subject (`^` group, else the first) may stand anywhere in the sentence; the other groups must meet in
one clause, a "but" (但是, 不过) dividing them: in "it stops at once, but finally is not run" the `not`
denies nothing about "at once".

`opposite` rules say the claim is denied ("terminate() does not stop a process at once"): a sentence meeting
one of them denies the claim. A sentence that reports what others say and rejects it ("People say X, but that
is not what happens", "网上常说 X，这并不对") says the opposite of what it reports; so does a claim framed by
"there is no case where" (不存在……的情况) before its words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from itertools import pairwise
from typing import NamedTuple, TypeAlias

from harness._terms import TERMS

AFFIRMS, DENIES = "affirms", "denies"
# patterns as text, compiled (and cached by `re`) when first used: every spawned child imports this module
_CJK = r"[\u3400-\u9fff]"
_WORD = "A-Za-z0-9_"  # not \w: a Chinese character beside an English term is a boundary ("的fork的")
_NAME = r"^\{([^{}]+)\}$"
_NAMES = r"\{([^{}]+)\}"  # the names anywhere in a term, `{not}~{at once}` too
_GAP = r"[^,;:，；：。.!?！？]{0,24}?"  # what `~` allows between two parts: a few words of one clause
_CODE_NAME = r"(?<![A-Za-z0-9_])(?:__\w+__|[A-Za-z_][\w.]*\(\))"  # `__name__`, `p.join()`
# a turn between two clauses of one sentence: "it stops at once, but finally blocks are not run"
_CONTRAST = (
    r"(?i)(?<![A-Za-z0-9_])(?:but|however|although|though|whereas)(?![A-Za-z0-9_])|但是|但|不过|然而|可是"
)
# what others say, reported before being judged: "people say", "many articles claim", 网上常说, 很多文章说
_REPORTED = (
    r"(?i)(?<![A-Za-z])(?:people|some|many|others|tutorials?|articles?|blogs?|posts?|books?|folks)(?![A-Za-z])"
    r"[^,;:.，；：。]{0,24}?(?<![A-Za-z])(?:say|says|said|claim|claims|tell you|write|believe|think)"
    r"(?![A-Za-z])"
    r"|(?<![A-Za-z])it is (?:often|commonly|widely|sometimes|frequently) (?:said|claimed|believed|written)"
    r"|(?<![A-Za-z])you (?:may|might|will) (?:have )?(?:read|heard)|a common (?:myth|misconception|belief)"
    r"|网上[^，。]{0,4}说|(?:很多|许多|不少|有些|一些)(?:文章|教程|人|博客|资料|书)[^，。]{0,4}(?:说|认为|写|提到)"
    r"|有人说|常听人说|据说|一般认为|普遍认为"
)
# a judgement that what was reported is wrong: "that is not what happens", "这点并不成立"
_REJECTED = (
    r"(?i)not what happens|(?:is|'s|are) not (?:true|so|the case|correct|right)|isn't (?:true|so|the case)"
    r"|(?:is|are) (?:wrong|false|a myth|incorrect|mistaken)|(?<![A-Za-z])(?:a )?myth(?![A-Za-z])"
    r"|并不成立|不成立|并不对|不对|是错的|是错误的|误解|不是这样|其实不然|并非如此|并不正确|不正确|站不住"
)
# a frame that denies what follows it in its clause: "there is no case where …", 不存在……的情况
_NO_CASE = (
    r"(?i)there is no (?:case|situation) (?:where|in which)|never a case where"
    r"|不存在(?=[^，。；]*(?:的情况|的可能|这种情况|这回事))"
)
# a sentence that only rejects the one before it: "That is not true.", "这点我实测并不成立。", "其实不然。"
_REJECTS_BEFORE = (
    rf"(?i)^\W*(?:but\s+|however,?\s+|yet\s+|不过|但是?|可是)?"
    rf"(?:this|that|it|such claims?|这种说法|这个说法|这话|这点|这|其实|事实上|实际上)"
    rf"[^.。!！?？;；]{{0,12}}?(?:{_REJECTED[4:]})[^A-Za-z0-9_\u3400-\u9fff]*$"
    r"|^\W*(?:其实不然|并非如此|不是这样的?|并不是这样|not so|not true|wrong)\W*$"
)
Context: TypeAlias = tuple[tuple[str, str], ...]  # (where, text): "previous sentence", "question", "heading"
Word: TypeAlias = tuple[str, int, int]  # the words as written, their start and end in the text


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
    """A rule met by a text: which rule, its polarity, its matched words, and a subject met elsewhere."""

    rule: str
    polarity: str  # AFFIRMS or DENIES
    words: tuple[Word, ...]  # the words found in the text itself, with their spans
    elsewhere: tuple[tuple[str, str], ...] = ()  # (word, where): a subject met in the context


class Group(NamedTuple):
    """One group of a rule: alternatives, one of which must (or, negated, none of which may) occur."""

    terms: tuple[str, ...]
    absent: bool
    subject: bool = False  # `^`: may be met in the sentence's context


def said(
    en: str | tuple[str, ...] = (),
    zh: str | tuple[str, ...] = (),
    api: str | tuple[str, ...] = (),
    opposite: str | tuple[str, ...] = (),
) -> Said:
    """A claim's saying, each argument one rule (a str) or several."""
    return Said(*(tuple([v]) if isinstance(v, str) else tuple(v) for v in (en, zh, api, opposite)))


@lru_cache(maxsize=4096)
def parse(rule: str) -> tuple[Group, ...]:
    """A rule's groups: `"a|b & !c"` → (Group(("a", "b"), False), Group(("c",), True)); `{name}`s expanded."""
    groups = []
    for part in rule.split("&"):
        text = part.strip()
        subject = text.startswith("^")
        text = text.lstrip("^").strip()
        absent = text.startswith("!")
        terms = tuple(t.strip() for t in text.lstrip("!").split("|") if t.strip())
        groups.append(Group(expand(terms), absent, subject))
    return tuple(groups)


def expand(terms: tuple[str, ...], seen: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """Terms with each `{name}` of the shared vocabulary replaced by its alternatives (unknown ones kept)."""
    out: list[str] = []
    for term in terms:
        name = re.match(_NAME, term)
        if name is None or name.group(1) not in TERMS or name.group(1) in seen:
            out.append(term)
        else:
            alternatives = tuple(t.strip() for t in TERMS[name.group(1)].split("|") if t.strip())
            out.extend(expand(alternatives, seen | {name.group(1)}))
    return tuple(dict.fromkeys(out))


def problems(saying: Said) -> Iterator[str]:
    """What is wrong with a declaration, each as a plain phrase."""
    if not saying.rules:
        yield "said(): give at least one rule in en= or zh="
    for rule in saying.rules + saying.opposite:
        yield from _rule_problems(rule, saying.api)
    if saying.api and not any("api" in g.terms for r in saying.rules + saying.opposite for g in parse(r)):
        yield "said(): api= is used by no rule (write `api` in a group)"


def _rule_problems(rule: str, api: tuple[str, ...]) -> Iterator[str]:
    groups = parse(rule)
    unknown = [f"{{{n}}}" for g in groups for t in g.terms for n in re.findall(_NAMES, t) if n not in TERMS]
    if any(not g.terms for g in groups):
        yield f"said(): rule {rule!r} has an empty group"
    elif unknown:
        yield f"said(): rule {rule!r} names {unknown[0]}, which harness._terms.TERMS does not define"
    elif all(g.absent for g in groups):
        yield f"said(): rule {rule!r} needs a group that must occur"
    elif any(g.subject and g.absent for g in groups) or sum(g.subject for g in groups) > 1:
        yield f"said(): rule {rule!r}: `^` marks one subject, a group that must occur"
    elif not api and any("api" in g.terms for g in groups):
        yield f"said(): rule {rule!r} uses 'api' but api= names nothing"


def match(saying: Said, text: str, context: Context = ()) -> Hit | None:
    """The first rule the text meets (a denial first: it is the stronger reading), or None.

    What the sentence reports others saying and then rejects is read turned round, apart from what it says
    after the rejection ("People say X, but that is not what happens: Y" denies X, affirms Y).
    """
    for part, reported in statements(text):
        for polarity, rules in ((DENIES, saying.opposite), (AFFIRMS, saying.rules)):
            for rule in rules:
                found = meets(parse(rule), saying.api, part, context)
                if found is not None:
                    turned = reported or _framed(text, found[0])
                    return Hit(rule, _turned(polarity) if turned else polarity, *found)
    return None


def statements(text: str) -> list[tuple[str, bool]]:
    """The text as its statements (True: reported and rejected), each blanked elsewhere, its spans kept.

    "People say X, but that is not true: Y" is X (True) and Y (False); a text rejecting no report is itself.
    """
    reported, rejected = re.search(_REPORTED, text), re.search(_REJECTED, text)
    if not (reported and rejected and reported.start() < rejected.start()):
        return [(text, False)]
    inside = _blank(text, 0, reported.start())
    inside = _blank(inside, rejected.start(), len(text))
    return [(inside, True), (_blank(text, 0, rejected.end()), False)]


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def _framed(text: str, words: tuple[Word, ...]) -> bool:
    """Whether a frame denying what follows it ("there is no case where", 不存在) stands before the words."""
    framed = re.search(_NO_CASE, text)
    return framed is not None and bool(words) and framed.end() <= max(s for _, s, _ in words)


def _turned(polarity: str) -> str:
    return DENIES if polarity == AFFIRMS else AFFIRMS


def rejects(text: str) -> bool:
    """Whether a sentence only rejects the one before it ("That is not true.", "这点我实测并不成立。")."""
    return bool(re.search(_REJECTS_BEFORE, text))


def turned(polarity: str) -> str:
    """The opposite polarity."""
    return _turned(polarity)


def meets(
    groups: tuple[Group, ...], api: tuple[str, ...], text: str, context: Context = ()
) -> tuple[tuple[Word, ...], tuple[tuple[str, str], ...]] | None:
    """Each present group's first match (a subject's perhaps in the context), or None when the rule fails.

    The subject (the `^` group, else the first) may be anywhere in the sentence; the other groups must meet
    in one of its clauses, which a "but" (但是, 不过) divides: "it stops at once, but finally is not run".
    """
    head = next((i for i, g in enumerate(groups) if g.subject), 0)
    for clause in _clauses(text):
        found = _meets_in(groups, head, api, text, clause=clause, context=context)
        if found is not None:
            return found
    return None


def _meets_in(
    groups: tuple[Group, ...], head: int, api: tuple[str, ...], text: str, *, clause: tuple[int, int],
    context: Context,
) -> tuple[tuple[Word, ...], tuple[tuple[str, str], ...]] | None:  # fmt: skip
    """The rule met with its subject in the sentence or context and its other present groups in the clause."""
    words, elsewhere = [], []
    for index, group in enumerate(groups):
        where = (0, len(text)) if index == head or group.absent else clause
        found = _first(group.terms, api, text, where)
        if found is None and group.subject:
            around = _around(group.terms, api, context)
            if around is None:
                return None
            elsewhere.append(around)
        elif (found is None) != group.absent:
            return None
        elif found is not None:
            words.append(found)
    if elsewhere and (_names_another(text, words) or _excluded_there(groups, api, dict(context), elsewhere)):
        return None
    return tuple(words), tuple(elsewhere)


def _excluded_there(
    groups: tuple[Group, ...], api: tuple[str, ...], parts: dict[str, str], elsewhere: list[tuple[str, str]]
) -> bool:
    """Whether the part of the context that gave the subject names what the rule excludes (`Queue.join()`)."""
    return any(_first(g.terms, api, parts[where]) for g in groups if g.absent for _, where in elsewhere)


def _clauses(text: str) -> list[tuple[int, int]]:
    """The spans of a sentence's clauses, split where it turns ("but", 但是, 不过)."""
    cuts = [0, *(m.start() for m in re.finditer(_CONTRAST, text)), len(text)]
    return list(pairwise(cuts))


def _names_another(text: str, words: list[Word]) -> bool:
    """Whether the text names an API object its rule did not match: then it speaks of that one."""
    spans = [(s, e) for _, s, e in words]
    return any(
        not any(s < m.end() and m.start() < e for s, e in spans) for m in re.finditer(_CODE_NAME, text)
    )


def _around(terms: tuple[str, ...], api: tuple[str, ...], context: Context) -> tuple[str, str] | None:
    """A subject's words in the nearest part of the context that names it, and where that part is."""
    for where, text in context:
        found = _first(terms, api, text)
        if found is not None:
            return found[0], where
    return None


def _first(
    terms: tuple[str, ...], api: tuple[str, ...], text: str, where: tuple[int, int] | None = None
) -> Word | None:
    spots = [m for t in terms for m in _finditer(t, api, text, where or (0, len(text)))]
    if not spots:
        return None
    first = min(spots, key=lambda m: m.start())
    return first.group(0), first.start(), first.end()


def _finditer(term: str, api: tuple[str, ...], text: str, where: tuple[int, int]) -> list[re.Match[str]]:
    patterns = [_identifier(name) for name in api] if term == "api" else [_pattern(term)]
    return [m for p in patterns for m in [p.search(text, *where)] if m is not None]


@lru_cache(maxsize=4096)
def _pattern(term: str) -> re.Pattern[str]:
    """A term as a pattern; `a~b`: b a few words after a, in the same clause (`{not}~{at once}`)."""
    parts = ["|".join(_source(alt) for alt in expand((part.strip(),))) for part in term.split("~")]
    return re.compile(_GAP.join(f"(?:{part})" for part in parts), re.IGNORECASE)


def _source(term: str) -> str:
    """One term's pattern: Chinese anywhere, else whole words (`*`: any ending), any space for a space."""
    prefix = term.endswith("*")
    body = r"\s*".join(_word(word) for word in term.rstrip("*").split())
    if re.search(_CJK, term):
        return body
    signed = term[:1] in "-−" and term[1:2] == "#"  # -15, not the 3 of "2-3"
    bounded = (term[:1].isalnum() or term[:1] == "_") and not term.lower().startswith("n't")  # doesn't
    start = rf"(?<![{_WORD}])" if bounded else rf"(?<![{_WORD}.])" * signed
    end = "" if prefix or not (term[-1:].isalnum() or term[-1:] == "_") else rf"(?![{_WORD}])"
    return f"{start}{body}{end}"


def _word(word: str) -> str:
    """One word of a term as a pattern: `#` a number, `*` at its end any ending (`wait* for`: "waits for")."""
    body = re.escape(word.removesuffix("*")).replace("\\#", r"\d+").replace("#", r"\d+")
    return body + (f"[{_WORD}]*" if word.endswith("*") else "")


@lru_cache(maxsize=1024)
def _identifier(name: str) -> re.Pattern[str]:
    """An API name as a whole identifier, however qualified: `Pool` in `mp.Pool(4)`, not in `Pooling`."""
    return re.compile(rf"(?<![{_WORD}]){re.escape(name)}(?![{_WORD}])")
