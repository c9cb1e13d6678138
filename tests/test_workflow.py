"""The CI workflow, .github/workflows/cases.yml: its matrix, pins, commands, and offline checks."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
WORKFLOW = WORKFLOWS / "cases.yml"
OSES = {"ubuntu-latest", "macos-latest", "windows-latest"}

# `uses: owner/repo[/path]@<40-hex commit> # v1.2.3`: a full SHA, and the tag it was in a comment
USES = re.compile(r"^\s*(?:-\s+)?uses:")
PINNED = re.compile(
    USES.pattern + r"\s+(?P<action>[\w.-]+/[\w./-]+)@(?P<sha>[0-9a-f]{40})\s+# v\d+(\.\d+)*\s*$"
)
# an environment variable in a script, in bash, cmd or PowerShell spelling, optionally quoted
ENV_VAR = re.compile(r'"?(?:\$\{(\w+)\}|\$env:(\w+)|\$([A-Za-z_]\w*)|%(\w+)%)"?')
# what follows a command on its line: `|| x`, `&& y`, `| z`, `> f`, `# ...`
SHELL_TAIL = re.compile(r"\s+(?:\|\||&&|[|;>#]).*$")


def workflow(path: Path = WORKFLOW) -> dict[str, Any]:
    """The workflow as data (PyYAML reads the key `on` as True: YAML 1.1)."""
    doc: dict[Any, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in doc:
        doc["on"] = doc.pop(True)
    return doc


def nox_pythons() -> list[str]:
    """`PYTHONS` of noxfile.py, read from its source (importing it needs nox and the project folder)."""
    tree = ast.parse((ROOT / "noxfile.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and "PYTHONS" in [getattr(t, "id", None) for t in node.targets]:
            value: list[str] = ast.literal_eval(node.value)
            return value
    raise AssertionError("noxfile.py has no PYTHONS = [...]")


def steps(doc: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every step of every job, with its job's id."""
    for job_id, job in doc["jobs"].items():
        for step in job.get("steps", []):
            yield job_id, step


def normalised(line: str) -> str:
    """A script line as the README would write it: `"$PYTHON"` → `<python>`, shell tails cut."""

    def placeholder(m: re.Match[str]) -> str:
        name = next(g for g in m.groups() if g)
        return f"<{name.lower().replace('_', '-')}>"

    return ENV_VAR.sub(placeholder, SHELL_TAIL.sub("", line.strip()))


def ci_commands(doc: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """The `nox` and `python -m harness` command lines of the run steps, normalised, with their steps."""
    found = []
    for _, step in steps(doc):
        for line in step.get("run", "").splitlines():
            if line.strip().startswith(("nox ", "python -m harness ")):
                found.append((normalised(line), step))
    return found


def readme_commands(readme: Path = ROOT / "README.md") -> set[str]:
    """The command lines README.md shows: each code-block line and inline code span, comments cut."""
    text = readme.read_text(encoding="utf-8")
    blocks = re.findall(r"^```[^\n]*\n(.*?)^```", text, flags=re.M | re.S)
    lines = [line for block in blocks for line in block.splitlines()]
    spans = re.findall(r"`([^`\n]+)`", re.sub(r"^```.*?^```", "", text, flags=re.M | re.S))
    return {re.sub(r"\s+#.*$", "", s).strip() for s in lines + spans} - {""}


# -- (a) the matrix and the hardening -------------------------------------------------------------


def test_the_matrix_is_every_os_by_every_nox_python() -> None:
    cases = workflow()["jobs"]["cases"]
    matrix = cases["strategy"]["matrix"]
    assert set(matrix["os"]) == OSES
    assert matrix["python"] == nox_pythons()  # the same names, in the same order: `-p` takes them as they are
    assert "3.14t" in matrix["python"]
    assert cases["strategy"]["fail-fast"] is False
    assert cases["runs-on"] == "${{ matrix.os }}"


def test_each_cell_sets_up_its_python_with_prereleases_and_a_stable_one_for_nox() -> None:
    setups = [s for job, s in steps(workflow()) if job == "cases" and "setup-python" in s.get("uses", "")]
    assert len(setups) == 2
    cell, host = setups
    assert cell["with"] == {"python-version": "${{ matrix.python }}", "allow-prereleases": True}
    assert host["with"]["python-version"] == "3.12"


def test_every_job_has_a_timeout() -> None:
    for job_id, job in workflow()["jobs"].items():
        minutes = job.get("timeout-minutes")
        assert isinstance(minutes, int) and 0 < minutes <= 120, job_id


def test_every_action_is_pinned_by_a_full_sha_with_its_version_in_a_comment() -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if USES.match(line)]
    used = [s["uses"] for _, s in steps(workflow()) if "uses" in s]
    assert len(lines) == len(used) >= 4
    pins: dict[str, set[str]] = {}
    for line in lines:
        m = PINNED.match(line)
        assert m, f"not pinned by a 40-hex SHA with a `# vX.Y.Z` comment: {line.strip()}"
        pins.setdefault(m["action"], set()).add(m["sha"])
    assert set(pins) == {
        "actions/checkout",
        "actions/setup-python",
        "actions/upload-artifact",
        "actions/download-artifact",
    }
    assert all(len(shas) == 1 for shas in pins.values()), pins  # one version of each action


