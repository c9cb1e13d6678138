from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import psutil
import pytest

from harness import _runner
from harness._runner import run_probe

PROBES = """\
def _hang_with_an_escaping_grandchild(path):
    if os.fork() == 0:
        os.setsid()  # try to escape the probe's group and session
        open(path, "a").write(f"{os.getpid()}\\n")
        threading.Event().wait()
    open(path, "a").write(f"{os.getpid()}\\n")
    threading.Event().wait()

def _linger(path):
    open(path, "a").write(f"{os.getpid()}\\n")
    threading.Event().wait()

def _ready_then_linger(path, ready):
    open(path, "a").write(f"{os.getpid()}\\n")
    ready.set()
    threading.Event().wait()

def _orphan_and_return(path):
    if os.fork() == 0:
        _linger(path)
    os._exit(0)

@claim("demo.hangs", "s", topic="t", sources=[quote("001", "进程")], deadline=1.5)
def hangs(mp):
    mp.Process(target=_hang_with_an_escaping_grandchild, args=(os.environ["DEMO_PIDS"],)).start()
    threading.Event().wait()

@claim("demo.other", "s", topic="t", sources=[quote("001", "进程")])
def leaks(mp):
    p = mp.Process(target=_orphan_and_return, args=(os.environ["DEMO_PIDS"],))
    p.start(); p.join(5)
    return {"ok": True}

@claim("demo.fourth", "s", topic="t", sources=[quote("001", "进程")])
def misbehaves(mp):
    kind = os.environ["DEMO_KIND"]
    print("x" * 3_000_000)  # megabytes on stdout: only a tail is kept
    if kind == "raise": raise KeyError("boom")
    if kind == "crash": os.kill(os.getpid(), signal.SIGKILL)
    if kind == "nonjson": return {"when": object()}
    return {"fine": 1}

@claim("demo.fifth", "s", topic="t", sources=[quote("001", "进程")])
def kills_the_template(mp):
    import psutil
    supervisor = psutil.Process(os.getppid())
    os.kill(supervisor.ppid(), signal.SIGKILL)
    threading.Event().wait()

@claim("demo.sixth", "s", topic="t", sources=[quote("001", "进程")])
def kills_its_supervisor(mp):
    ready = mp.Event()
    mp.Process(target=_ready_then_linger, args=(os.environ["DEMO_PIDS"], ready)).start()
    ready.wait(10)
    open(os.environ["DEMO_PIDS"], "a").write(f"{os.getpid()}\\n")
    os.kill(os.getppid(), signal.SIGKILL)
    threading.Event().wait()

for c in (hangs, leaks, misbehaves, kills_the_template, kills_its_supervisor):
    c.judge(lambda facts, where: holds("x"))
    c.expect(expect("holds", "x"))
"""


