"""Sessions: `cases` runs the catalog on every Python here, `tests` the harness's tests, `lint` the checks."""

from __future__ import annotations

import os

import nox

nox.options.default_venv_backend = "uv|virtualenv"  # uv when it is there: venvs in a fraction of the time
nox.options.sessions = ["cases", "tests", "lint"]

PYTHONS = ["3.10", "3.11", "3.12", "3.13", "3.14", "3.15", "pypy3.11"]
PYPROJECT = nox.project.load_toml("pyproject.toml")


def install(session: nox.Session, *groups: str) -> None:
    """The project itself and the named dependency groups."""
    session.install("-e", ".")
    for group in groups:
        session.install(*nox.project.dependency_groups(PYPROJECT, group))


@nox.session(python=PYTHONS)
def cases(session: nox.Session) -> None:
    """Run the catalog under every start method; arguments after `--` go to pytest."""
    install(session, "cases")
    args = session.posargs or ["-n", "auto"]
    paths = [] if any(os.path.exists(a.split("::")[0]) for a in args) else ["cases"]
    session.run("python", "-m", "pytest", "-p", "no:cacheprovider", *paths, *args)


@nox.session
def tests(session: nox.Session) -> None:
    """The harness's own tests (pure core, runner, plugin end to end)."""
    install(session, "tests")
    session.run("python", "-m", "pytest", "tests", *(session.posargs or ["-n", "auto"]))


@nox.session
def lint(session: nox.Session) -> None:
    """Ruff and mypy (strict)."""
    install(session, "lint")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", "harness", "tests", "noxfile.py")
    session.run("mypy")
