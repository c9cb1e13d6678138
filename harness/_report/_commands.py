"""The report and diff commands: read files, refuse bad ones, render (the I/O edge of the reports)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from harness._report._drift import Change, diff, pair_environments
from harness._report._merge import Merged, merge
from harness._report._summary import Report, summarize
from harness._results import read


def expand(paths: Sequence[Path]) -> list[Path]:
    """Files as given; a folder stands for every `*.json` in it."""
    found: list[Path] = []
    for path in paths:
        found += sorted(path.glob("*.json")) if path.is_dir() else [path]
    if not found:
        raise ValueError(f"no results files in {', '.join(map(str, paths))}")
    return found


def load(paths: Sequence[Path]) -> Merged:
    """Read and merge; the first bad file stops it with a line naming that file."""
    return merge(read(p) for p in expand(paths))


def report(paths: Sequence[Path]) -> Report:
    """The summary of all the given results."""
    return summarize(load(paths))


def changes(before: Sequence[Path], after: Sequence[Path]) -> list[Change]:
    """The verdicts that differ between two files or two sets."""
    return diff(load(before), load(after), pair_environments)


def write_outputs(summary: Report, args: object) -> list[Path]:
    """Write each rendering asked for on the command line; returns what was written."""
    written: list[Path] = []
    for option, render in _renderers().items():
        target = getattr(args, option, None)
        if target is not None:
            written += render(summary, target)
    return written


def _renderers() -> dict[str, Callable[[Report, Path], list[Path]]]:
    return {}
