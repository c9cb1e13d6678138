"""Sessions: `cases` runs the catalog on every Python here, `check` a tutorial's code, `tests`, `lint`."""

from __future__ import annotations

import glob
import os

import nox

nox.options.default_venv_backend = "uv|virtualenv"  # uv when it is there: venvs in a fraction of the time
nox.options.sessions = ["cases", "tests", "lint"]

PYTHONS = ["3.10", "3.11", "3.12", "3.13", "3.14", "3.14t", "3.15", "pypy3.11"]  # 3.14t: free-threaded
PYPROJECT = nox.project.load_toml("pyproject.toml")


def install(session: nox.Session, *groups: str) -> None:
    """The project itself and the named dependency groups."""
    session.install("-e", ".")
    for group in groups:
        session.install(*nox.project.dependency_groups(PYPROJECT, group))


def precompile(session: nox.Session) -> None:
    """Bytecode for the harness and the catalog, written even under PYTHONDONTWRITEBYTECODE."""
    # every spawn and forkserver child imports its case module: without a .pyc each one compiles the
    # module and the harness again (measured 15-25 ms a child on 3.13); cases/examples are the
    # articles' code (Python 2 among it) and are run as scripts, never imported
    skip = "examples|articles"
    session.run("python", "-m", "compileall", "-q", "-x", skip, "harness", "cases", silent=True)


@nox.session(python=PYTHONS)
def cases(session: nox.Session) -> None:
    """Run the catalog under every start method; arguments after `--` go to pytest."""
    # no opencv or numpy wheels for free-threaded builds: article 000's example then reports cv2 missing
    install(session, *([] if _free_threaded(session) else ["cases"]))
    precompile(session)
    args = session.posargs or ["-n", "auto"]
    paths = [] if any(os.path.exists(a.split("::")[0]) for a in args) else ["cases"]
    session.run("python", "-m", "pytest", "-p", "no:cacheprovider", *paths, *args)


def _free_threaded(session: nox.Session) -> bool:
    flag = "import sysconfig; print(bool(sysconfig.get_config_var('Py_GIL_DISABLED')))"
    return "True" in str(session.run("python", "-c", flag, silent=True))


CHECKED: list[str] = []  # the check files this nox run wrote, one per Python: each session merges them all


@nox.session(python=PYTHONS)
def check(session: nox.Session) -> None:
    """Check tutorials' code examples: `nox -s check -- ARTICLE... [--methods fork,spawn] [--strict]`."""
    if not session.posargs:
        session.error("give the articles: nox -s check -- ARTICLE... [--methods ...] [--strict]")
    install(session)
    articles = [a for a in session.posargs if a != "--strict"]
    written = os.path.join("check", f"{session.python}.json")
    session.run("python", "-m", "harness", "check", *articles, "--json", written, success_codes=[0, 1])
    CHECKED.append(written)
    strict = ["--strict"] if "--strict" in session.posargs else []
    pages = ["--html", os.path.join("check", "html"), "--markdown", os.path.join("check", "summary.md")]
    session.run("python", "-m", "harness", "page", *CHECKED, *pages, *strict, silent=True)


@nox.session
def tests(session: nox.Session) -> None:
    """The harness's own tests (pure core, runner, plugin end to end)."""
    install(session, "tests")
    session.run("python", "-m", "pytest", "tests", *(session.posargs or ["-n", "auto"]))


@nox.session
def bench(session: nox.Session) -> None:
    """The catalog's wall time, serial and -n auto, against the measured floor of its process starts."""
    install(session, "cases")
    precompile(session)
    session.run("python", "bench/bench.py", *session.posargs)


@nox.session
def stability(session: nox.Session) -> None:
    """The whole catalog 10 times in a row: prints how many verdicts changed (0 is the bar)."""
    install(session, "cases")
    precompile(session)
    session.run("python", "bench/stability.py", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """Ruff, mypy (strict), and the CI workflows offline: zizmor's audits and the workflow schema."""
    install(session, "lint")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", "harness", "tests", "noxfile.py")
    session.run("mypy")
    session.run("zizmor", "--offline", ".github/workflows/")
    workflows = sorted(glob.glob(".github/workflows/*.yml"))  # session.run does not expand globs
    session.run("check-jsonschema", "--builtin-schema", "vendor.github-workflows", *workflows)
