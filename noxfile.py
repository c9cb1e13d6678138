"""Sessions: `cases` runs the catalog on every Python here, `check` a tutorial's code, `tests`, `lint`."""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import subprocess

import nox

nox.options.default_venv_backend = "uv|virtualenv"  # uv when it is there: venvs in a fraction of the time
nox.options.sessions = ["cases", "tests", "lint"]

PYTHONS = ["3.10", "3.11", "3.12", "3.13", "3.14", "3.14t", "3.15", "pypy3.11"]  # 3.14t: free-threaded
PYPROJECT = nox.project.load_toml("pyproject.toml")
# Article 000's example under Python 2.7: the last releases with cp27 wheels. They go into a folder of
# their own (pip --target), put on the 2.7 run's PYTHONPATH, so the user's Python 2.7 is left as it is.
PY27_PACKAGES = ["opencv-python==4.2.0.32", "numpy==1.16.6"]


def install(session: nox.Session, *groups: str) -> None:
    """The project itself and the named dependency groups."""
    session.install("-e", ".")
    for group in groups:
        session.install(*nox.project.dependency_groups(PYPROJECT, group))


def precompile(session: nox.Session) -> None:
    """Bytecode for the harness, the catalog and the installed packages, under PYTHONDONTWRITEBYTECODE too."""
    # every spawn and forkserver child imports its case module: without a .pyc each one compiles the
    # module and the harness again (measured 15-25 ms a child on 3.13); cases/articles are the
    # articles' raw text, read by the tutorial checker, never imported
    skip = "articles"
    session.run("python", "-m", "compileall", "-q", "-x", skip, "harness", "cases", silent=True)
    # uv installs without bytecode and no import writes it then: every interpreter of a run (pytest, its
    # xdist workers, and each spawn child and fork server, whose case module imports psutil) compiled
    # psutil, pytest, execnet … from source (0.3 s of each pytest process's 0.6 s start-up, issue 17)
    where = "import sysconfig; print(*{sysconfig.get_path(p) for p in ('purelib', 'platlib')})"
    packages = str(session.run("python", "-c", where, silent=True)).split()
    # exit code 1: a file no import of this Python can load (a test fixture of some package); left as is
    session.run("python", "-m", "compileall", "-q", "-j0", *packages, silent=True, success_codes=[0, 1])


@nox.session(python=PYTHONS)
def cases(session: nox.Session) -> None:
    """Run the catalog under every start method; arguments after `--` go to pytest."""
    # no opencv or numpy wheels for free-threaded builds: article 000's example then reports cv2 missing
    install(session, *([] if _free_threaded(session) else ["cases"]))
    precompile(session)
    args = parallel(session.posargs)
    paths, env = default_path("cases", args), python27_site(session)
    session.run("python", "-m", "pytest", "-p", "no:cacheprovider", *paths, *args, env=env)


def parallel(args: list[str]) -> list[str]:
    """Pytest's arguments with `-n auto` added, unless they choose the workers or turn xdist off."""
    chosen = any(
        a.startswith(("-n", "--numprocesses")) or a.endswith("no:xdist") or a == "--dist" for a in args
    )
    return list(args) if chosen else ["-n", "auto", *args]


def default_path(folder: str, args: list[str]) -> list[str]:
    """`folder`, unless the arguments name paths of their own (then pytest runs only those)."""
    return [] if any(os.path.exists(a.split("::")[0]) for a in args) else [folder]


def python27_site(session: nox.Session) -> dict[str, str]:
    """Python 2.7, where there is one, and a folder with article 000's packages for it (made once)."""
    python = _python27()
    if not python:
        return {}  # the 2.7 runs are evidence only: without them the verdicts are the same
    site = os.path.abspath(os.path.join(session.cache_dir, "py27-site"))  # the probes run in scratch folders
    if not _installed(site) and not _install27(session, python, site):
        return {"MP_FACTCHECK_PY27": python}
    return {"MP_FACTCHECK_PY27": python, "MP_FACTCHECK_PY27_SITE": site}


def _python27() -> str:
    """The real interpreter behind `python2.7` on PATH; empty if none (or a pyenv shim that names none)."""
    found = shutil.which("python2.7")
    if not found:
        return ""
    ask = "import sys; print(sys.executable if sys.version_info[:2] == (2, 7) else '')"
    done = subprocess.run([found, "-c", ask], capture_output=True, text=True, check=False)
    return done.stdout.strip() if done.returncode == 0 else ""


def _installed(site: str) -> bool:
    stamp = os.path.join(site, "installed.txt")
    with contextlib.suppress(OSError), open(stamp, encoding="utf-8") as f:
        return f.read() == " ".join(PY27_PACKAGES)
    return False


def _install27(session: nox.Session, python: str, site: str) -> bool:
    """Install, with that 2.7's pip, PY27_PACKAGES into `site`; False (with a warning) where it cannot."""
    pip = [python, "-m", "pip", "install", "-q", "--disable-pip-version-check", "--upgrade", "--target", site]
    if subprocess.run([*pip, *PY27_PACKAGES], check=False).returncode != 0:
        session.warn(f"pip could not install {PY27_PACKAGES} for {python}: article 000 runs without them")
        return False
    with open(os.path.join(site, "installed.txt"), "w", encoding="utf-8") as f:
        f.write(" ".join(PY27_PACKAGES))
    return True


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
    args = parallel(session.posargs)
    session.run("python", "-m", "pytest", *default_path("tests", args), *args)


@nox.session
def bench(session: nox.Session) -> None:
    """The catalog's wall time, serial and -n auto, against the measured floor of its process starts."""
    install(session, "cases")
    if session.posargs[:1] == ["recognise"]:  # the recogniser's recall and precision, no timing
        session.run("python", "bench/recognise.py", *session.posargs[1:])
        return
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
