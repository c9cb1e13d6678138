"""Installed, not only cloned: the wheel carries the catalog (harness/_cases); `mp-factcheck check` works."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = (
    "# Exit codes\n\nAfter terminate() the exitcode is negative.\n\n"
    "```python\nimport multiprocessing\nprint('hi')\n```\n"
)


def _run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, timeout=300, check=False, cwd=cwd
    )


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the built wheel in it (its dependencies seen from this one's site-packages)."""
    uv = shutil.which("uv")
    if uv is None:
        pytest.skip("uv builds and installs the wheel")
    where = tmp_path_factory.mktemp("wheel")
    built = _run(uv, "build", "--wheel", "-o", where / "dist", ROOT)
    assert built.returncode == 0, built.stderr
    venv = where / "venv"
    assert _run(sys.executable, "-m", "venv", "--without-pip", venv).returncode == 0
    python = venv / "bin" / "python"
    site = Path(
        _run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").stdout.strip()
    )
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")  # a path, not its .pth files
    (wheel,) = (where / "dist").glob("*.whl")
    done = _run(uv, "pip", "install", "--no-deps", "--python", python, wheel)
    assert done.returncode == 0, done.stderr
    return venv


def test_the_catalog_is_inside_the_package_and_no_top_level_cases(installed: Path) -> None:
    python = installed / "bin" / "python"
    site = Path(
        _run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").stdout.strip()
    )
    top = {p.name for p in site.iterdir() if not p.name.endswith((".pth", ".dist-info"))}
    assert "harness" in top
    assert "cases" not in top
    assert (site / "harness" / "_cases" / "CLAIMS.md").is_file()


def test_mp_factcheck_check_recognises_and_judges_from_the_installed_catalog(
    installed: Path, tmp_path: Path
) -> None:
    (tmp_path / "t.md").write_text(ARTICLE)
    done = _run(installed / "bin" / "mp-factcheck", "check", "t.md", "--methods", "spawn", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "1 claim recognised and judged, 1 example run" in done.stdout
    assert "claim terminate.exitcode-negative line 3: spawn ✓ holds" in done.stdout  # probed now, spawned
