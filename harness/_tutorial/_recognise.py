"""Which catalog claims a tutorial's sentences make: each sentence against every claim's declared saying.

A sentence is matched with its context (the sentence before it in its section, the last one there leading in
to a list with a colon, the paragraph's earlier sentences, the last question asked there, the heading), where
a rule's `^` subject may be met. A yes/no question ("Do I need the guard?") asserts nothing; an answer that
opens with yes or no ("No, …", "不会。") carries the question's claim: the question's polarity after "yes",
the opposite after "no".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from typing import NamedTuple

from opencc import OpenCC

from harness._said import AFFIRMS, DENIES, Context, Hit, Said, match, rejects, turned
from harness._tutorial._sentences import Sentence

# what narrows a sentence to some platforms or Pythons ("on Windows you must …", "since Python 3.8 …")
_PLATFORMS = {
    "win32": re.compile(r"windows|\bwin32\b", re.IGNORECASE),
    "linux": re.compile(r"linux", re.IGNORECASE),
    "darwin": re.compile(r"mac\s?os|\bmac\b|darwin|os x|苹果", re.IGNORECASE),
    "unix": re.compile(r"unix|posix|类 ?unix", re.IGNORECASE),
}
_VERSION = re.compile(r"python\s*(\d\.\d+)", re.IGNORECASE)
# what makes a sentence look like a checkable claim: a multiprocessing/threading name, or a strong modal
_API = re.compile(
    r"(?<![\w])(multiprocessing|threading|concurrent\.futures|os\.fork|fork(server)?|spawn|Process|Pool|Queue"
    r"|Pipe|Manager|Lock|Semaphore|Event|Barrier|Value|Array|daemon|GIL|cpu_count|is_alive|exitcode"
    r"|terminate|kill|join|start|run|apply_async|map_async|imap|starmap|get_context|set_start_method"
    r"|current_process|parent_process|shared_memory|log_to_stderr|get_logger)(?![\w])"
)
_MODAL = re.compile(
    r"(?<![\w])(must|only|always|never|cannot|can't|guarantee[sd]?)(?![\w])|必须|只能|一定|不会|不能|总是|永远",
    re.IGNORECASE,
)


class Recognised(NamedTuple):
    """A sentence that makes a catalog claim: which, affirmed or denied, by which rule and words."""

    sentence: Sentence
    claim: str
    polarity: str  # AFFIRMS or DENIES
    rule: str  # the declared rule it met
    words: tuple[tuple[str, int, int], ...]  # the matched words and their spans in `text`
    text: str  # what was matched: the sentence, or a comment with the code on its line before it
    scope: tuple[str, ...]  # platforms ("win32", "linux", "darwin", "unix") and Pythons ("3.8") it names
    elsewhere: tuple[tuple[str, str], ...] = ()  # (word, where): words met in the context, not the sentence


class Situated(NamedTuple):
    """A sentence as matched, with its context and the yes/no question it answers, if it opens so."""

    sentence: Sentence
    text: str
    context: Context
    asked: tuple[str, bool, Context] | None  # the question, whether the answer is yes, the question's context


def recognise(sentences: Iterable[Sentence], sayings: Mapping[str, Said]) -> tuple[Recognised, ...]:
    """Every (sentence, claim) whose declared saying the sentence meets, in document order.

    What the next sentence rejects ("That is not true.", "这点并不成立。") is turned round.
    """
    found: list[Recognised] = []
    before: list[Recognised] = []  # the recognitions of the sentence before, in its block
    for place in situated(sentences):
        if before and before[0].sentence.block == place.sentence.block and rejects(place.text):
            found[-len(before) :] = [r._replace(polarity=turned(r.polarity)) for r in before]
        before = [r for claim, saying in sayings.items() if (r := _recognised(place, claim, saying))]
        found += before
    return tuple(found)


def _recognised(place: Situated, claim: str, saying: Said) -> Recognised | None:
    """The claim as the sentence makes it, or as the question it answers asked it (a gloss makes none)."""
    if is_gloss(place.sentence.text):
        return None
    hit = match(saying, place.text, place.context)
    if hit is None and place.asked is not None:
        hit = _carried(saying, place)
    if hit is None:
        return None
    parts = [place.text] + [
        text for where, text in place.context if any(w == where for _, w in hit.elsewhere)
    ]
    return Recognised(
        place.sentence, claim, hit.polarity, hit.rule, hit.words, place.text, scope("  ".join(parts)),
        hit.elsewhere,
    )  # fmt: skip


def _carried(saying: Said, place: Situated) -> Hit | None:
    """The question's claim carried into its answer: kept after a yes, turned round after a no."""
    assert place.asked is not None
    question, yes, context = place.asked
    hit = match(saying, question, context)
    if hit is None:
        return None
    polarity = hit.polarity if yes else {AFFIRMS: DENIES, DENIES: AFFIRMS}[hit.polarity]
    said_in = ((w, "question") for w, _, _ in hit.words)
    return Hit(hit.rule, polarity, tuple(_answer(place.text)), (*said_in, *hit.elsewhere))


