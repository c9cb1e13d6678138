"""The plugin end to end, in a pytest of its own (pytester), with and without xdist."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import pytest

from .conftest import HOLDS, IDS, write_catalog

WRONG = """\
@claim("demo.other", "Expected wrongly on purpose.", topic="demo", sources=[quote("001", "进程")])
def wrong(mp):
    return {"n": 2}

@wrong.judge
def _(facts, where):
    return refuted(f"n={facts['n']}")

wrong.expect(expect("holds", "a deliberate mismatch", method="spawn"))
"""

BAD_QUOTE = """\
@claim("demo.fourth", "Its quote is not in the article.", topic="demo", sources=[quote("001", "不存在的话")])
def bad(mp):
    return {}

@bad.judge
def _(facts, where):
    return holds("x")

bad.expect(expect("holds", "x"))
"""


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    write_catalog(pytester.path, {"demo": HOLDS, "wrong": WRONG, "bad": BAD_QUOTE})
    pytester.makeini("[pytest]\nharness_catalog = cases\n")
    return pytester


def results(pytester: pytest.Pytester) -> dict[str, object]:
    (path,) = (pytester.path / "results").glob("*.json")
    return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@pytest.mark.parametrize("xdist", [[], ["-n", "2"]], ids=["serial", "xdist"])
def test_items_results_and_matrix(project: pytest.Pytester, xdist: list[str]) -> None:
    run = project.runpytest_subprocess("cases", *xdist)
    outcomes = run.parseoutcomes()
    assert (outcomes["passed"], outcomes["failed"]) == (3, 4)  # demo.other: 1 mismatch, 2 new; the bad quote
    run.stdout.fnmatch_lines(["*expected holds on linux/cpython-*/spawn, observed refuted: n=2*"])
    run.stdout.fnmatch_lines(
        [
            "*claims × start methods on*",
            "demo.holds * holds * holds * holds",
            "demo.other * ?refuted * ✗refuted (exp. holds) * ?refuted",
            "*catalog error: bad.py: line 4: claim 'demo.fourth': sources: quote not found in article 001*",
        ]
    )
    data = results(project)
    assert data["schema"] == 1
    got = {(r["claim"], r["start_method"]): r for r in data["results"]}  # type: ignore[attr-defined]
    assert len(got) == 6
    assert got["demo.holds", "spawn"]["evidence"]["facts"] == {"exitcode": 0}
    assert got["demo.other", "fork"]["status"] == "new"
    assert any("quote not found" in e["message"] for e in data["collection_errors"])  # type: ignore[attr-defined]
    workers = {"main"} if not xdist else {"gw0", "gw1"}
    for r in got.values():  # when each item ran, on which worker, and when it held the probes' lock
        t = r["timing"]
        assert t["worker"] in workers and t["exclusive"] is False
        assert t["started"] <= t["lock_held"] <= t["lock_released"] <= t["ended"]
        assert t["lock_released"] - t["lock_held"] >= r["duration_s"] > 0
        supervised = r["evidence"]["run"]
        assert 0 < supervised["scenario_s"] <= supervised["duration_s"]  # then the helpers' grace


def test_k_selects_by_claim_or_method(project: pytest.Pytester) -> None:
    run = project.runpytest_subprocess("cases", "-k", "demo.holds and spawn", "--collect-only", "-q")
    run.stdout.fnmatch_lines(["cases/demo.py::demo.holds[[]spawn[]]", "*1/* tests collected*"])


def test_a_broken_module_is_one_line_and_the_rest_runs(project: pytest.Pytester) -> None:
    (project.path / "cases" / "syntax.py").write_text("def (:\n")
    run = project.runpytest_subprocess("cases", "-p", "no:randomly", "--methods", "fork")
    run.stdout.fnmatch_lines(["*cases/syntax.py: line 1: SyntaxError*"])
    assert run.parseoutcomes()["passed"] == 1
    assert any("syntax.py" in e["file"] for e in results(project)["collection_errors"])  # type: ignore[attr-defined]


def test_a_method_the_platform_lacks_is_a_not_applicable_item(project: pytest.Pytester) -> None:
    project.makeconftest(
        "import multiprocessing\n"
        "multiprocessing.get_all_start_methods = lambda: ['spawn']\n"  # a platform with spawn only
    )
    project.runpytest_subprocess("cases/demo.py")
    verdicts = {r["start_method"]: r["verdict"] for r in results(project)["results"]}  # type: ignore[attr-defined]
    assert verdicts == {"fork": "not-applicable", "spawn": "holds", "forkserver": "not-applicable"}


def test_the_tests_folder_alone_does_not_activate_the_fact_checker(pytester: pytest.Pytester) -> None:
    write_catalog(pytester.path, {"demo": HOLDS})
    pytester.makeini("[pytest]\nharness_catalog = cases\n")
    pytester.makepyfile(test_x="def test_x(): pass")
    run = pytester.runpytest_subprocess("test_x.py")
    assert "claims × start methods" not in run.stdout.str()
    assert not (pytester.path / "results").exists()


def test_results_path_option(project: pytest.Pytester) -> None:
    project.runpytest_subprocess("cases/demo.py", "--results", "out/r.json", "--methods", "fork")
    assert Path(project.path / "out" / "r.json").is_file()


TIMED = """\
@claim("demo.holds", "It takes a tenth of a second of CPU.", topic="demo",
       sources=[quote("001", "进程的退出码是负数")], exclusive=True)
