"""diagnose(): rules that need no run to show them (the runs of tests/tutorial/test_run.py show the rest)."""

from __future__ import annotations

from harness._tutorial._diagnose import Evidence, diagnose


def evidence(stderr: str, returncode: int = 0) -> Evidence:
    return Evidence("", stderr, returncode, False, [], None, False, {}, 0, None, False, "", str, frozenset())


def test_a_window_a_child_could_not_open_is_seen_in_a_run_that_ended_well() -> None:
    found = diagnose(evidence(": cannot connect to X server \n"))  # OpenCV's imshow() in a child, GTK's words
    assert found is not None
    assert (found.verdict, found.key) == ("not-applicable", "display")


def test_a_clean_run_has_no_diagnosis() -> None:
    assert diagnose(evidence("")) is None
