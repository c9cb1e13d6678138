from __future__ import annotations

import json

import pytest

from harness._tutorial._record import from_json, merge, to_json

from .data import CHECKED, OUTCOMES, UNREADABLE


def test_a_check_file_round_trips_through_json() -> None:
    data = json.loads(json.dumps(to_json([CHECKED, UNREADABLE], "0.1.0")))
    assert data["schema"] == 1 and data["kind"] == "tutorial-check"
    assert from_json(data, "c.json") == (CHECKED, UNREADABLE)


@pytest.mark.parametrize(
    ("data", "line"),
    [
        ({"schema": 1, "results": []}, 'r.json: not a tutorial-check file (no "kind": "tutorial-check")'),
        ({"schema": 2, "kind": "tutorial-check"}, "r.json: schema 2, this harness reads schema 1"),
        (
            {"schema": 1, "kind": "tutorial-check", "articles": [{}]},
            "r.json: broken tutorial-check file (KeyError",
        ),
        ([], "r.json: not a tutorial-check file"),
    ],
)
def test_another_file_is_refused_in_one_line_naming_it(data: object, line: str) -> None:
    with pytest.raises(ValueError, match=r"^r\.json: ") as raised:
        from_json(data, "r.json")
    assert str(raised.value).startswith(line) and "\n" not in str(raised.value)


def test_merging_runs_on_two_pythons_gives_one_article_with_all_outcomes() -> None:
    other = CHECKED._replace(outcomes=tuple(o._replace(python="cpython-3.13.0") for o in OUTCOMES[:3]))
    (merged,) = merge([(CHECKED,), (other,)])
    assert merged.outcomes == OUTCOMES + other.outcomes


def test_the_same_run_twice_is_kept_once() -> None:
    (merged,) = merge([(CHECKED,), (CHECKED,)])
    assert merged.outcomes == OUTCOMES


def test_two_different_texts_of_one_article_are_refused() -> None:
    edited = CHECKED._replace(document=CHECKED.document._replace(title="edited"))  # type: ignore[union-attr]
    with pytest.raises(ValueError, match=r"docs/intro\.md: the files checked different texts of it"):
        merge([(CHECKED,), (edited,)])
