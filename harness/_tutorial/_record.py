"""The check's JSON file (schema 1, kind `tutorial-check`): to and from plain data, and merging (pure)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from harness._tutorial._model import Block, Checked, Document, Example, Outcome

SCHEMA, KIND = 1, "tutorial-check"


def to_json(checked: Sequence[Checked], harness_version: str) -> dict[str, Any]:
    """The whole file: every article checked, as plain JSON data."""
    return {
        "schema": SCHEMA,
        "kind": KIND,
        "harness_version": harness_version,
        "articles": [_article(c) for c in checked],
    }


def _article(checked: Checked) -> dict[str, Any]:
    document = checked.document
    return {
        "path": checked.path,
        "error": checked.error,
        "document": None if document is None else {**document._asdict(), "blocks": _dicts(document.blocks)},
        "examples": _dicts(checked.examples),
        "outcomes": _dicts(checked.outcomes),
    }


def _dicts(rows: Iterable[Block | Example | Outcome]) -> list[dict[str, Any]]:
    return [row._asdict() for row in rows]


def from_json(data: Any, name: str) -> tuple[Checked, ...]:  # noqa: ANN401  # json.load's value, checked here
    """The articles of one file; a file of another schema or kind is refused with a line naming it."""
    if not isinstance(data, dict) or data.get("kind") != KIND:
        raise ValueError(f'{name}: not a tutorial-check file (no "kind": "{KIND}")')
    if data.get("schema") != SCHEMA:
        raise ValueError(f"{name}: schema {data.get('schema')!r}, this harness reads schema {SCHEMA}")
    try:
        return tuple(_checked(a) for a in data["articles"])
    except (KeyError, TypeError) as exc:
        raise ValueError(f"{name}: broken tutorial-check file ({type(exc).__name__}: {exc})") from None


def _checked(a: dict[str, Any]) -> Checked:
    doc = a["document"]
    document = (
        None if doc is None else Document(**{**doc, "blocks": tuple(Block(**b) for b in doc["blocks"])})
    )
    examples = tuple(
        Example(**{**e, "continues": tuple(e["continues"]), "uses": tuple(e["uses"])}) for e in a["examples"]
    )
    return Checked(a["path"], document, examples, tuple(Outcome(**o) for o in a["outcomes"]), a["error"])


def merge(files: Iterable[tuple[Checked, ...]]) -> tuple[Checked, ...]:
    """One Checked per article path: the outcomes of every file (runs on other Pythons) together."""
    merged: dict[str, Checked] = {}
    for checked in (c for file in files for c in file):
        known = merged.get(checked.path)
        merged[checked.path] = checked if known is None else _join(known, checked)
    return tuple(merged.values())


def _join(known: Checked, other: Checked) -> Checked:
    """Two checks of one article; an outcome already there (the same Python and method) is kept."""
    if known.error or other.error:
        return known if known.error is None else other
    if (known.document, known.examples) != (other.document, other.examples):
        raise ValueError(
            f"{known.path}: the files checked different texts of it (was it edited between runs?)"
        )
    seen = {(o.example, o.python, o.method) for o in known.outcomes}
    extra = tuple(o for o in other.outcomes if (o.example, o.python, o.method) not in seen)
    return known._replace(outcomes=known.outcomes + extra)