def timed(mp):
    end = time.process_time() + 0.1
    while time.process_time() < end:
        pass
    return {"n": 1}

@timed.judge
def _(facts, where):
    return holds("it ran")

timed.expect(expect("holds", "it runs"))
"""


@pytest.fixture
def busy_cpus() -> Iterator[list[subprocess.Popen[bytes]]]:
    """One busy loop per usable CPU, for as long as the test runs."""
    loops = [
        subprocess.Popen([sys.executable, "-c", "while True: pass"])
        for _ in range(len(os.sched_getaffinity(0)))
    ]
    try:
        yield loops
    finally:
        for loop in loops:
            loop.kill()
            loop.wait()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="sched_getaffinity and /proc/stat")
def test_a_timing_claim_on_a_busy_machine_is_tried_three_times_then_inconclusive(
    pytester: pytest.Pytester, busy_cpus: list[subprocess.Popen[bytes]]
) -> None:
    write_catalog(pytester.path, {"demo": TIMED})
    pytester.makeini("[pytest]\nharness_catalog = cases\n")
    run = pytester.runpytest_subprocess("cases", "--methods", "fork", "-rs")
    assert run.parseoutcomes() == {"skipped": 1}
    run.stdout.fnmatch_lines(
        ["*inconclusive: other work on the machine took CPU time during all 3 attempts*"]
    )
    run.stdout.fnmatch_lines(["demo.holds * ≈inconclusive"])
    (result,) = cast("list[dict[str, Any]]", results(pytester)["results"])
    assert (result["verdict"], result["status"]) == ("inconclusive", "inconclusive")
    assert result["evidence"]["judged"]["verdict"] == "holds"
    machine = result["evidence"]["run"]["machine"]
    assert machine["disturbed"] and machine["others_cpu_s"] > 0.03
    assert len(result["evidence"]["run"]["earlier_attempts"]) == 2


def by_item(pytester: pytest.Pytester) -> dict[tuple[str, str], dict[str, Any]]:
    data = results(pytester)
    return {(r["claim"], r["start_method"]): r for r in cast("list[dict[str, Any]]", data["results"])}


def test_a_narrowed_run_updates_its_items_and_keeps_the_others(project: pytest.Pytester) -> None:
    project.runpytest_subprocess("cases/demo.py", "cases/wrong.py")
    full = by_item(project)
    run = project.runpytest_subprocess("cases", "-k", "demo.holds and spawn")
    run.stdout.fnmatch_lines(["results: *.json (mixes 2 runs (judged 20*Z … 20*Z))"])
    after = by_item(project)
    assert set(after) == set(full) and len(after) == 6
    changed = {k for k in after if after[k]["judged_at"] != full[k]["judged_at"]}
    assert changed == {("demo.holds", "spawn")}
    assert after["demo.holds", "spawn"]["run"] != full["demo.holds", "fork"]["run"]
    assert after["demo.holds", "spawn"]["harness_version"] == "0.1.0"
    assert results(project)["complete"] is True
    report = subprocess.run(
        [sys.executable, "-m", "harness", "--catalog", "cases", "report", "results"],
        cwd=project.path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert "demo.holds" in report.stdout and "demo.other" in report.stdout
    assert "⚠ linux-" in report.stdout and ": mixes 2 runs" in report.stdout


def test_fresh_starts_the_results_file_over(project: pytest.Pytester) -> None:
    project.runpytest_subprocess("cases/demo.py", "cases/wrong.py")
    project.runpytest_subprocess("cases", "-k", "demo.holds and spawn", "--fresh")
    assert list(by_item(project)) == [("demo.holds", "spawn")]
    assert len(cast("list[Any]", results(project)["runs"])) == 1


def test_a_broken_results_file_stops_the_run_with_one_line_and_stays(project: pytest.Pytester) -> None:
    project.runpytest_subprocess("cases/demo.py", "--results", "r.json", "--methods", "fork")
    (project.path / "r.json").write_text("{")
    run = project.runpytest_subprocess("cases/demo.py", "--results", "r.json", "--methods", "fork")
    assert run.ret == pytest.ExitCode.USAGE_ERROR
    run.stderr.fnmatch_lines(["ERROR: r.json: not JSON (*)"])
    assert (project.path / "r.json").read_text() == "{"


def test_collect_only_leaves_the_results_alone(project: pytest.Pytester) -> None:
    project.runpytest_subprocess("cases", "--collect-only")
    assert not (project.path / "results").exists()


def test_items_run_longest_first_by_their_last_run_and_timing_claims_last(pytester: pytest.Pytester) -> None:
    timed = TIMED.replace("demo.holds", "demo.timed")
    write_catalog(pytester.path, {"aa": timed, "demo": HOLDS, "wrong": WRONG}, (*IDS, "demo.timed"))
    pytester.makeini("[pytest]\nharness_catalog = cases\n")
    pytester.runpytest_subprocess("cases", "--methods", "fork")
    (path,) = (pytester.path / "results").glob("*.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    seconds = {"demo.timed": 9.0, "demo.holds": 0.5, "demo.other": 2.0}
    for r in data["results"]:
        r["duration_s"] = seconds[r["claim"]]
    path.write_text(json.dumps(data), encoding="utf-8")
    run = pytester.runpytest_subprocess("cases", "--methods", "fork,spawn", "--collect-only", "-q")
    order = [line.split("::")[1] for line in run.outlines if "::" in line]
    assert order == [  # never run (spawn) first, in their collection order; then the longest; timing last
        "demo.holds[spawn]",
        "demo.other[spawn]",
        "demo.other[fork]",
        "demo.holds[fork]",
        "demo.timed[spawn]",
        "demo.timed[fork]",
    ]
    run = pytester.runpytest_subprocess("cases", "--methods", "fork,spawn", "-n", "2")
    outcomes = run.parseoutcomes()  # a busy machine makes the timing claim inconclusive (skipped)
    assert outcomes.get("passed", 0) + outcomes.get("skipped", 0) == 4  # each worker collected one order
    ran = sorted(
        cast("list[dict[str, Any]]", results(pytester)["results"]), key=lambda r: r["timing"]["started"]
    )
    timed_at = [r["timing"]["started"] for r in ran if r["claim"] == "demo.timed"]
    assert all(r["timing"]["started"] < min(timed_at) for r in ran[:2])  # each worker began with a shared one


@pytest.mark.parametrize(
    ("dist", "chunk", "after"), [("load", None, 1), ("load", 8, 8), ("no", None, None), ("each", None, None)]
)
def test_xdist_load_hands_out_one_item_at_a_time_unless_told(
    dist: str, chunk: int | None, after: int | None
) -> None:
    from types import SimpleNamespace

    from harness._plugin import _hand_out_one_by_one

    config = SimpleNamespace(option=SimpleNamespace(dist=dist, maxschedchunk=chunk))
    _hand_out_one_by_one(config)  # type: ignore[arg-type]
    assert config.option.maxschedchunk == after