def situated(sentences: Iterable[Sentence]) -> Iterator[Situated]:
    """The sentences that may make claims (not headings, not yes/no questions), each with its context."""
    heading, lead, question, previous, block = "", "", "", "", -1
    earlier: list[str] = []  # the paragraph's sentences before the previous one
    asked: tuple[str, Context] | None = None  # the yes/no question just asked, and its context
    for sentence in sentences:
        text = _matched_text(sentence)
        if sentence.block != block:
            earlier, block = [], sentence.block
        context = _context(previous, " ".join(earlier[:-1]), lead, question, heading)
        if sentence.kind == "heading":
            heading, lead, question, previous = text, "", "", ""
        else:
            if not is_yes_no(sentence.text):
                yield Situated(sentence, text, context, _answering(asked, text))
            lead = text if _LEADS.search(sentence.text) else lead
            question, previous = text if is_question(sentence.text) else question, text
            earlier.append(text)
        asked = (text, context) if is_yes_no(sentence.text) else None


def _context(previous: str, paragraph: str, lead: str, question: str, heading: str) -> Context:
    """The parts of a sentence's context that are there, nearest first, each once."""
    parts = (
        ("question" if previous == question else "previous sentence", previous), ("lead-in", lead),
        ("paragraph", paragraph), ("question", question),
        ("heading", heading),
    )  # fmt: skip
    kept: list[tuple[str, str]] = []
    for where, text in parts:
        if text and all(text != t for _, t in kept):
            kept.append((where, text))
    return tuple(kept)


def _answering(asked: tuple[str, Context] | None, text: str) -> tuple[str, bool, Context] | None:
    """The yes/no question a sentence answers, when it opens with yes or no."""
    answer = _answer(text) if asked is not None else []
    if asked is None or not answer:
        return None
    return asked[0], answer[0][0].lower() in _YES, asked[1]


def _answer(text: str) -> list[tuple[str, int, int]]:
    """The yes or no a sentence opens with, and its span, if it does."""
    found = _ANSWER.match(text)
    group = 0 if found is None else 1 if found.group(1) else 2
    return [] if found is None else [(found.group(group), *found.span(group))]


