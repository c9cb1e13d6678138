"""The catalog: case modules, checked against the inventory of claim ids and the articles' text."""

from __future__ import annotations

import importlib
import re
import sys
import traceback
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from harness._claims import ARTICLE, DOC, Case, Source
from harness._expect import problem_with
from harness._quote import explain
from harness._said import problems as saying_problems

PACKAGED = Path(__file__).resolve().parent / "_cases"  # where an installed wheel keeps the catalog (cases/)
CHECKOUT = Path(__file__).resolve().parent.parent / "cases"  # an editable install's: the checkout's own
INVENTORY_ROW = re.compile(r"^\| ([a-z0-9-]+\.[a-z0-9.@-]+) \|", re.MULTILINE)


class CatalogError(Exception):
    """A case module that cannot be used: one plain line naming the file and the problem."""

    def __init__(self, path: Path | str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = str(path)
        self.problem = problem


@dataclass(frozen=True)
class Library:
    """What cases are checked against: the claim ids and the articles' text, by number."""

    inventory: frozenset[str]
    articles: Mapping[str, str]


def read_library(catalog: Path) -> Library:
    """Read `CLAIMS.md` and `articles/` beside the case modules."""
    claims_md = catalog / "CLAIMS.md"
    if not claims_md.is_file():
        raise CatalogError(claims_md, "the inventory of claims is missing")
    files = sorted((catalog / "articles").glob("*.txt"))
    if problem := _article_names_problem(files):
        raise CatalogError(catalog / "articles", problem)
    texts = {p.name[:3]: p.read_text(encoding="utf-8") for p in files}
    return Library(frozenset(parse_inventory(claims_md.read_text(encoding="utf-8"))), texts)


def _article_names_problem(files: list[Path]) -> str | None:
    """Article files are numbered by their names' first three characters: digits, each number once."""
    numbers = [p.name[:3] for p in files]
    bad = [p.name for p in files if not p.name[:3].isdigit()]
    twice = sorted({n for n in numbers if numbers.count(n) > 1})
    if bad:
        return f"{', '.join(bad)}: an article's file name starts with its three-digit number (005_….txt)"
    return f"two articles numbered {', '.join(twice)}: each number once" if twice else None


def parse_inventory(markdown: str) -> list[str]:
    """The claim ids of the inventory's tables, in order."""
    return INVENTORY_ROW.findall(markdown)


def normalise(text: str) -> str:
    """Whitespace folded: the saved pages lost or gained line breaks, never words."""
    return " ".join(text.split())


def case_problems(case: Case, library: Library) -> list[str]:
    """Everything wrong with one case, each as a line naming the line, the claim and the field."""
    at = _where(case, case.line)
    found = [f"{at}{p}" for p in _field_problems(case, library)]
    found += [f"{at}sources: {p}" for p in _source_problems(case, library)]
    found += [f"{at}{p}" for p in saying_problems(case.saying)] if case.saying else []
    found += [
        f"{_where(case, e.line or case.line)}expectation {i}: {p}"
        for i, e in enumerate(case.expectations)
        if (p := problem_with(e))
    ]
    return found


def _where(case: Case, line: int | None) -> str:
    return f"{f'line {line}: ' if line else ''}claim {case.claim.id!r}: "


def _field_problems(case: Case, library: Library) -> Iterator[str]:
    if case.claim.id not in library.inventory:
        yield "id is not in the inventory (CLAIMS.md)"
    if not case.claim.statement.strip():
        yield "statement is empty"
    if not case.claim.topic.strip():
        yield "topic is empty"
    if case.judgement is None:
        yield "no judgement (decorate one with @<case>.judge)"
    if not case.expectations:
        yield "no expectations (call <case>.expect(...))"
    if case.deadline <= 0:
        yield f"deadline {case.deadline} is not positive"


def _source_problems(case: Case, library: Library) -> Iterator[str]:
    if not case.claim.sources:
        yield "none given"
    for s in case.claim.sources:
        if s.kind == DOC:
            yield from _doc_problems(s)
        elif s.kind == ARTICLE:
            yield from _article_problems(s, library)
        else:
            yield f"unknown kind of source {s.kind!r} (known: {ARTICLE}, {DOC})"


def _doc_problems(s: Source) -> Iterator[str]:
    """The docs are not kept here: a doc source needs its section and words, and is not looked up."""
    if not s.ref.strip():
        yield "a doc source needs the section it quotes: doc('multiprocessing: <section>', '<words>')"
    if not s.quote.strip():
        yield f"empty quote for doc {s.ref!r}"


def _article_problems(s: Source, library: Library) -> Iterator[str]:
    text = library.articles.get(s.article)
    if text is None:
        yield f"unknown article {s.article!r} (known: {', '.join(sorted(library.articles))})"
    elif not s.quote.strip():
        yield f"empty quote for article {s.article}"
    elif normalise(s.quote) not in normalise(text):
        nearest = explain(normalise(text), normalise(s.quote))
        yield f"quote not found in article {s.article}: {s.quote[:60]!r}; {nearest}"


def duplicate_problems(cases: Iterable[tuple[Path, Case]]) -> list[CatalogError]:
    """One error per claim id defined more than once, naming where."""
    seen: dict[str, Path] = {}
    errors = []
    for path, case in cases:
        if case.claim.id in seen:
            errors.append(
                CatalogError(path, f"claim {case.claim.id!r}: duplicate id (also in {seen[case.claim.id]})")
            )
        seen.setdefault(case.claim.id, path)
    return errors


def import_cases(path: Path, module_name: str) -> list[Case]:
    """Import one case module and return its cases; an import failure becomes one plain line."""
    module = _import(path, module_name)
    cases = [v for v in vars(module).values() if isinstance(v, Case) and v.module == module_name]
    if not cases:
        raise CatalogError(path, "defines no case (decorate a probe with @claim(...))")
    return cases


def default_catalog() -> Path:
    """`cases/` of the project it is run from, else the installed package's, else its checkout's (`-e`)."""
    here = Path("cases")
    return next((c for c in (here, PACKAGED, CHECKOUT) if (c / "CLAIMS.md").is_file()), here)


def _packaged(catalog: Path) -> bool:
    return catalog.resolve() == PACKAGED


def module_name(path: Path) -> str:
    """`cases/pool.py` → `cases.pool`; the installed catalog's → `harness._cases.pool` (no top `cases`)."""
    return f"{'harness._cases' if _packaged(path.parent) else path.parent.name}.{path.stem}"


def import_root(catalog: Path) -> Path:
    """The folder on sys.path from which the catalog's modules import (what spawn children get too)."""
    return PACKAGED.parent.parent if _packaged(catalog) else catalog.resolve().parent


def ensure_importable(catalog: Path) -> None:
    """Put the catalog's parent on sys.path, so `cases.<topic>` imports everywhere (spawn children too)."""
    if _packaged(catalog):
        return  # inside the harness package: importable wherever harness is
    parent = str(catalog.resolve().parent)
    if parent in sys.path:
        sys.path.remove(parent)
    sys.path.insert(0, parent)
    loaded = sys.modules.get(catalog.name)
    if (
        loaded is not None
        and Path(next(iter(getattr(loaded, "__path__", [""])))).resolve() != catalog.resolve()
    ):
        # another catalog of the same name was imported in this process (tests, the CLI): forget it
        for name in [n for n in sys.modules if n == catalog.name or n.startswith(f"{catalog.name}.")]:
            del sys.modules[name]


def _import(path: Path, name: str) -> ModuleType:
    try:
        return importlib.import_module(name)
    except Exception as exc:
        raise CatalogError(path, _where_it_failed(exc, path)) from exc


def _where_it_failed(exc: BaseException, path: Path) -> str:
    lines = [f.lineno for f in traceback.extract_tb(exc.__traceback__) if Path(f.filename).name == path.name]
    if isinstance(exc, SyntaxError) and exc.lineno:
        lines.append(exc.lineno)
    at = f"line {lines[-1]}: " if lines else ""
    return f"{at}{type(exc).__name__}: {exc}".splitlines()[0]


def load(catalog: Path) -> tuple[list[Case], list[CatalogError]]:
    """Every valid case of a catalog folder, and one error per problem (nothing else is lost)."""
    ensure_importable(catalog)
    library = read_library(catalog)
    found: list[tuple[Path, Case]] = []
    errors: list[CatalogError] = []
    for path in sorted(catalog.glob("[!_]*.py")):
        try:
            found += [(path, case) for case in import_cases(path, module_name(path))]
        except CatalogError as exc:
            errors.append(exc)
    errors += duplicate_problems(found)
    bad = {id(c) for p, c in found for _ in case_problems(c, library)}
    errors += [CatalogError(p, problem) for p, c in found for problem in case_problems(c, library)]
    return [c for _, c in found if id(c) not in bad], errors