def test_no_expression_is_expanded_inside_a_script() -> None:
    for job_id, step in steps(workflow()):
        assert "${{" not in step.get("run", ""), f"{job_id}: {step.get('name', step['run'])}"


def test_least_privilege_no_persisted_credentials_and_superseded_runs_cancelled() -> None:
    doc = workflow()
    assert doc["permissions"] == {"contents": "read"}
    assert all("permissions" not in job for job in doc["jobs"].values())
    checkouts = [s for _, s in steps(doc) if s.get("uses", "").startswith("actions/checkout@")]
    assert len(checkouts) == len(doc["jobs"])
    assert all(s["with"]["persist-credentials"] is False for s in checkouts)
    assert doc["concurrency"]["cancel-in-progress"] is True
    assert "github.ref" in doc["concurrency"]["group"]
    assert set(doc["on"]) == {"push", "pull_request", "workflow_dispatch", "schedule"}
    assert len(doc["on"]["schedule"][0]["cron"].split()) == 5
    assert doc["defaults"]["run"]["shell"] == "bash"  # one script language on all three runners


def test_each_cell_uploads_its_results_under_its_own_name_even_when_it_failed() -> None:
    doc = workflow()
    uploads = [s for job, s in steps(doc) if job == "cases" and "upload-artifact" in s.get("uses", "")]
    assert len(uploads) == 1
    assert uploads[0]["if"] == "always()"
    assert uploads[0]["with"]["path"] == "results/*.json"
    name = uploads[0]["with"]["name"]
    assert "${{ matrix.os }}" in name and "${{ matrix.python }}" in name


def test_the_summary_merges_every_cell_and_uploads_before_it_fails() -> None:
    doc = workflow()
    summary = doc["jobs"]["summary"]
    assert summary["needs"] == "cases"
    assert summary["if"] == "always()"
    names = [s.get("uses", "").split("@")[0] or s.get("run", "").strip() for s in summary["steps"]]
    download = next(s for s in summary["steps"] if "download-artifact" in s.get("uses", ""))
    assert download["with"]["merge-multiple"] is True
    assert download["with"]["path"] == "results/"
    report = next(s for s in summary["steps"] if "python -m harness report" in s.get("run", ""))
    assert "GITHUB_STEP_SUMMARY" in report["run"]
    assert report["run"].rstrip().endswith('exit "$status"')  # the report's own status, after the summary
    after = summary["steps"][summary["steps"].index(report) + 1 :]
    assert [s["if"] for s in after if "upload-artifact" in s.get("uses", "")] == ["always()"]
    assert names.index("actions/download-artifact") < names.index("actions/upload-artifact")


# -- (b) the workflow runs the README's commands --------------------------------------------------