_LEADS = re.compile(r"[:：]\s*$")  # a sentence that leads in to a list: its items may leave it the subject
# a question ends with ? or ？ (a closing mark after it); a yes/no one opens with a verb, or says 吗
_QUESTION = re.compile(r"[?？][\s*_\"'”’」』)）]*$")
_YES_NO = re.compile(
    r"^\W*(?:Q\s*[:：]\s*)?(?:do|does|did|is|are|was|were|can|could|will|would|should|must|may|might|has|have"
    r"|shall)\b|吗|是否|能否|可否|有没有|可不可以|需不需要|([\u4e00-\u9fff])不\1",  # 行不行: any A不A
    re.IGNORECASE,
)
# an answer opening with yes or no: "No, …", "By default, yes: …", "不会。", "是的，…"
_ANSWER = re.compile(
    r"^\W*(?:[A-Za-z][A-Za-z ]{0,20},\s*)?(yes|yep|yeah|no|nope|not)\b"
    r"(?!\s+(?:matter|one|doubt|wonder|need)\b)"  # "No matter what …" answers nothing
    r"|^\W*(是的|对的|没错|可以|不可以|不是|不对|不能|不会|不需要|不用|没有|不行|并不|需要|必须|是|对|能|会|不|否)"
    r"(?=[，,。.：:！!；; ]|$)",
    re.IGNORECASE,
)
# an entry naming things ("`Value` and `Array`", "Value / Array") then what they are, after , : ： or a dash
_NAMED = (
    r"[`*]*(?!(?:no|yes|not|so|also|then|now|here|note|however|but)\b)[A-Za-z_][A-Za-z0-9_.]*(?:\(\))?[`*]*"
)
_GLOSS = re.compile(  # (not an answer opening "No, it counts …", which names nothing)
    rf"(?i)^\W*{_NAMED}(?:\s*(?:,|/|and|or|与|和|、)\s*{_NAMED})*\s*(?:,|:|：|—|–|\s-)\s*(?P<what>.+)$"
)
# what a gloss lacks: a verb (English modals, be/do/have and the commonest verbs; Chinese ones alike)
_VERB = re.compile(
    r"(?i)(?<![A-Za-z])(?:is|are|was|were|be|been|can|cannot|can't|could|must|may|might|will|won't|would"
    r"|should|shall|do|does|did|don't|doesn't|has|have|had|lets?|allows?|returns?|gives?|makes?|provides?"
    r"|sends?|receives?|blocks?|waits?|runs?|starts?|stops?|works?|shares?|means?|needs?|keeps?|uses?"
    r"|creates?|holds?|takes?|puts?|gets?|calls?|kills?|terminates?|joins?|never|only|always)(?![A-Za-z])"
    r"|是|会|能|可以|可|必须|要|需|不|没|返回|阻塞|等待|共享(?!内存)|传|发|收|放|取|创建|用|让|使|只|总|未|表示|指|即|为|叫|称|==|!=|[<>]=?"
)
_YES = {"yes", "yep", "yeah", "是的", "对的", "没错", "可以", "需要", "必须", "是", "对", "能", "会"}


def is_gloss(text: str) -> bool:
    """Whether a sentence is a glossary's entry: names, then what they are, with no verb; it asserts nothing.

    "Value and Array, ctypes objects in shared memory.", "Value / Array：共享内存里的数组。"
    """
    found = _GLOSS.match(text)
    return found is not None and not _VERB.search(found.group("what"))


def is_question(text: str) -> bool:
    """Whether a sentence asks (it ends with a question mark)."""
    return bool(_QUESTION.search(text))


def is_yes_no(text: str) -> bool:
    """Whether a sentence is a yes/no question, which asserts nothing ("Do I need the guard?", "…吗？")."""
    return is_question(text) and bool(_YES_NO.search(text))


def _matched_text(sentence: Sentence) -> str:
    """As Simplified Chinese; a comment with the code it speaks of (`p.join()  # wait for the child`)."""
    text = f"{sentence.context}  # {sentence.text}" if sentence.context else sentence.text
    return _simplified().convert(text) if _HAN.search(text) else text


_HAN = re.compile(r"[\u3400-\u9fff]")


@lru_cache(maxsize=1)
def _simplified() -> OpenCC:
    """Traditional to Simplified Chinese (OpenCC's dictionaries, offline), loaded when first needed."""
    return OpenCC("tw2sp")  # Taiwan's words too (行程 进程, 執行緒 线程, 佇列 队列), not only its characters


def scope(text: str) -> tuple[str, ...]:
    """The platforms and Python versions a sentence narrows itself to."""
    platforms = [name for name, pattern in _PLATFORMS.items() if pattern.search(text)]
    return (*platforms, *_VERSION.findall(text))


def looks_checkable(sentence: Sentence) -> bool:
    """Whether a sentence names a multiprocessing/threading API or says must/only/never (必须/只能…)."""
    return bool(_API.search(sentence.text) or _MODAL.search(sentence.text))