@pytest.fixture(params=["template", "fresh"])
def mode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Supervisors forked from the template (Linux), or each a new interpreter (elsewhere)."""
    monkeypatch.setattr(_runner, "USE_TEMPLATE", request.param == "template")
    return str(request.param)


@pytest.fixture
def probes(catalog: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    pids = tmp_path / "pids.txt"
    pids.touch()
    monkeypatch.setenv("DEMO_PIDS", str(pids))
    catalog({"probes": PROBES})
    return pids


def run(name: str, method: str = "fork", tmp: Path | None = None) -> _runner.Run:
    assert tmp is not None
    return run_probe("cases.probes", name, method, deadline=10, catalog_parent=str(tmp))


def survivors(pids: Path) -> list[int]:
    found = [int(line) for line in pids.read_text().split()]
    assert found, "the probe never started its processes"
    return [p for p in found if psutil.pid_exists(p) and psutil.Process(p).status() != psutil.STATUS_ZOMBIE]


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_a_hung_probe_is_a_timeout_and_nothing_of_it_survives(
    probes: Path, tmp_path: Path, method: str, mode: str
) -> None:
    result = run_probe("cases.probes", "hangs", method, deadline=1.5, catalog_parent=str(tmp_path))
    assert result.status == "timeout"
    assert result.report["tree_at_deadline"], "the evidence shows the tree as it was at the deadline"
    assert len(probes.read_text().split()) == 2
    assert survivors(probes) == []


def test_an_orphan_left_running_is_reported_and_killed(probes: Path, tmp_path: Path, mode: str) -> None:
    result = run_probe("cases.probes", "leaks", "fork", deadline=10, catalog_parent=str(tmp_path))
    assert result.status == "ok"
    assert [p["pid"] for p in result.report["leaked"]] == [int(probes.read_text())]
    assert survivors(probes) == []


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("raise", ("error", "KeyError")),
        ("crash", ("crashed", "NoFacts")),
        ("nonjson", ("error", "TypeError")),
        ("fine", ("ok", None)),
    ],
)
def test_misbehaving_probes_get_their_own_status(
    probes: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str, expected: tuple[str, str | None]
) -> None:
    status, error = expected
    monkeypatch.setenv("DEMO_KIND", kind)
    result = run_probe("cases.probes", "misbehaves", "fork", deadline=10, catalog_parent=str(tmp_path))
    assert result.status == status
    assert (result.error or {}).get("type") == error
    assert result.stdout.startswith("[") and len(result.stdout) < 5000


def test_each_probe_gets_a_fresh_supervisor_forked_from_one_template(
    probes: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DEMO_KIND", "fine")
    first, second = (run("misbehaves", tmp=tmp_path) for _ in range(2))
    template = _runner._TEMPLATES[0][0].proc.pid
    assert first.status == second.status == "ok"
    assert first.report["supervisor_pid"] != second.report["supervisor_pid"]
    assert psutil.Process(template).children() == []


def test_a_probe_that_kills_the_template_crashes_alone(
    probes: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DEMO_KIND", "fine")
    killed = run("kills_the_template", tmp=tmp_path)
    assert killed.status == "crashed"
    assert run("misbehaves", tmp=tmp_path).status == "ok", "a new template serves the next probe"


def test_the_template_reaps_what_a_killed_supervisor_left(probes: Path, tmp_path: Path) -> None:
    result = run("kills_its_supervisor", tmp=tmp_path)
    assert result.status == "crashed"
    assert {s["pid"] for s in result.strays} == {int(p) for p in probes.read_text().split()}
    assert survivors(probes) == []


def test_no_process_of_this_test_session_is_left_but_the_idle_template(probes: Path) -> None:
    templates = {t.proc.pid for t, _ in _runner._TEMPLATES}
    mine = psutil.Process(os.getpid()).children(recursive=True)
    assert [p for p in mine if p.status() != psutil.STATUS_ZOMBIE and p.pid not in templates] == []


def test_a_disturbed_timing_run_is_repeated_and_the_set_aside_runs_kept(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    busy = {"wall_s": 0.2, "others_cpu_s": 0.15, "steal_s": 0.0, "disturbed": True}
    runs = iter([_runner.Run("ok", {"n": 1}, machine=busy), _runner.Run("ok", {"n": 2}, machine=None)])
    monkeypatch.setattr(_runner, "run_probe", lambda *a, **k: next(runs))
    monkeypatch.setattr(_runner, "wait_for_quiet", lambda: 0.0)
    run = _runner.run_undisturbed(3, "m", "n", "fork", deadline=1, catalog_parent=".")
    assert run.facts == {"n": 2} and not run.disturbed
    assert run.earlier == [{"facts": {"n": 1}, "machine": busy, "then_waited_s": 0.0}]
    assert run.evidence()["earlier_attempts"] == run.earlier


def test_attempts_end_at_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    busy = {"wall_s": 0.2, "others_cpu_s": 0.15, "steal_s": 0.0, "disturbed": True}
    monkeypatch.setattr(_runner, "run_probe", lambda *a, **k: _runner.Run("ok", {}, machine=busy))
    monkeypatch.setattr(_runner, "wait_for_quiet", lambda: 0.0)
    run = _runner.run_undisturbed(3, "m", "n", "fork", deadline=1, catalog_parent=".")
    assert run.disturbed and len(run.earlier) == 2


def test_a_run_records_what_else_the_machine_did(
    probes: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DEMO_KIND", "fine")
    machine = run("demo.fourth", tmp=tmp_path).machine
    assert machine is not None and set(machine) == {"wall_s", "others_cpu_s", "steal_s", "disturbed"}
