"""`python -m harness`: list the catalog, show a claim, merge reports, diff results, check a tutorial."""

from __future__ import annotations

import argparse
import multiprocessing
import sys
from collections.abc import Sequence
from pathlib import Path

from harness._catalog import CatalogError, load
from harness._claims import Case
from harness._report import _commands, _text
from harness._tutorial import _check, _page

METHODS = ("fork", "spawn", "forkserver")


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the command line and run one command; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return int(args.command(args))
    except (CatalogError, ValueError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m harness", description=__doc__)
    parser.add_argument("--catalog", type=Path, default=Path("cases"), help="folder of case modules")
    sub = parser.add_subparsers(required=True)
    listing = sub.add_parser("list", help="every claim of the catalog, with its sources")
    listing.set_defaults(command=cmd_list)
    show = sub.add_parser("show", help="one claim: statement, sources, expectations")
    show.add_argument("claim")
    show.set_defaults(command=cmd_show)
    rep = sub.add_parser("report", help="merge results files (or folders of them) into one matrix")
    rep.add_argument("results", nargs="+", type=Path)
    rep.add_argument("--markdown", type=Path, help="write the Markdown report here")
    rep.add_argument("--html", type=Path, help="write the HTML pages into this folder")
    rep.add_argument("--junit", type=Path, help="write JUnit XML here")
    rep.add_argument("--json", type=Path, help="write the merged results here")
    rep.set_defaults(command=cmd_report)
    dif = sub.add_parser("diff", help="the claims whose verdict differs between two results files or sets")
    dif.add_argument("before", type=Path)
    dif.add_argument("after", type=Path)
    dif.set_defaults(command=cmd_diff)
    _check_parsers(sub)
    return parser


def _check_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    chk = sub.add_parser(
        "check", help="run a tutorial's code examples under each start method, fact-check them"
    )
    chk.add_argument("articles", nargs="+", metavar="ARTICLE", help=".md, .rst, .ipynb, .html or .txt")
    chk.add_argument(
        "--python",
        action="append",
        default=[],
        dest="pythons",
        metavar="PY",
        help="an interpreter (path, or a version such as 3.12) to run them on; repeatable; default: this one",
    )
    chk.add_argument(
        "--methods", type=_methods, default=_methods(""), help="comma-separated (default: all here)"
    )
    chk.add_argument(
        "--deadline",
        type=float,
        default=_check.DEADLINE,
        metavar="SECONDS",
        help=f"how long one run may take before its whole tree is killed (default: {_check.DEADLINE:g})",
    )
    _outputs(chk, "check file")
    chk.add_argument("--strict", action="store_true", help="exit 1 when any example does not hold")
    chk.set_defaults(command=cmd_check)
    page = sub.add_parser("page", help="merge check files (one per Python, say) into one page and summary")
    page.add_argument("files", nargs="+", type=Path, metavar="CHECK.json")
    _outputs(page, "merged check file")
    page.add_argument("--strict", action="store_true", help="exit 1 when any example does not hold")
    page.set_defaults(command=cmd_page)


def _outputs(parser: argparse.ArgumentParser, json_name: str) -> None:
    parser.add_argument("--html", type=Path, help="write a page per article into this folder")
    parser.add_argument("--json", type=Path, help=f"write the {json_name} (JSON) here")
    parser.add_argument("--markdown", type=Path, help="write the Markdown summary here")


def _methods(text: str) -> tuple[str, ...]:
    """Start methods from `fork,spawn`; the empty string is every one this platform has."""
    here = tuple(m for m in METHODS if m in multiprocessing.get_all_start_methods())
    asked = tuple(m.strip() for m in text.split(",") if m.strip()) or here
    unknown = [m for m in asked if m not in here]
    if unknown:
        raise argparse.ArgumentTypeError(f"{', '.join(unknown)}: not a start method here ({', '.join(here)})")
    return asked


def cmd_list(args: argparse.Namespace) -> int:
    """Print each claim id, topic and statement, and its sources' words."""
    cases, errors = load(args.catalog)
    for case in sorted(cases, key=lambda c: c.claim.id):
        print(_describe(case))
    for error in errors:
        print(f"error: {error}", file=sys.stderr)
    print(f"{len(cases)} claims", file=sys.stderr)
    return 1 if errors else 0


def cmd_show(args: argparse.Namespace) -> int:
    """Print one claim with its expectations; an unknown id is an error naming it."""
    cases, _ = load(args.catalog)
    found = next((c for c in cases if c.claim.id == args.claim), None)
    if found is None:
        raise ValueError(f"unknown claim id {args.claim!r} (see `python -m harness list`)")
    print(_describe(found))
    for e in found.expectations:
        basis = f"  [source: {e.cite}]" if e.cite else ""
        print(f"  expect {e.verdict:<14} {e.to_json()['scope']}: {e.reason}{basis}")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    """Print the merged matrix and drift; write the requested renderings; fail if any cell failed."""
    for note in _commands.recover_journals(args.results):
        print(f"journal: {note}", file=sys.stderr)
    summary = _commands.report(args.results, args.catalog)
    print(_text.render_text(summary))
    for written in _commands.write_outputs(summary, args):
        print(f"wrote {written}", file=sys.stderr)
    incomplete = any(n.startswith("incomplete") for n in summary.merged.notices.values())
    return 1 if incomplete or any(s != "pass" for s in summary.counts) else 0


def cmd_diff(args: argparse.Namespace) -> int:
    """Print each claim × method whose verdict changed; exit 1 when there is any, like diff(1)."""
    for note in _commands.recover_journals([args.before, args.after]):
        print(f"journal: {note}", file=sys.stderr)
    found = _commands.changes([args.before], [args.after])
    for c in found:
        print(f"{c.claim} [{c.method}] {c.env}: {c.before} → {c.after}  ({c.why_after[:150]})")
    claims = sorted({c.claim for c in found})
    print(f"{len(claims)} claims differ: {', '.join(claims) or '-'}", file=sys.stderr)
    return 1 if found else 0


def cmd_check(args: argparse.Namespace) -> int:
    """Check each article, printing its summary as it is done; write the outputs; exit as the README says."""
    plan = _check.plan(args.pythons, args.methods, args.deadline)
    checked = []
    for one in _check.check(args.articles, plan):
        print(_page.render_text(one), file=sys.stderr if one.error else sys.stdout, flush=True)
        checked.append(one)
    _report_written(_check.write(checked, html=args.html, json=args.json, markdown=args.markdown))
    return _check.status(checked, strict=args.strict)


def cmd_page(args: argparse.Namespace) -> int:
    """Merge check files and write the page, JSON and summary of them all."""
    checked = _check.load(args.files)
    for one in checked:
        print(_page.render_text(one))
    _report_written(_check.write(checked, html=args.html, json=args.json, markdown=args.markdown))
    return _check.status(checked, strict=args.strict)


def _report_written(paths: list[Path]) -> None:
    for path in paths:
        print(f"wrote {path}", file=sys.stderr)


def _describe(case: Case) -> str:
    c = case.claim
    quotes = "\n".join(f"    [{s.label()}] {s.quote}" for s in c.sources)
    return f"{c.id}  ({c.topic})\n  {c.statement}\n{quotes}"
