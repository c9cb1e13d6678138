"""Which catalog claims a tutorial's sentences make: each sentence against every claim's declared saying."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import NamedTuple

from opencc import OpenCC

from harness._said import Said, match
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


def recognise(sentences: Iterable[Sentence], sayings: Mapping[str, Said]) -> tuple[Recognised, ...]:
    """Every (sentence, claim) whose declared saying the sentence meets, in document order."""
    found = []
    for sentence in (s for s in sentences if s.kind != "heading"):  # a heading names a topic, claims nothing
        text = _matched_text(sentence)
        for claim, saying in sayings.items():
            hit = match(saying, text)
            if hit is not None:
                found.append(
                    Recognised(sentence, claim, hit.polarity, hit.rule, hit.words, text, scope(text))
                )
    return tuple(found)


def _matched_text(sentence: Sentence) -> str:
    """As Simplified Chinese; a comment with the code it speaks of (`p.join()  # wait for the child`)."""
    text = f"{sentence.context}  # {sentence.text}" if sentence.context else sentence.text
    return _simplified().convert(text) if _HAN.search(text) else text


_HAN = re.compile(r"[\u3400-\u9fff]")


@lru_cache(maxsize=1)
def _simplified() -> OpenCC:
    """Traditional to Simplified Chinese (OpenCC's dictionaries, offline), loaded when first needed."""
    return OpenCC("t2s")  # the official binding: opencc-purepy 1.5 turned 结束 into 結束


def scope(text: str) -> tuple[str, ...]:
    """The platforms and Python versions a sentence narrows itself to."""
    platforms = [name for name, pattern in _PLATFORMS.items() if pattern.search(text)]
    return (*platforms, *_VERSION.findall(text))


def looks_checkable(sentence: Sentence) -> bool:
    """Whether a sentence names a multiprocessing/threading API or says must/only/never (必须/只能…)."""
    return bool(_API.search(sentence.text) or _MODAL.search(sentence.text))