def test_the_workflow_runs_the_readme_commands() -> None:
    commands = ci_commands(workflow())
    assert {c.split()[0:3][-1] for c, _ in commands} >= {"cases", "harness"}, commands
    shown = readme_commands()
    missing = [c for c, _ in commands if c not in shown]
    assert not missing, f"README.md shows no line for the CI commands {missing}"


def test_the_cell_passes_its_own_python_to_nox() -> None:
    commands = ci_commands(workflow())
    nox = [(c, s) for c, s in commands if c.startswith("nox -s cases")]
    assert [c for c, _ in nox] == ["nox -s cases -p <python>"]
    assert nox[0][1]["env"] == {"PYTHON": "${{ matrix.python }}"}


def test_normalising_reads_every_shell_spelling_of_a_variable() -> None:
    for line in ['nox -s cases -p "$PYTHON"', "nox -s cases -p ${PYTHON}", "nox -s cases -p %PYTHON%"]:
        assert normalised(line) == "nox -s cases -p <python>"
    assert normalised("nox -s cases -p $env:PYTHON  # a comment") == "nox -s cases -p <python>"
    assert normalised("python -m harness report results/ || status=$?") == "python -m harness report results/"


def test_readme_commands_are_code_lines_and_spans_without_their_comments(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(
        "Run `nox -s lint` first.\n\n```sh\nnox -s cases -p <python>      # one cell\n\n"
        "python -m harness report results/\n```\n",
        encoding="utf-8",
    )
    shown = {"nox -s lint", "nox -s cases -p <python>", "python -m harness report results/"}
    assert readme_commands(readme) == shown


# -- (c) the offline checks fail a broken copy and pass the real one ------------------------------


def tool(name: str) -> str:
    """The tool from this interpreter's venv (the nox session's), else from PATH; skip when missing."""
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed: it comes with the `tests` and `lint` groups (`nox -s tests`)")
    return found


def check(name: str, path: Path) -> subprocess.CompletedProcess[str]:
    """Run one offline check on a workflow file or folder; never reaches the network."""
    args = {
        "zizmor": ["--offline"],
        "check-jsonschema": ["--builtin-schema", "vendor.github-workflows"],
    }[name]
    return subprocess.run(
        [tool(name), *args, str(path)], capture_output=True, text=True, timeout=300, cwd=ROOT, check=False
    )


def unpinned(text: str) -> str:
    """The first checkout by a moving tag instead of its SHA."""
    return re.sub(r"actions/checkout@[0-9a-f]{40}[^\n]*", "actions/checkout@v4", text, count=1)


def injected(text: str) -> str:
    """A pull request's title expanded into a script: code injection."""
    return text.replace('nox -s cases -p "$PYTHON"', "echo ${{ github.event.pull_request.title }}", 1)


def misspelt(text: str) -> str:
    """The first `runs-on` spelt `run-on`: a job the schema does not allow."""
    return re.sub(r"^(\s+)runs-on:", r"\1run-on:", text, count=1, flags=re.M)


@pytest.mark.parametrize("name", ["zizmor", "check-jsonschema"])
def test_the_real_workflows_pass(name: str) -> None:
    target = WORKFLOWS if name == "zizmor" else WORKFLOW  # zizmor as the lint session runs it: the folder
    result = check(name, target)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("name", "breaks", "says"),
    [
        ("zizmor", unpinned, "unpinned-uses"),
        ("zizmor", injected, "template-injection"),
        ("check-jsonschema", misspelt, "'runs-on' is a required property"),
    ],
    ids=["zizmor-unpinned", "zizmor-injection", "schema-runs-on-misspelt"],
)
def test_a_broken_copy_fails(name: str, breaks: Callable[[str], str], says: str, tmp_path: Path) -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    broken = breaks(text)
    assert broken != text
    copy = tmp_path / ".github" / "workflows" / "cases.yml"
    copy.parent.mkdir(parents=True)
    copy.write_text(broken, encoding="utf-8")
    result = check(name, copy)
    assert result.returncode != 0, result.stdout + result.stderr
    assert says in result.stdout + result.stderr
